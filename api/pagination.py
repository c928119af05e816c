"""Limit/offset pagination for every list endpoint, through ninja's `@paginate`.

One class answers the envelope `{count, limit, offset, items}` for pages, images and
documents. Each endpoint keeps its own parameter schema (its `limit` and `offset` with
their bounds, in the order its clients know) and its own named response schema
(`PageList`, `ImageList`…): ninja's default would rename both (`PagedImage`) and
move the parameters, which generated clients would feel.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from django.http import HttpRequest
from ninja import Schema
from ninja.pagination import PaginationBase


class Listing(Protocol):
    """What a view hands the paginator: a QuerySet, or anything counted and sliced alike.

    Only the requested window is ever read: `count()` and one slice.
    """

    def count(self) -> int: ...

    def __getitem__(self, window: slice) -> Sequence[Any]: ...


class LimitOffset(PaginationBase):
    """`@paginate(LimitOffset, params=<the endpoint's Schema>, pass_parameter=<its name>)`.

    `params` holds `limit` and `offset` (and any other listing parameter the view reads
    through `pass_parameter`).
    """

    # The endpoint declares its response schema itself (a named `…List`).
    Output = None

    def __init__(self, *, params: type[Schema], **kwargs: Any) -> None:
        missing = {"limit", "offset"} - set(params.model_fields)
        if missing:
            raise TypeError(f"{params.__name__} lacks {', '.join(sorted(missing))}")
        self.Input = params
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: Listing, pagination: Schema, request: HttpRequest, **params: Any
    ) -> dict:
        limit, offset = pagination.limit, pagination.offset
        return {
            "count": queryset.count(),
            "limit": limit,
            "offset": offset,
            "items": list(queryset[offset : offset + limit]),
        }
