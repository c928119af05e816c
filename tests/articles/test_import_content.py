"""manage.py import_content: JSON Lines in, pages out, idempotent, one transaction a row.

The corpus rows are read from ../shared/corpus/ (GOVCMS_CORPUS_DIR), never copied here.
"""

import datetime
import json
import os
from io import StringIO
from itertools import islice
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, ReferenceIndex, Revision

from articles.importing.values import shorten
from articles.models import (
    ArticlePage,
    Byline,
    Category,
    DirectivePage,
    ImportRecord,
    IssuingBody,
    SectionIndexPage,
)
from vietnamese_text.document_numbers import parse_document_number

CORPUS_DIR = Path(
    os.environ.get(
        "GOVCMS_CORPUS_DIR", Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    )
)
BROKEN_JSON = '{"source_id": "broken", "type": "article", "title": '


def corpus_rows(name: str, count: int = 30) -> list[dict]:
    with (CORPUS_DIR / name).open(encoding="utf-8") as stream:
        return [json.loads(line) for line in islice(stream, count)]


def write_lines(path: Path, rows: list) -> Path:
    """Rows as JSON Lines; a str is written as it is (to plant broken lines)."""
    lines = (row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def run_import(path: Path, *options: str) -> tuple[dict, int]:
    """Run the command; return its JSON report and exit status."""
    report_path = path.with_suffix(".report.json")
    args = [str(path), "--no-progress", "--report", str(report_path), *options]
    try:
        call_command("import_content", *args, stdout=StringIO(), stderr=StringIO())
        status = 0
    except CommandError as error:
        status = error.returncode
    return json.loads(report_path.read_text(encoding="utf-8")), status


def article_row(source_id: str, title: str, **extra) -> dict:
    return {
        "source_id": source_id,
        "type": "article",
        "parent": "/tin-tuc/",
        "title": title,
    } | extra


def directive_row(source_id: str, **fields) -> dict:
    return {
        "source_id": source_id,
        "type": "directive",
        "parent": "/van-ban/",
        "title": f"Chỉ thị {source_id}",
        "fields": fields,
    }


@pytest.fixture
def corpus_file(tmp_path, news_section, directive_register):
    """60 corpus rows in the project's format, a broken line in the middle and a bad directive."""
    legal = [
        article_row(
            row["id"], shorten(f"{row['law_title']} – {row['title']}", 255), body=row["text"]
        )
        for row in corpus_rows("legal_articles.jsonl")
    ]
    news = [
        article_row(row["id"], row["title"], fields={"lead": row["summary"]}, body=row["body"])
        for row in corpus_rows("news.jsonl")
    ]
    bad_directive = directive_row(
        "ct-ngay-sai", number="07-CT/TU", issue_date="2021-09-23", effective_date="01/09/2021"
    )
    rows = legal[:15] + [BROKEN_JSON] + legal[15:] + news[:10] + [bad_directive] + news[10:]
    return write_lines(tmp_path / "corpus.jsonl", rows)


BROKEN_LINE, BAD_DIRECTIVE_LINE = 16, 42


def rejected_lines(report: dict) -> dict[int, dict]:
    return {rejection["line"]: rejection for rejection in report["rejected"]}


# --- A corpus slice -----------------------------------------------------------------------


def test_good_rows_are_imported_live_and_bad_ones_reported_by_line(corpus_file):
    report, status = run_import(corpus_file)

    assert status == 1
    assert report["counts"] == {"created": 60, "updated": 0, "unchanged": 0, "rejected": 2}
    rejected = rejected_lines(report)
    assert set(rejected) == {BROKEN_LINE, BAD_DIRECTIVE_LINE}
    assert rejected[BROKEN_LINE]["reason"].startswith("invalid JSON")
    assert rejected[BAD_DIRECTIVE_LINE]["field"] == "effective_date"
    assert rejected[BAD_DIRECTIVE_LINE]["source_id"] == "ct-ngay-sai"
    assert ArticlePage.objects.live().count() == 60
    assert not ArticlePage.objects.not_live().exists()
    assert not DirectivePage.objects.exists()
    assert ImportRecord.objects.count() == 60


def test_reimport_changes_nothing_and_reports_unchanged(corpus_file):
    run_import(corpus_file)
    revisions = Revision.objects.count()

    report, _ = run_import(corpus_file)

    assert report["counts"] == {"created": 0, "updated": 0, "unchanged": 60, "rejected": 2}
    assert ArticlePage.objects.count() == 60
    assert Revision.objects.count() == revisions


def test_changed_title_updates_the_same_page(corpus_file):
    run_import(corpus_file)
    rows = corpus_file.read_text(encoding="utf-8").splitlines()
    first = json.loads(rows[0])
    page = ArticlePage.objects.get(import_record__source_id=first["source_id"])
    rows[0] = json.dumps(first | {"title": "Tiêu đề đã sửa"}, ensure_ascii=False)
    corpus_file.write_text("\n".join(rows) + "\n", encoding="utf-8")

    report, _ = run_import(corpus_file)

    assert report["counts"] == {"created": 0, "updated": 1, "unchanged": 59, "rejected": 2}
    updated = ArticlePage.objects.get(pk=page.pk)
    assert updated.title == "Tiêu đề đã sửa"
    assert updated.live and not updated.has_unpublished_changes
    assert updated.slug == page.slug  # URLs stay stable when a title is corrected
    assert ArticlePage.objects.count() == 60


def test_dry_run_writes_nothing_but_reports_the_same_rejections(corpus_file):
    pages, revisions = Page.objects.count(), Revision.objects.count()

    dry, dry_status = run_import(corpus_file, "--dry-run")

    assert dry["dry_run"] is True
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)
    assert not ImportRecord.objects.exists()
    real, real_status = run_import(corpus_file)
    assert dry["counts"] == real["counts"]
    assert dry["rejected"] == real["rejected"]
    assert dry_status == real_status == 1


def test_imported_articles_are_searchable_and_their_citations_referenced(
    tmp_path, news_section, directive_register
):
    directive = directive_register.add_child(
        instance=DirectivePage(title="Chỉ thị 05-CT/TU", number="05-CT/TU", slug="ct-05")
    )
    body = [
        {"type": "paragraph", "value": "<p>Hòa giải ở cơ sở.</p>"},
        {"type": "citation", "value": {"directive": directive.pk, "provision": "Điều 2"}},
    ]
    path = write_lines(tmp_path / "a.jsonl", [article_row("a1", "Tập huấn hòa giải", body=body)])

    run_import(path)

    article = ArticlePage.objects.get(import_record__source_id="a1")
    assert list(ArticlePage.objects.live().search("tập huấn")) == [article]
    referrers = {ref.object_id for ref in ReferenceIndex.get_references_to(directive)}
    assert str(article.pk) in referrers


# --- Corpus shapes ------------------------------------------------------------------------


def test_legal_format_imports_articles_of_a_law(tmp_path, news_section):
    rows = corpus_rows("legal_articles.jsonl", 5)
    path = write_lines(tmp_path / "legal.jsonl", rows)

    report, status = run_import(path, "--format", "legal", "--parent", "/tin-tuc/")

    assert (status, report["counts"]["created"]) == (0, 5)
    first = rows[0]
    page = ArticlePage.objects.get(import_record__source_id=first["id"])
    paragraphs = [line for line in first["text"].splitlines()[1:] if line.strip()]
    assert page.title == f"{first['law_title']} – {first['title']}"
    assert [block.block_type for block in page.body] == ["paragraph"] * len(paragraphs)
    assert page.lead == shorten(paragraphs[0], 300)
    assert page.get_parent().pk == news_section.pk


def test_news_format_takes_the_summary_as_lead(tmp_path, news_section):
    rows = corpus_rows("news.jsonl", 3)
    path = write_lines(tmp_path / "news.jsonl", rows)

    report, status = run_import(path, "--format", "news", "--parent", str(news_section.pk))

    assert (status, report["counts"]["created"]) == (0, 3)
    page = ArticlePage.objects.get(import_record__source_id=rows[0]["id"])
    assert (page.title, page.lead) == (rows[0]["title"], rows[0]["summary"])
    assert page.live


def test_corpus_formats_need_a_parent(tmp_path, news_section):
    path = write_lines(tmp_path / "news.jsonl", corpus_rows("news.jsonl", 1))

    with pytest.raises(CommandError) as error:
        call_command("import_content", str(path), "--format", "news", "--no-progress")

    assert error.value.returncode == 2


# --- Fields, body and parents -----------------------------------------------------------


def test_directive_number_is_parsed_and_references_are_created_by_name(
    tmp_path, directive_register, directive_type
):
    row = directive_row(
        "ct-05",
        number="05-CT/TU",
        document_type="CT",
        issuing_body="Ban Thường vụ Tỉnh ủy Sóc Trăng",
        issue_date="23/09/2021",
        effective_date="2021-09-23",
        signer_name="Nguyễn Văn A",
    )
    path = write_lines(tmp_path / "d.jsonl", [row])

    report, status = run_import(path)

    assert status == 0, report
    page = DirectivePage.objects.get(import_record__source_id="ct-05")
    assert page.number_key == parse_document_number("05-CT/TU").key
    assert page.document_type == directive_type
    assert page.issuing_body == IssuingBody.objects.get(name="Ban Thường vụ Tỉnh ủy Sóc Trăng")
    assert page.issue_date == page.effective_date == datetime.date(2021, 9, 23)


def test_article_metadata_by_name(tmp_path, news_section):
    fields = {
        "lead": "Sapo.",
        "display_date": "02/01/2024",
        "is_featured": True,
        "byline": "Phòng PBGDPL",
        "categories": ["Hòa giải ở cơ sở", "Tin tức"],
        "tags": ["hòa giải", "tập huấn"],
    }
    path = write_lines(tmp_path / "a.jsonl", [article_row("a1", "Bài viết", fields=fields)])

    run_import(path)
    report, _ = run_import(path)

    page = ArticlePage.objects.get(import_record__source_id="a1")
    assert page.display_date == datetime.date(2024, 1, 2)
    assert page.is_featured
    assert page.byline == Byline.objects.get(name="Phòng PBGDPL")
    assert {c.name for c in page.categories.all()} == {"Hòa giải ở cơ sở", "Tin tức"}
    assert {t.name for t in page.tags.all()} == {"hòa giải", "tập huấn"}
    assert Category.objects.get(name="Hòa giải ở cơ sở").slug == "hoa-giai-o-co-so"
    assert report["counts"]["unchanged"] == 1


def test_a_plain_text_body_is_split_into_escaped_paragraphs(tmp_path, news_section):
    body = "Đoạn một.\n\nĐoạn <hai> & ba\ndòng mới.\n\n\n  \nĐoạn cuối."
    path = write_lines(tmp_path / "a.jsonl", [article_row("a1", "Bài", body=body)])

    run_import(path)

    page = ArticlePage.objects.get(import_record__source_id="a1")
    assert [(block.block_type, block.value.source) for block in page.body] == [
        ("paragraph", "<p>Đoạn một.</p>"),
        ("paragraph", "<p>Đoạn &lt;hai&gt; &amp; ba<br/>dòng mới.</p>"),
        ("paragraph", "<p>Đoạn cuối.</p>"),
    ]


def test_block_html_is_cleaned_to_what_an_editor_could_type(tmp_path, news_section):
    body = [
        {"type": "heading", "value": {"text": "Mục 1"}},
        {"type": "paragraph", "value": '<p onclick="x()">A<script>x()</script> <b>B</b></p>'},
    ]
    path = write_lines(tmp_path / "a.jsonl", [article_row("a1", "Bài", body=body)])

    run_import(path)

    page = ArticlePage.objects.get(import_record__source_id="a1")
    assert page.body[0].value["level"] == "h2"
    assert page.body[1].value.source == "<p>Ax() <b>B</b></p>"


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (article_row("x", "Bài", parent="/khong-co/"), "parent", "no page"),
        (article_row("x", "Bài", parent="/van-ban/"), "parent", "cannot hold"),
        (article_row("x", "Bài", type="podcast"), "type", "unknown page type"),
        (article_row("x", "  "), "title", "missing"),
        (article_row("x", "Bài", fields={"colour": "red"}), "colour", "not a field"),
        (article_row("x", "Bài", fields={"display_date": "31/02/2024"}), "display_date", "date"),
        (article_row("x", "Bài", body=[{"type": "video", "value": ""}]), "body", "unknown type"),
        (article_row("x", "Bài", body=[{"type": "heading", "value": {}}]), "body", "text"),
        (directive_row("x", document_type="Không có"), "document_type", "no document type"),
    ],
)
def test_invalid_rows_are_rejected_with_a_reason(
    tmp_path, news_section, directive_register, row, field, words
):
    path = write_lines(tmp_path / "x.jsonl", [row])

    report, status = run_import(path)

    assert status == 1
    [rejection] = report["rejected"]
    assert rejection["line"] == 1
    assert rejection["field"] == field
    assert words in rejection["reason"]
    assert not ImportRecord.objects.exists()


def test_a_row_failing_after_writes_leaves_nothing_behind(tmp_path, directive_register):
    """The duplicate number is caught when the page is saved, after its issuer was created."""
    rows = [
        directive_row("a", number="05-CT/TU", issuing_body="Tỉnh ủy", issue_date="2021-09-23"),
        directive_row("b", number="05-CT/TU", issuing_body="Tỉnh ủy B", issue_date="2021-10-01"),
    ]
    path = write_lines(tmp_path / "d.jsonl", rows)

    report, status = run_import(path)

    assert status == 1
    assert rejected_lines(report)[2]["field"] == "number"
    assert list(IssuingBody.objects.values_list("name", flat=True)) == ["Tỉnh ủy"]
    assert DirectivePage.objects.count() == 1


def test_live_false_imports_a_draft(tmp_path, news_section):
    path = write_lines(tmp_path / "a.jsonl", [article_row("a1", "Bản nháp", live=False)])

    run_import(path)

    page = ArticlePage.objects.get(import_record__source_id="a1")
    assert not page.live and page.has_unpublished_changes
    assert page.latest_revision is not None


def test_missing_file_exits_with_status_2(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import_content", str(tmp_path / "none.jsonl"), "--no-progress")

    assert error.value.returncode == 2


def test_a_changed_parent_moves_the_page(tmp_path, news_section, home_page):
    other = home_page.add_child(instance=SectionIndexPage(title="Phổ biến", slug="pho-bien"))
    path = write_lines(tmp_path / "a.jsonl", [article_row("a1", "Bài"), article_row("a2", "Hai")])
    run_import(path)
    moved = article_row("a1", "Bài", parent="/pho-bien/")
    write_lines(path, [moved, article_row("a2", "Hai"), article_row("a3", "Ba")])

    report, status = run_import(path)

    assert (status, report["counts"]["updated"], report["counts"]["created"]) == (0, 1, 1)
    page = ArticlePage.objects.get(import_record__source_id="a1")
    assert page.get_parent().pk == other.pk
    assert page.url_path == f"{other.url_path}{page.slug}/"
    assert ArticlePage.objects.child_of(news_section).count() == 2
