"""Search per content language: each page indexed by its locale's rules, each query
searching one locale (Vietnamese unless asked), on every backend."""

import pytest
from wagtail.models import Locale, Page

from articles.models import ArticlePage, DirectivePage
from search.english import stem
from search.languages import STEM_MARK, TextInLanguage, analyse_query, index_terms
from tests.site_tree import add_published

# Khmer test text written for these tests (a placeholder, not a published translation):
# "Training course on grassroots mediation" / "Free legal aid for the people of Sóc Trăng".
KHMER_TITLE = "វគ្គបណ្តុះបណ្តាលស្តីពីការផ្សះផ្សានៅមូលដ្ឋាន"
KHMER_LEAD = "ជំនួយផ្លូវច្បាប់ដោយឥតគិតថ្លៃសម្រាប់ប្រជាពលរដ្ឋខេត្តឃ្លាំង។"


def translated(page: Page, language: str, **fields) -> Page:
    """The page's translation into `language`, with these fields, published."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def site(search_backend, news_section, directive_register, directive_type):
    article = add_published(
        news_section,
        ArticlePage(
            title="Tập huấn hòa giải ở cơ sở",
            lead="Hội nghị tập huấn nghiệp vụ cho hòa giải viên năm 2021.",
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
    return {
        "article": article,
        "directive": directive,
        "english": translated(
            article,
            "en",
            title="Training for community mediators",
            lead="Mediators from the province's communes were trained in mediation skills.",
        ),
        "english_directive": translated(
            directive,
            "en",
            title="Directive on mediation work",
            abstract="Strengthening the leadership of grassroots mediation.",
        ),
        "khmer": translated(article, "km", title=KHMER_TITLE, lead=KHMER_LEAD),
    }


def search(client, **params) -> dict:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["items"]]


# --- the API's locale ---------------------------------------------------------------------


def test_english_version_is_found_in_english(client, site):
    assert site["english"].pk in ids(search(client, q="community mediators", locale="en"))


def test_english_version_is_not_found_in_vietnamese_or_khmer(client, site):
    for locale in ("vi", "km"):
        assert site["english"].pk not in ids(search(client, q="mediators", locale=locale))


def test_khmer_version_is_found_in_khmer(client, site):
    assert ids(search(client, q="ការផ្សះផ្សា", locale="km")) == [site["khmer"].pk]


def test_khmer_version_is_not_found_in_vietnamese_or_english(client, site):
    for locale in ("vi", "en"):
        assert search(client, q="ការផ្សះផ្សា", locale=locale)["total"] == 0


def test_search_without_a_locale_searches_vietnamese(client, site):
    body = search(client, q="hoa giai")
    assert set(ids(body)) == {site["article"].pk, site["directive"].pk}


def test_vietnamese_query_in_english_finds_nothing_vietnamese(client, site):
    assert search(client, q="hòa giải", locale="en")["total"] == 0


def test_unknown_locale_is_a_400_listing_the_valid_ones(client, site):
    response = client.get("/api/search/", {"q": "x", "locale": "fr"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "locale" in response.json()["detail"]
    # The parameter is an enum in the OpenAPI document; its 400 names every valid code.
    assert all(f"'{code}'" in response.json()["detail"] for code in ("vi", "en", "km"))


# --- English: stemming --------------------------------------------------------------------


def test_english_query_matches_other_forms_of_its_words(client, site):
    # "mediation" and "mediators" share the stem "mediat"; "trains" and "trained", "train".
    assert site["english"].pk in ids(search(client, q="mediation trains", locale="en"))


def test_english_snippet_marks_other_forms_of_the_query_words(client, site):
    [hit] = [
        item
        for item in search(client, q="mediator", locale="en")["items"]
        if item["id"] == site["english"].pk
    ]
    assert "<mark>Mediators</mark>" in hit["snippet"]


def test_document_number_finds_the_english_directive(client, site):
    body = search(client, q="05-CT/TU", locale="en")
    assert ids(body)[0] == site["english_directive"].pk


def test_english_query_gets_no_vietnamese_typing_correction(client, site):
    body = search(client, q="trainings", locale="en")
    assert body["corrected_query"] is None and body["suggestion"] is None


# --- Khmer -------------------------------------------------------------------------------


def test_khmer_word_inside_a_compound_is_found(client, site):
    # ច្បាប់ (law) is written inside ផ្លូវច្បាប់ (legal) with no space.
    assert ids(search(client, q="ច្បាប់", locale="km")) == [site["khmer"].pk]


def test_khmer_query_typed_with_marks_out_of_order_is_found(client, site):
    # The vowel typed before the subscript it follows, and a zero-width space.
    careless = "ការ\u200bផ\u17b6\u17d2\u179fះផ\u17b6\u17d2\u179f"
    assert ids(search(client, q=careless, locale="km")) == [site["khmer"].pk]


def test_khmer_snippet_marks_the_words_found(client, site):
    [hit] = search(client, q="ឥតគិតថ្លៃ", locale="km")["items"]
    assert "<mark>" in hit["snippet"]
    assert "ឥតគិតថ្លៃ" in hit["snippet"].split("<mark>", 1)[1].split("</mark>", 1)[0]


def test_autocomplete_suggests_khmer_titles(client, site):
    response = client.get("/api/search/autocomplete/", {"q": "វគ្គបណ្តុះ", "locale": "km"})
    assert response.json()["suggestions"] == [KHMER_TITLE]


def test_autocomplete_suggests_in_the_locale_asked_for(client, site):
    response = client.get("/api/search/autocomplete/", {"q": "train", "locale": "en"})
    assert "Training for community mediators" in response.json()["suggestions"]
    response = client.get("/api/search/autocomplete/", {"q": "train"})
    assert response.json()["suggestions"] == []


# --- every language at once: the admin and API v2 ------------------------------------------


def test_search_without_a_language_finds_every_version(site):
    found = {page.pk for page in Page.objects.live().search("mediators")}
    assert site["english"].pk in found
    khmer = Page.objects.live().search("ការផ្សះផ្សា")
    assert [page.pk for page in khmer] == [site["khmer"].pk]


def test_vietnamese_pages_rank_the_same_whatever_language_is_asked(site):
    pages = Page.objects.live().filter(locale__language_code="vi")
    for query in ("hoa giai o co so", "chỉ thị 05", "training mediation"):
        any_language = [p.pk for p in pages.search(TextInLanguage(query, None))]
        vietnamese = [p.pk for p in pages.search(TextInLanguage(query, "vi"))]
        assert any_language == vietnamese


# --- analysis -----------------------------------------------------------------------------


def test_english_pages_are_indexed_with_marked_stems_beside_the_words():
    terms = index_terms("Courts decided", "en")
    assert {"courts", "decided", STEM_MARK + "court", STEM_MARK + "decid"} <= set(terms)


def test_vietnamese_pages_get_no_stems():
    assert not any(term.startswith(STEM_MARK) for term in index_terms("Courts ngày", "vi"))


def test_khmer_in_any_page_is_indexed_as_khmer_words():
    assert "ច្បាប់" in index_terms("Luật ច្បាប់", "vi")


def test_vietnamese_query_analysis_is_unchanged_by_languages():
    from search.analysis import analyse_query as vietnamese

    for query in ("hòa giải ở cơ sở", "05-CT/TU", "UBND tỉnh"):
        assert analyse_query(query, "vi") == vietnamese(query)


def test_english_query_asks_for_stems():
    assert STEM_MARK + stem("trained") in analyse_query("trained", "en").terms
