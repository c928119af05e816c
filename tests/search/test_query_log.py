"""Editors see what citizens search for, what found nothing, and promote results."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from articles.models import ArticlePage
from search import query_log
from search.models import UnansweredSearch
from tests.site_tree import add_published


@pytest.fixture
def pages(search_backend, news_section):
    return {
        "news": add_published(
            news_section, ArticlePage(title="Lịch tiếp công dân tháng 10", slug="lich-tiep")
        ),
        "guide": add_published(
            news_section, ArticlePage(title="Hướng dẫn thủ tục chứng thực", slug="chung-thuc")
        ),
    }


def test_every_search_is_counted_per_day_with_tone_variants_merged(client, pages):
    client.get("/api/search/", {"q": "Hòa giải"})
    client.get("/api/search/", {"q": "hoà giải"})
    query_log.flush()
    assert Query.objects.get(query_string="hoà giải").hits == 2


def test_a_search_request_writes_no_log_and_its_count_arrives_later(client, pages):
    client.get("/api/search/", {"q": "xyzzyqw"})
    assert not Query.objects.filter(query_string="xyzzyqw").exists()
    assert not UnansweredSearch.objects.exists()
    assert query_log.flush() == 1
    assert Query.objects.get(query_string="xyzzyqw").hits == 1
    assert UnansweredSearch.objects.get().hits == 1


def test_the_buffer_is_sent_every_flush_every_searches(client, pages, monkeypatch):
    monkeypatch.setattr(query_log, "FLUSH_EVERY", 3)
    for _ in range(2):
        client.get("/api/search/", {"q": "chứng thực"})
    assert not Query.objects.filter(query_string="chứng thực").exists()
    client.get("/api/search/", {"q": "chứng thực"})
    assert Query.objects.get(query_string="chứng thực").hits == 3


def test_searches_that_find_nothing_are_counted(client, pages):
    client.get("/api/search/", {"q": "xyzzyqw"})
    client.get("/api/search/", {"q": "lịch tiếp công dân"})
    query_log.flush()
    assert list(UnansweredSearch.objects.values_list("query__query_string", "hits")) == [
        ("xyzzyqw", 1)
    ]


def test_unanswered_searches_report_lists_them(admin_client, pages, client):
    client.get("/api/search/", {"q": "xyzzyqw"})
    query_log.flush()
    response = admin_client.get("/admin/reports/unanswered-searches/")
    assert response.status_code == 200
    assert "xyzzyqw" in response.content.decode()


def test_promoted_page_comes_first_even_for_an_unaccented_query(client, pages):
    query = Query.get("chứng thực")
    SearchPromotion.objects.create(query=query, page=pages["news"], sort_order=0)
    items = client.get("/api/search/", {"q": "chung thuc"}).json()["items"]
    assert items[0]["id"] == pages["news"].pk
    assert items[0]["promoted"] is True
    assert items[1]["id"] == pages["guide"].pk


def test_an_unpublished_promoted_page_is_not_shown(client, pages):
    SearchPromotion.objects.create(query=Query.get("chứng thực"), page=pages["news"])
    pages["news"].unpublish()
    items = client.get("/api/search/", {"q": "chứng thực"}).json()["items"]
    assert pages["news"].pk not in [item["id"] for item in items]
