"""Revisions of every page type: compare two versions, roll back, and read the audit log.

All of it is Wagtail's own; these tests prove it is wired for each of our page types,
through the admin's views, as the head of the editorial board uses them.
"""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from articles.factories import DocumentFactory, ImageFactory
from articles.models import (
    ArticlePage,
    DirectiveIndexPage,
    DirectivePage,
    DocumentLibraryEntry,
    DocumentLibraryPage,
    GalleryIndexPage,
    GalleryPage,
    GalleryPhoto,
    SectionIndexPage,
    StandardPage,
)
from home.models import HomePage
from tests.articles.admin_forms import PUBLISH, assert_saved, edit_page_url
from tests.editorial.page_forms import FIELDS, page_form
from tests.site_tree import add_published

VERSION_A = "Phiên bản thứ nhất"
VERSION_B = "Phiên bản đã sửa"
PAGE_TYPES = [
    HomePage,
    SectionIndexPage,
    DirectiveIndexPage,
    GalleryIndexPage,
    StandardPage,
    ArticlePage,
    DirectivePage,
    GalleryPage,
    DocumentLibraryPage,
]


def new_page(model: type[Page], home_page: HomePage, directive_type) -> Page:
    """A published page of this type where it may live, with the children it requires."""
    if model is HomePage:
        return home_page
    parents = {
        ArticlePage: SectionIndexPage(title="Tin tức", slug="tin-tuc"),
        DirectivePage: DirectiveIndexPage(title="Văn bản", slug="van-ban"),
        GalleryPage: GalleryIndexPage(title="Thư viện ảnh", slug="thu-vien-anh"),
    }
    parent = add_published(home_page, parents[model]) if model in parents else home_page
    page = model(title="Trang thử", slug="trang-thu")
    if model is DirectivePage:
        page.document_type = directive_type
        page.number = "07-CT/TU"
        page.issue_date = datetime.date(2024, 2, 1)
    if model is GalleryPage:
        page.photos = [GalleryPhoto(image=ImageFactory(), caption="Quang cảnh")]
    if model is DocumentLibraryPage:
        page.entries = [
            DocumentLibraryEntry(
                document=DocumentFactory(), title="Biểu mẫu", date=datetime.date(2021, 5, 31)
            )
        ]
    return add_published(parent, page)


def publish_title(client, page: Page, title: str) -> int:
    """Edit the title in the admin and publish; return the new revision's id."""
    page = Page.objects.get(pk=page.pk).specific
    assert_saved(client.post(edit_page_url(page), page_form(page, title=title) | PUBLISH))
    return Page.objects.get(pk=page.pk).live_revision_id


@pytest.fixture(params=PAGE_TYPES, ids=lambda model: model.__name__)
def edited_page(request, moderator_client, home_page, directive_type):
    """A page published as VERSION_A, then as VERSION_B; with both revision ids."""
    page = new_page(request.param, home_page, directive_type)
    revision_a = publish_title(moderator_client, page, VERSION_A)
    revision_b = publish_title(moderator_client, page, VERSION_B)
    return page, revision_a, revision_b


def roll_back(client, page: Page, revision_id: int):
    """Open the old version in the revert view and publish it, as the button does."""
    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision_id])
    old_version = Page.objects.get(pk=page.pk).revisions.get(pk=revision_id).as_object()
    return client.post(url, page_form(old_version) | PUBLISH)


def test_every_page_type_is_covered():
    page_models = {
        model
        for app in ("home", "articles")
        for model in apps.get_app_config(app).get_models()
        if issubclass(model, Page)
    }

    assert page_models == set(PAGE_TYPES) == set(FIELDS)


def test_compare_view_shows_the_change(moderator_client, edited_page):
    page, revision_a, revision_b = edited_page

    response = moderator_client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, revision_a, revision_b])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert VERSION_A in html and VERSION_B in html


def test_the_revert_view_shows_the_old_version(moderator_client, edited_page):
    page, revision_a, _ = edited_page

    response = moderator_client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision_a])
    )

    assert response.status_code == 200
    assert response.context["form"].initial["title"] == VERSION_A


def test_rolling_back_publishes_the_old_version(moderator_client, edited_page):
    page, revision_a, _ = edited_page

    assert_saved(roll_back(moderator_client, page, revision_a))

    assert Page.objects.get(pk=page.pk).title == VERSION_A


def test_the_audit_log_records_publish_revert_and_unpublish(moderator_client, edited_page):
    page, revision_a, _ = edited_page
    roll_back(moderator_client, page, revision_a)

    moderator_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.publish", "wagtail.revert", "wagtail.unpublish"} <= actions


def test_the_history_view_lists_the_versions(moderator_client, edited_page):
    page, _, _ = edited_page

    response = moderator_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))

    assert response.status_code == 200
    actions = [entry.action for entry in response.context["object_list"]]
    assert actions.count("wagtail.publish") >= 2
