"""Listing filters and ordering for `/api/pages/`, on one Page queryset.

Type-specific filters (category, number, validity…) go through the child
table's join (`articlepage__…`), which also limits the list to that type.
Many-to-many filters use subqueries so that no page is listed twice.
"""

import datetime
from typing import Literal

from django.db.models import DateField, F
from django.db.models.functions import Cast, Coalesce
from ninja import Field, Schema
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


class PageFilters(Schema):
    type: PageTypeName | None = Field(None, description="Page type, e.g. articles.ArticlePage.")
    locale: LanguageCode | None = Field(None, description=LOCALE_DESCRIPTION)
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
    order: Ordering = Field("-date", description="Sort order; date is the date readers see.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    fields: str | None = Field(
        None,
        max_length=500,
        description="Comma-separated card fields to return (id and type always): "
        + ", ".join(CARD_FIELDS),
    )


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


def apply_filters(pages, params: PageFilters):
    """`pages` is what the public may see; tree filters look their page up among it."""
    visible = pages
    if params.type:
        pages = pages.type(page_model(params.type))
    pages = pages.filter(locale__language_code=parse_locale(params.locale))
    if params.child_of:
        pages = pages.child_of(visible_page(visible, "child_of", params.child_of))
    if params.descendant_of:
        pages = pages.descendant_of(visible_page(visible, "descendant_of", params.descendant_of))
    pages = news_filters(pages, params)
    pages = document_filters(pages, params)
    if params.date_from or params.date_to:
        pages = pages.alias(sort_date=display_date())
        if params.date_from:
            pages = pages.filter(sort_date__gte=params.date_from)
        if params.date_to:
            pages = pages.filter(sort_date__lte=params.date_to)
    return pages


def visible_page(visible, parameter: str, page_id: int) -> Page:
    # Among visible pages only: a draft's or a private page's id answers exactly as a
    # missing one, so the answer never confirms that a hidden page exists.
    page = visible.filter(pk=page_id).first()
    if page is None:
        raise BadParameter(parameter, f"No page with id {page_id}")
    return page


def news_filters(pages, params: PageFilters):
    articles = ArticlePage.objects.all()
    narrowed = False
    if params.category:
        articles = articles.filter(categories__slug=params.category)
        narrowed = True
    if params.tag:
        articles = articles.filter(tags__name__iexact=params.tag)
        narrowed = True
    if narrowed:
        pages = pages.filter(pk__in=articles.values("pk"))
    if params.byline:
        pages = pages.filter(articlepage__byline_id=params.byline)
    if params.announcement is not None:
        pages = pages.filter(articlepage__is_announcement=params.announcement)
    if params.featured is not None:
        pages = pages.filter(articlepage__is_featured=params.featured)
    return pages


def document_filters(pages, params: PageFilters):
    """Register filters, through the same queryset methods as the admin's register."""
    documents = DirectivePage.objects.all()
    narrowed = False
    if params.document_type:
        documents, narrowed = documents.of_document_type(params.document_type), True
    if params.number:
        documents, narrowed = documents.with_number(params.number), True
    if params.issuing_body:
        documents, narrowed = documents.issued_by(params.issuing_body), True
    if params.year:
        documents, narrowed = documents.issued_in_year(params.year), True
    if params.field:
        if not LegalField.objects.filter(slug=params.field).exists():
            raise BadParameter("field", f"No field with slug {params.field!r}")
        documents, narrowed = documents.in_legal_field(params.field), True
    if params.validity:
        documents, narrowed = documents.with_validity(params.validity), True
    return pages.filter(pk__in=documents.values("pk")) if narrowed else pages


def display_date():
    """The date readers see: display date, issue date, else the day of first publication."""
    return Coalesce(
        "articlepage__display_date",
        "gallerypage__display_date",
        "directivepage__issue_date",
        Cast("first_published_at", DateField()),
    )


def apply_ordering(pages, order: Ordering):
    if order in ("-date", "date"):
        pages = pages.alias(sort_date=display_date())
        date = (
            F("sort_date").desc(nulls_last=True)
            if order == "-date"
            else F("sort_date").asc(nulls_last=True)
        )
        tie = "-first_published_at" if order == "-date" else "first_published_at"
        return pages.order_by(date, tie, "-pk" if order == "-date" else "pk")
    if order in ("-published", "published"):
        return pages.order_by(order.replace("published", "first_published_at"), "pk")
    if order in ("title", "-title"):
        return pages.order_by(order, "pk")
    # number: documents in their register's order (year, then number key).
    return pages.order_by("directivepage__number_year", "directivepage__number_key", "pk")
