"""Every statement the read API sends has an index to use, and their number does not
grow with the site or the page size (issue #15: "every list query uses an index").

Built once per module on PostgreSQL: a site with news, documents and their snippets,
then every page-serving endpoint is requested, each SELECT it sent is EXPLAINed, and
none may read a big table (pages, their types, stored dates and JSON, revisions) from
end to end.

The plans are taken with `enable_seqscan = off`. With a few hundred rows the planner
rightly reads a whole small table rather than an index; off, it still falls back to a
sequential scan where no index can answer the statement — which is what would read
every page at 100,000 pages. So this checks that an index path exists for each
statement, whatever the size; bench/ measures what the planner then chooses. It does
not catch an index read from end to end: the exact `count` of a list still reads every
matching page (through an index), and at this size the planner fetches a list's cards
by walking the path index rather than the primary key.
"""

import datetime
import json

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.factories import CategoryFactory, DocumentTypeFactory
from articles.models import ArticlePage, DirectivePage
from tests.site_tree import create_directive_register, create_home_page, create_news_section

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

# The tables that grow with the site: a sequential scan of one is a read of everything.
BIG_TABLES = (
    "wagtailcore_page",
    "wagtailcore_revision",
    "wagtailcore_referenceindex",
    "articles_articlepage",
    "articles_directivepage",
    "articles_pagesortdate",
    "articles_pagerepresentation",
    "articles_representationdependency",
)
# Pages added per step: the statement counts at N and 3N must be equal.
N = 40


class Portal:
    """The module's site: sections, snippets, and `add(n)` more news and documents."""

    def __init__(self):
        self.home = create_home_page()
        self.news = create_news_section(self.home)
        self.register = create_directive_register(self.home)
        self.category = CategoryFactory(slug="thoi-su")
        self.document_type = DocumentTypeFactory()
        self.count = 0

    def add(self, n: int) -> None:
        now = timezone.now()
        for _ in range(n):
            i = self.count = self.count + 1
            day = datetime.date(2020, 1, 1) + datetime.timedelta(days=i)
            article = ArticlePage(
                title=f"Tin {i}",
                slug=f"tin-{i}",
                lead="Tóm tắt.",
                live=True,
                first_published_at=now,
                display_date=day,
            )
            self.news.add_child(instance=article)
            article.categories.add(self.category)
            article.tags.add("cai-cach")
            article.save()
            if i % 2:
                self.register.add_child(
                    instance=DirectivePage(
                        title=f"Chỉ thị {i}",
                        slug=f"chi-thi-{i}",
                        live=True,
                        first_published_at=now,
                        document_type=self.document_type,
                        number=f"{i}-CT/TU",
                        issue_date=day,
                    )
                )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def requests(self) -> dict[str, str]:
        article = ArticlePage.objects.filter(live=True).order_by("pk").first()
        directive = DirectivePage.objects.order_by("pk").first()
        return {
            "detail": f"/api/pages/{article.pk}/",
            "detail of a document": f"/api/pages/{directive.pk}/",
            "find by path": f"/api/pages/find/?path=/tin-tuc/{article.slug}/",
            "list": "/api/pages/",
            "list oldest first": "/api/pages/?order=date",
            "list by title": "/api/pages/?order=title",
            "list of news": "/api/pages/?type=articles.ArticlePage",
            "list by category": "/api/pages/?category=thoi-su",
            "list by tag": "/api/pages/?tag=cai-cach",
            "list by dates": "/api/pages/?date_from=2020-01-05&date_to=2020-03-01",
            "list of a section": f"/api/pages/?child_of={self.news.pk}",
            "list below a section": f"/api/pages/?descendant_of={self.news.pk}",
            "list of documents by type": "/api/pages/?document_type=CT",
            "list of documents by number": "/api/pages/?number=1-CT/TU",
            "list of documents by year": "/api/pages/?year=2020&order=number",
            "list of documents in force": "/api/pages/?validity=in_force",
            "images": "/api/images/",
            "documents": "/api/documents/",
            "site settings": "/api/site/settings",
            "menus": "/api/site/menus/",
        }


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        site = Portal()
        site.add(N)
        yield site
        transaction.set_rollback(True)


def served_statements(url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.content[:300])
    return [query["sql"] for query in captured.captured_queries]


def full_reads(sql: str) -> set[str]:
    """Big tables the plan reads sequentially although sequential scans are off."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = on")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return set(sequential_scans(plan[0]["Plan"])) & set(BIG_TABLES)


def sequential_scans(node: dict):
    if node["Node Type"] == "Seq Scan":
        yield node["Relation Name"]
    for child in node.get("Plans", []):
        yield from sequential_scans(child)


def test_no_statement_reads_a_big_table_from_end_to_end(db, portal):
    scans = {}
    for name, url in portal.requests().items():
        for sql in served_statements(url):
            if sql.lstrip().upper().startswith("SELECT"):
                tables = full_reads(sql)
                if tables:
                    scans.setdefault(name, []).append((sorted(tables), sql[:300]))
    assert scans == {}, "\n".join(f"{name}: {found}" for name, found in scans.items())


def test_statements_per_request_do_not_grow_with_the_site(db, portal):
    urls = portal.requests()
    before = {name: len(served_statements(url)) for name, url in urls.items()}
    portal.add(2 * N)
    after = {name: len(served_statements(url)) for name, url in urls.items()}
    assert after == before


@pytest.mark.parametrize("path", ["/api/pages/", "/api/images/", "/api/documents/"])
def test_statements_per_list_do_not_grow_with_the_page_size(db, portal, path):
    served_statements(path)  # the per-process visibility memo filled, as on a running site
    few = len(served_statements(f"{path}?limit=5"))
    many = len(served_statements(f"{path}?limit=20"))
    assert many == few
