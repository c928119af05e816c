"""manage.py import_legacy FOLDER: pages saved from an old portal in, news articles out."""

from pathlib import Path

from django.core.management.base import CommandError
from wagtail.models import Site

from articles.importing.commands import ImportCommand, parent_page
from articles.importing.legacy.importer import LegacyImporter, LegacyImportReport, page_files
from articles.importing.writer import ContentImporter
from articles.models import ArticlePage, SectionIndexPage


class Command(ImportCommand):
    item = "page"
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
        self.add_common_arguments(
            parser,
            parent_help="The news section to import under: a URL path from the site root "
            "(/tin-tuc-su-kien/) or a page id. Default: the site's first news section.",
            dry_run_help="Read and check every page as a real run would and report, "
            "but write nothing.",
        )

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.", returncode=2)
        paths = page_files(folder)
        importer = LegacyImporter(folder, self.parent(options["parent"]))
        report = self.run(
            options, lambda: len(paths), lambda advance: importer.import_files(paths, advance)
        )
        if options["dry_run"]:
            importer.images.discard()  # image files: storage is not transactional
        self.finish(options, report, len(report.rejected_pages))

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
        page = parent_page(ContentImporter(reference), reference)
        if not ArticlePage.can_create_at(page):
            raise CommandError(f"--parent: “{page.title}” cannot hold news articles.", returncode=2)
        return page.pk

    def write_details(self, report: LegacyImportReport) -> None:
        for page in report.pages:
            if page.reason:
                self.stdout.write(f"  {page.outcome:<9} {page.file}: {page.reason}")
            else:
                self.stdout.write(f"  {page.outcome:<9} {page.file} → page {page.page_id}")
            for warning in page.warnings:
                self.stdout.write(f"  {'':<9}   ! {warning}")
