"""The same queries return the same top results on every backend."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage, DirectivePage, SectionIndexPage
from tests.search.conftest import DATABASE, ELASTICSEARCH_URL, elasticsearch_backend
from tests.site_tree import add_published

TITLES = [
    "Tập huấn hòa giải ở cơ sở năm 2021",
    "Hội nghị tổng kết công tác phổ biến, giáo dục pháp luật",
    "Ủy ban nhân dân tỉnh ban hành kế hoạch cải cách hành chính",
    "Bồi thường nhà nước: những điều cần biết",
    "Đảng bộ Sở Tư pháp tổ chức đại hội",
    "Hướng dẫn thủ tục chứng thực bản sao",
    "Trợ giúp pháp lý cho người dân tộc thiểu số",
    "Bản tin tư pháp tháng 9",
    "Bạn đọc hỏi về đăng ký hộ tịch",
    "Ban chỉ đạo thi hành án dân sự họp phiên thứ nhất",
]
QUERIES = [
    "hoa giai o co so",
    "phổ biến giáo dục pháp luật",
    "UBND cải cách hành chính",
    "boi thuong nha nuoc",
    "đảng bộ",
    "chung thuc ban sao",
    "trợ giúp pháp lý",
    "bản tin",
    "ho tich",
    "05-CT/TU",
]


def both_backends() -> dict:
    return {"default": DATABASE["default"], "elasticsearch": elasticsearch_backend()}


@pytest.fixture
def corpus(home_page, directive_register):
    with override_settings(WAGTAILSEARCH_BACKENDS=both_backends()):
        cache.clear()
        for name in ("default", "elasticsearch"):
            get_search_backend(name).reset_indexes()
        section = add_published(home_page, SectionIndexPage(title="Tin tức", slug="tin"))
        for index, title in enumerate(TITLES):
            add_published(section, ArticlePage(title=title, slug=f"bai-{index}"))
        add_published(
            directive_register,
            DirectivePage(title="Chỉ thị về hòa giải", number="05-CT/TU", slug="ct-05"),
        )
        yield


def top(query: str, backend: str, n: int = 3) -> list[int]:
    return [page.pk for page in Page.objects.live().search(query, backend=backend)[:n]]


if ELASTICSEARCH_URL:  # only generated where make test runs a real Elasticsearch

    @pytest.mark.parametrize("query", QUERIES)
    def test_database_and_elasticsearch_agree_on_the_best_result(corpus, query):
        with override_settings(WAGTAILSEARCH_BACKENDS=both_backends()):
            database, elasticsearch = top(query, "default"), top(query, "elasticsearch")
        assert database, query
        assert database[0] == elasticsearch[0]
        assert len(set(database) & set(elasticsearch)) >= min(2, len(database))


def test_a_moved_page_is_found_under_its_new_section(search_backend, home_page, news_section):
    other = add_published(home_page, SectionIndexPage(title="Thông báo", slug="thong-bao"))
    page = add_published(news_section, ArticlePage(title="Lịch tiếp công dân", slug="lich"))
    page.move(other, pos="last-child")
    found = Page.objects.live().descendant_of(other).search("lich tiep cong dan")
    assert [p.pk for p in found] == [page.pk]
