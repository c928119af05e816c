"""Every entry point that searches goes through the Vietnamese search."""

import pytest

from articles.models import ArticlePage, DirectivePage
from tests.site_tree import add_published


@pytest.fixture
def pages(search_backend, news_section, directive_register, directive_type):
    return {
        "directive": add_published(
            directive_register,
            DirectivePage(
                title="Chỉ thị về tăng cường công tác hòa giải ở cơ sở",
                number="05-CT/TU",
                document_type=directive_type,
                slug="chi-thi-05",
            ),
        ),
        "article": add_published(
            news_section, ArticlePage(title="Đảng bộ tỉnh tổng kết năm", slug="dang-bo")
        ),
    }


def test_editor_typing_chi_thi_05_in_the_admin_finds_the_directive(admin_client, pages):
    response = admin_client.get("/admin/pages/search/", {"q": "chi thi 05"})
    assert response.status_code == 200
    assert "Chỉ thị về tăng cường công tác hòa giải ở cơ sở" in response.content.decode()


def test_api_v2_search_parameter_folds_accents(client, pages):
    response = client.get("/api/v2/pages/", {"search": "dang bo"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [pages["article"].pk]


def test_api_v2_search_finds_document_numbers_however_typed(client, pages):
    response = client.get("/api/v2/pages/", {"search": "05 ct tu"})
    assert response.json()["items"][0]["id"] == pages["directive"].pk
