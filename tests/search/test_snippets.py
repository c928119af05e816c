"""Search snippets show what a page says, never how its blocks are laid out."""

import pytest

from articles.factories import ImageFactory
from articles.models import ArticlePage
from tests.site_tree import add_published

# The option labels of the body's choice blocks (image alignment, heading level, notice
# tone), in Vietnamese and English: an editor's layout choice, not text of the page.
OPTION_LABELS = ["Toàn khổ", "Full width", "Heading 2", "Tiêu đề 2", "Important", "Quan trọng"]


@pytest.fixture
def laid_out_article(search_backend, news_section):
    body = [
        ("heading", {"text": "Kết quả hội nghị", "level": "h2"}),
        (
            "image",
            {
                "image": ImageFactory(),
                "caption": "Quang cảnh hội nghị tập huấn",
                "credit": "",
                "alignment": "full",
            },
        ),
        (
            "notice",
            {"title": "Hạn nộp", "text": "<p>Nộp báo cáo trước ngày 15.</p>", "tone": "important"},
        ),
    ]
    return add_published(
        news_section, ArticlePage(title="Hội nghị tập huấn", slug="hoi-nghi", body=body)
    )


def search(client, query: str) -> dict:
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == 200, response.content
    return response.json()


def test_snippet_holds_the_caption_but_no_option_label(client, laid_out_article):
    hits = search(client, "quang cảnh")["items"]
    snippet = next(hit["snippet"] for hit in hits if hit["id"] == laid_out_article.pk)
    assert "<mark>Quang</mark> <mark>cảnh</mark>" in snippet
    assert not [label for label in OPTION_LABELS if label.casefold() in snippet.casefold()]


@pytest.mark.parametrize("label", ["Toàn khổ", "toan kho", "Full width"])
def test_option_labels_find_nothing(client, laid_out_article, label):
    assert search(client, label)["total"] == 0


def test_body_search_text_leaves_choices_out(laid_out_article):
    body = laid_out_article.body
    text = " ".join(body.stream_block.get_searchable_content(body))
    assert "Quang cảnh hội nghị tập huấn" in text and "Kết quả hội nghị" in text
    assert not [label for label in OPTION_LABELS if label in text]
    assert "full" not in text.split() and "h2" not in text.split()
