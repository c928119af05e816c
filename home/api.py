"""The visit counter, "Số lượt truy cập": `/api/visits/`.

The frontend posts once per page view, from the visitor's browser, and shows the
page's and the whole site's totals. Only live, public pages are counted; a draft
or private page answers exactly as an unknown id does.

Two limits keep a loop from inflating the numbers, both kept in Django's cache
(with several server processes, CACHE_URL must name a shared cache such as Redis,
or each process limits on its own):
- one counted view per client and page per VISIT_COUNT_WINDOW_SECONDS;
- REQUESTS_PER_MINUTE posts per client, then 429 with Retry-After.

The client is REMOTE_ADDR. Behind a reverse proxy that is the proxy's address:
have the proxy (or the WSGI server) put the visitor's address there, or set
NUM_PROXIES to the number of proxies in front, and X-Forwarded-For is read that
many entries from the right. Entries further left are whatever the client sent,
so X-Forwarded-For is never read without NUM_PROXIES.
"""

import datetime
import ipaddress
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Model, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from wagtail.models import Page

from cms.problems import problem
from home.models import PageVisits, SiteVisits

router = Router(tags=["visits"])

# A reader opens at most a page a second or so; a minute at that pace is the cap.
REQUESTS_PER_MINUTE = 60
RATE_WINDOW_SECONDS = 60


class SiteVisitTotals(Schema):
    total: int = Field(description="Views of the whole site, all time.")
    today: int = Field(description="Views today, in the site's time zone (Asia/Ho_Chi_Minh).")


class PageVisitTotals(Schema):
    page_id: int
    total: int = Field(description="Views of this page, all time.")
    today: int = Field(description="Views of this page today (Asia/Ho_Chi_Minh).")


class RecordedPageVisit(PageVisitTotals):
    counted: bool = Field(
        description="False when this client's view of the page was counted recently already."
    )


class Problem(Schema):
    """RFC 9457 problem details, served as application/problem+json."""

    type: str
    title: str
    status: int
    detail: str


def upsert_sql(model: type[Model], key_columns: list[str]) -> str:
    """`INSERT ... ON CONFLICT (key) DO UPDATE SET count = count + 1` for one table.

    The ORM cannot add to the stored value on conflict (bulk_create's
    update_conflicts only copies the new one), hence SQL; PostgreSQL and
    SQLite ≥ 3.24 speak this same dialect.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    keys = ", ".join(quote(column) for column in key_columns)
    values = ", ".join(["%s"] * len(key_columns))
    count = quote("count")
    return (
        f"INSERT INTO {table} ({keys}, {count}) VALUES ({values}, 1) "
        f"ON CONFLICT ({keys}) DO UPDATE SET {count} = {table}.{count} + 1"
    )


def record_view(page_id: int, day: datetime.date) -> None:
    """Add one view to the page's day and the site's day.

    Each upsert is one statement the database applies under the row's lock, so
    concurrent views never lose an increment and the first views of a day cannot
    race into duplicate rows. One transaction keeps page and site in step; both
    rows are always taken in the same order, so two views cannot deadlock.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(upsert_sql(PageVisits, ["page_id", "date"]), [page_id, day])
        cursor.execute(upsert_sql(SiteVisits, ["date"]), [day])


def record_view_once(address: str, page_id: int, day: datetime.date) -> bool:
    """Count the view unless this client's view of the page was counted within the window."""
    key = f"visits:seen:{page_id}:{address}"
    # cache.add is atomic: of two simultaneous views from one client, one counts.
    if not cache.add(key, True, settings.VISIT_COUNT_WINDOW_SECONDS):
        return False
    try:
        record_view(page_id, day)
    except DatabaseError:
        cache.delete(key)  # a failed write must not use up the client's view
        raise
    return True


def totals(visits: QuerySet, day: datetime.date) -> dict[str, int]:
    return visits.aggregate(
        total=Coalesce(Sum("count"), 0),
        today=Coalesce(Sum("count", filter=Q(date=day)), 0),
    )


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    num_proxies = getattr(settings, "NUM_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if num_proxies <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    try:
        return str(ipaddress.ip_address(hops[-min(num_proxies, len(hops))]))
    except ValueError:
        return remote


def seconds_until_allowed(address: str) -> int:
    """0 while the client is within REQUESTS_PER_MINUTE, else the seconds left of its minute.

    The minute starts at the client's first post, and its start is part of the
    counter's key, so Retry-After is exact and a new minute starts a new count.
    """
    now = time.time()
    started = cache.get_or_set(f"visits:since:{address}", now, RATE_WINDOW_SECONDS)
    key = f"visits:requests:{address}:{started}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        requests = cache.incr(key)
    except ValueError:  # evicted between add and incr
        requests = 1
    if requests <= REQUESTS_PER_MINUTE:
        return 0
    return max(1, math.ceil(started + RATE_WINDOW_SECONDS - now))


def is_visible(page_id: int) -> bool:
    return Page.objects.live().public().filter(pk=page_id).exists()


def page_not_found() -> JsonResponse:

    # The same answer for drafts, private pages and unknown ids: none is revealed.
    return problem(404, "Not found", "No live, public page has this id.")


def too_many_requests(wait: int) -> JsonResponse:

    detail = f"At most {REQUESTS_PER_MINUTE} views a minute from one client; retry in {wait} s."
    response = problem(429, "Too many requests", detail)
    response["Retry-After"] = str(wait)
    return response


@router.get("/", response=SiteVisitTotals, summary="Views of the whole site")
def site_visits(request: HttpRequest):
    return SiteVisitTotals(**totals(SiteVisits.objects.all(), timezone.localdate()))


@router.get(
    "/pages/{page_id}/",
    response={200: PageVisitTotals, 404: Problem},
    summary="Views of one page",
)
def page_visits(request: HttpRequest, page_id: int):
    if not is_visible(page_id):
        return page_not_found()
    visits = PageVisits.objects.filter(page_id=page_id)
    return PageVisitTotals(page_id=page_id, **totals(visits, timezone.localdate()))


@router.post(
    "/pages/{page_id}/",
    response={200: RecordedPageVisit, 404: Problem, 429: Problem},
    summary="Count one view of a page",
)
def record_page_visit(request: HttpRequest, page_id: int):
    address = client_address(request)
    wait = seconds_until_allowed(address)
    if wait:
        return too_many_requests(wait)
    if not is_visible(page_id):
        return page_not_found()
    today = timezone.localdate()
    counted = record_view_once(address, page_id, today)
    visits = PageVisits.objects.filter(page_id=page_id)
    return RecordedPageVisit(page_id=page_id, counted=counted, **totals(visits, today))
