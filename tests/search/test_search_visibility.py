"""The search API serves what the pages API serves: the same rule of visibility."""

import pytest

from articles.factories import ArticlePageFactory
from tests.hidden_pages import HIDDEN_STATES, make_hidden


@pytest.fixture(params=HIDDEN_STATES)
def hidden(request, search_backend, news_section):
    return make_hidden(
        request.param, ArticlePageFactory, news_section, title="Trợ giúp pháp lý lưu động"
    )


def test_hidden_page_is_never_a_search_result(client, news_section, hidden):
    visible = ArticlePageFactory(parent=news_section, title="Trợ giúp pháp lý miễn phí")
    body = client.get("/api/search/", {"q": "tro giup phap ly"}).json()
    assert [item["id"] for item in body["items"]] == [visible.pk]
    assert body["total"] == 1


def test_hidden_page_is_never_completed(client, hidden):
    body = client.get("/api/search/autocomplete/", {"q": "Trợ giúp pháp lý l"}).json()
    assert all("lưu động" not in suggestion for suggestion in body["suggestions"])


@pytest.mark.parametrize("url", ["/api/search/", "/api/search/autocomplete/"])
def test_unknown_search_parameter_is_400_naming_it(client, db, url):
    response = client.get(url, {"q": "hoa giai", "sort": "date"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "sort" in response.json()["detail"]
