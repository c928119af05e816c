"""The date a listing sorts by, stored so that `/api/pages/` reads it from an index.

The date readers see is an article's or gallery's display date, a document's issue
date, else the day of first publication (`sort_date_of`). It lives in each page
type's own table, so sorting on it directly means computing it for every page and
sorting them all on each request; a row per page here, kept in step when a page is
saved (articles.signal_handlers), lets the database read the newest N in order from
one index and stop.
"""

import datetime

from django.db import models
from django.db.models import F
from wagtail.models import Page

# The fields a sort date is made of: a save that touches none of them leaves it alone.
SOURCE_FIELDS = frozenset({"display_date", "issue_date", "first_published_at"})


class PageSortDate(models.Model):
    page = models.OneToOneField(
        Page, primary_key=True, on_delete=models.CASCADE, related_name="listing_date"
    )
    sort_date = models.DateField(null=True, blank=True)
    # Copied from the page: the tie-break between pages of one date, in the same index.
    first_published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The `-date` listing (the default): newest first, undated pages last. Its SQL
            # is migration 0007's, per database (SQLite has no NULLS LAST in an index).
            models.Index(
                F("sort_date").desc(nulls_last=True),
                F("first_published_at").desc(),
                F("page").desc(),
                name="articles_page_sort_date_desc",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.sort_date}"


def sort_date_of(page: Page) -> datetime.date | None:
    """The date readers see, as `/api/pages/` shows and sorts it.

    Publication days are UTC days, as the database computed them before this was stored.
    """
    for name in ("display_date", "issue_date"):
        value = getattr(page, name, None)
        if value is not None:
            return value
    if page.first_published_at is None:
        return None
    return page.first_published_at.astimezone(datetime.UTC).date()


def record_sort_dates(pages: list[Page]) -> None:
    """Store the sort date of specific pages (for bulk writes that skip `save()`)."""
    rows = [
        PageSortDate(
            page_id=page.pk,
            sort_date=sort_date_of(page),
            first_published_at=page.first_published_at,
        )
        for page in pages
    ]
    PageSortDate.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["page"],
        update_fields=["sort_date", "first_published_at"],
        batch_size=500,
    )
