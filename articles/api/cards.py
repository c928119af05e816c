"""Listing cards: the pages a list shows, fetched per type, with one image query for all.

What a card shows is written once, in its schema (`ArticleCard`, `DirectiveCard`,
`GalleryCard`, `OtherPageCard` in articles/api/schemas.py); those schemas read a
`CardSource` — the page and the references loaded for the whole list.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from wagtail.models import Page

from articles.api.references import References, page_type_name
from articles.models import ArticlePage, DirectivePage, GalleryPage

CARD_QUERIES: dict[type[Page], Callable] = {
    DirectivePage: lambda pages: pages.select_related("document_type", "issuing_body"),
}


@dataclass
class CardSource:
    """A page shown as a card; `fields` is the `fields=` selection (None: all fields)."""

    page: Page
    refs: References
    fields: set[str] | None = None

    @property
    def type(self) -> str:
        """The page type name, which tells the card schemas apart."""
        return page_type_name(self.page.content_type_id)


def card_image_id(page: Page) -> int | None:
    """The image a card shows: an article's hero image, a gallery's cover."""
    if isinstance(page, ArticlePage):
        return page.hero_image_id
    if isinstance(page, GalleryPage):
        return page.cover_image_id
    return None


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def prepare_cards(
    pages: list[Page], refs: References, fields: set[str] | None = None
) -> list[CardSource]:
    """Cards for specific pages, in order, their images noted for `refs.load()`."""
    for page in pages:
        refs.want_image(card_image_id(page))
    return [CardSource(page, refs, fields) for page in pages]


def serialise_cards(
    pages: list[Page], refs: References, fields: set[str] | None
) -> list[CardSource]:
    """Cards for already-fetched specific pages; one image query for all of them."""
    cards = prepare_cards(pages, refs, fields)
    refs.load()
    return cards


def fetch_specific(window: list[tuple[int, int]]) -> dict[int, Page]:
    """The specific objects of (id, content type id) pairs: one query per page type."""
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in window:
        by_type.setdefault(content_type_id, []).append(pk)
    found: dict[int, Page] = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        pages = model.objects.filter(pk__in=ids)
        pages = CARD_QUERIES.get(model, lambda p: p)(pages)
        found.update((page.pk, page) for page in pages)
    return found
