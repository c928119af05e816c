"""The public search API: `/api/search/` and `/api/search/autocomplete/`.

Only live, public pages are ever searched, in one content language at a time
(`locale`, Vietnamese unless asked): a frontend shows readers the pages of
their language, and the query is analysed by that language's rules. Results
carry highlighted snippets of the original (accented) text, facet counts, and —
when a Vietnamese query was typed without marks or with input-method
accidents — a "did you mean".

This is the content side of search: which pages may be found and how they are
filtered (page type, section, category, the document register's filters), hit
cards and facets. The ranking is search's (search.service), which knows no page
model.
"""

import datetime
from typing import Annotated, Literal

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import translation
from ninja import Field, FilterSchema, Query, Router, Schema
from pydantic import PrivateAttr
from wagtail.models import Page

from api.bounds import MAX_ID
from api.parameters import LanguageCode, page_model, page_types, parse_locale
from api.problems import BadParameter, Problem
from articles.api.filters import PageTypeName, documents, news
from articles.models import DirectivePage
from articles.models.validity import ValidityCode
from public.paths import FrontendPaths
from public.sites import current_site
from public.visibility import visible_pages
from search import service
from search.analysis import MAX_QUERY_CHARS
from search.autocomplete import complete
from search.documents import field_texts
from search.highlight import highlight

router = Router(tags=["search"])

# Facets are counted over this many best matches: enough for every realistic
# query, and a bound on the cost of a query that matches the whole site.
FACET_WINDOW = 1000

FacetName = Literal["type", "document_type", "issuing_body", "year"]


# What to search for, and the filters: each a Q over the visible pages, built on the same
# queryset methods as /api/pages/'s PageFilters (articles.api.filters: the register's
# `DirectivePageQuerySet` methods, the news subquery, the type's Q), so the two agree.
# (No docstring: it would become the schema's description in the OpenAPI document.)
class SearchParams(FilterSchema):
    q: str = Field("", max_length=MAX_QUERY_CHARS, description="What the user typed.")
    type: PageTypeName | None = Field(None, description="Page type, e.g. articles.ArticlePage.")
    section: int | None = Field(None, ge=1, le=MAX_ID, description="Only pages below this page id.")
    category: str | None = Field(None, max_length=255, description="Category slug.")
    document_type: str | None = Field(None, max_length=20, description="Type code, e.g. CT.")
    issuing_body: int | None = Field(None, ge=1, le=MAX_ID, description="Issuing body id.")
    year: int | None = Field(None, ge=1900, le=2100, description="Issue or display year.")
    validity: ValidityCode | None = None
    locale: LanguageCode | None = Field(
        None,
        description=(
            "Content language: pages in this locale only, the query analysed by its rules "
            "(vi: Vietnamese syllables and marks; en: English with stemming; km: Khmer word "
            "segmentation). Default: the site's default locale, vi. An unknown code is a 400 "
            "that lists the valid ones."
        ),
    )
    limit: int = Field(10, ge=1, le=50)
    offset: int = Field(0, ge=0, le=10_000)
    facets: list[FacetName] = Field(
        [],
        max_length=4,
        description=(
            "The facets to count, e.g. facets=type&facets=year; none unless asked (each "
            "costs a query). The others answer as empty lists."
        ),
    )

    _site_pages: QuerySet | None = PrivateAttr(None)

    def filter(self, queryset, site_pages=None):
        """`queryset` is what may be found (the visible pages in the language searched);
        `site_pages`, every visible page of the site, where `section` is looked up."""
        self._site_pages = queryset if site_pages is None else site_pages
        return super().filter(queryset)

    # What to search for and how much of it: not filters.
    def filter_q(self, value) -> Q:
        return Q()

    filter_locale = filter_limit = filter_offset = filter_facets = filter_q

    def filter_type(self, value) -> Q:
        return Page.objects.all().type_q(page_model(value)) if value else Q()

    def filter_section(self, value) -> Q:
        if not value:
            return Q()
        # Among visible pages only: a hidden page's id answers exactly as a missing one.
        section = self._site_pages.filter(pk=value).first()
        if section is None:
            raise BadParameter("section", "No page with this id")
        return self._site_pages.descendant_of_q(section)

    def filter_category(self, value) -> Q:
        return news(categories__slug=value) if value else Q()

    def filter_document_type(self, value) -> Q:
        return documents(lambda d: d.of_document_type(value)) if value else Q()

    def filter_issuing_body(self, value) -> Q:
        return documents(lambda d: d.issued_by(value)) if value else Q()

    def filter_validity(self, value) -> Q:
        return documents(lambda d: d.with_validity(value)) if value else Q()

    def filter_year(self, value) -> Q:
        """A document's year of issue, or a news article's display year: with a document
        filter beside it, only documents remain (the filters combine with AND)."""
        if not value:
            return Q()
        return documents(lambda d: d.issued_in_year(value)) | news(display_date__year=value)


class HitFields(Schema):
    """What every hit carries; the page type adds its own fields below."""

    id: int
    title: str
    title_highlighted: str = Field(description="The title as HTML, matched words in <mark>.")
    snippet: str = Field(description="A passage of the page as HTML, matched words in <mark>.")
    url: str | None = Field(description="The page's frontend path.")
    promoted: bool = False


class ArticleHit(HitFields):
    type: Literal["articles.ArticlePage"]
    date: datetime.date | None = Field(None, description="The date shown on the article.")


class DirectiveHit(HitFields):
    type: Literal["articles.DirectivePage"]
    date: datetime.date | None = Field(None, description="Ngày ban hành (issue date).")
    number: str | None = Field(None, description="Số ký hiệu (document number).")


class GalleryHit(HitFields):
    type: Literal["articles.GalleryPage"]
    date: datetime.date | None = Field(None, description="The date shown on the gallery.")


DATED_HITS = (ArticleHit, DirectiveHit, GalleryHit)
HIT_TYPES = {hit.model_fields["type"].annotation.__args__[0] for hit in DATED_HITS}


class OtherPageHit(HitFields):
    type: Literal[tuple(sorted(set(page_types()) - HIT_TYPES))]


# One hit per page type, told apart by `type`, as the listing's cards are.
SearchHit = Annotated[
    ArticleHit | DirectiveHit | GalleryHit | OtherPageHit, Field(discriminator="type")
]
HIT_BY_TYPE = {hit.model_fields["type"].annotation.__args__[0]: hit for hit in DATED_HITS}


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchFacets(Schema):
    """Counts over the best matches, one list per facet asked for (`facets`), each value
    once; a facet not asked for is an empty list."""

    type: list[FacetValue]
    document_type: list[FacetValue]
    issuing_body: list[FacetValue]
    year: list[FacetValue]


class SearchResponse(Schema):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]
    facets: SearchFacets
    suggestion: str | None
    corrected_query: str | None
    degraded: bool


def public_pages(site, language: str):
    """The one rule of what the public may see, shared with the pages API: the
    request's site, in the language searched."""
    return visible_pages(site).filter(locale__language_code=language)


def hit_for(page: Page, analysis: service.QueryAnalysis, paths: FrontendPaths) -> SearchHit:
    body = " ".join(
        text
        for column, text in field_texts(page, page.get_search_fields())
        if text and column in ("summary", "body")
    )
    folded, stems = analysis.folded, analysis.stems
    page_type = f"{page._meta.app_label}.{type(page).__name__}"
    fields = {
        "id": page.pk,
        "type": page_type,
        "title": page.title,
        "title_highlighted": highlight(page.title, folded, width=len(page.title) + 1, stems=stems),
        "snippet": highlight(body, folded, stems=stems),
        "url": paths.path(page),
    }
    if isinstance(page, DirectivePage):
        return DirectiveHit(**fields, date=page.issue_date, number=page.number or None)
    if page_type in HIT_BY_TYPE:
        return HIT_BY_TYPE[page_type](**fields, date=page.display_date)
    return OtherPageHit(**fields)


def facets_for(ranked_ids: list[int], language: str, names: list[str]) -> SearchFacets:
    """Counts per value over the best matches, labelled in the language searched, for
    the facets `names`.

    Each value is listed once with its count (the queries group by the value only:
    `order_by()` drops the page tree's ordering, which would otherwise split the
    groups page by page).
    """
    counters = {
        "type": type_facet,
        "document_type": lambda ids: document_type_facet(ids, language),
        "issuing_body": issuing_body_facet,
        "year": year_facet,
    }
    with translation.override(language):
        return SearchFacets(
            **{
                name: counter(ranked_ids) if name in names and ranked_ids else []
                for name, counter in counters.items()
            }
        )


def by_count(values: list[FacetValue]) -> list[FacetValue]:
    return sorted(values, key=lambda facet: (-facet.count, facet.label))


def type_facet(ranked_ids: list[int]) -> list[FacetValue]:
    """Page types, labelled with the model's verbose name in the active language."""
    models = {model._meta.label_lower: (name, model) for name, model in page_types().items()}
    rows = (
        Page.objects.filter(pk__in=ranked_ids)
        .order_by()
        .values("content_type__app_label", "content_type__model")
        .annotate(count=Count("pk"))
    )
    values = []
    for row in rows:
        label_lower = f"{row['content_type__app_label']}.{row['content_type__model']}"
        if label_lower not in models:
            continue
        name, model = models[label_lower]
        label = str(model._meta.verbose_name)
        values.append(
            FacetValue(value=name, label=label[:1].upper() + label[1:], count=row["count"])
        )
    return by_count(values)


def document_type_facet(ranked_ids: list[int], language: str) -> list[FacetValue]:
    """Document types by code, labelled with the type's name in the language searched."""
    directives = DirectivePage.objects.filter(pk__in=ranked_ids).exclude(document_type=None)
    rows = directives.order_by().values("document_type__code").annotate(count=Count("pk"))
    counts = {row["document_type__code"]: row["count"] for row in rows}
    names = {}
    # The name of the type in the language searched wins over another locale's.
    for code, name, code_language in (
        directives.order_by()
        .values_list(
            "document_type__code", "document_type__name", "document_type__locale__language_code"
        )
        .distinct()
    ):
        if code not in names or code_language == language:
            names[code] = name
    return by_count(
        [FacetValue(value=code, label=names[code], count=count) for code, count in counts.items()]
    )


def issuing_body_facet(ranked_ids: list[int]) -> list[FacetValue]:
    rows = (
        DirectivePage.objects.filter(pk__in=ranked_ids)
        .exclude(issuing_body=None)
        .order_by()
        .values("issuing_body", "issuing_body__name")
        .annotate(count=Count("pk"))
    )
    return by_count(
        [
            FacetValue(
                value=str(row["issuing_body"]), label=row["issuing_body__name"], count=row["count"]
            )
            for row in rows
        ]
    )


def year_facet(ranked_ids: list[int]) -> list[FacetValue]:
    """Issue years of the documents, newest first."""
    rows = (
        DirectivePage.objects.filter(pk__in=ranked_ids)
        .exclude(issue_date=None)
        .order_by()
        .values("issue_date__year")
        .annotate(count=Count("pk"))
        .order_by("-issue_date__year")
    )
    return [
        FacetValue(
            value=str(row["issue_date__year"]),
            label=str(row["issue_date__year"]),
            count=row["count"],
        )
        for row in rows
    ]


@router.get(
    "/",
    response={200: SearchResponse, 400: Problem},
    summary="Search live pages",
    operation_id="search_api_search_pages",
)
def search_pages(request: HttpRequest, params: Query[SearchParams]):
    site = current_site(request)
    language = parse_locale(params.locale)
    visible = public_pages(site, language)
    results = service.search(
        params.filter(visible, site_pages=visible_pages(site)),
        visible=visible,
        typed=params.q,
        language=language,
        offset=params.offset,
        limit=params.limit,
    )
    specific = Page.objects.filter(pk__in=results.ids).specific().in_bulk()
    paths = FrontendPaths(site)
    items = [hit_for(specific[pk], results.analysis, paths) for pk in results.ids if pk in specific]
    for item in items:
        item.promoted = item.id in results.promoted
    # The facets' window is a slice of the request's one ranking, not a new query.
    window = (
        [pk for pk, _ in results.ranked.slice(limit=FACET_WINDOW)]
        if results.total and params.facets
        else []
    )
    return SearchResponse(
        query=results.query,
        total=results.total,
        limit=params.limit,
        offset=params.offset,
        items=items,
        facets=facets_for(window, language, params.facets),
        suggestion=results.suggestion,
        corrected_query=results.corrected_query,
        degraded=results.degraded,
    )


class AutocompleteParams(Schema):
    q: str = Field(..., min_length=1, max_length=100, description="What has been typed so far.")
    limit: int = Field(8, ge=1, le=20)
    locale: str | None = Field(
        None,
        max_length=10,
        description="Content language of the suggested titles; default: the default locale, vi.",
    )


class AutocompleteResponse(Schema):
    query: str
    suggestions: list[str] = Field(description="Completed phrases, then titles and numbers.")


@router.get(
    "/autocomplete/",
    response={200: AutocompleteResponse, 400: Problem},
    summary="Complete what is being typed",
    operation_id="search_api_autocomplete",
)
def autocomplete(request: HttpRequest, params: Query[AutocompleteParams]):
    typed = params.q  # NUL is already a space (api.errors.ApiInputMiddleware)
    pages = public_pages(current_site(request), parse_locale(params.locale))
    numbers = DirectivePage.objects.values_list("pk", "number")
    return AutocompleteResponse(
        query=typed, suggestions=complete(typed, pages, params.limit, numbers=numbers)
    )
