"""Helpers for the pages API tests: a page body with every block type, and requests."""

from wagtail.models import Page

from articles.factories import DocumentFactory, ImageFactory


def get(client, url: str, **params):
    return client.get(url, params, HTTP_HOST="localhost")


def every_block(*, image_id: int, document_id: int, linked_page: Page, cited: Page) -> list[dict]:
    """Raw StreamField data with one block of each type, as the admin stores it."""
    return [
        {
            "type": "paragraph",
            "value": (
                f'<p>Xem <a linktype="page" id="{linked_page.pk}">bài liên quan</a> và '
                f'<a linktype="document" id="{document_id}">kế hoạch</a>, '
                '<a href="https://moj.gov.vn/">Bộ Tư pháp</a>.</p>'
            ),
        },
        {"type": "heading", "value": {"text": "Nội dung chính", "level": "h2"}},
        {
            "type": "image",
            "value": {
                "image": image_id,
                "caption": "Quang cảnh hội nghị",
                "credit": "Phòng PBGDPL",
                "alignment": "full",
            },
        },
        {
            "type": "gallery",
            "value": {
                "title": "Hình ảnh",
                "images": [
                    {"type": "item", "value": {"image": image_id, "caption": "Ảnh 1", "credit": ""}}
                ],
            },
        },
        {"type": "quote", "value": {"text": "Pháp luật là công cụ.", "attribution": "Giám đốc"}},
        {
            "type": "table",
            "value": {
                "data": [["Năm", "Số vụ"], ["2023", "12"]],
                "first_row_is_header": True,
                "first_col_is_header": False,
            },
        },
        {
            "type": "embed",
            "value": {
                "video": "https://www.youtube.com/watch?v=govcms-test",
                "caption": "Phóng sự",
            },
        },
        {
            "type": "document",
            "value": {"document": document_id, "title": "", "description": "Tải về"},
        },
        {
            "type": "notice",
            "value": {"title": "Lưu ý", "text": "<p>Hạn chót 30/9.</p>", "tone": "important"},
        },
        {
            "type": "citation",
            "value": {"directive": cited.pk, "provision": "Điều 2", "note": ""},
        },
    ]


def media():
    return ImageFactory(title="Hội nghị"), DocumentFactory(title="Kế hoạch 12/KH-STP")
