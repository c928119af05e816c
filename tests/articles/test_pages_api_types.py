"""The types a frontend generates its client from (issue #14 item 2): cards told apart by
page type, enums where a value is one of a few, dates as dates."""

import json

from django.conf import settings

from articles.models import Validity


def served(client) -> dict:
    return json.loads(client.get("/api/openapi.json").content)


def query_parameter(schema: dict, path: str, name: str) -> dict:
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)["schema"]["anyOf"][0]


def test_listing_cards_are_discriminated_by_page_type(client, db):
    items = served(client)["components"]["schemas"]["PageList"]["properties"]["items"]["items"]

    mapping = items["discriminator"]["mapping"]
    assert items["discriminator"]["propertyName"] == "type"
    assert mapping["articles.ArticlePage"].endswith("/ArticleCard")
    assert mapping["articles.DirectivePage"].endswith("/DirectiveCard")
    assert mapping["home.HomePage"].endswith("/OtherPageCard")


def test_only_a_directive_card_has_a_number_and_a_validity(client, db):
    schemas = served(client)["components"]["schemas"]

    assert "number" in schemas["DirectiveCard"]["properties"]
    assert "number" not in schemas["ArticleCard"]["properties"]
    assert "is_featured" not in schemas["DirectiveCard"]["properties"]


def test_validity_is_the_models_codes_everywhere(client, db):
    schema = served(client)
    schemas = schema["components"]["schemas"]
    codes = list(Validity.values)

    assert schemas["Validity"]["properties"]["status"]["enum"] == codes
    assert schemas["DirectiveCard"]["properties"]["validity"]["anyOf"][0]["enum"] == codes
    assert query_parameter(schema, "/api/pages/", "validity")["enum"] == codes


def test_rendition_formats_cover_every_accepted_upload(client, db):
    formats = served(client)["components"]["schemas"]["Rendition"]["properties"]["format"]["enum"]
    uploads = {{"jpg": "jpeg"}.get(ext, ext) for ext in settings.WAGTAILIMAGES_EXTENSIONS}

    assert uploads | {"webp"} <= set(formats)


def test_type_and_locale_parameters_are_enums(client, db):
    schema = served(client)

    types = query_parameter(schema, "/api/pages/", "type")["enum"]
    locales = query_parameter(schema, "/api/pages/", "locale")["enum"]

    assert "articles.DirectivePage" in types and "home.HomePage" in types
    assert locales == [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]


def test_card_dates_are_dates(client, db):
    card = served(client)["components"]["schemas"]["ArticleCard"]["properties"]["date"]

    assert card["anyOf"][0] == {"format": "date", "type": "string"}
