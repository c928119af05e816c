"""Elasticsearch refusing connections, then black-holed (it accepts them and never
answers), while editors publish and readers search.

The shared Elasticsearch is never touched: each test reaches it through a TCP
proxy of its own (tests/reliability/tcp_proxy.py) that the test switches between
forwarding, refusing and black-holing, with an index prefix of its own.
"""

import os
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage
from search.models import PendingIndexUpdate
from tests.reliability.tcp_proxy import SwitchableProxy
from tests.search.conftest import ELASTICSEARCH_URL, elasticsearch_backend
from tests.site_tree import add_published

# Not skipped: `make test` always runs Elasticsearch; without it this fails loudly.
pytestmark = pytest.mark.django_db

SEARCH_TIMEOUT = 4  # seconds; a black-holed search gives up after it
WRITE_TIMEOUT = 1  # seconds; the backend's default
# Wide apart, so that a loaded machine cannot blur the two.
assert SEARCH_TIMEOUT - WRITE_TIMEOUT >= 3
INDEX_PREFIX = f"test_{os.getpid()}_outage_"


@pytest.fixture(scope="module")
def proxy():
    assert ELASTICSEARCH_URL, "SEARCH_TEST_ELASTICSEARCH_URL is not set (make test sets it)"
    host, port = ELASTICSEARCH_URL.rsplit("/", 1)[-1].rsplit(":", 1)
    proxy = SwitchableProxy(host, int(port)).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def backend(proxy, db):
    """Elasticsearch behind the proxy as the default backend, a fresh index, forwarding."""
    proxy.forward()
    configuration = elasticsearch_backend(
        proxy.url,
        INDEX_PREFIX=INDEX_PREFIX,
        TIMEOUT=SEARCH_TIMEOUT,
        WRITE_TIMEOUT=WRITE_TIMEOUT,
        RETRY_AFTER=60,
    )
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": configuration}):
        backend = get_search_backend()
        backend.engine.breaker.reset()
        backend.reset_indexes()
        yield backend
        proxy.forward()
        backend.engine.breaker.reset()
        backend.engine.delete_indices()


def publish(section, title: str, slug: str) -> tuple[ArticlePage, float]:
    started = time.monotonic()
    page = add_published(section, ArticlePage(title=title, slug=slug))
    return page, time.monotonic() - started


def search_api(client, query: str) -> tuple[dict, float]:
    started = time.monotonic()
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == 200, response.content
    return response.json(), time.monotonic() - started


def titles(answer: dict) -> list[str]:
    return [item["title"] for item in answer["items"]]


def outage_starts(proxy, backend, mode: str):
    """The cluster fails in this way; the retry pause of an earlier failure has passed."""
    getattr(proxy, mode)()
    backend.engine.breaker.reset()


def outage_ends(proxy, backend):
    """The cluster answers again, and the retry pause after the failure has passed."""
    proxy.forward()
    backend.engine.breaker.reset()


@pytest.mark.parametrize("mode", ["refuse", "black_hole"])
def test_publish_takes_its_normal_time_while_elasticsearch_fails(
    proxy, backend, news_section, mode
):
    """Before: a save waited for Elasticsearch as long as a search may (TIMEOUT, 5 s
    by default) while holding the page's database transaction — a black-holed
    cluster added the whole timeout to the first publish of every retry pause.
    Promise: a publish while Elasticsearch refuses or hangs succeeds, and waits for
    it at most WRITE_TIMEOUT (1 s), never the search timeout."""
    normal = max(
        publish(news_section, f"Lịch tiếp công dân tháng {month}", f"lich-{month}")[1]
        for month in (5, 6)
    )
    outage_starts(proxy, backend, mode)
    page, during_outage = publish(news_section, "Thông báo tạm ngừng cấp điện", "cat-dien")

    page.refresh_from_db()
    assert page.live and page.live_revision_id == page.latest_revision_id
    assert during_outage < normal + WRITE_TIMEOUT + 1.0, (normal, during_outage)
    assert PendingIndexUpdate.objects.filter(object_id=page.pk).exists()


@pytest.mark.parametrize("mode", ["refuse", "black_hole"])
def test_search_answers_degraded_from_the_database_while_elasticsearch_fails(
    proxy, backend, client, news_section, mode
):
    """Promise: while Elasticsearch refuses or hangs, /api/search/ answers from the
    database with `degraded: true`, within the search timeout; the next searches do
    not wait for the failed cluster again."""
    add_published(news_section, ArticlePage(title="Hòa giải ở cơ sở", slug="hoa-giai"))
    outage_starts(proxy, backend, mode)

    first, first_seconds = search_api(client, "hoa giai")
    second, second_seconds = search_api(client, "hoa giai")

    assert titles(first) == titles(second) == ["Hòa giải ở cơ sở"]
    assert first["degraded"] and second["degraded"]
    assert first_seconds < SEARCH_TIMEOUT + 1.5, first_seconds
    assert second_seconds < 1.0, second_seconds


def test_search_after_an_outage_answers_from_the_database_until_updates_are_replayed(
    proxy, backend, client, news_section
):
    """Before: the first search after an outage replayed the missed updates itself —
    a reader's GET waited for up to 500 bulk writes to Elasticsearch and deleted
    rows in the database. Promise: a search only reads; while updates are pending
    the index is known to be behind, so the answer comes from the database
    (`degraded: true`) and is complete, and the pending updates stay for the command."""
    outage_starts(proxy, backend, "refuse")
    add_published(news_section, ArticlePage(title="Kế hoạch cải cách hành chính", slug="cchc"))
    outage_ends(proxy, backend)

    answer, _ = search_api(client, "cai cach hanh chinh")

    assert titles(answer) == ["Kế hoạch cải cách hành chính"]
    assert answer["degraded"]
    assert PendingIndexUpdate.objects.count() == 1


def test_missed_updates_replay_and_the_index_then_equals_the_database(
    proxy, backend, client, news_section
):
    """Before: nothing compared the index with the database, so an update lost on
    the way went unnoticed. Promise: after refusal and black-hole outages during
    which pages were published, edited and deleted, `sync_search_index` replays
    every missed update, `sync_search_index --check` reports the index equal to the
    database (document count and a checksum of their text), and search answers
    from Elasticsearch again."""
    edited = add_published(news_section, ArticlePage(title="Lịch tiếp công dân", slug="lich"))
    deleted = add_published(news_section, ArticlePage(title="Tin cũ sẽ xóa", slug="tin-cu"))

    outage_starts(proxy, backend, "refuse")
    add_published(news_section, ArticlePage(title="Thông báo cấp điện trở lại", slug="dien"))
    outage_starts(proxy, backend, "black_hole")
    edited.title = "Lịch tiếp công dân tháng sáu"
    edited.save_revision().publish()
    deleted.delete()
    outage_ends(proxy, backend)
    with pytest.raises(CommandError, match="DIFFERENT"):
        call_command("sync_search_index", check=True)

    call_command("sync_search_index", verbosity=0)

    assert not PendingIndexUpdate.objects.exists()
    database = backend.engine.writes.database_fingerprint()
    assert database == backend.engine.writes.index_fingerprint()
    call_command("sync_search_index", check=True)  # raises when they differ
    answer, _ = search_api(client, "thang sau")
    assert titles(answer) == ["Lịch tiếp công dân tháng sáu"] and not answer["degraded"]
