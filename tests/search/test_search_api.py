"""The public search API: results, snippets, facets, suggestions and bad input."""

import datetime

import pytest

from articles.models import ArticlePage, DirectivePage, IssuingBody
from tests.search.test_locales import translated
from tests.site_tree import add_published


@pytest.fixture
def site(search_backend, news_section, directive_register, directive_type):
    article = add_published(
        news_section,
        ArticlePage(
            title="Tập huấn hòa giải ở cơ sở",
            lead="Hội nghị tập huấn nghiệp vụ cho hòa giải viên ở cơ sở năm 2021.",
            slug="tap-huan",
        ),
    )
    directive = add_published(
        directive_register,
        DirectivePage(
            title="Chỉ thị về công tác hòa giải",
            number="05-CT/TU",
            document_type=directive_type,
            abstract="Tăng cường lãnh đạo công tác hòa giải ở cơ sở.",
            slug="ct-05",
        ),
    )
    draft = ArticlePage(title="Bản nháp hòa giải chưa duyệt", slug="nhap", live=False)
    news_section.add_child(instance=draft)
    return {"article": article, "directive": directive, "draft": draft}


# Every facet, asked for as a frontend asks (the parameter repeated).
FACETS = ["type", "document_type", "issuing_body", "year"]


def search(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_unaccented_query_returns_accented_snippet(client, site):
    body = search(client, q="hoa giai vien")
    hit = next(item for item in body["items"] if item["id"] == site["article"].pk)
    assert "<mark>hòa</mark> <mark>giải</mark> <mark>viên</mark>" in hit["snippet"]


def test_drafts_never_appear(client, site):
    body = search(client, q="bản nháp chưa duyệt")
    assert site["draft"].pk not in [item["id"] for item in body["items"]]


def test_total_and_pagination(client, site):
    first = search(client, q="hòa giải", limit=1)
    second = search(client, q="hòa giải", limit=1, offset=1)
    assert first["total"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]


def test_filter_by_type_and_document_type(client, site):
    body = search(client, q="hòa giải", type="articles.DirectivePage", document_type="CT")
    assert [item["id"] for item in body["items"]] == [site["directive"].pk]
    assert body["items"][0]["number"] == "05-CT/TU"


def test_a_filter_no_page_matches_answers_no_hits(client, site):
    """A document type no page has made the filtered queryset empty before any SQL
    existed; the database engines failed to compile it (a 500, found by schemathesis)."""
    body = search(client, q="hòa giải", type="articles.DirectivePage", document_type="Ç")
    assert (body["total"], body["items"]) == (0, [])


def test_hits_carry_the_fields_of_their_page_type(client, site):
    items = {item["id"]: item for item in search(client, q="hòa giải")["items"]}
    directive, article = items[site["directive"].pk], items[site["article"].pk]
    assert directive["type"] == "articles.DirectivePage"
    assert directive["number"] == "05-CT/TU"
    assert article["type"] == "articles.ArticlePage"
    assert "number" not in article


def test_facets_count_types_and_document_types(client, site):
    facets = search(client, q="hòa giải", facets=FACETS)["facets"]
    assert {f["value"]: f["count"] for f in facets["type"]} == {
        "articles.ArticlePage": 1,
        "articles.DirectivePage": 1,
    }
    assert facets["document_type"] == [{"value": "CT", "label": "Chỉ thị", "count": 1}]


def test_facets_count_each_value_once(client, site, news_section):
    """Before: pages were grouped by tree path too, so `articles.ArticlePage` was listed
    once per page with count 1. Each value is listed once, with its count."""
    for number in (1, 2):
        add_published(
            news_section, ArticlePage(title=f"Hòa giải viên {number}", slug=f"hg-{number}")
        )
    facets = search(client, q="hòa giải", facets=FACETS)["facets"]
    assert facets["type"] == [
        {"value": "articles.ArticlePage", "label": "Tin bài", "count": 3},
        {"value": "articles.DirectivePage", "label": "Văn bản chỉ đạo, điều hành", "count": 1},
    ]
    assert facets["year"] == []


def test_facets_are_labelled_in_the_language_searched(client, site):
    """Page types are labelled with their model's name in the language searched."""
    english = translated(site["article"], "en", title="Training for community mediators")
    body = search(client, q="mediators", locale="en", facets="type")
    assert [item["id"] for item in body["items"]] == [english.pk]
    assert body["facets"]["type"] == [
        {"value": "articles.ArticlePage", "label": "News article", "count": 1}
    ]


def test_facets_are_counted_only_when_asked(client, site):
    facets = search(client, q="hòa giải")["facets"]
    assert facets == {"type": [], "document_type": [], "issuing_body": [], "year": []}


def test_only_the_facets_asked_for_are_counted(client, site):
    facets = search(client, q="hòa giải", facets="document_type")["facets"]
    assert facets["document_type"] == [{"value": "CT", "label": "Chỉ thị", "count": 1}]
    assert facets["type"] == []


def test_an_unknown_facet_is_a_400_naming_it(client, site):
    response = client.get("/api/search/", {"q": "hòa giải", "facets": "colour"})
    assert response.status_code == 400
    assert "facets" in response.content.decode()


def test_issuing_body_and_year_facets(client, site, directive_register, directive_type):
    body_of = IssuingBody.objects.create(name="Ủy ban nhân dân tỉnh", code="UBND")
    for number, year in (("12/CT-UBND", 2021), ("13/CT-UBND", 2021), ("14/CT-UBND", 2023)):
        add_published(
            directive_register,
            DirectivePage(
                title=f"Chỉ thị {number} về hòa giải",
                number=number,
                document_type=directive_type,
                issuing_body=body_of,
                issue_date=datetime.date(year, 3, 1),
                slug=number.split("/")[0],
            ),
        )
    facets = search(client, q="hòa giải", facets=FACETS)["facets"]
    assert facets["issuing_body"] == [
        {"value": str(body_of.pk), "label": "Ủy ban nhân dân tỉnh", "count": 3}
    ]
    assert facets["year"] == [
        {"value": "2023", "label": "2023", "count": 1},
        {"value": "2021", "label": "2021", "count": 2},
    ]
    assert facets["document_type"] == [{"value": "CT", "label": "Chỉ thị", "count": 4}]


def test_hits_of_english_pages_carry_the_locale_prefix(client, site):
    english = translated(site["article"], "en", title="Training for community mediators")
    [hit] = search(client, q="mediators", locale="en")["items"]
    assert hit["id"] == english.pk and hit["url"].startswith("/en/")


def test_telex_typed_without_input_method_is_recovered(client, site):
    body = search(client, q="hoaf giair")
    assert body["corrected_query"] == "hoà giải"
    assert body["total"] == 2


def test_small_typo_is_recovered(client, site):
    body = search(client, q="hoa giaii")
    assert body["corrected_query"] is not None
    assert "giai" in body["corrected_query"]


def test_did_you_mean_restores_marks_from_the_sites_vocabulary(client, site):
    assert search(client, q="hoa giai")["suggestion"] == "hoà giải"


def test_accented_query_needs_no_suggestion(client, site):
    assert search(client, q="hòa giải")["suggestion"] is None


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"q": "a", "limit": "-1"}, "limit"),
        ({"q": "a", "limit": "1000000"}, "limit"),
        ({"q": "a", "offset": str(10**12)}, "offset"),
        ({"q": "a", "type": "nope.Page"}, "type"),
        ({"q": "a", "locale": "xx"}, "locale"),
        ({"q": "a", "year": "abc"}, "year"),
        ({"q": "a", "validity": "maybe"}, "validity"),
        ({"q": "x" * 100_000}, "q"),
    ],
)
def test_bad_parameters_get_a_problem_json_400_naming_the_parameter(
    client, site, params, parameter
):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert parameter in body["detail"]


@pytest.mark.parametrize(
    "query", ["", "?", 'title:* AND OR NOT "x', "\x00", "😀", ".*+?[", "' OR 1=1 --"]
)
def test_odd_queries_answer_200(client, site, query):
    assert search(client, q=query)["total"] >= 0


def test_schema_describes_the_search_endpoint(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/search/" in schema["paths"]
    assert "SearchResponse" in schema["components"]["schemas"]


@pytest.fixture
def decrees(search_backend, directive_register):
    for number, slug in (("42/2022/NĐ-CP", "nd-42"), ("15/2020/NĐ-CP", "nd-15")):
        add_published(
            directive_register,
            DirectivePage(
                title=f"Nghị định {number} về tiếp cận thông tin", number=number, slug=slug
            ),
        )


@pytest.mark.parametrize("typed", ["nghi d", "nghị đ", "Nghị Đ", "nghi"])
def test_autocomplete_offers_the_accented_phrase(client, decrees, typed):
    response = client.get("/api/search/autocomplete/", {"q": typed})
    assert response.status_code == 200
    assert response.json()["suggestions"][0] == "Nghị định"


def test_autocomplete_respects_typed_accents(client, decrees):
    suggestions = client.get("/api/search/autocomplete/", {"q": "nghĩ"}).json()["suggestions"]
    assert suggestions == []


def test_autocomplete_offers_document_numbers(client, decrees):
    suggestions = client.get("/api/search/autocomplete/", {"q": "42/2022"}).json()["suggestions"]
    assert "42/2022/NĐ-CP" in suggestions


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "a", "limit": "0"}, {"q": "x" * 101}])
def test_autocomplete_bad_input_is_a_400(client, db, params):
    response = client.get("/api/search/autocomplete/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_decomposed_query_is_neither_corrected_nor_worse(client, site):
    import unicodedata

    composed = search(client, q="hòa giải viên")
    decomposed = search(client, q=unicodedata.normalize("NFD", "hòa giải viên"))
    assert decomposed["corrected_query"] is None
    assert [i["id"] for i in decomposed["items"]] == [i["id"] for i in composed["items"]]


def test_no_suggestion_for_a_query_typed_with_marks(client, site):
    assert search(client, q="hòa giải trong cơ sở")["suggestion"] is None
