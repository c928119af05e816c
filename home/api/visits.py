"""`/api/visits/`: the visit counter, "Số lượt truy cập".

The frontend posts once per page view, from the visitor's browser, and shows the
page's and the whole site's totals. Only live, public pages are counted; a draft or
private page answers exactly as an unknown id does. Two limits keep a loop from
inflating the numbers, both in Django's cache:
- one counted view per client and page per VISIT_COUNT_WINDOW_SECONDS;
- REQUESTS_PER_MINUTE posts per client (ninja throttling, per `api.rate_limit.client_address`,
  with the counter's own cap), then 429 with Retry-After.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Model, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Field, Path, Router, Schema

from api.bounds import MAX_ID
from api.problems import Problem, problem
from api.rate_limit import ClientRateThrottle, client_address
from home.models import PageVisits, SiteVisits
from public.visibility import visible_pages

# Each operation_id is the one served before home/api.py became a package: generated
# clients name their functions after it.
router = Router(tags=["visits"])

# A reader opens at most a page a second or so; a minute at that pace is the cap.
REQUESTS_PER_MINUTE = 60


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


def is_visible(page_id: int) -> bool:
    return visible_pages().filter(pk=page_id).exists()


def page_not_found() -> JsonResponse:

    # The same answer for drafts, private pages and unknown ids: none is revealed.
    return problem(404, "Not found", "No live, public page has this id.")


# The totals change with every view, not with the content: never cached, nor validated
# by the content version (`api.conditional` leaves a view's own Cache-Control alone).
LIVE_COUNTER = "no-cache"


@router.get(
    "/",
    response=SiteVisitTotals,
    summary="Views of the whole site",
    operation_id="home_api_site_visits",
)
def site_visits(request: HttpRequest, response: HttpResponse):
    response["Cache-Control"] = LIVE_COUNTER
    return SiteVisitTotals(**totals(SiteVisits.objects.all(), timezone.localdate()))


@router.get(
    "/pages/{signed_int:page_id}/",
    response={200: PageVisitTotals, 400: Problem, 404: Problem},
    summary="Views of one page",
    operation_id="home_api_page_visits",
)
def page_visits(
    request: HttpRequest, response: HttpResponse, page_id: int = Path(..., ge=1, le=MAX_ID)
):
    response["Cache-Control"] = LIVE_COUNTER
    if not is_visible(page_id):
        return page_not_found()
    visits = PageVisits.objects.filter(page_id=page_id)
    return PageVisitTotals(page_id=page_id, **totals(visits, timezone.localdate()))


@router.post(
    "/pages/{signed_int:page_id}/",
    response={200: RecordedPageVisit, 400: Problem, 404: Problem, 429: Problem},
    throttle=ClientRateThrottle(f"{REQUESTS_PER_MINUTE}/m", scope="visits"),
    summary="Count one view of a page",
    operation_id="home_api_record_page_visit",
)
def record_page_visit(request: HttpRequest, page_id: int = Path(..., ge=1, le=MAX_ID)):
    address = client_address(request)
    if not is_visible(page_id):
        return page_not_found()
    today = timezone.localdate()
    counted = record_view_once(address, page_id, today)
    visits = PageVisits.objects.filter(page_id=page_id)
    return RecordedPageVisit(page_id=page_id, counted=counted, **totals(visits, today))
