"""RSS and Atom feeds of news and of legal documents: what they list, and what never."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale

from articles.factories import (
    ArticlePageFactory,
    BylineFactory,
    CategoryFactory,
    DirectivePageFactory,
)
from articles.feeds import FEED_ITEMS
from tests.hidden_pages import HIDDEN_STATES, make_hidden

# The tests add pages to the small site and read the feeds: its sections are built once.
pytestmark = pytest.mark.usefixtures("site_built_once")

ATOM = "{http://www.w3.org/2005/Atom}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
FRONTEND = "https://stp.soctrang.gov.vn"


@pytest.fixture(autouse=True)
def frontend_and_fresh_cache():
    cache.clear()
    with override_settings(FRONTEND_BASE_URL=FRONTEND):
        yield


def rss_items(client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return ET.fromstring(response.content).findall("./channel/item")


def rss_titles(client, url: str) -> list[str]:
    return [item.findtext("title") for item in rss_items(client, url)]


def atom_entries(client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def on(day: int) -> datetime.date:
    return datetime.date(2024, 3, day)


# --- News --------------------------------------------------------------------------------


def test_news_feed_lists_articles_newest_first(client, news_section):
    ArticlePageFactory(parent=news_section, title="Cũ", display_date=on(1))
    ArticlePageFactory(parent=news_section, title="Mới", display_date=on(5))
    assert rss_titles(client, "/feeds/news.rss") == ["Mới", "Cũ"]


def test_news_item_links_to_the_frontend_and_carries_the_lead(client, news_section):
    ArticlePageFactory(parent=news_section, title="Hội nghị", slug="hoi-nghi", lead="Sáng nay…")
    item = rss_items(client, "/feeds/news.rss")[0]
    assert item.findtext("link") == f"{FRONTEND}/tin-tuc/hoi-nghi/"
    assert item.findtext("description") == "Sáng nay…"


def test_news_item_names_its_byline_and_categories(client, news_section):
    category = CategoryFactory(name="Phổ biến pháp luật")
    page = ArticlePageFactory(parent=news_section, byline=BylineFactory(name="Phòng PBGDPL"))
    page.categories.add(category)
    page.save_revision().publish()
    item = rss_items(client, "/feeds/news.rss")[0]
    assert item.findtext(f"{DUBLIN_CORE}creator") == "Phòng PBGDPL"
    assert [c.text for c in item.findall("category")] == ["Phổ biến pháp luật"]


def test_news_item_date_is_the_date_readers_see(client, news_section):
    ArticlePageFactory(parent=news_section, display_date=on(3))
    pubdate = rss_items(client, "/feeds/news.rss")[0].findtext("pubDate")
    assert pubdate.startswith("Sun, 03 Mar 2024")


def test_news_feed_is_also_atom(client, news_section):
    ArticlePageFactory(parent=news_section, title="Hội nghị", slug="hoi-nghi")
    entry = atom_entries(client, "/feeds/news.atom")[0]
    assert entry.findtext(f"{ATOM}title") == "Hội nghị"
    assert entry.find(f"{ATOM}link").get("href") == f"{FRONTEND}/tin-tuc/hoi-nghi/"


def test_news_feed_holds_the_latest_few(client, news_section):
    for n in range(FEED_ITEMS + 2):
        ArticlePageFactory(parent=news_section, display_date=on(1) + datetime.timedelta(days=n))
    assert len(rss_items(client, "/feeds/news.rss")) == FEED_ITEMS


def test_news_feed_leaves_out_directives(client, news_section, directive_register):
    ArticlePageFactory(parent=news_section, title="Tin")
    DirectivePageFactory(parent=directive_register, title="Chỉ thị")
    assert rss_titles(client, "/feeds/news.rss") == ["Tin"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_news_feed_leaves_out_a_hidden_article(client, news_section, state):
    ArticlePageFactory(parent=news_section, title="Công khai")
    make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    assert rss_titles(client, "/feeds/news.rss") == ["Công khai"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_atom_news_feed_leaves_out_a_hidden_article(client, news_section, state):
    make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    assert atom_entries(client, "/feeds/news.atom") == []


# --- Legal documents ----------------------------------------------------------------------


def test_legal_feed_lists_documents_by_issue_date_with_their_number(client, directive_register):
    DirectivePageFactory(
        parent=directive_register, title="Về tăng cường", number="05-CT/TU", issue_date=on(2)
    )
    DirectivePageFactory(
        parent=directive_register, title="Về phổ biến", number="07-CT/TU", issue_date=on(9)
    )
    assert rss_titles(client, "/feeds/legal.rss") == [
        "07-CT/TU — Về phổ biến",
        "05-CT/TU — Về tăng cường",
    ]


def test_legal_item_carries_the_abstract_and_document_type(client, directive_register):
    DirectivePageFactory(parent=directive_register, abstract="Trích yếu nội dung văn bản.")
    item = rss_items(client, "/feeds/legal.rss")[0]
    assert item.findtext("description") == "Trích yếu nội dung văn bản."
    assert item.findtext("category")  # the document type's name


def test_legal_feed_is_also_atom(client, directive_register):
    DirectivePageFactory(parent=directive_register, title="Về phổ biến", number="07-CT/TU")
    entry = atom_entries(client, "/feeds/legal.atom")[0]
    assert entry.findtext(f"{ATOM}title") == "07-CT/TU — Về phổ biến"


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_legal_feed_leaves_out_a_hidden_document(client, directive_register, state):
    DirectivePageFactory(parent=directive_register, title="Công khai", number="")
    make_hidden(state, DirectivePageFactory, directive_register, title="Ẩn", number="", slug="an")
    assert rss_titles(client, "/feeds/legal.rss") == ["Công khai"]


# --- Languages ------------------------------------------------------------------------------


def test_a_feed_in_another_language_lists_that_languages_pages(client, news_section):
    english = Locale.objects.get_or_create(language_code="en")[0]
    ArticlePageFactory(parent=news_section, title="Tin tiếng Việt", slug="tin")
    home_en = news_section.get_parent().specific.copy_for_translation(english)
    home_en.save_revision().publish()
    news_en = news_section.copy_for_translation(english)
    news_en.save_revision().publish()
    ArticlePageFactory(parent=news_en, title="English news", slug="english-news")
    assert rss_titles(client, "/feeds/news.rss?locale=en") == ["English news"]
    assert rss_titles(client, "/feeds/news.rss") == ["Tin tiếng Việt"]


def test_an_unknown_language_is_a_400_listing_the_valid_ones(client, home_page):
    response = client.get("/feeds/news.rss", {"locale": "fr"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "vi" in response.json()["detail"]
