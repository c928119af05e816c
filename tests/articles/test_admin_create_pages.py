"""Every page type can be created through the admin's add view, as an editor would."""

import datetime
import json

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.factories import (
    BylineFactory,
    CategoryFactory,
    DirectivePageFactory,
    DocumentFactory,
    DocumentTypeFactory,
    ImageFactory,
    IssuingBodyFactory,
    LegalFieldFactory,
    VideoFactory,
)
from articles.models import (
    ArticlePage,
    DirectiveIndexPage,
    DirectivePage,
    DocumentLibraryPage,
    GalleryIndexPage,
    GalleryPage,
    SectionIndexPage,
    StandardPage,
)
from tests.articles.admin_forms import (
    PUBLISH,
    add_page_url,
    assert_saved,
    form_errors,
    list_block,
)

VIDEO_URL = "https://www.youtube.com/watch?v=govcms-test"
BODY_BLOCK_TYPES = [
    "paragraph",
    "heading",
    "image",
    "gallery",
    "quote",
    "table",
    "embed",
    "document",
    "notice",
    "citation",
]


@pytest.fixture
def cached_video_embed(db) -> Embed:
    """Wagtail looks embeds up in its cache table first, so no oEmbed request is made."""
    return Embed.objects.create(
        hash=get_embed_hash(VIDEO_URL),
        url=VIDEO_URL,
        type="video",
        html='<iframe src="https://www.youtube.com/embed/govcms-test"></iframe>',
        provider_name="YouTube",
    )


@pytest.fixture
def image(db):
    return ImageFactory(title="Quang cảnh hội nghị")


@pytest.fixture
def document(db):
    return DocumentFactory(title="Kế hoạch số 12/KH-STP")


@pytest.fixture
def cited_directive(directive_register) -> DirectivePage:
    return DirectivePageFactory(parent=directive_register, number="05-CT/TU")


@pytest.fixture
def every_body_block(cached_video_embed, image, document, cited_directive) -> dict:
    table = {
        "data": [["Chỉ tiêu", "Kết quả"], ["Số vụ hòa giải thành", "120"]],
        "table_header_choice": "row",
        "table_caption": "",
    }
    return streamfield(
        [
            ("paragraph", rich_text("<p>Sáng 15/3, <b>Sở Tư pháp</b> tổ chức hội nghị.</p>")),
            ("heading", {"text": "Kết quả đạt được", "level": "h3"}),
            (
                "image",
                {"image": image.pk, "caption": "Quang cảnh", "credit": "", "alignment": "full"},
            ),
            (
                "gallery",
                {
                    "title": "Hình ảnh hội nghị",
                    "images": list_block([{"image": image.pk, "caption": "", "credit": ""}]),
                },
            ),
            ("quote", {"text": "Pháp luật là công cụ quản lý xã hội.", "attribution": ""}),
            ("table", json.dumps(table)),
            ("embed", {"video": VIDEO_URL, "caption": "Phóng sự"}),
            ("document", {"document": document.pk, "title": "", "description": ""}),
            (
                "notice",
                {"title": "Lưu ý", "text": rich_text("<p>Hạn nộp 30/6.</p>"), "tone": "important"},
            ),
            ("citation", {"directive": cited_directive.pk, "provision": "Điều 5", "note": ""}),
        ]
    )


def assert_every_body_block_saved(page, image, document, cited_directive) -> None:
    body = page.body
    assert [block.block_type for block in body] == BODY_BLOCK_TYPES
    by_type = {block.block_type: block.value for block in body}
    assert "Sở Tư pháp" in by_type["paragraph"].source
    assert by_type["heading"]["text"] == "Kết quả đạt được"
    assert by_type["image"]["image"] == image
    assert by_type["gallery"]["images"][0]["image"] == image
    assert by_type["table"]["data"][1] == ["Số vụ hòa giải thành", "120"]
    assert by_type["embed"]["video"].url == VIDEO_URL
    assert by_type["document"]["document"] == document
    assert by_type["notice"]["tone"] == "important"
    assert by_type["citation"]["directive"].specific == cited_directive


@pytest.mark.parametrize("index_model", [SectionIndexPage, DirectiveIndexPage, GalleryIndexPage])
def test_section_index_page_is_published_under_the_home_page(admin_client, home_page, index_model):
    data = nested_form_data(
        {"title": "Chuyên mục", "slug": "chuyen-muc", "intro": rich_text("<p>Giới thiệu.</p>")}
    )

    response = admin_client.post(add_page_url(index_model, home_page), data | PUBLISH)

    assert_saved(response)
    page = index_model.objects.get(slug="chuyen-muc")
    assert page.live
    assert page.get_parent().pk == home_page.pk
    assert "Giới thiệu." in page.intro


def test_article_is_published_with_every_body_block_and_its_metadata(
    admin_client, news_section, every_body_block, image, document, cited_directive
):
    byline = BylineFactory(name="Phòng PBGDPL")
    categories = CategoryFactory.create_batch(2)
    data = nested_form_data(
        {
            "title": "Hội nghị triển khai công tác hòa giải ở cơ sở",
            "slug": "hoi-nghi-hoa-giai",
            "lead": "Sở Tư pháp triển khai nhiệm vụ năm 2024.",
            "hero_image": image.pk,
            "hero_caption": "Quang cảnh hội nghị",
            "body": every_body_block,
            "attachments": inline_formset([{"document": document.pk, "title": "Kế hoạch"}]),
            "display_date": "15/03/2024",
            "byline": byline.pk,
            "source": "Báo Sóc Trăng",
            "is_announcement": "on",
            "tags": "hòa giải, pháp luật",
            "related_pages": inline_formset([{"related": cited_directive.pk}]),
        }
    )
    data["categories"] = [category.pk for category in categories]

    response = admin_client.post(add_page_url(ArticlePage, news_section), data | PUBLISH)

    assert_saved(response)
    article = ArticlePage.objects.get(slug="hoi-nghi-hoa-giai")
    assert article.live
    assert article.display_date == datetime.date(2024, 3, 15)
    assert article.byline == byline
    assert article.is_announcement and not article.is_featured
    assert set(article.categories.all()) == set(categories)
    assert set(article.tags.names()) == {"hòa giải", "pháp luật"}
    assert [(a.document, a.title) for a in article.attachments.all()] == [(document, "Kế hoạch")]
    assert [r.related.pk for r in article.related_pages.all()] == [cited_directive.pk]
    assert_every_body_block_saved(article, image, document, cited_directive)


def test_directive_is_published_with_its_metadata_and_a_relation(
    admin_client, directive_register, every_body_block, image, document, cited_directive
):
    issuer = IssuingBodyFactory()
    legal_field = LegalFieldFactory(name="Hòa giải ở cơ sở")
    data = nested_form_data(
        {
            "title": "Chỉ thị về tăng cường công tác hòa giải",
            "slug": "chi-thi-06",
            "abstract": "Về tăng cường sự lãnh đạo của Đảng đối với công tác hòa giải ở cơ sở.",
            "body": every_body_block,
            "attachments": inline_formset([{"document": document.pk, "title": "Toàn văn"}]),
            "document_type": DocumentTypeFactory(code="CT").pk,
            "number": "06-CT/TU",
            "issuing_body": issuer.pk,
            "signer_name": "Lâm Văn Mẫn",
            "signer_title": "Bí thư Tỉnh ủy",
            "issue_date": "10/01/2024",
            "effective_date": "10/01/2024",
            "expiry_date": "",
            "validity_override": "",
            "relations": inline_formset(
                [{"relation_type": "replaces", "target": cited_directive.pk}]
            ),
        }
    )
    data["legal_fields"] = [legal_field.pk]

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert_saved(response)
    directive = DirectivePage.objects.get(slug="chi-thi-06")
    assert directive.live
    assert (directive.number, directive.issuing_body) == ("06-CT/TU", issuer)
    assert directive.issue_date == datetime.date(2024, 1, 10)
    assert list(directive.legal_fields.all()) == [legal_field]
    assert [(r.relation_type, r.target) for r in directive.relations.all()] == [
        ("replaces", cited_directive)
    ]
    assert_every_body_block_saved(directive, image, document, cited_directive)


def test_photo_gallery_is_published_with_its_photos(admin_client, photo_library, image):
    data = nested_form_data(
        {
            "title": "Hội nghị tổng kết năm 2023",
            "slug": "tong-ket-2023",
            "media_type": "photo",
            "cover_image": image.pk,
            "display_date": "20/12/2023",
            "photos": inline_formset([{"image": image.pk, "caption": "Đại biểu dự hội nghị"}]),
            "videos": inline_formset([]),
        }
    )

    response = admin_client.post(add_page_url(GalleryPage, photo_library), data | PUBLISH)

    assert_saved(response)
    gallery = GalleryPage.objects.get(slug="tong-ket-2023")
    assert gallery.live
    assert gallery.media_type == "photo"
    assert [(p.image, p.caption) for p in gallery.photos.all()] == [(image, "Đại biểu dự hội nghị")]


def test_video_gallery_is_published_with_its_videos(admin_client, photo_library):
    data = nested_form_data(
        {
            "title": "Phóng sự hòa giải",
            "slug": "phong-su-hoa-giai",
            "media_type": "video",
            "display_date": "20/12/2023",
            "photos": inline_formset([]),
            "videos": inline_formset([{"url": VIDEO_URL, "title": "Tập 1"}]),
        }
    )

    response = admin_client.post(add_page_url(GalleryPage, photo_library), data | PUBLISH)

    assert_saved(response)
    gallery = GalleryPage.objects.get(slug="phong-su-hoa-giai")
    assert gallery.live
    assert [(v.url, v.title) for v in gallery.videos.all()] == [(VIDEO_URL, "Tập 1")]


def test_video_gallery_is_published_with_an_uploaded_video(admin_client, photo_library):
    video = VideoFactory()
    data = nested_form_data(
        {
            "title": "Phóng sự tự quay",
            "slug": "phong-su-tu-quay",
            "media_type": "video",
            "display_date": "20/12/2023",
            "photos": inline_formset([]),
            "videos": inline_formset([{"url": "", "media": video.pk, "title": "Tập 2"}]),
        }
    )

    response = admin_client.post(add_page_url(GalleryPage, photo_library), data | PUBLISH)

    assert_saved(response)
    gallery = GalleryPage.objects.get(slug="phong-su-tu-quay")
    assert gallery.live
    assert [(v.media, v.url) for v in gallery.videos.all()] == [(video, "")]


def test_document_library_is_published_with_a_dated_entry(admin_client, home_page, document):
    data = nested_form_data(
        {
            "title": "Tài liệu Bồi thường nhà nước",
            "slug": "tai-lieu-boi-thuong",
            "intro": rich_text("<p>Tài liệu tập huấn.</p>"),
            "entries": inline_formset(
                [{"document": document.pk, "title": "Đề cương", "date": "31/05/2021"}], min=1
            ),
        }
    )

    response = admin_client.post(add_page_url(DocumentLibraryPage, home_page), data | PUBLISH)

    assert_saved(response)
    library = DocumentLibraryPage.objects.get(slug="tai-lieu-boi-thuong")
    assert library.live
    assert [(e.document, e.date) for e in library.entries.all()] == [
        (document, datetime.date(2021, 5, 31))
    ]


def test_standard_page_saved_without_publishing_stays_a_draft(
    admin_client, home_page, every_body_block, image, document, cited_directive
):
    data = nested_form_data(
        {"title": "Chức năng, nhiệm vụ", "slug": "chuc-nang", "body": every_body_block}
    )

    response = admin_client.post(add_page_url(StandardPage, home_page), data)

    assert_saved(response)
    page = StandardPage.objects.get(slug="chuc-nang")
    assert not page.live
    assert page.latest_revision is not None
    assert_every_body_block_saved(
        page.latest_revision.as_object(), image, document, cited_directive
    )


def test_video_url_without_an_embed_is_a_form_error_not_a_server_error(admin_client, home_page):
    # The host matches no oEmbed provider, so Wagtail gives up without a request.
    body = streamfield([("embed", {"video": "https://video.invalid/clip/1", "caption": ""})])
    data = nested_form_data({"title": "Video", "slug": "video", "body": body})

    response = admin_client.post(add_page_url(StandardPage, home_page), data)

    assert "body" in form_errors(response)
    assert not StandardPage.objects.filter(slug="video").exists()
