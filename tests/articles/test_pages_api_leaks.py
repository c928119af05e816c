"""Nothing a reader may not see leaves through the pages API, in any endpoint.

Each hidden state is checked on every way a page can show up: the list and its
count, the detail, find-by-path, a link in another page's body, a related page,
a breadcrumb, a translation link.
"""

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.factories import (
    ArticlePageFactory,
    DirectivePageFactory,
    DocumentFactory,
    GalleryPageFactory,
    ImageFactory,
)
from articles.models import SectionIndexPage
from articles.models.pages import ArticleRelatedPage
from tests.articles.pages_api import get
from tests.hidden_pages import HIDDEN_STATES, make_hidden
from tests.site_tree import add_published

# The tests add pages to the small site and read the API: its sections are built once.
pytestmark = pytest.mark.usefixtures("site_built_once")

PAGE_KINDS = {
    "articles.ArticlePage": (ArticlePageFactory, "news_section"),
    "articles.DirectivePage": (DirectivePageFactory, "directive_register"),
    "articles.GalleryPage": (GalleryPageFactory, "photo_library"),
}


@pytest.fixture(params=sorted(PAGE_KINDS))
def kind(request) -> str:
    return request.param


@pytest.fixture(params=HIDDEN_STATES)
def hidden(request, kind, db):
    # db named here: pytest-django orders tests by the fixtures it can see.
    factory, parent_fixture = PAGE_KINDS[kind]
    parent = request.getfixturevalue(parent_fixture)
    return make_hidden(request.param, factory, parent, title="Không công khai", slug="an")


@pytest.fixture
def visible(request, kind, db):
    factory, parent_fixture = PAGE_KINDS[kind]
    parent = request.getfixturevalue(parent_fixture)
    return factory(parent=parent, title="Công khai", slug="cong-khai")


def test_hidden_page_is_not_listed_nor_counted(client, kind, visible, hidden):
    data = get(client, "/api/pages/", type=kind).json()
    assert [item["id"] for item in data["items"]] == [visible.pk]
    assert data["count"] == 1


def test_hidden_page_detail_is_404(client, hidden):
    response = get(client, f"/api/pages/{hidden.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_hidden_page_is_not_found_by_path(client, hidden):
    # url_path is /trang-chu/<section>/<slug>/; the frontend path drops the home page.
    frontend_path = "/" + hidden.url_path.split("/", 2)[2]
    response = get(client, "/api/pages/find/", path=frontend_path)
    assert response.status_code == 404


def test_visible_page_is_found_by_the_same_kind_of_path(client, visible):
    frontend_path = "/" + visible.url_path.split("/", 2)[2]
    assert get(client, "/api/pages/find/", path=frontend_path).json()["id"] == visible.pk


def test_link_to_hidden_page_in_a_body_becomes_plain_text(client, news_section, hidden):
    body = [{"type": "paragraph", "value": f'<p><a linktype="page" id="{hidden.pk}">xem</a></p>'}]
    page = ArticlePageFactory(parent=news_section, body=body)
    html = get(client, f"/api/pages/{page.pk}/").json()["body"][0]["value"]
    assert html == "<p>xem</p>"


def test_hidden_related_page_is_left_out(client, news_section, hidden):
    article = ArticlePageFactory(parent=news_section, title="Có liên quan", slug="co-lien-quan")
    ArticleRelatedPage.objects.create(page=article, related=hidden)
    article.save_revision().publish()
    assert get(client, f"/api/pages/{article.pk}/").json()["related_pages"] == []


def test_hidden_page_is_not_a_listed_child_of_its_section(client, hidden):
    section = hidden.get_parent()
    response = get(client, "/api/pages/", child_of=section.pk)
    if not section.live:  # a hidden section is no section at all (tests/security)
        assert response.status_code == 400
        return
    assert hidden.pk not in [item["id"] for item in response.json()["items"]]


def test_a_page_under_a_private_section_is_hidden(client, kind, visible):
    PageViewRestriction.objects.create(
        page=visible.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert get(client, f"/api/pages/{visible.pk}/").status_code == 404
    assert get(client, "/api/pages/", type=kind).json()["count"] == 0


def test_live_page_detail_shows_published_content_not_a_newer_draft(client, visible):
    visible.title = "Bản nháp mới chưa duyệt"
    visible.save_revision()
    assert get(client, f"/api/pages/{visible.pk}/").json()["title"] == "Công khai"


# --- media in privacy-restricted collections ---------------------------------------------


@pytest.fixture
def restricted_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_image_in_a_restricted_collection_is_left_out(client, news_section, restricted_collection):
    image = ImageFactory(collection=restricted_collection)
    body = [
        {
            "type": "image",
            "value": {"image": image.pk, "caption": "", "credit": "", "alignment": "full"},
        }
    ]
    page = ArticlePageFactory(parent=news_section, hero_image=image, body=body)
    data = get(client, f"/api/pages/{page.pk}/").json()
    assert data["hero"] is None
    assert data["body"] == []
    card = get(client, "/api/pages/", type="articles.ArticlePage").json()["items"][0]
    assert card["thumbnail"] is None


def test_document_in_a_restricted_collection_is_left_out(
    client, news_section, restricted_collection
):
    document = DocumentFactory(collection=restricted_collection)
    body = [
        {"type": "document", "value": {"document": document.pk, "title": "", "description": ""}},
        {"type": "paragraph", "value": f'<p><a linktype="document" id="{document.pk}">tải</a></p>'},
    ]
    page = ArticlePageFactory(parent=news_section, body=body)
    data = get(client, f"/api/pages/{page.pk}/").json()
    assert [block["type"] for block in data["body"]] == ["paragraph"]
    assert data["body"][0]["value"] == "<p>tải</p>"


def test_page_in_another_sites_tree_is_not_served(client, home_page):
    from wagtail.models import Page

    other_root = Page.get_first_root_node().add_child(
        instance=SectionIndexPage(title="Trang khác", slug="trang-khac")
    )
    other_root.save_revision().publish()
    stray = add_published(other_root, ArticlePageFactory.build(title="Lạc", slug="lac"))
    assert get(client, f"/api/pages/{stray.pk}/").status_code == 404
