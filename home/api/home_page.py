"""The home page in `/api/pages/`: its highlight sections of cards.

Home owns its page type, so it tells the pages API how to load it
(`register_home_page`, called from `HomeConfig.ready`); the fields it shows are
`HomePageDetail`'s (articles/api/schemas.py).
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType

from articles.api.cards import fetch_specific, prepare_cards
from articles.api.filters import apply_ordering
from articles.api.loading import LoadedPage, register_page_type
from home.models import HomePage, HomePageHighlight

HIGHLIGHTS_LIMIT = 5


def collect_highlights(loaded: LoadedPage) -> None:
    """Cards per highlight section: the editors' picks, else the latest of the section's type."""
    visible = loaded.refs.visible
    picks: dict[str, list[int]] = {}
    for row in loaded.page.highlights.all():
        picks.setdefault(row.section, []).append(row.page_id)
    window: dict[str, list[tuple[int, int]]] = {}
    for section, (app_label, model_name) in HomePageHighlight.SECTION_MODELS.items():
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        if section in picks:
            chosen = dict(
                visible.filter(pk__in=picks[section]).values_list("pk", "content_type_id")
            )
            rows = [(pk, chosen[pk]) for pk in picks[section] if pk in chosen]
        else:
            latest = visible.type(model).filter(locale_id=loaded.page.locale_id)
            latest = SECTION_FILTERS.get(section, lambda p: p)(latest)
            rows = list(
                apply_date_ordering(latest).values_list("pk", "content_type_id")[:HIGHLIGHTS_LIMIT]
            )
        window[str(section)] = rows[:HIGHLIGHTS_LIMIT]
    specific = fetch_specific([row for rows in window.values() for row in rows])
    loaded.sections = {
        section: prepare_cards([specific[pk] for pk, _ in rows if pk in specific], loaded.refs)
        for section, rows in window.items()
    }


# The automatic filling of a home page section: what an unpicked section shows.
SECTION_FILTERS: dict[str, Callable] = {
    "featured": lambda pages: pages.filter(articlepage__is_featured=True),
    "announcements": lambda pages: pages.filter(articlepage__is_announcement=True),
}


def apply_date_ordering(pages):
    return apply_ordering(pages, "-date")


def register_home_page() -> None:
    register_page_type(
        HomePage,
        collect_highlights,
        lambda pages: pages.prefetch_related("highlights"),
        lists_latest=True,
    )
