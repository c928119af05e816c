"""Listing cards: the few fields a list of pages shows, with one image query for all."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from wagtail.models import Page

from articles.api.references import References, page_type_name
from articles.models import ArticlePage, DirectivePage, GalleryPage

CARD_QUERIES: dict[type[Page], Callable] = {
    DirectivePage: lambda pages: pages.select_related("document_type", "issuing_body"),
}


def card_fields(page: Page, refs: References) -> dict:
    """Type-specific card fields; image ids are noted for the one bulk image query."""
    if isinstance(page, ArticlePage):
        refs.want_image(page.hero_image_id)
        return {
            "date": page.display_date,
            "lead": page.lead,
            "thumbnail": page.hero_image_id,
            "is_announcement": page.is_announcement,
            "is_featured": page.is_featured,
        }
    if isinstance(page, DirectivePage):
        return {
            "date": page.issue_date,
            "lead": page.abstract,
            "number": page.number,
            "document_type": page.document_type.name if page.document_type else None,
            "issuing_body": page.issuing_body.name if page.issuing_body else None,
            "validity": page.validity_status,
        }
    if isinstance(page, GalleryPage):
        refs.want_image(page.cover_image_id)
        return {
            "date": page.display_date,
            "lead": plain_text(page.intro),
            "thumbnail": page.cover_image_id,
        }
    intro = getattr(page, "intro", "")
    return {"lead": plain_text(intro)} if intro else {}


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def prepare_cards(pages: list[Page], refs: References) -> list[dict]:
    """Cards for specific pages, in order, with image ids noted but not yet loaded."""
    return [
        {
            "id": page.pk,
            "type": page_type_name(page.content_type_id),
            "title": page.title,
            "url": refs.page_url(page),
            "locale": refs.locale_codes.get(page.locale_id, ""),
            **card_fields(page, refs),
        }
        for page in pages
    ]


def finish_cards(cards: list[dict], refs: References, fields: set[str] | None = None) -> list[dict]:
    """Swap image ids for images (after refs.load()) and keep only the asked-for fields."""
    for card in cards:
        if "thumbnail" in card:
            card["thumbnail"] = refs.image(card["thumbnail"])
        if fields is not None:
            for key in list(card):
                if key not in fields and key not in ("id", "type"):
                    del card[key]
    return cards


def serialise_cards(pages: list[Page], refs: References, fields: set[str] | None) -> list[dict]:
    """Cards for already-fetched specific pages; one image query for all of them."""
    cards = prepare_cards(pages, refs)
    refs.load()
    return finish_cards(cards, refs, fields)


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
