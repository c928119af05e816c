"""The bounds of the integers the API takes, so that none reaches the database unchecked.

An integer past a column's range is an OverflowError on SQLite (a 500) and, on
PostgreSQL, an error or a silently empty answer depending on the lookup. So every
integer parameter is checked against a bound first and answered with a 400 naming it.

Ids have one bound for both databases: PostgreSQL's `integer` (int4), the column of
Wagtail's AutoField primary keys, which SQLite's 64-bit integers include. The typed
API's schema then says the same thing whatever the database.
"""

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.urls import register_converter

MAX_ID = 2**31 - 1
ID_BOUNDS = f"a whole number from 1 to {MAX_ID}"


class SignedIntConverter:
    """A path segment of digits with an optional minus sign.

    Django's `int` converter leaves `-1` unrouted (a 404 that says nothing); this one
    hands it to the view, whose bound answers with a 400 naming the parameter.
    """

    regex = "-?[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(SignedIntConverter, "signed_int")


def integer_bounds(field: models.Field) -> tuple[int, int]:
    """The values a filter on `field` may take: an id from 1, a count from 0, within the
    column's range on PostgreSQL (Django's table of ranges; SQLite's is wider)."""
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    low, high = BaseDatabaseOperations.integer_field_ranges.get(
        field.get_internal_type(), (-(2**63), 2**63 - 1)
    )
    is_id = field.primary_key or isinstance(field, models.AutoField)
    return max(low, 1 if is_id else 0), min(high, MAX_ID) if is_id else high


def is_id(value: int) -> bool:
    return 1 <= value <= MAX_ID
