"""The home page in `/api/pages/`: its introduction and highlight sections of cards.

Home owns its page type, so it tells the pages API how to show it
(`register_home_page`, called from `HomeConfig.ready`).
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType

from articles.api.filters import apply_ordering
from articles.api.serialisers import (
    IndexSerialiser,
    fetch_specific,
    finish_cards,
    prepare_cards,
    register_serialiser,
)
from home.models import HomePage, HomePageHighlight


class HomeSerialiser(IndexSerialiser):
    """The home page with its highlight sections, each a list of cards."""

    LIMIT = 5

    def collect(self) -> None:
        super().collect()
        visible = self.refs.visible
        picks: dict[str, list[int]] = {}
        for row in self.page.highlights.all():
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
                latest = visible.type(model).filter(locale_id=self.page.locale_id)
                latest = SECTION_FILTERS.get(section, lambda p: p)(latest)
                rows = list(
                    apply_date_ordering(latest).values_list("pk", "content_type_id")[: self.LIMIT]
                )
            window[str(section)] = rows[: self.LIMIT]
        specific = fetch_specific([row for rows in window.values() for row in rows])
        self.sections = {
            section: prepare_cards([specific[pk] for pk, _ in rows if pk in specific], self.refs)
            for section, rows in window.items()
        }

    def render(self) -> dict:
        return {
            **super().render(),
            "highlights": {
                section: finish_cards(cards, self.refs) for section, cards in self.sections.items()
            },
        }


# The automatic filling of a home page section: what an unpicked section shows.
SECTION_FILTERS: dict[str, Callable] = {
    "featured": lambda pages: pages.filter(articlepage__is_featured=True),
    "announcements": lambda pages: pages.filter(articlepage__is_announcement=True),
}


def apply_date_ordering(pages):
    return apply_ordering(pages, "-date")


def register_home_page() -> None:
    register_serialiser(
        HomePage, HomeSerialiser, lambda pages: pages.prefetch_related("highlights")
    )
