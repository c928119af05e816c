"""The typed pages API at /api/pages/: listing, detail, find-by-path, serialised bodies."""

import datetime

import pytest

from articles.factories import (
    ArticlePageFactory,
    BylineFactory,
    CategoryFactory,
    DirectivePageFactory,
    IssuingBodyFactory,
    LegalFieldFactory,
)
from tests.problems import assert_problem

# The tests add pages to the small site and read the API: its sections are built once.
pytestmark = pytest.mark.usefixtures("site_built_once")


def get(client, url, **params):
    return client.get(url, params, HTTP_HOST="localhost")


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(
        parent=news_section,
        title="Triển khai Chỉ thị số 05-CT/TU",
        slug="trien-khai-chi-thi",
        lead="Sở Tư pháp triển khai.",
        body=[paragraph("<p>Nội dung.</p>")],
    )


def test_list_returns_cards_with_total_count(client, news_section):
    for number in range(3):
        ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 1, number + 1))
    response = get(client, "/api/pages/", type="articles.ArticlePage", limit=2)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert [item["date"] for item in data["items"]] == ["2024-01-03", "2024-01-02"]
    assert {"id", "type", "title", "url", "lead", "date"} <= set(data["items"][0])


def test_detail_serialises_article(client, article):
    response = get(client, f"/api/pages/{article.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["type"] == "articles.ArticlePage"
    assert data["url"] == "/tin-tuc/trien-khai-chi-thi/"
    assert data["body"][0]["type"] == "paragraph"
    assert data["body"][0]["value"] == "<p>Nội dung.</p>"
    assert data["meta"]["breadcrumbs"][-1]["url"] == "/tin-tuc/"


def test_find_by_path_returns_the_page(client, article):
    response = get(client, "/api/pages/find/", path="/tin-tuc/trien-khai-chi-thi/")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == article.pk


# --- filters ---------------------------------------------------------------------------


def ids(client, **params) -> list[int]:
    response = get(client, "/api/pages/", **params)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_number_filter_finds_any_spelling(client, directive_register):
    directive = DirectivePageFactory(parent=directive_register, number="05-CT/TU")
    DirectivePageFactory(parent=directive_register, number="06-CT/TU")
    assert ids(client, number="05-ct/tu") == [directive.pk]
    assert ids(client, number="05/CT-TU") == [directive.pk]


def test_type_and_validity_filters(client, directive_register, news_section):
    in_force = DirectivePageFactory(parent=directive_register, effective_date=None)
    DirectivePageFactory(parent=directive_register, expiry_date=datetime.date(2024, 6, 1))
    ArticlePageFactory(parent=news_section)
    assert ids(client, type="articles.DirectivePage", validity="in_force") == [in_force.pk]


def test_document_type_issuing_body_and_year_filters(client, directive_register):
    body = IssuingBodyFactory()
    match = DirectivePageFactory(
        parent=directive_register, issuing_body=body, issue_date=datetime.date(2021, 9, 1)
    )
    DirectivePageFactory(parent=directive_register, issue_date=datetime.date(2021, 9, 1))
    DirectivePageFactory(
        parent=directive_register, issuing_body=body, issue_date=datetime.date(2022, 1, 1)
    )
    assert ids(client, document_type="ct", issuing_body=body.pk, year=2021) == [match.pk]


def test_field_filter_includes_sub_fields(client, directive_register):
    parent = LegalFieldFactory(name="Tư pháp", slug="tu-phap")
    child = LegalFieldFactory(name="Hòa giải", parent=parent)
    directive = DirectivePageFactory(parent=directive_register)
    directive.legal_fields.add(child)
    directive.save_revision().publish()
    DirectivePageFactory(parent=directive_register)
    assert ids(client, field="tu-phap") == [directive.pk]


def test_news_filters(client, news_section):
    byline = BylineFactory()
    category = CategoryFactory(slug="pho-bien")
    match = ArticlePageFactory(
        parent=news_section, byline=byline, is_announcement=True, is_featured=True
    )
    match.categories.add(category)
    match.tags.add("hòa giải")
    match.save_revision().publish()
    ArticlePageFactory(parent=news_section, byline=byline)
    params = {
        "category": "pho-bien",
        "tag": "hòa giải",
        "byline": byline.pk,
        "announcement": "true",
        "featured": "true",
    }
    assert ids(client, **params) == [match.pk]


def test_date_range_uses_the_date_readers_see(client, news_section):
    ArticlePageFactory(parent=news_section, display_date=datetime.date(2021, 8, 31))
    september = ArticlePageFactory(parent=news_section, display_date=datetime.date(2021, 9, 23))
    assert ids(client, date_from="2021-09-01", date_to="2021-09-30") == [september.pk]


def test_child_of_and_descendant_of(client, home_page, news_section):
    article = ArticlePageFactory(parent=news_section)
    assert ids(client, child_of=news_section.pk) == [article.pk]
    assert article.pk in ids(client, descendant_of=home_page.pk)
    assert news_section.pk in ids(client, child_of=home_page.pk)


def test_ordering_by_title(client, news_section):
    b = ArticlePageFactory(parent=news_section, title="Bình")
    a = ArticlePageFactory(parent=news_section, title="An")
    assert ids(client, type="articles.ArticlePage", order="title") == [a.pk, b.pk]


def test_field_selection_returns_only_named_fields(client, news_section):
    ArticlePageFactory(parent=news_section)
    item = get(client, "/api/pages/", fields="title,url").json()["items"][0]
    assert set(item) == {"id", "type", "title", "url"}


# --- bad input ----------------------------------------------------------------------------


def assert_bad_parameter(response, parameter: str) -> dict:
    return assert_problem(response, 400, parameter)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"limit": "-1"}, "limit"),
        ({"limit": "1000000"}, "limit"),
        ({"offset": str(10**12)}, "offset"),
        ({"date_from": "abc"}, "date_from"),
        ({"child_of": "x"}, "child_of"),
        ({"order": "random"}, "order"),
        ({"validity": "maybe"}, "validity"),
        ({"type": "articles.Nope"}, "type"),
        ({"locale": "xx"}, "locale"),
        ({"fields": "title,secret"}, "fields"),
        ({"colour": "red"}, "colour"),
        ({"child_of": "999999"}, "child_of"),
    ],
)
def test_bad_list_parameters_get_400_naming_the_parameter(client, home_page, params, parameter):
    assert_bad_parameter(get(client, "/api/pages/", **params), parameter)


def test_unknown_type_lists_the_valid_ones(client, home_page):
    body = assert_bad_parameter(get(client, "/api/pages/", type="nope"), "type")
    assert "articles.ArticlePage" in body["detail"]


def test_unknown_locale_lists_the_valid_ones(client, home_page):
    body = assert_bad_parameter(get(client, "/api/pages/", locale="xx"), "locale")
    assert "vi" in body["detail"]


def test_nul_bytes_and_long_values_are_refused_not_crashed(client, home_page):
    assert get(client, "/api/pages/", tag="a\x00b").status_code in (200, 400)
    assert get(client, "/api/pages/find/", path="/" + "a" * 5000).status_code == 400
    assert get(client, "/api/pages/find/", path="/\x00/").status_code in (400, 404)


def test_unknown_page_id_is_problem_404(client, home_page):
    response = get(client, "/api/pages/2147483647/")
    assert response.status_code == 404
    assert response.json()["status"] == 404
