"""manage.py rebuild_representations [--page ID ...]: store the JSON the pages API serves."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from articles.representations.build import rebuild_page


class Command(BaseCommand):
    help = (
        "Store the detail and card JSON of every live page (or of --page IDs), as the pages "
        "API serves them. Publishing keeps them up to date; run this after an upgrade that "
        "changes what the API shows. Until a page's JSON is stored, it is assembled per request."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--page", type=int, action="append", dest="pages", help="Only this page (repeatable)."
        )

    def handle(self, *args, pages=None, verbosity=1, **options):
        if pages:
            missing = set(pages) - set(
                Page.objects.filter(pk__in=pages).values_list("pk", flat=True)
            )
            if missing:
                raise CommandError(f"No page with id {', '.join(map(str, sorted(missing)))}.")
            page_ids = pages
        else:
            page_ids = list(
                Page.objects.filter(live=True).order_by("path").values_list("pk", flat=True)
            )
        stored = 0
        for done, page_id in enumerate(page_ids, start=1):
            stored += rebuild_page(page_id)
            if verbosity and done % 500 == 0:
                self.stdout.write(f"{done}/{len(page_ids)} pages")
        if verbosity:
            self.stdout.write(
                f"Stored {stored} of {len(page_ids)} pages (the others are not public)."
            )
