"""What citizens search for: every query counted per day, and the ones that found nothing.

Wagtail's search-terms log (search_promotions' Query and QueryDailyHits) holds
all queries and the editors' promoted results; `UnansweredSearch` adds the
count of searches that found nothing.
"""

from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import UnansweredSearch
from vietnamese_text.folding import fold
from vietnamese_text.normalise import normalise


def record(query_string: str, found: int) -> None:
    """Count one search; spellings that differ only in Unicode form or tone placement merge."""
    query_string = normalise(query_string).strip()
    if not query_string:
        return
    query = Query.get(query_string)
    today = timezone.localdate()
    query.add_hit(date=today)
    if not found:
        UnansweredSearch.objects.get_or_create(query=query, date=today)
        UnansweredSearch.objects.filter(query=query, date=today).update(hits=F("hits") + 1)


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
