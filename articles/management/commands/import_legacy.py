"""manage.py import_legacy FOLDER: pages saved from an old portal in, news articles out."""

import json
import sys
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm
from wagtail.models import Site

from articles.importing.legacy.importer import LegacyImporter, LegacyImportReport, page_files
from articles.importing.report import RowRejected
from articles.importing.rows import parent_reference
from articles.importing.writer import ContentImporter, external_search_updates_paused
from articles.models import ArticlePage, SectionIndexPage


class Command(BaseCommand):
    help = (
        "Import news articles from pages saved from an old portal (HTML files or page text) "
        "in FOLDER, without network (docs/legacy_import.md). Re-importing a page (same "
        "canonical URL, or same path in the folder) updates its article. Each page is imported "
        "in its own transaction; the report lists every page with its outcome and warnings. "
        "Exit status: 0 if every page was imported, 1 if some were rejected, 2 if the folder "
        "cannot be read or --parent names no page."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The folder of saved pages (searched recursively).")
        parser.add_argument(
            "--parent",
            help="The news section to import under: a URL path from the site root "
            "(/tin-tuc-su-kien/) or a page id. Default: the site's first news section.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check every page as a real run would and report, but write nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (none is shown off a TTY)."
        )
        parser.add_argument(
            "--report", metavar="FILE.json", help="Also write the report to this JSON file."
        )

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.", returncode=2)
        paths = page_files(folder)
        importer = LegacyImporter(folder, self.parent(options["parent"]))
        with ExitStack() as stack:
            progress = stack.enter_context(self.progress_bar(len(paths), options["no_progress"]))
            if options["dry_run"]:
                stack.enter_context(external_search_updates_paused())
                # Pages are savepoints inside one transaction rolled back at the end, as in
                # import_content; image files are removed by hand (storage is not transactional).
                stack.enter_context(transaction.atomic())
            report = importer.import_files(paths, progress.update)
            if options["dry_run"]:
                report.dry_run = True
                transaction.set_rollback(True)
        if options["dry_run"]:
            importer.images.discard()
        self.write_report(report)
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        if report.rejected_pages:
            raise CommandError(f"{len(report.rejected_pages)} page(s) rejected.", returncode=1)

    def parent(self, reference: str | None) -> int:
        """The --parent page's id, or the default site's first news section in tree order."""
        if reference is None:
            sections = SectionIndexPage.objects.order_by("path")
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is not None:
                sections = sections.descendant_of(site.root_page)
            section = sections.first()
            if section is None:
                raise CommandError(
                    "There is no news section to import into; give --parent.", returncode=2
                )
            return section.pk
        try:
            page = ContentImporter(reference).parent_page(parent_reference(reference, None))
        except RowRejected as rejection:
            raise CommandError(f"--{rejection.reason}", returncode=2) from None
        if not ArticlePage.can_create_at(page):
            raise CommandError(f"--parent: “{page.title}” cannot hold news articles.", returncode=2)
        return page.pk

    def progress_bar(self, total: int, disabled: bool) -> tqdm:
        disabled = disabled or not sys.stderr.isatty()
        return tqdm(
            total=total, disable=disabled, file=sys.stderr, unit=" pages", dynamic_ncols=True
        )

    def write_report(self, report: LegacyImportReport) -> None:
        summary = ", ".join(f"{name} {number}" for name, number in report.counts.items())
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        style = self.style.WARNING if report.rejected_pages else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{summary}."))
        for page in report.pages:
            if page.reason:
                self.stdout.write(f"  {page.outcome:<9} {page.file}: {page.reason}")
            else:
                self.stdout.write(f"  {page.outcome:<9} {page.file} → page {page.page_id}")
            for warning in page.warnings:
                self.stdout.write(f"  {'':<9}   ! {warning}")
