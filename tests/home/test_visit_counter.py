"""The visit counter, "Số lượt truy cập": counting, limits, privacy and concurrency."""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import SectionIndexPage
from home.api.visits import REQUESTS_PER_MINUTE
from home.models import PageVisits, SiteVisits
from tests.problems import assert_problem
from tests.site_tree import add_published


@pytest.fixture(autouse=True)
def forget_recent_clients():
    """The limiter lives in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


def visit(client, page_id: int, address: str = "203.0.113.1", **headers):
    return client.post(f"/api/visits/pages/{page_id}/", REMOTE_ADDR=address, **headers)


def test_a_view_is_counted_for_the_page_and_the_site(client, news_section):
    response = visit(client, news_section.pk)
    assert response.status_code == 200, response.content
    assert response.json() == {"page_id": news_section.pk, "total": 1, "today": 1, "counted": True}
    assert client.get("/api/visits/").json() == {"total": 1, "today": 1}


def test_today_counts_only_todays_views_and_total_counts_all(client, news_section):
    earlier = timezone.localdate() - datetime.timedelta(days=3)
    PageVisits.objects.create(page=news_section, date=earlier, count=2471803)
    SiteVisits.objects.create(date=earlier, count=2471803)
    visit(client, news_section.pk)
    page = client.get(f"/api/visits/pages/{news_section.pk}/").json()
    assert page == {"page_id": news_section.pk, "total": 2471804, "today": 1}
    assert client.get("/api/visits/").json() == {"total": 2471804, "today": 1}


def test_repeat_view_from_the_same_client_within_the_window_is_not_counted(client, news_section):
    visit(client, news_section.pk)
    repeat = visit(client, news_section.pk)
    assert repeat.status_code == 200
    assert repeat.json() == {"page_id": news_section.pk, "total": 1, "today": 1, "counted": False}
    assert client.get("/api/visits/").json()["total"] == 1


@override_settings(VISIT_COUNT_WINDOW_SECONDS=0)
def test_repeat_view_after_the_window_is_counted(client, news_section):
    visit(client, news_section.pk)
    assert visit(client, news_section.pk).json()["total"] == 2


def test_view_from_a_different_client_is_counted(client, news_section):
    visit(client, news_section.pk, address="203.0.113.1")
    other = visit(client, news_section.pk, address="2001:db8::7")
    assert other.json()["counted"] is True
    assert other.json()["total"] == 2


def test_the_same_client_is_counted_once_per_page_not_once_per_site(client, news_section):
    other_page = add_published(news_section, SectionIndexPage(title="Thông báo", slug="thong-bao"))
    visit(client, news_section.pk)
    assert visit(client, other_page.pk).json()["counted"] is True
    assert client.get("/api/visits/").json()["total"] == 2


def test_a_page_nobody_visited_has_zero_views(client, news_section):
    body = client.get(f"/api/visits/pages/{news_section.pk}/").json()
    assert body == {"page_id": news_section.pk, "total": 0, "today": 0}


def test_forwarded_for_is_ignored_without_trusted_proxies(client, news_section):
    visit(client, news_section.pk, HTTP_X_FORWARDED_FOR="198.51.100.1")
    spoofed = visit(client, news_section.pk, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert spoofed.json()["counted"] is False


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_behind_one_proxy_the_client_is_the_last_forwarded_address(client, news_section):
    proxy = "10.0.0.1"
    visit(client, news_section.pk, proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.1")
    # Only the part the client controls differs: the same visitor, not counted.
    again = visit(client, news_section.pk, proxy, HTTP_X_FORWARDED_FOR="2.2.2.2, 198.51.100.1")
    other = visit(client, news_section.pk, proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert again.json()["counted"] is False
    assert other.json()["counted"] is True


def test_draft_private_and_unknown_pages_get_the_same_404(client, news_section):
    draft = SectionIndexPage(title="Bản nháp", slug="ban-nhap", live=False)
    news_section.add_child(instance=draft)
    private = add_published(news_section, SectionIndexPage(title="Nội bộ", slug="noi-bo"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    unknown = assert_problem(visit(client, 999_999), 404)
    for page in (draft, private):
        assert assert_problem(visit(client, page.pk), 404) == unknown
        assert assert_problem(client.get(f"/api/visits/pages/{page.pk}/"), 404) == unknown
    assert not PageVisits.objects.exists()
    assert client.get("/api/visits/").json()["total"] == 0


def test_an_id_beyond_the_database_range_is_a_400_naming_it(client, home_page):
    assert_problem(visit(client, 2**70), 400, parameter="page_id")


def test_a_child_of_a_private_page_is_not_counted(client, news_section):
    PageViewRestriction.objects.create(
        page=news_section, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    child = add_published(news_section, SectionIndexPage(title="Bên trong", slug="ben-trong"))
    assert_problem(visit(client, child.pk), 404)


def test_too_many_posts_from_one_client_get_429_with_retry_after(client, news_section):
    for _ in range(REQUESTS_PER_MINUTE):
        assert visit(client, news_section.pk).status_code == 200
    refused = visit(client, news_section.pk)
    assert_problem(refused, 429)
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert visit(client, news_section.pk, address="203.0.113.2").status_code == 200


def test_probing_unknown_ids_counts_towards_the_cap(client, news_section):
    for page_id in range(900_000, 900_000 + REQUESTS_PER_MINUTE):
        assert_problem(visit(client, page_id), 404)
    assert_problem(visit(client, news_section.pk), 429)


def test_visit_endpoints_are_typed_in_the_openapi_schema(client):
    schema = client.get("/api/openapi.json").json()
    record = schema["paths"]["/api/visits/pages/{page_id}/"]["post"]["responses"]
    assert set(record) == {"200", "400", "404", "429"}
    assert "application/problem+json" in record["429"]["content"]
    assert "counted" in schema["components"]["schemas"]["RecordedPageVisit"]["properties"]
    assert "/api/visits/" in schema["paths"]


THREADS = 20
POSTS_PER_THREAD = 10


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_are_all_counted(news_section):
    """20 threads × 10 posts from distinct clients: every increment survives.

    SQLite's in-memory test database refuses a second writer outright ("database
    table is locked") instead of waiting, so there the threads take turns;
    PostgreSQL runs them truly at once, which is what the upsert must survive.
    """
    start = threading.Barrier(THREADS, timeout=30)
    turns = threading.Lock() if connection.vendor == "sqlite" else None
    failures: list[str] = []

    def post_views(thread: int) -> None:
        client = Client()
        try:
            start.wait()
            for post in range(POSTS_PER_THREAD):
                address = f"10.{thread}.{post}.1"
                if turns:
                    with turns:
                        response = visit(client, news_section.pk, address)
                else:
                    response = visit(client, news_section.pk, address)
                if response.status_code != 200 or not response.json()["counted"]:
                    failures.append(f"{address}: {response.status_code} {response.content!r}")
        except Exception as error:  # else it would die with the thread, unseen by the test
            failures.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=post_views, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    expected = THREADS * POSTS_PER_THREAD
    assert PageVisits.objects.get(page=news_section).count == expected
    assert SiteVisits.objects.get(date=timezone.localdate()).count == expected
