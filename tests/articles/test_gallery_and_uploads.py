"""Galleries need their media; uploads must be what they claim and no bigger than allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.factories import PDF_BYTES, ImageFactory, VideoFactory
from articles.models import GalleryPage
from tests.admin_uploads import png, upload_document, upload_image
from tests.articles.admin_forms import PUBLISH, add_page_url, form_errors, in_admin_language

Document = get_document_model()
Image = get_image_model()

NEEDS_PHOTO = "A photo gallery needs at least one photo."
NEEDS_VIDEO = "A video gallery needs at least one video."
VIDEO_URL_OR_UPLOAD = "Give either a video URL or an uploaded video, not both."
NOT_A_REAL_FILE = "This file is not a real .%(extension)s file."


def gallery_form(media_type: str, photos: list[dict], videos: list[dict]) -> dict:
    return nested_form_data(
        {
            "title": "Hội nghị tổng kết",
            "slug": "tong-ket",
            "media_type": media_type,
            "display_date": "20/12/2023",
            "photos": inline_formset(photos),
            "videos": inline_formset(videos),
        }
    )


# --- Galleries ------------------------------------------------------------------------


def test_photo_gallery_without_photos_is_refused_on_the_gallery_type(admin_client, photo_library):
    response = admin_client.post(
        add_page_url(GalleryPage, photo_library), gallery_form("photo", [], []) | PUBLISH
    )

    assert form_errors(response).get("media_type") == [in_admin_language(NEEDS_PHOTO)]
    assert not GalleryPage.objects.exists()


def test_photo_gallery_whose_only_photo_is_removed_is_refused(admin_client, photo_library):
    removed = [{"image": ImageFactory().pk, "caption": "", "DELETE": "1"}]

    response = admin_client.post(
        add_page_url(GalleryPage, photo_library), gallery_form("photo", removed, []) | PUBLISH
    )

    assert form_errors(response).get("media_type") == [in_admin_language(NEEDS_PHOTO)]
    assert not GalleryPage.objects.exists()


def test_video_gallery_with_photos_but_no_video_is_refused(admin_client, photo_library):
    photos = [{"image": ImageFactory().pk, "caption": ""}]

    response = admin_client.post(
        add_page_url(GalleryPage, photo_library), gallery_form("video", photos, []) | PUBLISH
    )

    assert form_errors(response).get("media_type") == [in_admin_language(NEEDS_VIDEO)]
    assert not GalleryPage.objects.exists()


@pytest.mark.parametrize("with_upload", [False, True], ids=["neither", "both"])
def test_video_needs_either_a_url_or_an_upload(admin_client, photo_library, with_upload):
    url = "https://www.youtube.com/watch?v=govcms-test" if with_upload else ""
    video = {"url": url, "media": VideoFactory().pk if with_upload else "", "title": "Tập 1"}

    response = admin_client.post(
        add_page_url(GalleryPage, photo_library), gallery_form("video", [], [video]) | PUBLISH
    )

    assert response.status_code == 200
    assert [f.errors for f in response.context["form"].formsets["videos"].forms] == [
        {"url": [in_admin_language(VIDEO_URL_OR_UPLOAD)]}
    ]
    assert not GalleryPage.objects.exists()


# --- Documents ------------------------------------------------------------------------


def test_document_named_pdf_that_is_not_a_pdf_is_refused(admin_client):
    response = upload_document(admin_client, "ke-hoach.pdf", b"<html>not a pdf</html>")

    assert response.status_code == 200
    # Wagtail's Document.clean() then adds "File extension “” is not allowed" as well.
    assert (
        in_admin_language(NOT_A_REAL_FILE, extension="pdf")
        in response.context["form"].errors["file"]
    )
    assert not Document.objects.exists()


def test_multiple_uploader_refuses_a_document_that_is_not_what_it_claims(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("bao-cao.docx", b"plain text, not a zip")},
    )

    result = response.json()
    assert not result["success"]
    assert in_admin_language(NOT_A_REAL_FILE, extension="docx") in result["error_message"]
    assert not Document.objects.exists()


def test_real_pdf_is_accepted(admin_client):
    response = upload_document(admin_client, "ke-hoach.pdf", PDF_BYTES)

    assert response.status_code == 302
    document = Document.objects.get()
    with document.file.open("rb") as stored:
        assert stored.read(8) == b"%PDF-1.4"


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=len(PDF_BYTES) - 1)
def test_document_over_the_size_limit_is_refused(admin_client):
    response = upload_document(admin_client, "ke-hoach.pdf", PDF_BYTES)

    assert response.status_code == 200
    assert "file_too_large" in [e.code for e in response.context["form"].errors.as_data()["file"]]
    assert not Document.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=len(PDF_BYTES))
def test_document_at_the_size_limit_is_accepted(admin_client):
    response = upload_document(admin_client, "ke-hoach.pdf", PDF_BYTES)

    assert response.status_code == 302
    assert Document.objects.count() == 1


# --- Images ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["anh-hoi-nghi.jpg", "anh-hoi-nghi.png"])
def test_image_upload_that_is_not_an_image_is_refused(admin_client, name):
    response = upload_image(admin_client, name, b"%PDF-1.4 a document renamed as a photo")

    assert response.status_code == 200
    assert "invalid_image" in [e.code for e in response.context["form"].errors.as_data()["file"]]
    assert not Image.objects.exists()


def test_real_image_is_accepted(admin_client):
    response = upload_image(admin_client, "anh-hoi-nghi.png", png())

    assert response.status_code == 302
    assert Image.objects.get().width == 4
