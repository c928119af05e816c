"""Assembling a page's stored JSON: the same schemas and loaders a fresh response uses.

`assemble` runs exactly what the pages API runs for a request — `load_detail`, the detail
and card schemas, ninja's JSON renderer — so a stored row and a fresh response are the
same bytes. What differs per request is kept out: absolute URLs are made on
`BASE_PLACEHOLDER` and put on the request's base when served (api/absolute_urls.py), and
`meta.is_fallback` is set when served. Visibility stays a per-request check.

`rebuild_pages` writes the rows (called by the rebuild task and the
`rebuild_representations` command, never by a read).
"""

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from ninja import Schema
from ninja.responses import NinjaJSONEncoder
from wagtail.models import Page, ReferenceIndex, Site

from articles.api.cards import card_image_id, prepare_cards
from articles.api.loading import LoadedPage, load_detail, load_specific, shows_latest_pages
from articles.api.references import References
from articles.api.schemas import PageCard, PageDetail
from articles.models import DirectivePage, validity
from articles.models.representations import PageRepresentation, RepresentationDependency

# Absolute URLs are built on this base and rebased per request. It must survive the rich
# text sanitiser (a URL does; a control character would not), and no content holds it:
# .invalid is reserved (RFC 2606) and the name is ours.
BASE_PLACEHOLDER = "https://stored-page-json-base.govcms.invalid"
BASE_IN_JSON = json.dumps(BASE_PLACEHOLDER)[1:-1]

PAGE_KIND = Page._meta.label_lower
# The dependency of pages that list the latest content (the home page's highlights):
# any publication anywhere may change them.
LATEST_KIND = "latest"


def as_json(data) -> str:
    """The text ninja's JSONRenderer makes of `data` (api.ninja_api uses the default renderer)."""
    return json.dumps(data, cls=NinjaJSONEncoder)


class DetailResponse(Schema):
    response: PageDetail


class CardResponse(Schema):
    response: PageCard


class Holder:
    """What ninja validates a response from: an object with a `response` attribute."""

    def __init__(self, response):
        self.response = response


def detail_data(loaded: LoadedPage) -> dict:
    """A detail as ninja serves it (the detail operations do not exclude unset fields)."""
    return DetailResponse.model_validate(Holder(loaded)).model_dump()["response"]


def card_data(card) -> dict:
    """A card with every field it has, as a listing (exclude_unset) serves it."""
    return CardResponse.model_validate(Holder(card)).model_dump(exclude_unset=True)["response"]


@dataclass
class Assembled:
    """A page's detail and card JSON and what they were made from."""

    detail: str
    card: str
    dependencies: set[tuple[str, int]] = field(default_factory=set)
    fresh_until: datetime.datetime | None = None
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None


def assemble(page: Page, site: Site) -> Assembled:
    """The stored form of a visible page for `site`, with absolute URLs on the placeholder."""
    refs = References(None, site)
    refs.base_url = BASE_PLACEHOLDER
    specific = load_specific(page)
    (card,) = prepare_cards([specific], refs)
    loaded = load_detail(specific, refs)
    assembled = Assembled(detail=as_json(detail_data(loaded)), card=as_json(card_data(card)))
    assembled.dependencies = dependencies(loaded)
    shown_pages = {pk for kind, pk in assembled.dependencies if kind == PAGE_KIND}
    assembled.fresh_until = earliest_expiry(shown_pages)
    assembled.first_day, assembled.last_day = validity_days(shown_directives(loaded))
    return assembled


def dependencies(loaded: LoadedPage) -> set[tuple[str, int]]:
    """Everything the JSON shows, as (model label, id): what changing deletes the row."""
    page, refs = loaded.page, loaded.refs
    found: set[tuple[str, int]] = set()
    pages = set(refs.page_ids)
    pages.update(relation.source_id for relation in getattr(loaded, "incoming", []))
    pages.update(other.pk for other in loaded.translations)
    pages.update(card.page.pk for card in shown_cards(loaded))
    ancestor_paths = [page.path[: i * Page.steplen] for i in range(1, page.depth)]
    pages.update(Page.objects.filter(path__in=ancestor_paths).values_list("pk", flat=True))
    pages.discard(page.pk)
    found.update((PAGE_KIND, pk) for pk in pages)
    image_ids = set(refs.image_ids) | {card_image_id(c.page) for c in shown_cards(loaded)}
    found.update(("image", pk) for pk in image_ids if pk)
    found.update(("document", pk) for pk in refs.document_ids)
    found.update(
        ("media", row.media_id) for row in getattr(loaded, "video_rows", []) if row.media_id
    )
    for snippet in shown_snippets(loaded):
        found.add((snippet._meta.label_lower, snippet.pk))
    # What the live page refers to by foreign key (bylines, categories, child rows' targets):
    # Wagtail's reference index of the object itself, which it keeps up to date on save.
    for reference in ReferenceIndex.get_references_for_object(page).select_related(
        "to_content_type"
    ):
        if reference.to_object_id.isdigit():
            model = reference.to_content_type.model_class()
            kind = PAGE_KIND if issubclass(model, Page) else model._meta.label_lower
            found.add((kind, int(reference.to_object_id)))
    if shows_latest_pages(page):
        found.add((LATEST_KIND, 0))
    return {(normalised_kind(kind), pk) for kind, pk in found}


def normalised_kind(kind: str) -> str:
    """Images and documents by their short kind, whatever their (swappable) model."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    aliases = {
        get_image_model()._meta.label_lower: "image",
        get_document_model()._meta.label_lower: "document",
        "wagtailmedia.media": "media",
    }
    return aliases.get(kind, kind)


def shown_cards(loaded: LoadedPage) -> list:
    return [card for cards in getattr(loaded, "sections", {}).values() for card in cards]


def shown_snippets(loaded: LoadedPage) -> Iterable:
    """Snippets whose names the JSON shows: a byline, categories, legal fields with their
    parents (the path names), a directive's type and issuing body, on cards too."""
    for name in ("byline", "document_type", "issuing_body"):
        snippet = loaded.__dict__.get(name)
        if snippet is not None:
            yield snippet
    yield from loaded.__dict__.get("categories", [])
    for legal_field in loaded.__dict__.get("fields", []):
        yield from legal_field.ancestors_and_self()
    for card in shown_cards(loaded):
        for name in ("document_type", "issuing_body"):
            snippet = getattr(card.page, name, None)
            if snippet is not None:
                yield snippet


def earliest_expiry(page_ids: set[int]) -> datetime.datetime | None:
    """When the first shown page expires: its link, card or breadcrumb then disappears."""
    if not page_ids:
        return None
    expiries = Page.objects.filter(pk__in=page_ids, expire_at__gt=timezone.now())
    return min(expiries.values_list("expire_at", flat=True), default=None)


def shown_directives(loaded: LoadedPage) -> list[DirectivePage]:
    directives = [card.page for card in shown_cards(loaded) if isinstance(card.page, DirectivePage)]
    if isinstance(loaded.page, DirectivePage):
        directives.append(loaded.page)
    return directives


def validity_days(
    directives: list[DirectivePage],
) -> tuple[datetime.date | None, datetime.date | None]:
    """The days on which every shown directive has the status it has today.

    A status changes on the effective date (not yet → in force) and on the expiry date
    (→ no longer in force); an editor's override never changes with the day.
    """
    today = validity.today()
    first, last = None, None
    for directive in directives:
        if directive.validity_override:
            continue
        for change in (directive.effective_date, directive.expiry_date):
            if change is None:
                continue
            if change <= today:
                first = change if first is None else max(first, change)
            else:
                day_before = change - datetime.timedelta(days=1)
                last = day_before if last is None else min(last, day_before)
    if directives and first is None and last is None:
        return None, None
    return first, last


# --- writing ----------------------------------------------------------------------------


def sites_showing(page: Page) -> list[Site]:
    """The sites whose public tree holds the page (usually the one site)."""
    from public.visibility import visible_pages

    return [
        site
        for site in Site.objects.select_related("root_page")
        if visible_pages(site).filter(pk=page.pk).exists()
    ]


def rebuild_page(page_id: int) -> bool:
    """Store the page's JSON for every site that shows it; drop rows nobody may see.

    Returns whether anything was stored.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return False
    sites = sites_showing(page)
    found: set[tuple[str, int]] = set()
    with transaction.atomic():
        PageRepresentation.objects.filter(page_id=page_id).exclude(site__in=sites).delete()
        for site in sites:
            assembled = assemble(page, site)
            found |= assembled.dependencies
            PageRepresentation.objects.update_or_create(
                page_id=page_id,
                site=site,
                defaults={
                    "detail": assembled.detail,
                    "card": assembled.card,
                    "built_at": timezone.now(),
                    "fresh_until": assembled.fresh_until,
                    "first_day": assembled.first_day,
                    "last_day": assembled.last_day,
                },
            )
        RepresentationDependency.objects.filter(page_id=page_id).delete()
        RepresentationDependency.objects.bulk_create(
            [
                RepresentationDependency(page_id=page_id, kind=kind, object_id=object_id)
                for kind, object_id in sorted(found)
            ]
        )
    return bool(sites)


def rebuild_pages(page_ids: Iterable[int]) -> int:
    """Rebuild each page's rows; returns how many pages were stored."""
    return sum(rebuild_page(page_id) for page_id in page_ids)
