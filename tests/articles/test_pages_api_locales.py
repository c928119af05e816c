"""Pages in several languages through the pages API: links between versions, fallback."""

import pytest
from django.test import override_settings

from articles.factories import ArticlePageFactory
from tests.articles.pages_api import get


def translate(page, locale, title: str):
    """A published translation, as wagtail-localize's sync would create."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(parent=news_section, title="Hòa giải ở cơ sở", slug="hoa-giai")


@pytest.fixture
def translated(home_page, news_section, article, english):
    translate(home_page, english, "Department of Justice")
    translate(news_section, english, "News")
    return translate(article, english, "Grassroots mediation")


def test_each_version_links_the_other(client, article, translated):
    vietnamese = get(client, f"/api/pages/{article.pk}/").json()
    assert vietnamese["meta"]["translations"] == [
        {
            "locale": "en",
            "id": translated.pk,
            "title": "Grassroots mediation",
            "url": "/en/tin-tuc/hoa-giai/",
        }
    ]
    english = get(client, f"/api/pages/{translated.pk}/").json()
    assert [t["id"] for t in english["meta"]["translations"]] == [article.pk]
    assert english["meta"]["locale"] == "en"


def test_locale_parameter_returns_that_version(client, article, translated):
    data = get(client, f"/api/pages/{article.pk}/", locale="en").json()
    assert data["id"] == translated.pk
    assert data["meta"]["is_fallback"] is False


def test_find_by_path_with_a_language_prefix(client, translated):
    data = get(client, "/api/pages/find/", path="/en/tin-tuc/hoa-giai/").json()
    assert data["id"] == translated.pk


def test_list_filtered_by_locale(client, article, translated):
    items = get(client, "/api/pages/", type="articles.ArticlePage", locale="en").json()["items"]
    assert [item["id"] for item in items] == [translated.pk]


def test_missing_translation_falls_back_to_vietnamese_with_a_flag(client, article, english):
    data = get(client, f"/api/pages/{article.pk}/", locale="en").json()
    assert data["id"] == article.pk
    assert data["meta"]["is_fallback"] is True


@override_settings(API_TRANSLATION_FALLBACK="404")
def test_missing_translation_is_404_when_fallback_is_off(client, article, english):
    assert get(client, f"/api/pages/{article.pk}/", locale="en").status_code == 404


def test_an_unpublished_translation_is_not_linked(client, article, translated):
    translated.unpublish()
    assert get(client, f"/api/pages/{article.pk}/").json()["meta"]["translations"] == []


def test_translated_page_shows_reference_lists_in_its_language(
    client, news_section, english, home_page
):
    from articles.factories import BylineFactory, CategoryFactory

    byline = BylineFactory(name="Phòng PBGDPL")
    category = CategoryFactory(name="Phổ biến pháp luật", slug="pho-bien")
    byline_en = byline.copy_for_translation(english)
    byline_en.name = "Legal Education Division"
    byline_en.save()
    category_en = category.copy_for_translation(english)
    category_en.name = "Legal education"
    category_en.save()
    article = ArticlePageFactory(parent=news_section, byline=byline, slug="pbgdpl")
    article.categories.add(category)
    article.save_revision().publish()
    translate(home_page, english, "Department of Justice")
    translate(news_section, english, "News")
    translated = translate(article, english, "Legal education")

    data = get(client, f"/api/pages/{translated.pk}/").json()
    assert data["byline"]["name"] == "Legal Education Division"
    assert [c["name"] for c in data["categories"]] == ["Legal education"]
    assert get(client, f"/api/pages/{article.pk}/").json()["byline"]["name"] == "Phòng PBGDPL"
