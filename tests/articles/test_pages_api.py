"""The typed pages API at /api/pages/: listing, detail, find-by-path, serialised bodies."""

import datetime

import pytest

from articles.factories import (
    ArticlePageFactory,
)


def get(client, url, **params):
    return client.get(url, params, HTTP_HOST="localhost")


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(
        parent=news_section,
        title="Triển khai Chỉ thị số 05-CT/TU",
        slug="trien-khai-chi-thi",
        lead="Sở Tư pháp triển khai.",
        body=[paragraph("<p>Nội dung.</p>")],
    )


def test_list_returns_cards_with_total_count(client, news_section):
    for number in range(3):
        ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 1, number + 1))
    response = get(client, "/api/pages/", type="articles.ArticlePage", limit=2)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert [item["date"] for item in data["items"]] == ["2024-01-03", "2024-01-02"]
    assert {"id", "type", "title", "url", "lead", "date"} <= set(data["items"][0])


def test_detail_serialises_article(client, article):
    response = get(client, f"/api/pages/{article.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["type"] == "articles.ArticlePage"
    assert data["url"] == "/tin-tuc/trien-khai-chi-thi/"
    assert data["body"][0]["type"] == "paragraph"
    assert data["body"][0]["value"] == "<p>Nội dung.</p>"
    assert data["meta"]["breadcrumbs"][-1]["url"] == "/tin-tuc/"


def test_find_by_path_returns_the_page(client, article):
    response = get(client, "/api/pages/find/", path="/tin-tuc/trien-khai-chi-thi/")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == article.pk
