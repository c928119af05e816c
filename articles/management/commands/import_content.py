"""manage.py import_content FILE.jsonl: the command-line face of articles.importing."""

from pathlib import Path

from django.core.management.base import CommandError

from articles.importing.bulk import BATCH_SIZE, BulkContentImporter
from articles.importing.commands import ImportCommand, bounded_int, parent_page
from articles.importing.report import ImportReport
from articles.importing.rows import ROW_FORMATS, count_lines
from articles.importing.writer import ContentImporter


class Command(ImportCommand):
    item = "row"
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
            "--bulk",
            action="store_true",
            help="Write new pages a batch at a time (10x faster or more; see "
            "articles/importing/bulk.py): same pages, revisions, search documents and report; "
            "no page_published signal or webhook per page, one pages_imported signal at the end.",
        )
        parser.add_argument(
            "--batch-size",
            type=bounded_int(1, 5000),
            default=BATCH_SIZE,
            metavar="N",
            help=f"With --bulk: rows written together (default {BATCH_SIZE}).",
        )
        self.add_common_arguments(
            parser,
            parent_help="Parent page for rows that name none: a URL path from the site root "
            "(/tin-tuc-su-kien/) or a page id.",
            dry_run_help="Validate every row as a real run would and report, but write nothing.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if options["bulk"]:
            importer = BulkContentImporter(
                options["parent"], options["row_format"], batch_size=options["batch_size"]
            )
        else:
            importer = ContentImporter(options["parent"], options["row_format"])
        self.check_default_parent(importer, options)
        try:
            stream = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.", returncode=2) from None
        with stream:
            report = self.run(
                options,
                lambda: count_lines(path),
                lambda advance: importer.import_lines(stream, advance),
            )
        self.finish(options, report, len(report.rejected))

    def check_default_parent(self, importer: ContentImporter, options: dict) -> None:
        if options["parent"] is None:
            if options["row_format"] != "pages":
                raise CommandError(
                    f"--format {options['row_format']} needs --parent.", returncode=2
                )
            return
        parent_page(importer, options["parent"])

    def write_details(self, report: ImportReport) -> None:
        for rejection in report.rejected:
            source = f" ({rejection.source_id})" if rejection.source_id else ""
            self.stdout.write(f"  line {rejection.line}{source}: {rejection.reason}")
