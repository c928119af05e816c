"""Draft preview for the decoupled frontend, and renditions made before anyone asks."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import override_settings
from wagtail.images import get_image_model

from articles.factories import ArticlePageFactory, ImageFactory
from articles.preview import make_preview_token
from articles.renditions import prepared_rendition_specs
from tests.articles.pages_api import get

FRONTEND = "https://www.sotuphap.example/api/preview"


@pytest.fixture
def draft(news_section):
    page = ArticlePageFactory(parent=news_section, title="Bản đã đăng", slug="bai")
    page.title = "Bản nháp đang sửa"
    revision = page.save_revision()
    return page, revision


def preview(client, page_id: int, token: str):
    return get(client, "/api/pages/preview/", id=page_id, token=token)


def test_token_serves_the_draft_not_the_live_version(client, draft):
    page, revision = draft
    response = preview(client, page.pk, make_preview_token(page.pk, revision.pk))
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Bản nháp đang sửa"
    assert response.json()["meta"]["preview"] is True
    assert get(client, f"/api/pages/{page.pk}/").json()["title"] == "Bản đã đăng"


def test_a_preview_has_the_published_detail_shape(client, draft):
    """The draft goes through the same page schema as the live page: same fields, same order."""
    page, revision = draft
    drafted = preview(client, page.pk, make_preview_token(page.pk, revision.pk)).json()
    published = get(client, f"/api/pages/{page.pk}/").json()
    assert list(drafted) == list(published)
    assert list(drafted["meta"]) == list(published["meta"])


def test_preview_is_never_stored_by_shared_caches(client, draft):
    page, revision = draft
    response = preview(client, page.pk, make_preview_token(page.pk, revision.pk))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_never_published_page_can_be_previewed(client, news_section):
    page = ArticlePageFactory(parent=news_section, title="Chưa đăng", live=False)
    token = make_preview_token(page.pk, page.latest_revision_id)
    assert preview(client, page.pk, token).json()["title"] == "Chưa đăng"
    assert get(client, f"/api/pages/{page.pk}/").status_code == 404


@override_settings(PREVIEW_TOKEN_SECONDS=600)
def test_token_expires(client, draft):
    page, revision = draft
    with time_machine.travel(datetime.datetime(2026, 1, 1, 8, 0, tzinfo=datetime.UTC)):
        token = make_preview_token(page.pk, revision.pk)
    with time_machine.travel(datetime.datetime(2026, 1, 1, 8, 11, tzinfo=datetime.UTC)):
        response = preview(client, page.pk, token)
    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


def test_forged_token_is_refused(client, draft):
    page, revision = draft
    token = make_preview_token(page.pk, revision.pk)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert preview(client, page.pk, forged).status_code == 403
    assert preview(client, page.pk, "not-a-token").status_code == 403


def test_token_cannot_be_used_for_another_page(client, draft, news_section):
    page, revision = draft
    other = ArticlePageFactory(parent=news_section, live=False)
    token = make_preview_token(page.pk, revision.pk)
    response = preview(client, other.pk, token)
    assert response.status_code == 403
    assert "another page" in response.json()["detail"]


@override_settings(FRONTEND_PREVIEW_URL=FRONTEND)
def test_admin_preview_opens_the_frontend_with_a_working_token(client, draft):
    page, _ = draft
    # What the admin's preview view does with the page it built from the editor's form.
    response = page.get_latest_revision_as_object().make_preview_request()
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(FRONTEND)
    query = parse_qs(urlsplit(location).query)
    assert query["id"] == [str(page.pk)]
    assert query["type"] == ["articles.ArticlePage"]
    api = preview(client, page.pk, query["token"][0])
    assert api.json()["title"] == "Bản nháp đang sửa"


def test_without_a_frontend_the_admin_preview_links_the_draft_json(client, draft):
    page, _ = draft
    response = page.get_latest_revision_as_object().make_preview_request()
    assert response.status_code == 200
    api_url = json.loads(response.content)["preview_api_url"]
    assert client.get(api_url, HTTP_HOST="localhost").json()["title"] == "Bản nháp đang sửa"


# --- renditions ------------------------------------------------------------------------


def test_uploading_an_image_makes_every_rendition(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory()
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(prepared_rendition_specs())


def test_the_api_never_makes_renditions(client, news_section):
    image = ImageFactory()  # outside on_commit: nothing made yet
    page = ArticlePageFactory(parent=news_section, hero_image=image)
    rendition_model = get_image_model().get_rendition_model()
    before = rendition_model.objects.count()
    data = get(client, f"/api/pages/{page.pk}/").json()
    assert rendition_model.objects.count() == before
    assert data["hero"]["image"]["src"].endswith(image.file.name.rsplit("/", 1)[-1])


def test_publishing_a_page_makes_renditions_of_its_images(
    news_section, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    body = [{"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}}]
    page = ArticlePageFactory(parent=news_section, live=False, body=body)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert image.renditions.count() == len(prepared_rendition_specs())
