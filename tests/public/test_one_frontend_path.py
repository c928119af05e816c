"""One page, one frontend path: the pages API, the sitemap and the feeds all give the
English version of a page as /en/… (public.paths), on FRONTEND_BASE_URL where a full URL
is wanted (#14 item 6)."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale, Page

from articles.factories import ArticlePageFactory

FRONTEND = "https://stp.soctrang.gov.vn"
PATH = "/en/tin-tuc/hoa-giai/"


def translate(page: Page, locale: Locale, title: str) -> Page:
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture(autouse=True)
def frontend_and_fresh_cache():
    cache.clear()
    with override_settings(FRONTEND_BASE_URL=FRONTEND):
        yield


@pytest.fixture
def english_article(home_page, news_section) -> Page:
    english = Locale.objects.get_or_create(language_code="en")[0]
    article = ArticlePageFactory(parent=news_section, slug="hoa-giai")
    translate(home_page, english, "Department of Justice")
    translate(news_section, english, "News")
    return translate(article, english, "Grassroots mediation")


def test_pages_api_lists_the_english_page_at_its_prefixed_path(client, english_article):
    response = client.get("/api/pages/", {"type": "articles.ArticlePage", "locale": "en"})
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["url"] == PATH
    detail = client.get(f"/api/pages/{english_article.pk}/").json()
    assert detail["url"] == PATH


def test_sitemap_gives_the_english_page_at_its_prefixed_path(client, english_article):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{FRONTEND}{PATH}</loc>" in xml


def test_feed_links_the_english_page_at_its_prefixed_path(client, english_article):
    response = client.get("/feeds/news.rss", {"locale": "en"})
    assert response.status_code == 200
    links = [item.findtext("link") for item in ET.fromstring(response.content).iter("item")]
    assert links == [f"{FRONTEND}{PATH}"]
