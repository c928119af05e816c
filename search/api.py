"""The public search API: `/api/search/` and `/api/search/autocomplete/`.

Only live, public pages are ever searched, in one content language at a time
(`locale`, Vietnamese unless asked): a frontend shows readers the pages of
their language, and the query is analysed by that language's rules. Results
carry highlighted snippets of the original (accented) text, facet counts, and —
when a Vietnamese query was typed without marks or with input-method
accidents — a "did you mean".
"""

import unicodedata
from typing import Literal

from django.db.models import Count
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from api.problems import BadParameter, Problem
from articles.api.filters import page_models
from articles.models import ArticlePage, DirectivePage
from public.sites import current_site
from public.visibility import visible_pages
from search import query_log
from search.analysis import MAX_QUERY_CHARS
from search.autocomplete import complete
from search.documents import field_texts
from search.highlight import highlight
from search.languages import STEM_MARK, VIETNAMESE, TextInLanguage, analyse_query
from search.locales import content_locales, default_language
from search.suggest import PublicVocabulary, did_you_mean, recover_typing

router = Router(tags=["search"])

# Facets are counted over this many best matches: enough for every realistic
# query, and a bound on the cost of a query that matches the whole site.
FACET_WINDOW = 1000
# The pages API's bound on ids (PostgreSQL's int4): past it an id is a 400, never a 500.
MAX_ID = 2**31 - 1
ValidityCode = Literal["in_force", "partly_expired", "expired", "not_yet"]


class SearchParams(Schema):
    q: str = Field("", max_length=MAX_QUERY_CHARS, description="What the user typed.")
    type: str | None = Field(None, description="Page type, e.g. articles.ArticlePage.")
    section: int | None = Field(None, ge=1, le=MAX_ID, description="Only pages below this page id.")
    category: str | None = Field(None, max_length=255, description="Category slug.")
    document_type: str | None = Field(None, max_length=20, description="Type code, e.g. CT.")
    issuing_body: int | None = Field(None, ge=1, le=MAX_ID, description="Issuing body id.")
    year: int | None = Field(None, ge=1900, le=2100, description="Issue or display year.")
    validity: ValidityCode | None = None
    locale: str | None = Field(
        None,
        max_length=10,
        description=(
            "Content language: pages in this locale only, the query analysed by its rules "
            "(vi: Vietnamese syllables and marks; en: English with stemming; km: Khmer word "
            "segmentation). Default: the site's default locale, vi. An unknown code is a 400 "
            "that lists the valid ones."
        ),
    )
    limit: int = Field(10, ge=1, le=50)
    offset: int = Field(0, ge=0, le=10_000)


class SearchHit(Schema):
    id: int
    type: str
    title: str
    title_highlighted: str
    snippet: str
    url: str | None
    date: str | None = None
    number: str | None = None
    promoted: bool = False


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchResponse(Schema):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None
    corrected_query: str | None
    degraded: bool


def public_pages(site, language: str):
    """The one rule of what the public may see, shared with the pages API: the
    request's site, in the language searched."""
    return visible_pages(site).filter(locale__language_code=language)


def filtered_pages(params: SearchParams, site, language: str):
    pages = public_pages(site, language)
    if params.type:
        model = page_models().get(params.type)
        if model is None:
            valid = ", ".join(sorted(page_models()))
            raise BadParameter("type", f"Unknown page type; valid values: {valid}")
        pages = pages.type(model)
    if params.section:
        # Among visible pages only: a hidden page's id answers exactly as a missing one.
        section = visible_pages(site).filter(pk=params.section).first()
        if section is None:
            raise BadParameter("section", "No page with this id")
        pages = pages.descendant_of(section)
    if params.category:
        pages = pages.filter(
            pk__in=ArticlePage.objects.filter(categories__slug=params.category).values("pk")
        )
    directives = directive_filter(params)
    if directives is not None:
        pages = pages.filter(pk__in=directives.values("pk"))
    if params.year and not params.document_type:
        pages = pages.filter(
            pk__in=DirectivePage.objects.filter(issue_date__year=params.year).values("pk")
        ) | pages.filter(
            pk__in=ArticlePage.objects.filter(display_date__year=params.year).values("pk")
        )
    return pages


def search_language(locale: str | None) -> str:
    """The language code searched: the one asked for, or the default locale's."""
    codes = content_locales()
    if locale is None:
        return default_language()
    if locale not in codes:
        raise BadParameter("locale", f"Unknown locale; valid values: {', '.join(codes)}")
    return locale


def directive_filter(params: SearchParams):
    if not (params.document_type or params.issuing_body or params.validity):
        return None
    directives = DirectivePage.objects.all()
    if params.document_type:
        directives = directives.filter(document_type__code__iexact=params.document_type)
    if params.issuing_body:
        directives = directives.filter(issuing_body_id=params.issuing_body)
    if params.validity:
        directives = directives.with_validity(params.validity)
    if params.year:
        directives = directives.filter(issue_date__year=params.year)
    return directives


def hit_for(page: Page, folded: set[str], stems: set[str]) -> SearchHit:
    body = " ".join(
        text
        for column, text in field_texts(page, page.get_search_fields())
        if text and column in ("summary", "body")
    )
    date = getattr(page, "display_date", None) or getattr(page, "issue_date", None)
    return SearchHit(
        id=page.pk,
        type=f"{page._meta.app_label}.{type(page).__name__}",
        title=page.title,
        title_highlighted=highlight(page.title, folded, width=len(page.title) + 1, stems=stems),
        snippet=highlight(body, folded, stems=stems),
        url=page.get_url(),
        date=date.isoformat() if date else None,
        number=getattr(page, "number", None) or None,
    )


def facets_for(ranked_ids: list[int]) -> dict[str, list[FacetValue]]:
    by_type = (
        Page.objects.filter(pk__in=ranked_ids)
        .values("content_type__app_label", "content_type__model")
        .annotate(count=Count("pk"))
    )
    names = {key.lower(): key for key in page_models()}
    types = [
        FacetValue(
            value=names.get(f"{row['content_type__app_label']}.{row['content_type__model']}", ""),
            label=names.get(f"{row['content_type__app_label']}.{row['content_type__model']}", ""),
            count=row["count"],
        )
        for row in by_type
    ]
    directives = DirectivePage.objects.filter(pk__in=ranked_ids)
    document_types = [
        FacetValue(
            value=row["document_type__code"], label=row["document_type__name"], count=row["n"]
        )
        for row in directives.exclude(document_type=None)
        .values("document_type__code", "document_type__name")
        .annotate(n=Count("pk"))
    ]
    years = [
        FacetValue(
            value=str(row["issue_date__year"]), label=str(row["issue_date__year"]), count=row["n"]
        )
        for row in directives.exclude(issue_date=None)
        .values("issue_date__year")
        .annotate(n=Count("pk"))
        .order_by("-issue_date__year")
    ]
    return {
        "type": sorted(types, key=lambda f: -f.count),
        "document_type": sorted(document_types, key=lambda f: -f.count),
        "year": years,
    }


@router.get("/", response={200: SearchResponse, 400: Problem}, summary="Search live pages")
def search_pages(request: HttpRequest, params: Query[SearchParams]):
    # NFC first: keyboards that send decomposed marks must not split words.
    query = unicodedata.normalize("NFC", params.q.replace("\x00", " ")).strip()
    site = current_site(request)
    language = search_language(params.locale)
    pages = filtered_pages(params, site, language)
    vietnamese = language == VIETNAMESE
    backend = get_search_backend()
    vocabulary = PublicVocabulary(backend.engine, public_pages(site, language))
    # Words the site has never used are typing accidents more often than not (Telex and
    # VNI are Vietnamese keyboards: other languages' queries are taken as typed).
    corrected = recover_typing(query, vocabulary) if query and vietnamese else None
    results = pages.search(TextInLanguage(corrected or query, language))
    total = results.count()
    promoted = query_log.promoted_pages(query) if params.offset == 0 else []
    allowed = set(pages.filter(pk__in=[page.pk for page in promoted]).values_list("pk", flat=True))
    promoted = [page for page in promoted if page.pk in allowed][: params.limit]
    promoted_ids = {page.pk for page in promoted}
    window = (
        promoted
        + [
            page
            for page in results[params.offset : params.offset + params.limit]
            if page.pk not in promoted_ids
        ][: params.limit - len(promoted)]
    )
    specific = {
        page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in window]).specific()
    }
    analysed = analyse_query(corrected or query, language)
    stems = {term for term in analysed.extra if term.startswith(STEM_MARK)}
    items = [
        hit_for(specific[page.pk], set(analysed.folded), stems)
        for page in window
        if page.pk in specific
    ]
    for item in items:
        item.promoted = item.id in promoted_ids
    query_log.record(query, total)
    ranked_ids = [page.pk for page in results[:FACET_WINDOW]] if total else []
    return SearchResponse(
        query=query,
        total=total,
        limit=params.limit,
        offset=params.offset,
        items=items,
        facets=facets_for(ranked_ids),
        suggestion=did_you_mean(corrected or query, vocabulary) if vietnamese else None,
        corrected_query=corrected,
        degraded=bool(getattr(results, "degraded", False)),
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
)
def autocomplete(request: HttpRequest, params: Query[AutocompleteParams]):
    typed = params.q.replace("\x00", " ")
    pages = public_pages(current_site(request), search_language(params.locale))
    return AutocompleteResponse(query=typed, suggestions=complete(typed, pages, params.limit))
