"""Serving stored page JSON: one indexed read, visibility still decided per request.

A row is served only for a page the request's visibility allows (the row query itself
filters on `References.visible`), only while it is fresh (no shown page has expired
since, the directives it shows keep today's status), and only when PAGE_JSON_STORE is on.
Nothing here writes: a read that finds no row is assembled fresh by the caller.
"""

import json
from functools import cache

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from ninja.renderers import JSONRenderer
from pydantic import BaseModel, create_model

from articles.api.cards import CardSource, fetch_specific, serialise_cards
from articles.api.references import References
from articles.api.schemas import CARDS, CardFields, OtherPageCard
from articles.models import validity
from articles.models.representations import PageRepresentation
from articles.representations.build import BASE_IN_JSON

CONTENT_TYPE = f"{JSONRenderer.media_type}; charset={JSONRenderer.charset}"


def store_in_use(refs: References) -> bool:
    """The switch is read at call time, so tests and operators can turn it off at once."""
    return bool(settings.PAGE_JSON_STORE) and refs.site is not None


def fresh_rows(refs: References) -> QuerySet:
    today = validity.today()
    return PageRepresentation.objects.filter(site=refs.site).filter(
        Q(fresh_until__isnull=True) | Q(fresh_until__gt=timezone.now()),
        Q(first_day__isnull=True) | Q(first_day__lte=today),
        Q(last_day__isnull=True) | Q(last_day__gte=today),
    )


def with_base(text: str, refs: References) -> str:
    return text.replace(BASE_IN_JSON, json.dumps(refs.base_url)[1:-1])


def stored_detail(refs: References, page_id: int, *, check_visible: bool) -> str | None:
    """The page's detail JSON for this request, or None. `check_visible`: the page has
    not been checked yet, so the row is read only if the public may see the page."""
    if not store_in_use(refs):
        return None
    rows = fresh_rows(refs).filter(page_id=page_id)
    if check_visible:
        rows = rows.filter(page_id__in=refs.visible.filter(pk=page_id).values("pk"))
    text = rows.values_list("detail", flat=True).first()
    return with_base(text, refs) if text is not None else None


def stored_response(text: str, *, is_fallback: bool = False) -> HttpResponse:
    if is_fallback:
        data = json.loads(text)
        data["meta"]["is_fallback"] = True
        text = json.dumps(data)
    return HttpResponse(text, content_type=CONTENT_TYPE)


def listing_cards(
    rows: list[tuple[int, int]], refs: References, fields: set[str] | None
) -> list[CardFields | CardSource]:
    """The cards of listed (id, content type id) pairs, in order: stored ones as made, the
    others assembled now (one query per page type, one for their images)."""
    stored = stored_cards(refs, [pk for pk, _ in rows], fields)
    missing = [row for row in rows if row[0] not in stored]
    specific = fetch_specific(missing)
    assembled = serialise_cards([specific[pk] for pk, _ in missing if pk in specific], refs, fields)
    cards: dict[int, CardFields | CardSource] = {card.page.pk: card for card in assembled}
    cards.update(stored)
    return [cards[pk] for pk, _ in rows if pk in cards]


def stored_cards(
    refs: References, page_ids: list[int], fields: set[str] | None
) -> dict[int, CardFields]:
    """Stored cards of pages already known visible, by page id, `fields=` applied. One query."""
    if not store_in_use(refs) or not page_ids:
        return {}
    rows = fresh_rows(refs).filter(page_id__in=page_ids).values_list("page_id", "card")
    return {
        page_id: card_model(json.loads(with_base(card, refs)), fields) for page_id, card in rows
    }


def card_model(data: dict, fields: set[str] | None) -> CardFields:
    """The card schema's object for stored card data, only the asked fields set (as the
    schema's own `fields=` rule does); the schema serves it without re-resolving."""
    if fields is not None:
        keep = fields | {"id", "type"}
        data = {name: value for name, value in data.items() if name in keep}
    schema = CARD_SCHEMAS.get(data["type"], OtherPageCard)
    typed = typed_twin(schema).model_validate(data)
    return schema.model_construct(
        _fields_set=set(typed.model_fields_set),
        **{name: getattr(typed, name) for name in typed.model_fields_set},
    )


CARD_SCHEMAS = {schema.model_fields["type"].annotation.__args__[0]: schema for schema in CARDS}


@cache
def typed_twin(schema: type[CardFields]) -> type[BaseModel]:
    """A model with the card's fields and none of its resolvers: it types stored values
    (dates, images) from their JSON."""
    return create_model(
        f"Stored{schema.__name__}",
        **{name: (info.annotation, info) for name, info in schema.model_fields.items()},
    )
