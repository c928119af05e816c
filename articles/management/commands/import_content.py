"""manage.py import_content FILE.jsonl: the command-line face of articles.importing."""

import json
import sys
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from articles.importing.report import ImportReport, RowRejected
from articles.importing.rows import ROW_FORMATS, count_lines, parent_reference
from articles.importing.writer import ContentImporter, external_search_updates_paused


class Command(BaseCommand):
    help = (
        "Create or update pages from a JSON Lines file, one page a line (format: "
        "docs/import_format.md). Re-importing a source_id updates its page. Each row is imported "
        "in its own transaction; rejected rows are listed with their line number and reason. "
        "Exit status: 0 if every row was imported, 1 if some rows were rejected, 2 if the file "
        "cannot be read or the options are wrong (e.g. --parent names no page)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON Lines file (UTF-8, one object a line).")
        parser.add_argument(
            "--format",
            dest="row_format",
            choices=ROW_FORMATS,
            default="pages",
            help="pages: this project's format (default); legal: rows of legal_articles.jsonl; "
            "news: rows of news.jsonl. legal and news need --parent.",
        )
        parser.add_argument(
            "--parent",
            help="Parent page for rows that name none: a URL path from the site root "
            "(/tin-tuc-su-kien/) or a page id.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate every row as a real run would and report, but write nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (none is shown off a TTY)."
        )
        parser.add_argument(
            "--report", metavar="FILE.json", help="Also write the report to this JSON file."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        importer = ContentImporter(options["parent"], options["row_format"])
        self.check_default_parent(importer, options)
        try:
            stream = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=2) from None
        with ExitStack() as stack:
            stack.enter_context(stream)
            progress = stack.enter_context(self.progress_bar(path, options["no_progress"]))
            if options["dry_run"]:
                stack.enter_context(external_search_updates_paused())
                # Rows are savepoints inside one transaction that is rolled back at the end,
                # so later rows see earlier ones exactly as in a real run.
                stack.enter_context(transaction.atomic())
            report = importer.import_lines(stream, progress.update)
            if options["dry_run"]:
                report.dry_run = True
                transaction.set_rollback(True)
        self.write_report(report)
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        if report.rejected:
            raise CommandError(f"{len(report.rejected)} row(s) rejected.", returncode=1)

    def check_default_parent(self, importer: ContentImporter, options: dict) -> None:
        if options["parent"] is None:
            if options["row_format"] != "pages":
                raise CommandError(
                    f"--format {options['row_format']} needs --parent.", returncode=2
                )
            return
        try:
            importer.parent_page(parent_reference(options["parent"], None))
        except RowRejected as rejection:
            raise CommandError(f"--{rejection.reason}", returncode=2) from None

    def progress_bar(self, path: Path, disabled: bool) -> tqdm:
        disabled = disabled or not sys.stderr.isatty()
        return tqdm(
            total=None if disabled else count_lines(path),
            disable=disabled,
            file=sys.stderr,
            unit=" rows",
            dynamic_ncols=True,
        )

    def write_report(self, report: ImportReport) -> None:
        counts = report.counts
        summary = ", ".join(f"{name} {number}" for name, number in counts.items())
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        style = self.style.WARNING if report.rejected else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{summary}."))
        for rejection in report.rejected:
            source = f" ({rejection.source_id})" if rejection.source_id else ""
            self.stdout.write(f"  line {rejection.line}{source}: {rejection.reason}")
