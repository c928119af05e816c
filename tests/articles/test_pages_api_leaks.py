"""Nothing a reader may not see leaves through the pages API, in any endpoint.

Each hidden state is checked on every way a page can show up: the list and its
count, the detail, find-by-path, a link in another page's body, a related page,
a breadcrumb, a translation link.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from articles.factories import ArticlePageFactory, DocumentFactory, ImageFactory
from articles.models import SectionIndexPage
from articles.models.pages import ArticleRelatedPage
from tests.articles.pages_api import get
from tests.conftest import add_published


def make_draft(section):
    return ArticlePageFactory(parent=section, title="Bản nháp", slug="ban-nhap", live=False)


def make_unpublished(section):
    page = ArticlePageFactory(parent=section, title="Đã gỡ", slug="da-go")
    page.unpublish()
    return page


def make_expired(section):
    # Past its expiry time but not yet swept by publish_scheduled: still `live` in Wagtail.
    page = ArticlePageFactory(parent=section, title="Hết hạn", slug="het-han")
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    return page


def make_scheduled(section):
    page = ArticlePageFactory(parent=section, title="Hẹn giờ", slug="hen-gio", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    page.save_revision(approved_go_live_at=page.go_live_at)
    return page


def make_private(section):
    page = ArticlePageFactory(parent=section, title="Riêng tư", slug="rieng-tu")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    return page


def make_under_draft_parent(section):
    hidden_section = SectionIndexPage(title="Chuyên mục nháp", slug="chuyen-muc-nhap")
    section.get_parent().add_child(instance=hidden_section)
    hidden_section.save_revision()  # never published: live stays False
    hidden_section.live = False
    hidden_section.save(update_fields=["live"])
    return ArticlePageFactory(parent=hidden_section, title="Con của nháp", slug="con")


HIDDEN_STATES = {
    "draft": make_draft,
    "unpublished": make_unpublished,
    "expired": make_expired,
    "scheduled": make_scheduled,
    "private": make_private,
    "under_a_draft_parent": make_under_draft_parent,
}


@pytest.fixture(params=sorted(HIDDEN_STATES))
def hidden(request, news_section):
    return HIDDEN_STATES[request.param](news_section)


@pytest.fixture
def visible(news_section):
    return ArticlePageFactory(parent=news_section, title="Công khai", slug="cong-khai")


def test_hidden_page_is_not_listed_nor_counted(client, visible, hidden):
    data = get(client, "/api/pages/", type="articles.ArticlePage").json()
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


def test_hidden_related_page_is_left_out(client, visible, hidden):
    ArticleRelatedPage.objects.create(page=visible, related=hidden)
    visible.save_revision().publish()
    assert get(client, f"/api/pages/{visible.pk}/").json()["related_pages"] == []


def test_hidden_page_is_not_a_listed_child_of_its_section(client, news_section, hidden):
    data = get(client, "/api/pages/", child_of=news_section.pk).json()
    assert hidden.pk not in [item["id"] for item in data["items"]]


def test_a_page_under_a_private_section_is_hidden(client, news_section, visible):
    PageViewRestriction.objects.create(
        page=news_section, restriction_type=PageViewRestriction.LOGIN
    )
    assert get(client, f"/api/pages/{visible.pk}/").status_code == 404
    assert get(client, "/api/pages/", type="articles.ArticlePage").json()["count"] == 0


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


def test_page_in_another_sites_tree_is_not_served(client, home_page, visible):
    from wagtail.models import Page

    other_root = Page.get_first_root_node().add_child(
        instance=SectionIndexPage(title="Trang khác", slug="trang-khac")
    )
    other_root.save_revision().publish()
    stray = add_published(other_root, ArticlePageFactory.build(title="Lạc", slug="lac"))
    assert get(client, f"/api/pages/{stray.pk}/").status_code == 404
