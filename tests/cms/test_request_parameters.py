"""The one request-parameter layer (api.parameters): every typed endpoint parses alike."""

import re

import pytest
from django.test import override_settings

from api.parameters import (
    declared_query_parameters,
    default_language_code,
    page_model,
    parse_locale,
)
from api.problems import BadParameter
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
