"""What each role may do, checked through the admin's own views and permission checks."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupCollectionPermission, GroupPagePermission, PageLogEntry

from articles.factories import ArticlePageFactory, ImageFactory
from articles.models import ArticlePage
from editorial.roles import ADMINISTRATORS, MODERATORS, WRITERS
from tests.articles.admin_forms import PUBLISH, add_page_url, assert_saved, edit_page_url
from tests.editorial.page_forms import page_form

ROLES = [WRITERS, MODERATORS, ADMINISTRATORS]


def assert_refused(response) -> None:
    """Wagtail answers a forbidden admin action with 403, or sends the user to the
    dashboard with "Sorry, you do not have permission"."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def new_article_form(title: str = "Hội nghị tập huấn hòa giải viên") -> dict:
    return page_form(ArticlePage(title=title, slug="hoi-nghi-tap-huan", lead="Tóm tắt."))


def grants(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def role_rows() -> dict[str, int]:
    return {
        "groups": Group.objects.count(),
        "permissions": sum(len(grants(name)) for name in ROLES),
        "page": GroupPagePermission.objects.count(),
        "collection": GroupCollectionPermission.objects.count(),
    }


# --- The roles themselves ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_open_the_admin(db, role):
    assert "wagtailadmin.access_admin" in grants(role)


def test_administrators_hold_every_permission(db):
    assert len(grants(ADMINISTRATORS)) == Permission.objects.count()


def test_setting_up_the_roles_again_adds_nothing(db):
    before = role_rows()

    call_command("setup_editorial_roles", stdout=io.StringIO())

    assert role_rows() == before


def test_setting_up_the_roles_restores_a_deleted_group(db):
    Group.objects.filter(name=WRITERS).delete()

    call_command("setup_editorial_roles", stdout=io.StringIO())

    writers = Group.objects.get(name=WRITERS)
    codenames = {p.permission.codename for p in GroupPagePermission.objects.filter(group=writers)}
    assert codenames == {"add_page", "change_page"}


# --- Writers ---------------------------------------------------------------------------------


def test_a_writer_saves_a_draft_in_a_news_section(writer_client, news_section):
    response = writer_client.post(add_page_url(ArticlePage, news_section), new_article_form())

    assert_saved(response)
    article = ArticlePage.objects.get(slug="hoi-nghi-tap-huan")
    assert not article.live


def test_a_writers_publish_attempt_on_a_new_page_publishes_nothing(writer_client, news_section):
    response = writer_client.post(
        add_page_url(ArticlePage, news_section), new_article_form() | PUBLISH
    )

    assert_saved(response)
    article = ArticlePage.objects.get(slug="hoi-nghi-tap-huan")
    assert not article.live
    assert not PageLogEntry.objects.filter(page=article, action="wagtail.publish").exists()


def test_a_writers_publish_attempt_on_a_live_page_leaves_the_public_version(
    writer_client, news_section
):
    article = ArticlePageFactory(parent=news_section, title="Bản đang hiển thị")
    data = page_form(article, title="Bản sửa chưa được duyệt")

    response = writer_client.post(edit_page_url(article), data | PUBLISH)

    assert_saved(response)
    article.refresh_from_db()
    assert article.title == "Bản đang hiển thị"
    assert article.get_latest_revision_as_object().title == "Bản sửa chưa được duyệt"


def test_a_writer_is_offered_submit_for_moderation_and_not_publish(writer_client, news_section):
    article = ArticlePageFactory(parent=news_section, live=False)

    html = writer_client.get(edit_page_url(article)).content.decode()

    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_a_writer_cannot_unpublish(writer_client, news_section):
    article = ArticlePageFactory(parent=news_section)

    response = writer_client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

    assert_refused(response)
    article.refresh_from_db()
    assert article.live


def test_a_writer_uploads_an_image(writer_client):
    upload = SimpleUploadedFile(
        "hoi-nghi.png", get_test_image_file().file.getvalue(), content_type="image/png"
    )

    response = writer_client.post(
        reverse("wagtailimages:add"), {"title": "Hội nghị", "file": upload}
    )

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Hội nghị").exists()


def test_a_writer_cannot_delete_someone_elses_image(writer_client):
    image = ImageFactory()

    response = writer_client.post(reverse("wagtailimages:delete", args=[image.pk]))

    assert_refused(response)
    assert get_image_model().objects.filter(pk=image.pk).exists()


@pytest.mark.parametrize(
    "url",
    [reverse("wagtailusers_users:index"), reverse("wagtailadmin_workflows:index")],
    ids=["users", "workflows"],
)
def test_a_writer_cannot_manage_users_or_workflows(writer_client, url):
    assert_refused(writer_client.get(url))


# --- Heads of the editorial board ------------------------------------------------------------


def test_a_moderator_publishes(moderator_client, news_section):
    article = ArticlePageFactory(parent=news_section, live=False, title="Chờ đăng")

    response = moderator_client.post(edit_page_url(article), page_form(article) | PUBLISH)

    assert_saved(response)
    article.refresh_from_db()
    assert article.live


def test_a_moderator_unpublishes(moderator_client, news_section):
    article = ArticlePageFactory(parent=news_section)

    response = moderator_client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.live


def test_a_moderator_cannot_manage_users(moderator_client):
    assert_refused(moderator_client.get(reverse("wagtailusers_users:index")))


# --- Administrators --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_workflows:index"),
    ],
    ids=["add-user", "groups", "workflows"],
)
def test_an_administrator_manages_users_groups_and_workflows(administrator_client, url):
    assert administrator_client.get(url).status_code == 200


def test_an_administrator_edits_the_site_settings(administrator_client, home_page):
    response = administrator_client.get(
        reverse("wagtailsettings:edit", args=["home", "sitesettings"]), follow=True
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/admin/settings/home/sitesettings/")
