"""Gallery photos and videos, library entries and attachments through wagtail-localize:
their captions and titles are offered for translation, their files travel unchanged."""

import datetime

import pytest
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.operations import translate_object

from articles.factories import DocumentFactory, ImageFactory, VideoFactory
from articles.models import (
    ArticleAttachment,
    ArticlePage,
    DirectiveAttachment,
    DocumentLibraryEntry,
    DocumentLibraryPage,
    GalleryPage,
    GalleryPhoto,
    GalleryVideo,
)
from tests.articles.pages_api import get
from tests.articles.test_translation import publish, source_strings, translate
from tests.site_tree import add_published

ENGLISH = {
    "Ngày Pháp luật 2021": "Law Day 2021",
    "ngay-phap-luat": "law-day",
    "Đại biểu dự lễ mít tinh": "Delegates at the rally",
    "Ảnh: Phòng Phổ biến pháp luật": "Photo: Legal Education Office",
    "Phóng sự Ngày Pháp luật": "Law Day report",
    "Hoạt động hưởng ứng trong tỉnh": "Events across the province",
    "Phóng sự tải lên": "Uploaded report",
    "Bản ghi hình buổi lễ": "Recording of the ceremony",
    "Tài liệu Bồi thường nhà nước": "State compensation documents",
    "tai-lieu": "documents",
    "Kế hoạch 12/KH-STP": "Plan 12/KH-STP",
    "Kế hoạch thực hiện công tác bồi thường năm 2021.": "The 2021 compensation plan.",
    "Tập huấn hòa giải ở cơ sở": "Training for community mediators",
    "tap-huan": "training",
    "Danh sách học viên": "List of participants",
}


@pytest.fixture
def gallery(photo_library) -> GalleryPage:
    page = GalleryPage(title="Ngày Pháp luật 2021", slug="ngay-phap-luat")
    page.photos.add(
        GalleryPhoto(
            image=ImageFactory(),
            caption="Đại biểu dự lễ mít tinh",
            credit="Ảnh: Phòng Phổ biến pháp luật",
        )
    )
    page.videos.add(
        GalleryVideo(
            sort_order=0,  # as the admin's inline panel sets it; PostgreSQL keeps no other order
            url="https://www.youtube.com/watch?v=x",
            title="Phóng sự Ngày Pháp luật",
            caption="Hoạt động hưởng ứng trong tỉnh",
        )
    )
    page.videos.add(
        GalleryVideo(
            sort_order=1,
            media=VideoFactory(),
            title="Phóng sự tải lên",
            caption="Bản ghi hình buổi lễ",
        )
    )
    return add_published(photo_library, page)


@pytest.fixture
def library(home_page) -> DocumentLibraryPage:
    page = DocumentLibraryPage(title="Tài liệu Bồi thường nhà nước", slug="tai-lieu")
    page.entries.add(
        DocumentLibraryEntry(
            document=DocumentFactory(),
            title="Kế hoạch 12/KH-STP",
            date=datetime.date(2021, 5, 31),
            description="Kế hoạch thực hiện công tác bồi thường năm 2021.",
        )
    )
    return add_published(home_page, page)


@pytest.fixture
def article_with_attachment(news_section) -> ArticlePage:
    page = ArticlePage(title="Tập huấn hòa giải ở cơ sở", slug="tap-huan")
    page.attachments.add(ArticleAttachment(document=DocumentFactory(), title="Danh sách học viên"))
    return add_published(news_section, page)


def translated(page, locale):
    return type(page).objects.get(translation_key=page.translation_key, locale=locale)


# --- which fields travel ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "synchronised", "translated_fields"),
    [
        (GalleryPhoto, {"image"}, {"caption", "credit"}),
        (GalleryVideo, {"url", "media"}, {"title", "caption"}),
        (DocumentLibraryEntry, {"document", "date"}, {"title", "description"}),
        (ArticleAttachment, {"document"}, {"title"}),
        (DirectiveAttachment, {"document"}, {"title"}),
    ],
)
def test_child_row_files_are_synchronised_and_texts_translated(
    model, synchronised, translated_fields
):
    row = model()
    fields = get_translatable_fields(model)
    assert synchronised <= {f.field_name for f in fields if not f.is_translated(row)}
    assert translated_fields <= {f.field_name for f in fields if f.is_translated(row)}


def test_new_child_rows_take_the_locale_of_their_page(gallery):
    assert {photo.locale_id for photo in gallery.photos.all()} == {gallery.locale_id}


# --- segments ------------------------------------------------------------------------------


def test_gallery_segments_include_photo_and_video_texts(gallery, english):
    translate_object(gallery, [english])
    assert {
        "Đại biểu dự lễ mít tinh",
        "Ảnh: Phòng Phổ biến pháp luật",
        "Phóng sự Ngày Pháp luật",
        "Hoạt động hưởng ứng trong tỉnh",
        "Phóng sự tải lên",
        "Bản ghi hình buổi lễ",
    } <= source_strings(gallery)


def test_video_url_is_not_offered_for_translation(gallery, english):
    translate_object(gallery, [english])
    assert not any("youtube" in text for text in source_strings(gallery))


def test_library_segments_include_entry_title_and_description(library, english):
    translate_object(library, [english])
    assert {
        "Kế hoạch 12/KH-STP",
        "Kế hoạch thực hiện công tác bồi thường năm 2021.",
    } <= source_strings(library)


def test_attachment_title_is_offered_for_translation(article_with_attachment, english):
    translate_object(article_with_attachment, [english])
    assert "Danh sách học viên" in source_strings(article_with_attachment)


# --- translated pages ------------------------------------------------------------------------


def test_translated_gallery_photos_carry_translated_caption_and_credit(gallery, english):
    translate(gallery, english, ENGLISH)
    [photo] = translated(gallery, english).photos.all()
    assert (photo.caption, photo.credit) == (
        "Delegates at the rally",
        "Photo: Legal Education Office",
    )


def test_translated_gallery_photos_keep_the_same_image(gallery, english):
    translate(gallery, english, ENGLISH)
    [photo] = translated(gallery, english).photos.all()
    assert photo.image_id == gallery.photos.get().image_id
    assert photo.locale == english


def test_translated_gallery_videos_carry_translated_texts_and_the_same_video(gallery, english):
    translate(gallery, english, ENGLISH)
    videos = list(translated(gallery, english).videos.all())
    sources = list(gallery.videos.all())
    assert [(v.title, v.caption) for v in videos] == [
        ("Law Day report", "Events across the province"),
        ("Uploaded report", "Recording of the ceremony"),
    ]
    assert [(v.url, v.media_id) for v in videos] == [(v.url, v.media_id) for v in sources]


def test_translating_a_gallery_leaves_the_vietnamese_rows_unchanged(gallery, english):
    translate(gallery, english, ENGLISH)
    gallery.refresh_from_db()
    assert [(p.caption, p.credit) for p in gallery.photos.all()] == [
        ("Đại biểu dự lễ mít tinh", "Ảnh: Phòng Phổ biến pháp luật")
    ]
    assert [v.title for v in gallery.videos.all()] == [
        "Phóng sự Ngày Pháp luật",
        "Phóng sự tải lên",
    ]
    assert GalleryPhoto.objects.filter(page=gallery).count() == 1


def test_translated_library_entries_carry_translated_texts_and_the_same_file(library, english):
    translate(library, english, ENGLISH)
    [entry] = translated(library, english).entries.all()
    source = library.entries.get()
    assert (entry.title, entry.description) == ("Plan 12/KH-STP", "The 2021 compensation plan.")
    assert (entry.document_id, entry.date) == (source.document_id, source.date)


def test_translating_a_library_leaves_the_vietnamese_entry_unchanged(library, english):
    translate(library, english, ENGLISH)
    assert library.entries.get().title == "Kế hoạch 12/KH-STP"


def test_translated_attachment_carries_translated_title_and_the_same_file(
    article_with_attachment, english
):
    translate(article_with_attachment, english, ENGLISH)
    [attachment] = translated(article_with_attachment, english).attachments.all()
    assert attachment.title == "List of participants"
    assert attachment.document_id == article_with_attachment.attachments.get().document_id


def test_a_resync_after_the_source_changes_keeps_the_translated_rows(gallery, english):
    translation = translate(gallery, english, ENGLISH)
    gallery.title = "Ngày Pháp luật Việt Nam 2021"
    gallery.save_revision().publish()
    translation.source.update_from_db()
    publish(translation)
    [photo] = translated(gallery, english).photos.all()
    assert photo.caption == "Delegates at the rally"


# --- the pages API -------------------------------------------------------------------------


def test_pages_api_gives_the_translated_gallery_its_translated_captions(client, gallery, english):
    translate(gallery, english, ENGLISH)
    data = get(client, f"/api/pages/{translated(gallery, english).pk}/").json()
    assert [p["caption"] for p in data["photos"]] == ["Delegates at the rally"]
    assert [p["credit"] for p in data["photos"]] == ["Photo: Legal Education Office"]
    assert [v["title"] for v in data["videos"]] == ["Law Day report", "Uploaded report"]


def test_pages_api_gives_the_vietnamese_gallery_its_own_captions(client, gallery, english):
    translate(gallery, english, ENGLISH)
    data = get(client, f"/api/pages/{gallery.pk}/").json()
    assert [p["caption"] for p in data["photos"]] == ["Đại biểu dự lễ mít tinh"]


def test_pages_api_gives_the_translated_library_its_translated_entries(client, library, english):
    translate(library, english, ENGLISH)
    data = get(client, f"/api/pages/{translated(library, english).pk}/").json()
    assert [(e["title"], e["description"]) for e in data["entries"]] == [
        ("Plan 12/KH-STP", "The 2021 compensation plan.")
    ]
