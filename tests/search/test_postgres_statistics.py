"""PostgreSQL: the statistics behind BM25 (N, average length, each term's document
frequency) are read through the indexes, once per search request.

Before: the statement was left to the planner, which on a freshly imported site chose
a sequential scan that decompresses every entry's vector (3 s a question on 10,000
pages, against 31 ms through the GIN index), and its 2-second memo was stamped before
the computation, so a slow statement ran again for each of a request's steps.
"""

import itertools

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from articles.factories import ArticlePageFactory
from search.backends.postgres import STATISTICS_SQL, PostgresEngine
from search.languages import analyse_query
from search.models import IndexEntry
from tests.search.conftest import DATABASE

pytestmark = pytest.mark.postgres

SYLLABLES = [
    "hoa",
    "giai",
    "co",
    "so",
    "phap",
    "luat",
    "can",
    "bo",
    "cong",
    "dan",
    "quyen",
    "nghia",
    "vu",
    "tinh",
    "huyen",
    "xa",
]
QUESTION = "Hòa giải viên ở cơ sở có quyền và nghĩa vụ gì theo pháp luật?"


@pytest.fixture
def index_entries(db):
    """A few thousand entries: the planner would rather scan them than use an index."""
    content_type = ContentType.objects.get_for_model(IndexEntry)
    pairs = [f"{a}_{b}" for a, b in itertools.permutations(SYLLABLES, 2)]
    IndexEntry.objects.bulk_create(
        IndexEntry(
            content_type=content_type,
            object_id=number,
            title=" ".join(SYLLABLES[number % 7 : number % 7 + 4]),
            body=" ".join(SYLLABLES + pairs[number % 150 : number % 150 + 12]),
        )
        for number in range(1, 3001)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE vnsearch_indexentry")


@pytest.fixture
def planner_prefers_sequential_scans(db):
    """Random reads priced high: left to itself, the planner scans the table."""
    with connection.cursor() as cursor:
        cursor.execute("SET random_page_cost = 60")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET random_page_cost")


def explained(statement: str):
    """Runs each execution of `statement` after EXPLAINing it where it runs (inside
    the engine's transaction and settings); the plans, one string each."""
    plans: list[str] = []

    def explain(execute, sql, params, many, context):
        if sql == statement:
            execute(f"EXPLAIN {sql}", params, many, context)
            plans.append("\n".join(row[0] for row in context["cursor"].fetchall()))
        return execute(sql, params, many, context)

    return plans, connection.execute_wrapper(explain)


def test_statistics_never_scan_the_index_table(index_entries, planner_prefers_sequential_scans):
    plans, explaining = explained(STATISTICS_SQL)
    with explaining:
        plan = PostgresEngine().plan(analyse_query(QUESTION, "vi"))
    assert plan is not None and plans
    assert all("Seq Scan on vnsearch_indexentry" not in text for text in plans), plans
    assert all("vnsearch_indexentry_vector" in text for text in plans), plans


@pytest.fixture
def database_search(news_section):
    with override_settings(WAGTAILSEARCH_BACKENDS=DATABASE):
        get_search_backend().reset_indexes()
        for title in ("Tập huấn hòa giải ở cơ sở", "Hòa giải viên và pháp luật", "Tin cơ sở"):
            ArticlePageFactory(parent=news_section, title=title)
        yield


@pytest.mark.parametrize("query", ["hòa giải ở cơ sở", "hoa giai", "hoaf giair"])
def test_one_statistics_statement_per_ranked_query(client, database_search, query):
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql == STATISTICS_SQL)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get("/api/search/", {"q": query})
    assert response.status_code == 200 and response.json()["total"] >= 2
    # One per query ranked: the query as typed, and its recovery when it found nothing.
    assert sum(executed) == (2 if response.json()["corrected_query"] else 1)
