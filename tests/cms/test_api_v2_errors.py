"""One error shape everywhere, bad input never a 500, and nothing hidden on /api/v2/.

Wagtail's v2 endpoints answer problem+json like ours (articles/api/v2.py); bad query
strings are refused before any view (cms/api_errors.py); privacy-restricted
images and documents, and pages in every hidden state, never appear.
"""

import pytest
from django.core.cache import cache
from wagtail.models import Collection, CollectionViewRestriction

from articles.api.v2 import OFFSET_MAX
from articles.factories import ArticlePageFactory, DocumentFactory, ImageFactory
from tests.hidden_pages import HIDDEN_STATES, make_hidden
from tests.problems import assert_problem


@pytest.fixture(autouse=True)
def no_rate_limit_left_over():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(parent=news_section, title="Công khai", slug="cong-khai")


# --- 400s that name the parameter --------------------------------------------------------

BAD_V2_PARAMETERS = [
    ("/api/v2/pages/", "limit=-1", "limit"),
    ("/api/v2/pages/", "limit=1000000", "limit"),
    ("/api/v2/pages/", "limit=abc", "limit"),
    ("/api/v2/pages/", "offset=-1", "offset"),
    ("/api/v2/pages/", "date=abc", "date"),
    ("/api/v2/pages/", "id=abc", "id"),
    ("/api/v2/pages/", "id=99999999999999999999999", "id"),
    ("/api/v2/pages/", "type=articles.Nothing", "type"),
    ("/api/v2/pages/", "locale=fr", "locale"),
    ("/api/v2/pages/", "order=nope", "order"),
    ("/api/v2/pages/", "fields=nope", "fields"),
    ("/api/v2/pages/", "child_of=abc", "child_of"),
    ("/api/v2/pages/", "descendant_of=99999999999999999999", "descendant_of"),
    ("/api/v2/pages/", "site=nowhere.example", "site"),
    ("/api/v2/pages/find/", "", "html_path"),
    ("/api/v2/pages/find/", "id=abc", "id"),
    ("/api/v2/images/", "width=abc", "width"),
    ("/api/v2/images/", "date=abc", "date"),
    ("/api/v2/images/", "limit=-1", "limit"),
    ("/api/v2/documents/", "id=abc", "id"),
    ("/api/v2/documents/", "tag=x", "tag"),
]


@pytest.mark.parametrize("url, query, parameter", BAD_V2_PARAMETERS)
def test_a_bad_v2_parameter_is_a_400_problem_naming_it(client, article, url, query, parameter):
    body = assert_problem(client.get(f"{url}?{query}"), 400)
    assert body["errors"][0]["parameter"] == parameter
    assert body["detail"].startswith(f"{parameter}: ")


def test_an_unknown_page_type_lists_the_valid_ones(client, article):
    body = assert_problem(client.get("/api/v2/pages/?type=articles.Nothing"), 400)
    assert "articles.ArticlePage" in body["detail"]


def test_an_unknown_locale_lists_the_valid_ones(client, article):
    body = assert_problem(client.get("/api/v2/pages/?locale=fr"), 400)
    assert "vi" in body["detail"]


@pytest.mark.parametrize("offset", [1000, OFFSET_MAX])
def test_an_offset_past_the_end_is_clamped_to_an_empty_page(client, article, offset):
    response = client.get("/api/v2/pages/", {"offset": offset})
    assert response.status_code == 200
    data = response.json()
    assert data["items"] == []
    assert data["meta"]["total_count"] >= 1


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_an_unknown_id_is_a_404_problem(client, home_page, endpoint):
    assert_problem(client.get(f"/api/v2/{endpoint}/999999/"), 404)


@pytest.mark.parametrize(
    "url", ["/api/nothing/", "/api/nothing", "/api/v2/nothing/", "/api/site/x"]
)
def test_an_unknown_api_url_is_a_404_problem(client, home_page, url):
    assert_problem(client.get(url), 404)


def test_a_v2_listing_without_its_slash_redirects_to_it(client, home_page):
    response = client.get("/api/v2/pages?limit=1")
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/?limit=1"


@pytest.mark.parametrize("url", ["/api/site/settings", "/api/v2/pages/"])
def test_a_wrong_method_is_a_405_problem(client, home_page, url):
    response = client.post(url)
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


# --- Bad bytes and sizes, on every endpoint ---------------------------------------------------

EVERY_ENDPOINT = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/pages/",
    "/api/search/",
    "/api/site/settings",
    "/api/site/menus/",
    "/api/site/redirects",
]
BAD_VALUES = {
    "invalid_utf8": ("q=%FF%FE", "not valid UTF-8"),
    "very_long": ("q=" + "a" * 5000, "longer than"),
}


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_bad_bytes_and_sizes_are_400s_naming_the_parameter(client, home_page, url, kind):
    query, message = BAD_VALUES[kind]
    body = assert_problem(client.get(f"{url}?{query}"), 400)
    assert body["errors"] == [{"parameter": "q", "message": body["errors"][0]["message"]}]
    assert message in body["detail"]


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_a_nul_byte_is_never_a_server_error(client, home_page, url):
    for query in ("q=ab%00c", "locale=v%00i", "limit=1%000", "search=%00"):
        assert client.get(f"{url}?{query}").status_code in (200, 400)


def test_a_nul_byte_in_a_value_is_read_as_a_space(client, article):
    response = client.get("/api/v2/pages/?title=C%C3%B4ng%00khai")
    assert [item["id"] for item in response.json()["items"]] == [article.pk]


def test_a_nul_byte_in_the_path_is_a_400(client, home_page):
    assert_problem(client.get("/api/site/menus/ma%00in"), 400)


# --- Nothing hidden on /api/v2/ ----------------------------------------------------------


@pytest.fixture(params=HIDDEN_STATES)
def hidden(request, news_section):
    return make_hidden(request.param, ArticlePageFactory, news_section, title="Ẩn", slug="an")


def test_a_hidden_page_is_not_listed_on_v2(client, article, hidden):
    data = client.get("/api/v2/pages/", {"type": "articles.ArticlePage"}).json()
    assert [item["id"] for item in data["items"]] == [article.pk]
    assert data["meta"]["total_count"] == 1


def test_a_hidden_page_has_no_v2_detail(client, hidden):
    assert_problem(client.get(f"/api/v2/pages/{hidden.pk}/"), 404)


def test_a_hidden_page_is_not_found_by_path_on_v2(client, hidden):
    path = "/" + hidden.url_path.split("/", 2)[2]
    assert_problem(client.get("/api/v2/pages/find/", {"html_path": path}), 404)


def test_a_logged_in_editor_sees_no_more_than_the_public(admin_client, news_section):
    private = make_hidden("private", ArticlePageFactory, news_section, title="Ẩn", slug="an")
    admin_client.get(f"/api/v2/pages/{private.pk}/")  # would pass a password check, if any
    data = admin_client.get("/api/v2/pages/", {"type": "articles.ArticlePage"}).json()
    assert data["items"] == []


@pytest.fixture
def restricted_collection(db) -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


@pytest.fixture
def inside_restricted(restricted_collection) -> Collection:
    """A collection inside the restricted one: restricted too."""
    return restricted_collection.add_child(name="Hồ sơ")


@pytest.mark.parametrize("collection", ["restricted_collection", "inside_restricted"])
def test_an_image_in_a_restricted_collection_is_neither_listed_nor_served(
    request, client, home_page, collection
):
    public = ImageFactory()
    hidden = ImageFactory(collection=request.getfixturevalue(collection))
    ids = [item["id"] for item in client.get("/api/v2/images/").json()["items"]]
    assert ids == [public.pk]
    assert_problem(client.get(f"/api/v2/images/{hidden.pk}/"), 404)


@pytest.mark.parametrize("collection", ["restricted_collection", "inside_restricted"])
def test_a_document_in_a_restricted_collection_is_neither_listed_nor_served(
    request, client, home_page, collection
):
    public = DocumentFactory()
    hidden = DocumentFactory(collection=request.getfixturevalue(collection))
    ids = [item["id"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert ids == [public.pk]
    assert_problem(client.get(f"/api/v2/documents/{hidden.pk}/"), 404)
    assert client.get(hidden.url).status_code != 200  # the file itself asks for a login
    assert client.get(public.url).status_code == 200


def test_a_restricted_image_is_hidden_even_from_a_logged_in_editor(
    admin_client, home_page, restricted_collection
):
    ImageFactory(collection=restricted_collection)
    assert admin_client.get("/api/v2/images/").json()["items"] == []
