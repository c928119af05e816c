"""What only the Elasticsearch backend does: its own index behind an alias,
rebuilds that never stop search, and answers from the database when the server
is away, without losing an update. Runs against the real server that
`make test` starts (SEARCH_TEST_ELASTICSEARCH_URL)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage, DirectivePage
from cms.settings.base import TASKS as DEPLOYED_TASKS
from search.analysis import analyse_query
from search.backends import elasticsearch as es_backend
from search.documents import COLUMNS
from search.engines import Engine
from search.models import IndexEntry, PendingIndexUpdate
from search.tasks import apply_missed_index_updates
from tests.search.conftest import ELASTICSEARCH_URL, elasticsearch_backend
from tests.site_tree import add_published

pytestmark = pytest.mark.skipif(
    not ELASTICSEARCH_URL, reason="SEARCH_TEST_ELASTICSEARCH_URL is not set (make test sets it)"
)

# Nothing listens on port 1: a real refused connection, not a stand-in.
UNREACHABLE = {"default": elasticsearch_backend("http://127.0.0.1:1", TIMEOUT=1)}
REACHABLE = {"default": elasticsearch_backend()}
TASK_PATH = "search.tasks.apply_missed_index_updates"


@pytest.fixture
def es(db):
    """The real server as the default backend, its index freshly created."""
    with override_settings(WAGTAILSEARCH_BACKENDS=REACHABLE):
        backend = get_search_backend()
        backend.reset_indexes()
        yield backend


def article(section, title, slug, lead=""):
    return add_published(section, ArticlePage(title=title, lead=lead, slug=slug))


def found(query, model=Page):
    results = model.objects.live().search(query)
    return [page.pk for page in results], results


def aliased_indices(backend) -> list[str]:
    return sorted(backend.engine.es.indices.get_alias(name=backend.engine.alias))


def in_elasticsearch(backend, page) -> bool:
    engine = backend.engine
    content_type = ContentType.objects.get_for_model(Page).pk  # pages are keyed by the root
    return bool(engine.es.exists(index=engine.alias, id=f"{content_type}:{page.pk}"))


def test_the_engine_is_an_engine(es):
    assert isinstance(es.engine, Engine)


def test_one_strict_index_behind_the_alias(es, news_section):
    article(news_section, "Hòa giải ở cơ sở", "hg")
    [index] = aliased_indices(es)
    assert index.startswith(es.engine.alias + "_")
    mapping = es.engine.es.indices.get_mapping(index=index)[index]["mappings"]
    assert mapping["dynamic"] == "strict"
    assert set(mapping["properties"]) == {
        "content_type",
        "object_id",
        "title",
        "number",
        "summary",
        "body",
    }
    es.refresh_indexes()
    assert es.engine.es.count(index=es.engine.alias)["count"] == IndexEntry.objects.count()


def test_search_answers_before_during_and_after_update_index(es, news_section, monkeypatch):
    page = article(news_section, "Tập huấn hòa giải ở cơ sở", "hg")
    ids, results = found("hoa giai")
    assert ids == [page.pk] and not results.degraded
    [old_index] = aliased_indices(es)
    during = {}
    finish = es_backend.AliasSwapRebuilder.finish

    def finish_after_checking(rebuilder):
        # The new index is filled, the alias still serves the old one.
        during["aliased"] = aliased_indices(es)
        during["new_index"] = rebuilder.name
        es.engine.es.indices.refresh(index=rebuilder.name)
        during["new_count"] = es.engine.es.count(index=rebuilder.name)["count"]
        during["ids"], results = found("hoa giai")
        during["degraded"] = results.degraded
        # Saved while the rebuild runs: reaches the new index too.
        during["late"] = article(news_section, "Hòa giải viên giỏi", "late")
        finish(rebuilder)

    monkeypatch.setattr(es_backend.AliasSwapRebuilder, "finish", finish_after_checking)
    call_command("update_index", backend_name="default", verbosity=0)

    assert during["aliased"] == [old_index]
    assert during["new_count"] >= 1
    assert during["ids"] == [page.pk] and not during["degraded"]
    assert aliased_indices(es) == [during["new_index"]] != [old_index]
    assert not es.engine.es.indices.exists(index=old_index)
    ids, results = found("hoa giai")
    assert set(ids) == {page.pk, during["late"].pk} and not results.degraded


def test_pages_of_results_follow_the_full_ranking(es, news_section, directive_register):
    for number in range(7):
        article(news_section, f"Hòa giải số {number}", f"hg-{number}", lead="hòa giải " * number)
    add_published(
        directive_register, DirectivePage(title="Chỉ thị về hòa giải", number="1-CT/TU", slug="ct")
    )
    for queryset in (Page.objects.all(), Page.objects.live(), ArticlePage.objects.live()):
        everything = [page.pk for page in queryset.search("hòa giải")]
        assert len(everything) == queryset.search("hòa giải").count() >= 7
        pages = [[page.pk for page in queryset.search("hòa giải")[i : i + 3]] for i in (0, 3, 6)]
        assert sum(pages, []) == everything
    assert [page.pk for page in DirectivePage.objects.search("hòa giải")[:1]] == [
        DirectivePage.objects.get().pk
    ]


def test_document_frequencies_count_objects_holding_a_term(es, news_section):
    article(news_section, "Hòa giải ở cơ sở", "a", lead="Cơ sở vật chất.")
    article(news_section, "Giải thưởng", "b")
    terms = ["hoa", "giai", "co_so", "hoa2", "khong_co"]
    pages = Page.objects.all()
    entries = IndexEntry.objects.filter(object_id__in=pages.values("pk"))
    expected = {
        term: sum(
            any(term in getattr(entry, column).split() for column in es.columns)
            for entry in entries
        )
        for term in terms
    }
    assert es.engine.document_frequencies(terms, pages) == expected
    assert expected["giai"] >= 2 and expected["khong_co"] == 0


def test_unreachable_server_answers_from_the_database_and_loses_no_update(es, news_section):
    kept = article(news_section, "Lịch tiếp công dân", "lich")
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        # Saves succeed; what Elasticsearch missed is recorded.
        page = article(news_section, "Thông báo tạm ngừng cấp điện", "cat-dien")
        kept.delete()
        assert PendingIndexUpdate.objects.filter(object_id=page.pk).exists()
        assert PendingIndexUpdate.objects.filter(object_id=kept.pk).exists()
        # Searches answer from the database, flagged as degraded.
        ids, results = found("cap dien")
        assert ids == [page.pk]
        assert results.degraded
        assert results.count() == 1
        assert found("lich tiep cong dan")[0] == []

    # Back on the real server, which has not seen either update yet.
    assert not in_elasticsearch(es, page)
    assert in_elasticsearch(es, kept)
    call_command("sync_search_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert in_elasticsearch(es, page)
    assert not in_elasticsearch(es, kept)
    es.engine.refresh()
    assert [
        pk for pk, _ in es.engine.ranked(Page.objects.all(), analyse_query("cap dien"), COLUMNS, 10)
    ] == [page.pk]
    assert (
        es.engine.ranked(Page.objects.all(), analyse_query("lich tiep cong dan"), COLUMNS, 10) == []
    )
    ids, results = found("cap dien")
    assert ids == [page.pk] and not results.degraded


def test_missed_updates_are_applied_by_a_task_the_next_write_queues_not_by_a_search(
    es, news_section
):
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        page = article(news_section, "Kế hoạch cải cách hành chính", "cchc")
    assert PendingIndexUpdate.objects.count() == 1
    # The index is behind: the database answers, and the search writes nothing.
    ids, results = found("cai cach hanh chinh")
    assert ids == [page.pk] and results.degraded
    assert PendingIndexUpdate.objects.count() == 1
    article(news_section, "Lịch tiếp công dân", "lich")
    assert not PendingIndexUpdate.objects.exists()
    assert in_elasticsearch(es, page)
    ids, results = found("cai cach hanh chinh")
    assert ids == [page.pk] and not results.degraded


def test_a_write_queues_the_replay_for_the_worker_instead_of_replaying_it(es, news_section):
    """A write that reaches the cluster again pushes its own update only, and queues the
    replay of the missed ones for the task worker (deployed task backend)."""
    page = article(news_section, "Lịch tiếp công dân", "lich")
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        missed = article(news_section, "Kế hoạch cải cách hành chính", "cchc")
    with override_settings(TASKS=DEPLOYED_TASKS):
        es.engine.writes.write([(ContentType.objects.get_for_model(Page).pk, page.pk)])
    assert DBTaskResult.objects.ready().filter(task_path=TASK_PATH).count() == 1
    assert PendingIndexUpdate.objects.filter(object_id=missed.pk).exists()
    assert not in_elasticsearch(es, missed)

    assert apply_missed_index_updates.call(es.engine.alias) == 1
    assert not PendingIndexUpdate.objects.exists()
    assert in_elasticsearch(es, missed)


def test_sync_creates_the_index_when_there_is_none(es, news_section):
    page = article(news_section, "Công khai ngân sách", "ngan-sach")
    es.engine.delete_indices()
    ids, results = found("ngan sach")
    assert ids == [page.pk] and results.degraded  # no index: the database answers
    call_command("sync_search_index", verbosity=0)
    assert len(aliased_indices(es)) == 1
    ids, results = found("ngan sach")
    assert ids == [page.pk] and not results.degraded
