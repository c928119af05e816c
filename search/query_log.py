"""What citizens search for: every query counted per day, and the ones that found nothing.

Wagtail's search-terms log (search_promotions' Query and QueryDailyHits) holds
all queries and the editors' promoted results; `UnansweredSearch` adds the
count of searches that found nothing.

A search request does not write the log: `record_later` keeps the search in this
process's buffer, and the buffer goes to the task worker as one task (`write_searches`)
every FLUSH_EVERY searches or FLUSH_SECONDS, and when the process exits. A GET then
costs no write and no lock on the log's rows (three statements per search before);
the counts arrive within seconds, exactly as many.
"""

import atexit
import datetime
import logging
import threading
import time

from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from wagtail.contrib.search_promotions.models import Query

from search.models import UnansweredSearch
from vietnamese_text.folding import fold
from vietnamese_text.normalise import normalise

logger = logging.getLogger("search.query_log")

# A batch leaves the process after this many searches or this many seconds, whichever
# comes first: a few task rows a minute on a busy portal, counts late by seconds.
FLUSH_EVERY = 100
FLUSH_SECONDS = 30.0


def record(query_string: str, found: int, date: datetime.date | None = None) -> None:
    """Count one search now; spellings that differ only in Unicode form or tone
    placement merge."""
    query_string = normalise(query_string).strip()
    if not query_string:
        return
    query = Query.get(query_string)
    today = date or timezone.localdate()
    query.add_hit(date=today)
    if not found:
        UnansweredSearch.objects.get_or_create(query=query, date=today)
        UnansweredSearch.objects.filter(query=query, date=today).update(hits=F("hits") + 1)


@task()
def write_searches(searches: list[list]) -> int:
    """Count a batch of searches ([query, found, ISO date] each); returns how many."""
    for query_string, found, day in searches:
        record(query_string, found, date=datetime.date.fromisoformat(day))
    return len(searches)


class SearchBuffer:
    """The searches this process answered and has not yet handed to the worker."""

    def __init__(self):
        self.lock = threading.Lock()
        self.searches: list[list] = []
        self.since = time.monotonic()

    def add(self, query_string: str, found: int) -> None:
        with self.lock:
            if not self.searches:
                self.since = time.monotonic()
            self.searches.append([query_string, found, timezone.localdate().isoformat()])
            due = (
                len(self.searches) >= FLUSH_EVERY or time.monotonic() - self.since >= FLUSH_SECONDS
            )
        if due:
            self.flush()

    def take(self) -> list[list]:
        with self.lock:
            searches, self.searches = self.searches, []
        return searches

    def flush(self) -> int:
        """Hand the buffered searches to the task worker (one task); how many."""
        searches = self.take()
        if searches:
            write_searches.enqueue(searches)
        return len(searches)


buffer = SearchBuffer()


def record_later(query_string: str, found: int) -> None:
    """Count one search, written off the request path (see the module's docstring)."""
    if query_string.strip():
        buffer.add(query_string, found)


def flush() -> int:
    """Send the buffered searches now (tests, a worker's exit); how many were sent."""
    return buffer.flush()


@atexit.register
def flush_at_exit() -> None:
    # A worker that stops must not lose its last searches; at exit nothing may raise.
    try:
        flush()
    except DatabaseError as error:  # the database is gone already: the counts are lost
        logger.warning("Searches not counted at exit: %s", error)


def promoted_pages(query_string: str, pages) -> list[int]:
    """Ids of the pages editors promoted for this query, in their order; only those
    among `pages` (what the reader may find)."""
    wanted = fold(query_string).strip()
    if not wanted:
        return []
    # Editors promote for a few queries only: compare them all, accent-blind.
    promoted = Query.objects.filter(editors_picks__isnull=False).distinct()
    query = next((q for q in promoted if fold(q.query_string).strip() == wanted), None)
    if query is None:
        return []
    picks = list(query.editors_picks.order_by("sort_order"))
    allowed = set(
        pages.filter(pk__in=[pick.page_id for pick in picks]).values_list("pk", flat=True)
    )
    return [pick.page_id for pick in picks if pick.page_id in allowed]
