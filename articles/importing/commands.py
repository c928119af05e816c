"""What the import commands (import_content, import_legacy) share around their importer:
the run options, the dry run, the progress bar, the --parent check and the report."""

import argparse
import datetime
import json
import sys
import time
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
    """A bar on stderr (a TTY); `total` is only counted when the bar is shown."""
    return tqdm(
        total=None if disabled else total(),
        disable=disabled,
        file=sys.stderr,
        unit=unit,
        dynamic_ncols=True,
    )


class ProgressLines:
    """Progress where no bar can be drawn (a log file, cron, a pipe): a line every `every`
    items or every INTERVAL seconds, whichever comes first, and one at the end.

    `1500/10000 rows (15%), 312 rows/s, 0:00:27 left`
    """

    INTERVAL = 10.0

    def __init__(self, write: Callable[[str], None], total: int, unit: str, every: int):
        self.write, self.total, self.unit, self.every = write, total, unit, every
        self.done = self.shown = 0
        self.started = self.last = time.monotonic()

    def update(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.done - self.shown >= self.every or now - self.last >= self.INTERVAL:
            self.show(now)

    def show(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        line = f"{self.done}/{self.total} {self.unit}"
        if self.total:
            line += f" ({100 * self.done // self.total}%)"
        line += f", {rate:.0f} {self.unit}/s"
        if self.total and rate > 0:
            left = max(self.total - self.done, 0) / rate
            line += f", {datetime.timedelta(seconds=round(left))} left"
        self.write(line)
        self.shown, self.last = self.done, now

    def __enter__(self) -> "ProgressLines":
        return self

    def __exit__(self, *exc_info) -> None:
        if self.done != self.shown:
            self.show(time.monotonic())


def parent_page(importer: ContentImporter, reference: str) -> Page:
    """The page --parent names (a URL path or an id); exit status 2 if it names none."""
    try:
        return importer.parent_page(parent_reference(reference, None))
    except RowRejected as rejection:
        raise CommandError(f"--{rejection.reason}", returncode=2) from None


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from `low` to `high`, else a usage error (exit status 2)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        return value

    return parse


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
            "--no-progress",
            action="store_true",
            help="No progress bar on a terminal, no progress lines elsewhere.",
        )
        parser.add_argument(
            "--progress-every",
            type=bounded_int(1, 10_000_000),
            default=1000,
            metavar="N",
            help="Off a terminal, a progress line every N items (and every "
            f"{ProgressLines.INTERVAL:.0f} seconds); default 1000.",
        )
        parser.add_argument(
            "--report", metavar="FILE.json", help="Also write the report to this JSON file."
        )

    def run(self, options: dict, total: Callable[[], int], work: Callable) -> ImportReport:
        """`work(advance)` imports and returns the report; in a dry run nothing it wrote stays."""
        progress = self.progress(options, total)
        with progress, rolled_back_if(options["dry_run"]):
            report = work(progress.update)
        report.dry_run = options["dry_run"]
        return report

    def progress(self, options: dict, total: Callable[[], int]) -> tqdm | ProgressLines:
        """A bar on a terminal, periodic lines on stderr elsewhere; neither with --no-progress."""
        if options["no_progress"] or sys.stderr.isatty():
            return progress_bar(options["no_progress"], f" {self.item}s", total)
        return ProgressLines(self.stderr.write, total(), f"{self.item}s", options["progress_every"])

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
