"""The one request-parameter layer (api.parameters): every typed endpoint parses alike."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Locale

from api.parameters import (
    declared_query_parameters,
    default_language_code,
    page_model,
    parse_locale,
)
from api.problems import BadParameter
from articles.factories import ArticlePageFactory
from articles.models import ArticlePage
from cms.api import api
from tests.problems import assert_problem


def typed_get_operations() -> list[tuple[str, object]]:
    """Every GET operation of the typed API, by its URL with ids filled in."""
    operations = []
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                if "GET" in operation.methods:
                    url = re.sub(r"/+", "/", f"/api/{prefix}{path}")
                    operations.append((re.sub(r"\{[^}]*\}", "1", url), operation))
    return operations


OPERATIONS = typed_get_operations()


def test_the_typed_api_has_get_operations():
    assert len(OPERATIONS) >= 10


@pytest.mark.parametrize("url", [url for url, _operation in OPERATIONS])
@pytest.mark.django_db
def test_an_unknown_parameter_is_a_400_naming_it_on_every_operation(client, url):
    body = assert_problem(client.get(url, {"loacle": "en"}), 400, "loacle")
    assert body["errors"][0]["parameter"] == "loacle"


def test_the_declared_parameters_are_the_query_schema_fields():
    by_url = dict(OPERATIONS)
    assert {"locale", "type", "child_of", "limit"} <= declared_query_parameters(
        by_url["/api/pages/"]
    )


def test_without_locale_the_default_language_is_answered(settings):
    assert parse_locale(None) == parse_locale("") == default_language_code() == "vi"


def test_a_content_language_is_answered_as_asked():
    assert parse_locale("en") == "en"


@override_settings(LANGUAGE_CODE="en")
def test_the_default_follows_language_code():
    assert parse_locale(None) == "en"


def test_an_unknown_locale_is_a_bad_parameter_listing_the_valid_ones():
    with pytest.raises(BadParameter) as refused:
        parse_locale("fr")
    assert refused.value.parameter == "locale"
    assert "vi, en, km" in str(refused.value)


def test_a_page_type_is_found_by_app_label_and_model_name():
    assert page_model("articles.ArticlePage") is ArticlePage


@pytest.mark.parametrize("name", ["ArticlePage", "wagtailcore.Page", "articles.articlepage"])
def test_anything_else_is_a_bad_type_parameter(name):
    with pytest.raises(BadParameter) as refused:
        page_model(name)
    assert refused.value.parameter == "type"


def published_translation(page, locale):
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def article_in_two_languages(home_page, news_section):
    """A Vietnamese article and its published English translation (with its parents)."""
    english = Locale.objects.get_or_create(language_code="en")[0]
    article = ArticlePageFactory(parent=news_section, title="Hòa giải", slug="hoa-giai")
    published_translation(home_page, english)
    published_translation(news_section, english)
    return article, published_translation(article, english)


@pytest.mark.django_db
def test_pages_without_locale_lists_the_default_language_only(client, article_in_two_languages):
    """Issue #14 item 6: a listing never mixes languages unless asked."""
    article, translation = article_in_two_languages
    listed = client.get("/api/pages/", {"type": "articles.ArticlePage"}).json()["items"]
    assert [item["id"] for item in listed] == [article.pk]
    asked = client.get("/api/pages/", {"type": "articles.ArticlePage", "locale": "en"}).json()
    assert [item["id"] for item in asked["items"]] == [translation.pk]


# These take a locale to pick one page's version, not to choose what is listed.
ONE_PAGE_PATHS = ("/api/pages/{page_id}/", "/api/pages/find/")


def test_every_listing_locale_parameter_documents_the_default():
    schema = api.get_openapi_schema()
    described = {
        path: parameter.get("description") or ""
        for path, operations in schema["paths"].items()
        if path not in ONE_PAGE_PATHS
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "locale" and parameter["in"] == "query"
    }
    assert "/api/pages/" in described
    assert all("default" in text.lower() for text in described.values()), described
