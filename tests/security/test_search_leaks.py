"""Search never tells a reader a word from a page the reader may not see.

Before: the vocabulary behind typo recovery (`corrected_query`) and "did you mean"
(`suggestion`) was the whole index — drafts, scheduled, expired, restricted pages,
pages under an unpublished parent, other locales and other sites — so typing a word
one letter off a draft's word answered with the draft's word. Now it is counted over
the visible pages of the request's site and locale only, on every backend. The
`section` filter answered "no page" for a missing id but searched below a hidden one;
integer parameters past the database's range were a 500.
"""

import pytest
from wagtail.models import Locale, Page, PageViewRestriction, Site

from articles.factories import ArticlePageFactory
from home.models import HomePage
from tests.hidden_pages import HIDDEN_STATES, make_hidden
from tests.problems import assert_problem
from tests.search.conftest import delete_test_indexes, search_backend  # noqa: F401 - fixtures
from vietnamese_text.folding import fold
from vietnamese_text.normalise import normalise

# Words that only the hidden page holds; the visible site never uses them.
HIDDEN_TITLE = "Giải quyết khiếu nại tố cáo"
HIDDEN_WORD = "khiếu"
TYPO = "khieo"  # one letter off the hidden word (folded), and off no visible word
UNACCENTED = "khieu nai"  # "did you mean" would restore the hidden marks: "khiếu nại"
TYPED_SO_FAR = "khiếu n"

LEAKY_STATES = (*HIDDEN_STATES, "login_restricted", "other_locale", "other_site")


def in_another_locale(visible) -> Page:
    """A public English page: readers of the Vietnamese site search Vietnamese pages."""
    copy = visible.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    copy.title = HIDDEN_TITLE
    copy.save_revision().publish()
    return copy


def on_another_site() -> Page:
    """A public page of another portal on the same installation."""
    root = Page.get_first_root_node()
    home = HomePage(title="Sở Nội vụ", slug="so-noi-vu", locale=Locale.get_default())
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="snv.example.gov.vn", root_page=home, site_name="Sở Nội vụ")
    return ArticlePageFactory(parent=home, title=HIDDEN_TITLE)


def make_leaky(state: str, news_section, visible) -> Page:
    if state == "login_restricted":
        page = ArticlePageFactory(parent=news_section, title=HIDDEN_TITLE)
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        return page
    if state == "other_locale":
        return in_another_locale(visible)
    if state == "other_site":
        return on_another_site()
    return make_hidden(state, ArticlePageFactory, news_section, title=HIDDEN_TITLE)


@pytest.fixture
def visible(search_backend, news_section):  # noqa: F811 - the imported fixture
    return ArticlePageFactory(parent=news_section, title="Tập huấn hòa giải ở cơ sở")


@pytest.fixture(params=LEAKY_STATES)
def hidden(request, news_section, visible):
    return make_leaky(request.param, news_section, visible)


def search(client, **params) -> dict:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def completions(client, typed: str) -> list[str]:
    response = client.get("/api/search/autocomplete/", {"q": typed})
    assert response.status_code == 200, response.content
    return response.json()["suggestions"]


def carries_hidden_word(text: str | None) -> bool:
    """Whether the hidden word is in `text`, marked or not."""
    return fold(HIDDEN_WORD) in fold(text or "")


def carries_hidden_marks(text: str | None) -> bool:
    """Whether the hidden word is in `text` with the marks only the hidden page has."""
    return HIDDEN_WORD in normalise(text or "")


# --- the hidden page's words are never offered ---------------------------------------------


def test_hidden_word_is_never_the_corrected_query(client, hidden):
    """Before: "khieo" was corrected to the hidden page's "khieu". Promise: typo
    recovery only ever answers with a word of a page the reader may see."""
    assert not carries_hidden_word(search(client, q=TYPO)["corrected_query"])


def test_hidden_word_is_never_suggested(client, hidden):
    """Before: "khieu nai" got the suggestion "khiếu nại" from the hidden page.
    Promise: "did you mean" restores marks from visible pages' words only."""
    body = search(client, q=UNACCENTED)
    assert not carries_hidden_marks(body["suggestion"])
    assert not carries_hidden_marks(body["corrected_query"])


def test_hidden_title_is_never_completed(client, hidden):
    """Autocomplete was already restricted to visible pages of the default site and the
    locale (this passed before the fix too). Promise: it stays so, in every state."""
    assert not any(carries_hidden_word(phrase) for phrase in completions(client, TYPED_SO_FAR))


# --- the same words on a visible page are offered (the tests above can fail) ----------------


@pytest.fixture
def published(news_section, visible):
    return ArticlePageFactory(parent=news_section, title=HIDDEN_TITLE)


def test_visible_word_is_the_corrected_query(client, published):
    assert carries_hidden_word(search(client, q=TYPO)["corrected_query"])


def test_visible_word_is_suggested(client, published):
    assert search(client, q=UNACCENTED)["suggestion"] == "khiếu nại"


def test_visible_title_is_completed(client, published):
    assert "khiếu nại" in completions(client, TYPED_SO_FAR)


def test_other_site_is_searched_with_its_own_words(client, news_section, visible):
    """The request's site decides: the other portal's readers get its words."""
    on_another_site()
    body = client.get("/api/search/", {"q": TYPO}, HTTP_HOST="snv.example.gov.vn").json()
    assert carries_hidden_word(body["corrected_query"])


# --- a hidden page's id answers as a missing one ---------------------------------------------


@pytest.fixture(params=HIDDEN_STATES)
def hidden_section(request, news_section):
    return make_hidden(request.param, ArticlePageFactory, news_section, title=HIDDEN_TITLE)


def test_hidden_section_answers_as_a_missing_one(client, hidden_section):
    """Before: a hidden page's id was searched below (200), a missing one was a 400, so
    the answer told which ids are hidden pages. Promise: the same 400, word for word."""
    missing = Page.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    answers = [
        client.get("/api/search/", {"q": "hoa giai", "section": section})
        for section in (hidden_section.pk, missing)
    ]
    bodies = [assert_problem(answer, 400, "section") for answer in answers]
    assert bodies[0] == bodies[1]


# --- every integer parameter is bounded ------------------------------------------------------

INTEGER_PARAMETERS = [
    ("/api/search/", "limit"),
    ("/api/search/", "offset"),
    ("/api/search/", "section"),
    ("/api/search/", "year"),
    ("/api/search/", "issuing_body"),
    ("/api/search/autocomplete/", "limit"),
]


@pytest.mark.parametrize("value", [10**30, -1])
@pytest.mark.parametrize(("url", "parameter"), INTEGER_PARAMETERS)
def test_out_of_range_integer_is_a_400_naming_it(client, db, url, parameter, value):
    """Before: `section` and `issuing_body` had no upper bound, and 10**30 reached the
    database: a 500 (OverflowError on SQLite, out of range on PostgreSQL). Promise:
    every integer parameter past its range is a 400 that names it."""
    response = client.get(url, {"q": "hoa giai", parameter: value})
    assert_problem(response, 400, parameter)
