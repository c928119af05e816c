"""`/api/pages/`: listing, detail, find-by-path and draft preview.

Only pages `public.visibility.visible_pages` allows are ever served; a draft,
private or expired page answers exactly like a page that does not exist. The
preview endpoint is the one exception, and only with a valid token.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from wagtail.models import Locale, Page, Revision

from api.bounds import MAX_ID
from api.pagination import LimitOffset
from api.parameters import LanguageCode, requested_locale
from api.problems import Problem, problem
from articles.api.filters import (
    ListingParams,
    PageFilters,
    apply_ordering,
    selected_fields,
)
from articles.api.loading import LoadedPage, load_detail, load_specific
from articles.api.references import References
from articles.api.schemas import PageDetail, PageList
from articles.preview import PreviewTokenError, read_preview_token
from articles.representations.read import listing_cards, stored_detail, stored_response
from public.sites import current_site, default_locale, locale_for_code

# Each operation_id is the one served before this module was renamed from views.py:
# generated clients name their functions after it.
router = Router(tags=["pages"])


@router.get(
    "/",
    response={200: PageList, 400: Problem},
    exclude_unset=True,
    summary="List pages",
    description=(
        "Live, public pages as listing cards, newest first. Filters combine with AND; "
        "news-only or document-only filters limit the list to that type."
    ),
    operation_id="articles_api_views_list_pages",
)
@paginate(LimitOffset, params=ListingParams, pass_parameter="listing")
def list_pages(request: HttpRequest, filters: Query[PageFilters], **kwargs):
    listing: ListingParams = kwargs["listing"]
    fields = selected_fields(listing.fields)
    refs = References(request, current_site(request))
    matching = filters.filter(refs.visible)
    return CardListing(apply_ordering(matching, listing.order), refs, fields, matching)


class CardListing:
    """Listed pages as cards (`api.pagination.Listing`): only the window is loaded."""

    def __init__(
        self, pages: QuerySet, refs: References, fields: set[str] | None, matching: QuerySet
    ):
        self.pages, self.refs, self.fields = pages, refs, fields
        self.matching = matching

    def count(self) -> int:
        # Counted without the order's join: every page has its sort date row
        # (articles.signal_handlers), so the two agree, and the count reads one table less.
        return self.matching.count()

    def __getitem__(self, window: slice) -> list:
        rows = list(self.pages.values_list("pk", "content_type_id")[window])
        # Stored cards where there are (articles/representations/), the others made now.
        return listing_cards(rows, self.refs, self.fields)


class DetailParams(Schema):
    locale: LanguageCode | None = Field(
        None,
        description="Return this page's version in that language (see API_TRANSLATION_FALLBACK).",
    )


@router.get(
    "/{signed_int:page_id}/",
    response={200: PageDetail, 400: Problem, 404: Problem},
    summary="A page, in full",
    operation_id="articles_api_views_page_detail",
)
def page_detail(
    request: HttpRequest,
    params: Query[DetailParams],
    page_id: int = Path(..., ge=1, le=MAX_ID),
):
    refs = References(request, current_site(request))
    if not params.locale:
        # One read: the stored JSON, if the public may see the page (articles/representations/).
        stored = stored_detail(refs, page_id, check_visible=True)
        if stored is not None:
            return stored_response(stored)
    page = refs.visible.filter(pk=page_id).first()
    if page is None:
        return not_found()
    return in_locale(refs, page, params.locale)


class FindParams(Schema):
    path: str = Field(
        ...,
        max_length=2000,
        description=(
            "A frontend path: /tin-tuc/bai-viet/ (default language) or /en/about/. "
            "A leading language code selects that language's tree."
        ),
    )
    locale: LanguageCode | None = Field(None, description="Overrides a language prefix.")


@router.get(
    "/find/",
    response={200: PageDetail, 400: Problem, 404: Problem},
    summary="The page at a frontend path, for routing",
    operation_id="articles_api_views_find_page",
)
def find_page(request: HttpRequest, params: Query[FindParams]):
    refs = References(request, current_site(request))
    if refs.site is None:
        return not_found()
    locale, path = split_locale(params.path, refs.generation)
    if params.locale:
        locale = requested_locale(params.locale)
        if locale is None:
            return not_found(f"Nothing is published in {params.locale!r} yet.")
    default = default_locale(refs.generation)
    locale = locale or default
    page = page_at_path(refs, locale, path)
    if page is None and locale != default and fallback_to_default():
        page = page_at_path(refs, default, path)
        if page is not None:
            return detail_response(refs, page, is_fallback=True)
    if page is None:
        return not_found()
    return detail_response(refs, page)


def split_locale(path: str, generation=None) -> tuple[Locale | None, str]:
    """The language a first segment names (not the default one), and the rest of the path.
    `generation`: the request's content version; the locales are kept while it holds."""
    segments = [segment for segment in path.split("/") if segment]
    if segments:
        locale = locale_for_code(segments[0], generation)
        if locale is not None and locale != default_locale(generation):
            return locale, "/".join(segments[1:])
    return None, "/".join(segments)


def page_at_path(refs: References, locale: Locale, path: str) -> Page | None:
    root_path = refs.root_paths.get(locale.pk)
    if root_path is None:
        return None
    url_path = root_path + (f"{path}/" if path else "")
    return refs.visible.filter(url_path=url_path, locale=locale).first()


def fallback_to_default() -> bool:
    return settings.API_TRANSLATION_FALLBACK == "default"


def in_locale(refs: References, page: Page, code: str | None):
    if not code:
        return detail_response(refs, page)
    locale = requested_locale(code)
    if locale is None:
        return not_found(f"This page has no published version in {code!r}.")
    if page.locale_id == locale.pk:
        return detail_response(refs, page)
    translated = refs.visible.filter(translation_key=page.translation_key, locale=locale).first()
    if translated is not None:
        return detail_response(refs, translated)
    if not fallback_to_default():
        return not_found(f"This page has no published version in {locale.language_code!r}.")
    default = Locale.get_default()
    original = refs.visible.filter(translation_key=page.translation_key, locale=default).first()
    return detail_response(refs, original or page, is_fallback=True)


def detail_response(
    refs: References, page: Page, *, is_fallback: bool = False
) -> LoadedPage | HttpResponse:
    """The detail of a page the public may see: stored if it is, else assembled now."""
    stored = stored_detail(refs, page.pk, check_visible=False)
    if stored is not None:
        return stored_response(stored, is_fallback=is_fallback)
    loaded = load_detail(load_specific(page), refs)
    loaded.is_fallback = is_fallback
    return loaded


class PreviewParams(Schema):
    id: int = Field(..., ge=1, le=MAX_ID, description="The page id from the preview link.")
    token: str = Field(..., max_length=1000, description="The token from the preview link.")


@router.get(
    "/preview/",
    response={200: PageDetail, 400: Problem, 403: Problem, 404: Problem},
    summary="A draft, for the frontend's preview route",
    description="Needs the token the admin's Preview put in the link; tokens expire.",
    operation_id="articles_api_views_preview_page",
)
def preview_page(request: HttpRequest, response: HttpResponse, params: Query[PreviewParams]):
    try:
        revision_id = read_preview_token(params.token, params.id)
    except PreviewTokenError as error:
        return problem(403, "Forbidden", str(error))
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(params.id)).first()
    if revision is None:
        return not_found()
    draft = revision.as_object()
    loaded = load_detail(draft, References(request, current_site(request)), draft=True)
    response["Cache-Control"] = "private, no-store"  # a draft: no shared cache may keep it
    return loaded


def not_found(detail: str = "No published page here."):
    return problem(404, "Not found", detail)
