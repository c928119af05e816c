"""Listing filters and ordering for `/api/pages/`, on one Page queryset.

Type-specific filters (category, number, validity…) limit the list to that type:
news filters through the child table's join (`articlepage__…`) or a subquery,
document filters through the register's queryset methods.
"""

import datetime
from typing import Annotated, Literal

from django.db.models import DateField, F, Q, QuerySet
from django.db.models.functions import Cast, Coalesce
from ninja import Field, FilterLookup, FilterSchema, Schema
from pydantic import PrivateAttr
from wagtail.models import Page

from api.bounds import MAX_ID
from api.parameters import (
    LOCALE_DESCRIPTION,
    LanguageCode,
    page_model,
    page_types,
    parse_locale,
)
from api.problems import BadParameter
from articles.models import ArticlePage, DirectivePage, LegalField
from articles.models.validity import ValidityCode

# Enums in OpenAPI, so a typed client offers only valid values (the 400 for others
# stays api.parameters').
PageTypeName = Literal[tuple(sorted(page_types()))]
Ordering = Literal["-date", "date", "-published", "published", "title", "-title", "number"]
CARD_FIELDS = (
    "title",
    "url",
    "locale",
    "date",
    "lead",
    "thumbnail",
    "number",
    "document_type",
    "issuing_body",
    "validity",
    "is_announcement",
    "is_featured",
)
MAX_LIMIT = 100
MAX_OFFSET = 100_000


# Each filter is a Q expression (ninja FilterSchema). Document filters are the register's
# queryset methods (`DirectivePageQuerySet`), as in the admin and in search, so the three
# agree. Tree filters look their page up among the visible pages `filter()` is given.
class PageFilters(FilterSchema):
    """Filters combine with AND; news-only or document-only ones limit the list to that type."""

    type: PageTypeName | None = Field(None, description="Page type, e.g. articles.ArticlePage.")
    # Never ignored: without it, the default language (api.parameters.parse_locale).
    locale: Annotated[LanguageCode | None, FilterLookup("locale", ignore_none=False)] = Field(
        None, description=LOCALE_DESCRIPTION
    )
    child_of: int | None = Field(
        None, ge=1, le=MAX_ID, description="Direct children of this page id."
    )
    descendant_of: int | None = Field(
        None, ge=1, le=MAX_ID, description="Anywhere below this page id."
    )
    category: str | None = Field(None, max_length=255, description="News: category slug.")
    tag: str | None = Field(None, max_length=100, description="News: tag name.")
    byline: int | None = Field(None, ge=1, le=MAX_ID, description="News: byline id.")
    date_from: datetime.date | None = Field(None, description="On or after this date (YYYY-MM-DD).")
    date_to: datetime.date | None = Field(None, description="On or before this date (YYYY-MM-DD).")
    announcement: bool | None = Field(None, description="News: announcements only (or none).")
    featured: bool | None = Field(None, description="News: featured only (or none).")
    document_type: str | None = Field(
        None, max_length=20, description="Documents: type code, e.g. CT."
    )
    number: str | None = Field(
        None, max_length=100, description="Documents: số ký hiệu in any spelling, e.g. 05-ct/tu."
    )
    issuing_body: int | None = Field(
        None, ge=1, le=MAX_ID, description="Documents: issuing body id."
    )
    year: int | None = Field(None, ge=1900, le=2100, description="Documents: year of issue.")
    field: str | None = Field(
        None, max_length=255, description="Documents: field slug (its sub-fields included)."
    )
    validity: ValidityCode | None = Field(None, description="Documents: validity status.")

    _visible: QuerySet | None = PrivateAttr(None)

    def filter(self, queryset):
        """`queryset` is what the public may see."""
        self._visible = queryset
        return super().filter(queryset)

    # Each method answers Q() for an absent value: ninja asks for every field's expression.

    def filter_type(self, value) -> Q:
        return Page.objects.all().type_q(page_model(value)) if value else Q()

    def filter_locale(self, value) -> Q:
        return Q(locale__language_code=parse_locale(value))

    def filter_child_of(self, value) -> Q:
        return self._visible.child_of_q(self.visible_page("child_of", value)) if value else Q()

    def filter_descendant_of(self, value) -> Q:
        if not value:
            return Q()
        return self._visible.descendant_of_q(self.visible_page("descendant_of", value))

    def visible_page(self, parameter: str, page_id: int) -> Page:
        # Among visible pages only: a draft's or a private page's id answers exactly as a
        # missing one, so the answer never confirms that a hidden page exists.
        page = self._visible.filter(pk=page_id).first()
        if page is None:
            raise BadParameter(parameter, f"No page with id {page_id}")
        return page

    def filter_category(self, value) -> Q:
        return news(categories__slug=value) if value else Q()

    def filter_tag(self, value) -> Q:
        return news(tags__name__iexact=value) if value else Q()

    def filter_byline(self, value) -> Q:
        return Q(articlepage__byline_id=value) if value else Q()

    def filter_announcement(self, value) -> Q:
        return Q() if value is None else Q(articlepage__is_announcement=value)

    def filter_featured(self, value) -> Q:
        return Q() if value is None else Q(articlepage__is_featured=value)

    def filter_date_from(self, value) -> Q:
        return Q(listing_date__sort_date__gte=value) if value else Q()

    def filter_date_to(self, value) -> Q:
        return Q(listing_date__sort_date__lte=value) if value else Q()

    def filter_document_type(self, value) -> Q:
        return documents(lambda d: d.of_document_type(value)) if value else Q()

    def filter_number(self, value) -> Q:
        return documents(lambda d: d.with_number(value)) if value else Q()

    def filter_issuing_body(self, value) -> Q:
        return documents(lambda d: d.issued_by(value)) if value else Q()

    def filter_year(self, value) -> Q:
        return documents(lambda d: d.issued_in_year(value)) if value else Q()

    def filter_field(self, value) -> Q:
        if not value:
            return Q()
        if not LegalField.objects.filter(slug=value).exists():
            raise BadParameter("field", f"No field with slug {value!r}")
        return documents(lambda d: d.in_legal_field(value))

    def filter_validity(self, value) -> Q:
        return documents(lambda d: d.with_validity(value)) if value else Q()


class ListingParams(Schema):
    order: Ordering = Field("-date", description="Sort order; date is the date readers see.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    fields: str | None = Field(
        None,
        max_length=500,
        description="Comma-separated card fields to return (id and type always): "
        + ", ".join(CARD_FIELDS),
    )


def news(**lookups) -> Q:
    # A subquery, so that a many-to-many match lists no page twice.
    return Q(pk__in=ArticlePage.objects.filter(**lookups).values("pk"))


def documents(narrow) -> Q:
    """Pages among the documents a register method (`DirectivePageQuerySet`) selects."""
    return Q(pk__in=narrow(DirectivePage.objects.all()).values("pk"))


def selected_fields(value: str | None) -> set[str] | None:
    if not value:
        return None
    names = {name.strip() for name in value.split(",") if name.strip()}
    unknown = sorted(names - set(CARD_FIELDS))
    if unknown:
        raise BadParameter(
            "fields", f"Unknown field {', '.join(unknown)}; valid values: {', '.join(CARD_FIELDS)}"
        )
    return names


def display_date():
    """The date readers see, computed (the listing reads it stored: `PageSortDate`)."""
    return Coalesce(
        "articlepage__display_date",
        "gallerypage__display_date",
        "directivepage__issue_date",
        Cast("first_published_at", DateField()),
    )


def apply_ordering(pages, order: Ordering):
    if order in ("-date", "date"):
        # The stored sort date (articles.models.listing), in the order of its index; the
        # inner join (every page has its row) lets the database walk that index.
        pages = pages.filter(listing_date__isnull=False)
        if order == "-date":
            date = F("listing_date__sort_date").desc(nulls_last=True)
            return pages.order_by(date, "-listing_date__first_published_at", "-listing_date__page")
        date = F("listing_date__sort_date").asc(nulls_last=True)
        return pages.order_by(date, "listing_date__first_published_at", "listing_date__page")
    if order in ("-published", "published"):
        return pages.order_by(order.replace("published", "first_published_at"), "pk")
    if order in ("title", "-title"):
        return pages.order_by(order, "pk")
    # number: documents in their register's order (year, then number key).
    return pages.order_by("directivepage__number_year", "directivepage__number_key", "pk")
