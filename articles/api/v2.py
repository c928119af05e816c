"""Wagtail's stable API v2 (`/api/v2/`), with our error shape and our idea of "public".

Frontends written for stock Wagtail keep working: the same endpoints, parameters and
JSON. What differs:

- Errors are RFC 9457 problem+json like the rest of the API, and a 400 names the
  parameter (`errors[].parameter`) and, where there is a list, the valid values.
- Bad values never reach the database as a 500: a date filter that is not a date, an
  integer outside its bounds (`api.bounds`: ids from 1 to PostgreSQL's int4, counts
  from 0) in a filter or a path, an unknown locale are 400s; an offset past the end
  (but within OFFSET_MAX) is clamped to the end.
- "Public" is the same rule as everywhere else (`public.visibility`): live, public,
  unexpired pages with live ancestors; images and documents outside privacy-restricted
  collections. Stock v2 lets a logged-in editor's session see restricted pages; this
  API answers every caller alike, so its responses can be cached publicly.
- It is a compatibility subset: page metadata and model fields, no StreamField bodies
  (`fields=body` is a 400). Full pages, with bodies whose links are resolved, are at
  `/api/pages/`; the index at `/api/v2/` says so.
"""

import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from rest_framework.exceptions import APIException
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api.absolute_urls import rebase_v2_urls
from api.bounds import ID_BOUNDS, integer_bounds, is_id
from api.parameters import page_model, parse_locale
from api.problems import BadParameter, bad_parameter, problem
from public.visibility import hidden_collection_ids, visible_pages

# Wagtail's own messages, and the parameter each one is about.
WAGTAIL_MESSAGE_PARAMETERS = [
    (re.compile(r"^offset\b"), "offset"),
    (re.compile(r"^limit\b"), "limit"),
    (re.compile(r"^type\b"), "type"),
    (re.compile(r"^(fields error|unknown fields|'\w+' does not support nested)"), "fields"),
    (re.compile(r"(cannot order|random ordering)"), "order"),
    (re.compile(r"(search|filtering by tag)"), "search"),
    (re.compile(r"^child_of\b|^parent page"), "child_of"),
    (re.compile(r"^descendant_of\b|^ancestor page|^descendant_of page"), "descendant_of"),
    (re.compile(r"^ancestor_of\b"), "ancestor_of"),
    (re.compile(r"^translation_of\b"), "translation_of"),
    (re.compile(r"rich_text_format"), "rich_text_format"),
    (re.compile(r"for (\w+)(?: \(|$)"), None),  # field filter errors end with the field's name
]
# An offset beyond the rows is clamped to their end; past this bound it is a 400.
OFFSET_MAX = 10**9
# Wagtail's filters that take a page id (child_of and descendant_of also take "root").
PAGE_ID_FILTERS = ("child_of", "descendant_of", "ancestor_of", "translation_of")


class ParameterError(BadRequestError):
    """A bad parameter we recognised ourselves, with its name."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


def parameter_of(error: BadRequestError) -> str | None:
    if isinstance(error, ParameterError):
        return error.parameter
    message = str(error)
    if message.startswith("query parameter is not an operation"):
        return message.rsplit(": ", 1)[-1].split(", ")[0]
    for pattern, parameter in WAGTAIL_MESSAGE_PARAMETERS:
        match = pattern.search(message)
        if match:
            return parameter or match.group(1)
    return None


def bad_request(error: BadRequestError) -> JsonResponse:
    parameter = parameter_of(error) or ""
    message = str(error)
    if parameter:
        message = message.removeprefix(f"{parameter}: ")
    return bad_parameter(parameter, message)


def parse_count(request, name: str, default: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ParameterError(name, "must be a whole number of 0 or more") from None
    if value < 0:
        raise ParameterError(name, "must be a whole number of 0 or more")
    return value


class ClampedPagination(WagtailPagination):
    """Wagtail's limit/offset, but an offset past the end gives an empty page, not a 500."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        limit = parse_count(request, "limit", min(20, limit_max))
        if limit > limit_max:
            raise ParameterError("limit", f"must be at most {limit_max}")
        offset = parse_count(request, "offset", 0)
        if offset > OFFSET_MAX:
            raise ParameterError("offset", f"must be at most {OFFSET_MAX}")
        self.view = view
        self.total_count = queryset.count()
        offset = min(offset, self.total_count)
        return queryset[offset : offset + limit]


class ProblemErrorsMixin:
    """Every error as problem+json; every filter value checked before it reaches SQL."""

    pagination_class = ClampedPagination

    @classmethod
    def get_urlpatterns(cls):
        """Wagtail's, with a signed id in the path: `/-1/` reaches the bound check."""
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<signed_int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
        ]

    def detail_view(self, request, pk):
        if not is_id(pk):
            raise ParameterError("id", f"must be {ID_BOUNDS}")
        return super().detail_view(request, pk)

    def finalize_response(self, request, response, *args, **kwargs):
        """URLs on the request's host and port (`api.absolute_urls`), not the Site row's."""
        if response.status_code == 200 and isinstance(getattr(response, "data", None), dict):
            response.data = rebase_v2_urls(response.data, request._request)
        return super().finalize_response(request, response, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return problem(404, "Not found", "No public object has this id or path.")
        if isinstance(exc, BadRequestError):
            return bad_request(exc)
        if isinstance(exc, APIException):  # 405 Method not allowed, 406 Not acceptable
            response = super().handle_exception(exc)
            reply = problem(exc.status_code, str(exc.default_detail), str(exc.detail))
            for header in ("Allow", "Retry-After"):
                if response.has_header(header):
                    reply[header] = response[header]
            return reply
        return super().handle_exception(exc)

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        self.check_field_filters(queryset.model)

    def check_field_filters(self, model) -> None:
        """Convert each field filter (`?display_date=…`) now, so a bad one is a named 400."""
        fields = set(self.get_available_fields(model, db_fields_only=True))
        for name, value in self.request.GET.items():
            if name not in fields or name == "locale":
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            check_field_value(field, name, value)


def check_field_value(field, name: str, value: str) -> None:
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if not isinstance(field, models.Field) or isinstance(field, models.BooleanField):
        return  # tags, booleans: Wagtail converts and reports them itself
    try:
        python_value = field.to_python(value)
        if isinstance(field, models.IntegerField | models.AutoField):
            low, high = integer_bounds(field)
            if not low <= python_value <= high:
                raise ValidationError("out of range")
    except (ValidationError, ValueError, TypeError) as error:
        raise ParameterError(name, f"'{value[:50]}' is not {value_kind(field)}") from error


def value_kind(field: models.Field) -> str:
    if isinstance(field, models.IntegerField | models.AutoField):
        low, high = integer_bounds(field)
        return f"a whole number from {low} to {high}"
    if isinstance(field, models.DateTimeField):
        return "a date and time (ISO 8601)"
    if isinstance(field, models.DateField):
        return "a date (YYYY-MM-DD)"
    return f"a valid {field.get_internal_type().removesuffix('Field').lower()}"


class PublicPagesAPIViewSet(ProblemErrorsMixin, PagesAPIViewSet):
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_locale(request)
        check_type(request)
        check_page_id_filters(request)

    def get_base_queryset(self):
        try:
            site = SiteFilterValidator(site=self.request.GET.get("site"), request=self.request)
            site_obj = site.site_obj
        except Http404:
            raise ParameterError("site", "no site has this hostname") from None
        except ValueError as error:
            raise ParameterError("site", str(error)) from error
        if site_obj is None:
            return visible_pages().none()
        return visible_pages(site_obj)

    def find_object(self, queryset, request):
        if "html_path" not in request.GET and "id" not in request.GET:
            raise ParameterError("html_path", "give html_path (a path under the site) or id")
        if "html_path" not in request.GET:
            check_field_value(queryset.model._meta.pk, "id", request.GET["id"])
        return super().find_object(queryset, request)


def check_page_id_filters(request) -> None:
    """A page id out of bounds is a 400 naming its filter, before Wagtail looks it up."""
    for name in PAGE_ID_FILTERS:
        value = request.GET.get(name, "")
        if value.lstrip("-").isdigit() and not is_id(int(value)):
            raise ParameterError(name, f"must be {ID_BOUNDS}")


def check_locale(request) -> None:
    """The locale rule of every endpoint (`api.parameters`); v2 keeps Wagtail's default of
    every language when none is asked, for the Wagtail frontends it exists for."""
    code = request.GET.get("locale")
    if code is not None:
        try:
            parse_locale(code)
        except BadParameter as error:
            raise ParameterError("locale", str(error)) from None


def check_type(request) -> None:
    value = request.GET.get("type")
    if not value:
        return
    try:
        page_models_from_string(value)
    except (LookupError, ValueError):
        try:  # the one message of every endpoint, with the valid names
            page_model(value)
        except BadParameter as error:
            raise ParameterError("type", str(error)) from None


def public_collection_filter(queryset):
    hidden = hidden_collection_ids()
    return queryset.exclude(collection_id__in=hidden) if hidden else queryset


class PublicImagesAPIViewSet(ProblemErrorsMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return public_collection_filter(self.model.objects.all().order_by("id"))


class PublicDocumentsAPIViewSet(ProblemErrorsMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return public_collection_filter(self.model.objects.all().order_by("id"))


# What v2 is, in the words its index answers with (also in the README).
SCOPE = (
    "Compatibility subset of Wagtail's API v2 for existing clients: page metadata and model "
    "fields, no StreamField bodies. Full pages, with bodies and resolved links, are at "
    "/api/pages/ (typed: /api/openapi.json)."
)


class CompatibilityRouter(WagtailAPIRouter):
    """Wagtail's v2 router with an index at `/api/v2/` that says what v2 covers."""

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index"), *super().get_urlpatterns()]

    def index_view(self, request):
        return JsonResponse(
            {
                "scope": SCOPE,
                "full_pages": request.build_absolute_uri("/api/pages/"),
                "endpoints": {
                    name: request.build_absolute_uri(reverse(f"wagtailapi:{name}:listing"))
                    for name in self._endpoints
                },
            }
        )


router = CompatibilityRouter("wagtailapi")
router.register_endpoint("pages", PublicPagesAPIViewSet)
router.register_endpoint("images", PublicImagesAPIViewSet)
router.register_endpoint("documents", PublicDocumentsAPIViewSet)
