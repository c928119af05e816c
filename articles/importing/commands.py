"""What the import commands (import_content, import_legacy) share around their importer:
the run options, the dry run, the progress bar, the --parent check and the report."""

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm
from wagtail.models import Page

from articles.importing.report import ImportReport, RowRejected
from articles.importing.rows import parent_reference
from articles.importing.writer import ContentImporter, external_search_updates_paused


@contextmanager
def rolled_back_if(dry_run: bool) -> Iterator[None]:
    """A dry run writes nothing: every item (a savepoint) runs inside one transaction that is
    rolled back at the end, so later items see earlier ones exactly as in a real run; an
    external search index, which a rollback cannot reach, is not updated meanwhile."""
    if not dry_run:
        yield
        return
    with external_search_updates_paused(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def progress_bar(disabled: bool, unit: str, total: Callable[[], int]) -> tqdm:
    """A bar on stderr, none off a TTY; `total` is only counted when the bar is shown."""
    disabled = disabled or not sys.stderr.isatty()
    return tqdm(
        total=None if disabled else total(),
        disable=disabled,
        file=sys.stderr,
        unit=unit,
        dynamic_ncols=True,
    )


def parent_page(importer: ContentImporter, reference: str) -> Page:
    """The page --parent names (a URL path or an id); exit status 2 if it names none."""
    try:
        return importer.parent_page(parent_reference(reference, None))
    except RowRejected as rejection:
        raise CommandError(f"--{rejection.reason}", returncode=2) from None


class ImportCommand(BaseCommand):
    """A command that runs an importer over many items, each in its own transaction.

    Exit status 1 when some items were rejected; a subclass lists them in `write_details`.
    """

    item = "item"  # what is imported one at a time: the progress bar's and the messages' unit

    def add_common_arguments(self, parser, *, parent_help: str, dry_run_help: str) -> None:
        """--parent, --dry-run, --no-progress and --report, in this order in both commands."""
        parser.add_argument("--parent", help=parent_help)
        parser.add_argument("--dry-run", action="store_true", help=dry_run_help)
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (none is shown off a TTY)."
        )
        parser.add_argument(
            "--report", metavar="FILE.json", help="Also write the report to this JSON file."
        )

    def run(self, options: dict, total: Callable[[], int], work: Callable) -> ImportReport:
        """`work(advance)` imports and returns the report; in a dry run nothing it wrote stays."""
        progress = progress_bar(options["no_progress"], f" {self.item}s", total)
        with progress, rolled_back_if(options["dry_run"]):
            report = work(progress.update)
        report.dry_run = options["dry_run"]
        return report

    def finish(self, options: dict, report: ImportReport, rejected: int) -> None:
        """The summary and details on stdout, the JSON report if asked, then the exit status."""
        summary = ", ".join(f"{name} {number}" for name, number in report.counts.items())
        prefix = "Dry run, nothing written: " if report.dry_run else ""
        style = self.style.WARNING if rejected else self.style.SUCCESS
        self.stdout.write(style(f"{prefix}{summary}."))
        self.write_details(report)
        if options["report"]:
            Path(options["report"]).write_text(
                json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        if rejected:
            raise CommandError(f"{rejected} {self.item}(s) rejected.", returncode=1)

    def write_details(self, report: ImportReport) -> None:
        raise NotImplementedError
