"""manage.py import_content --bulk: the same pages as the row-by-row import, a batch at a time.

The same rows are imported row by row under one section and in bulk under another (their
source ids prefixed, so both are new); everything Wagtail and the API keep about a page
must then be the same, apart from ids, the parent's place and timestamps.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage, DirectivePage, ImportRecord, SectionIndexPage
from articles.signals import pages_imported
from home import content_version
from search.models import IndexEntry
from tests.articles.test_import_content import (
    BROKEN_JSON,
    article_row,
    corpus_rows,
    directive_row,
    run_import,
    write_lines,
)
from tests.search.conftest import ELASTICSEARCH_URL, elasticsearch_backend
from tests.site_tree import add_published

BATCH = "7"  # small batches, so rows fall on both sides of batch boundaries


@pytest.fixture
def second_section(home_page) -> SectionIndexPage:
    return add_published(home_page, SectionIndexPage(title="Tin tức 2", slug="tin-tuc-2"))


@pytest.fixture
def cited_directive(directive_register) -> DirectivePage:
    return directive_register.add_child(
        instance=DirectivePage(title="Chỉ thị 05-CT/TU", number="05-CT/TU", slug="ct-05")
    )


def mixed_rows(prefix: str, parent: str, directive: DirectivePage) -> list:
    """News rows, a repeated title (numbered slugs), a draft, a citation, rows the bulk path
    leaves to the row-by-row importer (categories, a taken slug, a repeated source id), a
    broken line and rows that fail validation."""
    news = [
        article_row(
            f"{prefix}{row['id']}",
            row["title"],
            parent=parent,
            fields={"lead": row["summary"]},
            body=row["body"],
        )
        for row in corpus_rows("news.jsonl", 20)
    ]
    citation = [
        {"type": "paragraph", "value": "<p>Hòa giải ở cơ sở.</p>"},
        {"type": "citation", "value": {"directive": directive.pk, "provision": "Điều 2"}},
    ]
    return [
        *news[:5],
        article_row(f"{prefix}same-1", "Cùng một tiêu đề", parent=parent),
        article_row(f"{prefix}same-2", "Cùng một tiêu đề", parent=parent),
        article_row(f"{prefix}draft", "Bản nháp", parent=parent, live=False),
        article_row(f"{prefix}cites", "Tập huấn hòa giải", parent=parent, body=citation),
        BROKEN_JSON,
        *news[5:12],
        article_row(f"{prefix}cat", "Có chuyên mục", parent=parent, fields={"categories": ["A"]}),
        article_row(f"{prefix}slug-taken", "Trùng slug", parent=parent, slug="cung-mot-tieu-de"),
        article_row(f"{prefix}same-1", "Cùng một tiêu đề (sửa)", parent=parent),
        article_row(f"{prefix}bad-date", "Ngày sai", parent=parent, fields={"display_date": "x"}),
        article_row(f"{prefix}no-parent", "Không có mục", parent="/khong-co/"),
        *news[12:],
    ]


def page_snapshot(page: Page, parent: Page) -> dict:
    """What must not depend on the import mode; positions relative to the parent."""
    page = page.specific
    revisions = Revision.page_revisions.filter(object_id=str(page.pk))
    latest = page.latest_revision.content
    entry = IndexEntry.objects.get(object_id=page.pk)
    return {
        "type": type(page).__name__,
        "path": page.path[len(parent.path) :],
        "url_path": page.url_path[len(parent.url_path) :],
        **{
            name: getattr(page, name)
            for name in (
                "title",
                "draft_title",
                "slug",
                "depth",
                "numchild",
                "live",
                "has_unpublished_changes",
                "locale_id",
                "content_type_id",
            )
        },
        "fields": {
            name: str(getattr(page, name))
            for name in ("lead", "body", "display_date", "byline_id", "source")
            if hasattr(page, name)
        },
        "published": page.first_published_at is not None and page.last_published_at is not None,
        "revisions": revisions.count(),
        "live_revision": page.live_revision_id == (page.latest_revision_id if page.live else None),
        "revision": {key: latest[key] for key in ("title", "slug", "live") if key in latest}
        | {"body": without_block_ids(latest.get("body"))},
        "log": sorted(PageLogEntry.objects.filter(page=page).values_list("action", flat=True)),
        "references": sorted(
            # content_path names the block by its random id
            ReferenceIndex.get_references_for_object(page).values_list(
                "to_content_type_id", "to_object_id", "model_path"
            )
        ),
        "search": [entry.title, entry.number, entry.summary, entry.body],
    }


def without_block_ids(body: str | None) -> list | None:
    """A revision's body (JSON text) without the random ids StreamField gives blocks."""
    if body is None:
        return None
    return [{"type": block["type"], "value": block["value"]} for block in json.loads(body)]


def snapshots(prefix: str, parent: Page) -> dict[str, dict]:
    return {
        record.source_id.removeprefix(prefix): page_snapshot(record.page, parent)
        for record in ImportRecord.objects.filter(source_id__startswith=prefix).select_related(
            "page"
        )
    }


def report_without_prefix(report: dict, prefix: str) -> dict:
    text = json.dumps(report, ensure_ascii=False).replace(prefix, "")
    return json.loads(text.replace("/tin-tuc-2/", "/tin-tuc/").replace("Tin tức 2", "Tin tức"))


def test_bulk_import_gives_the_same_pages_as_the_row_by_row_import(
    tmp_path, news_section, second_section, cited_directive, client
):
    one_by_one = write_lines(tmp_path / "a.jsonl", mixed_rows("a-", "/tin-tuc/", cited_directive))
    bulk = write_lines(tmp_path / "b.jsonl", mixed_rows("b-", "/tin-tuc-2/", cited_directive))

    report_a, status_a = run_import(one_by_one)
    report_b, status_b = run_import(bulk, "--bulk", "--batch-size", BATCH)

    assert status_a == status_b == 1
    assert report_without_prefix(report_b, "b-") == report_without_prefix(report_a, "a-")
    assert report_a["counts"] == {"created": 25, "updated": 1, "unchanged": 0, "rejected": 4}
    news_section.refresh_from_db()
    second_section.refresh_from_db()
    expected, bulk_pages = snapshots("a-", news_section), snapshots("b-", second_section)
    assert bulk_pages.keys() == expected.keys()
    differences = {
        (source_id, key): (value, bulk_pages[source_id][key])
        for source_id, page in expected.items()
        for key, value in page.items()
        if bulk_pages[source_id][key] != value
    }
    assert differences == {}
    assert news_section.numchild == second_section.numchild == 25
    assert all(not problems for problems in Page.find_problems())

    # Served and found like any page.
    bulk_page = ArticlePage.objects.get(import_record__source_id="b-cites")
    response = client.get(f"/api/pages/{bulk_page.pk}/")
    assert response.status_code == 200
    assert response.json()["title"] == "Tập huấn hòa giải"
    assert bulk_page in list(ArticlePage.objects.live().search("tập huấn hòa giải"))


def test_bulk_import_writes_directives_row_by_row(tmp_path, directive_register):
    path = write_lines(
        tmp_path / "a.jsonl",
        [directive_row("ct1", number="07-CT/TU", issue_date="2021-09-23"), article_row("x", "X")],
    )

    report, _ = run_import(path, "--bulk", "--parent", "/van-ban/")

    assert report["counts"]["created"] == 1  # the article cannot go under a register
    directive = DirectivePage.objects.get(import_record__source_id="ct1")
    assert directive.live and directive.latest_revision_id == directive.live_revision_id
    assert report["rejected"][0]["field"] == "parent"


@pytest.mark.skipif(not ELASTICSEARCH_URL, reason="SEARCH_TEST_ELASTICSEARCH_URL is not set")
def test_bulk_import_sends_its_pages_to_elasticsearch(tmp_path, news_section):
    rows = [
        article_row(f"e{n}", f"Hòa giải viên số {n}", fields={"lead": "hòa giải"}) for n in range(5)
    ]
    path = write_lines(tmp_path / "a.jsonl", rows)
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": elasticsearch_backend()}):
        get_search_backend().reset_indexes()

        run_import(path, "--bulk", "--batch-size", "2")

        results = ArticlePage.objects.live().search("hòa giải viên số 3")
        assert not results.degraded
        assert [page.title for page in results][0] == "Hòa giải viên số 3"
        assert results.count() == 5


def test_bulk_reimport_changes_nothing(tmp_path, news_section):
    rows = [
        article_row(row["id"], row["title"], fields={"lead": row["summary"]}, body=row["body"])
        for row in corpus_rows("news.jsonl", 12)
    ]
    path = write_lines(tmp_path / "news.jsonl", rows)
    first, _ = run_import(path, "--bulk", "--batch-size", "5")
    pages, revisions = Page.objects.count(), Revision.objects.count()

    again, status = run_import(path, "--bulk", "--batch-size", "5")

    assert first["counts"] == {"created": 12, "updated": 0, "unchanged": 0, "rejected": 0}
    assert (status, again["counts"]["unchanged"], again["counts"]["created"]) == (0, 12, 0)
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_bulk_dry_run_writes_nothing(tmp_path, news_section):
    path = write_lines(tmp_path / "a.jsonl", [article_row("d1", "Một"), article_row("d2", "Hai")])
    pages = Page.objects.count()

    report, status = run_import(path, "--bulk", "--dry-run")

    assert (status, report["counts"]["created"]) == (0, 2)
    assert Page.objects.count() == pages
    assert not ImportRecord.objects.exists()


def test_bulk_import_announces_each_batch_once(tmp_path, news_section):
    path = write_lines(tmp_path / "a.jsonl", [article_row(f"s{n}", f"Bài {n}") for n in range(5)])
    batches = []

    def receive(sender, pages, **kwargs):
        batches.append(sorted(page.title for page in pages))

    pages_imported.connect(receive)
    before = content_version.current().number
    try:
        run_import(path, "--bulk", "--batch-size", "3")
    finally:
        pages_imported.disconnect(receive)

    assert batches == [["Bài 0", "Bài 1", "Bài 2"], ["Bài 3", "Bài 4"]]
    assert content_version.current().number == before + 2


def test_progress_is_shown_as_lines_off_a_terminal(tmp_path, news_section):
    path = write_lines(tmp_path / "a.jsonl", [article_row(f"p{n}", f"Bài {n}") for n in range(6)])
    stderr = StringIO()

    call_command(
        "import_content",
        str(path),
        "--bulk",
        "--progress-every",
        "2",
        stdout=StringIO(),
        stderr=stderr,
    )

    lines = stderr.getvalue().splitlines()
    assert lines, "no progress line"
    assert re.fullmatch(r"6/6 rows \(100%\), \d+ rows/s, 0:00:00 left", lines[-1])
    assert all(
        re.fullmatch(r"\d/6 rows \(\d+%\), \d+ rows/s, \d+:\d\d:\d\d left", line) for line in lines
    )


def test_no_progress_means_no_lines(tmp_path, news_section):
    path = write_lines(tmp_path / "a.jsonl", [article_row("q1", "Bài")])
    stderr = StringIO()

    call_command("import_content", str(path), "--no-progress", stdout=StringIO(), stderr=stderr)

    assert stderr.getvalue() == ""


@pytest.mark.parametrize("value", ["0", "5001", "x"])
def test_batch_size_out_of_bounds_is_a_usage_error(tmp_path, value):
    path = write_lines(tmp_path / "a.jsonl", [])
    with pytest.raises(Exception, match="batch-size|batch_size"):
        call_command("import_content", str(path), "--bulk", "--batch-size", value)
