"""The API's wiring: Wagtail's stable v2 endpoints, and our own typed endpoints.

Our endpoints use django-ninja (already a Wagtail 8 dependency, for its API v3
preview): every response has a typed OpenAPI 3 schema at `/api/openapi.json`,
with interactive docs at `/api/docs`. Errors are RFC 9457 problem+json.
"""

from django.http import JsonResponse
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError
from wagtail.api.v2.router import WagtailAPIRouter

from api.problems import BadParameter, Problem, problem
from articles.api import router as pages_router
from articles.api.media import router as media_router
from cms.api_v2 import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet, PublicPagesAPIViewSet
from home.api import router as visits_router
from home.api import site_router
from search.api import router as search_router

api_router = WagtailAPIRouter("wagtailapi")
# Wagtail's v2 endpoints with problem+json errors and one rule of visibility (cms/api_v2.py).
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)


class ProblemJsonAPI(NinjaAPI):
    """A NinjaAPI whose schema says what every error really is.

    Ninja documents every response as application/json; ours are problem+json
    for every 4xx and 5xx. And two answers can come from any operation, before
    its view runs (cms/api_errors.py, cms/rate_limit.py): 400 for a query string
    that is not valid UTF-8 or too long, 429 past the rate limit.
    """

    ANY_OPERATION = {"400": "Bad request", "429": "Too many requests"}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problem_ref = {"$ref": "#/components/schemas/Problem"}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                # Ninja keys responses by int; a str key of the same status would be a
                # second "400" in the served JSON, which YAML-based tools refuse
                # ("duplicated mapping key"). Every key a str, so one entry per status.
                responses = {
                    str(key): reply for key, reply in operation.get("responses", {}).items()
                }
                operation["responses"] = responses
                for status, description in self.ANY_OPERATION.items():
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": problem_ref}},
                    }
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content["application/problem+json"] = content.pop("application/json")
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
            "Problem", Problem.model_json_schema()
        )
        return schema


api = ProblemJsonAPI(
    title="Cổng thông tin — headless API",
    version="1",
    urls_namespace="api",
    description="Public API of the portal. Only live, public content appears.",
)
api.add_router("/pages/", pages_router)
api.add_router("", media_router)
api.add_router("/search/", search_router)
api.add_router("/visits/", visits_router)
api.add_router("/site/", site_router)


@api.exception_handler(NinjaValidationError)
def invalid_parameters(request, error: NinjaValidationError):
    errors = [
        {"parameter": ".".join(str(part) for part in e.get("loc", [])[1:]), "message": e["msg"]}
        for e in error.errors
    ]
    detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
    return problem(400, "Bad request", detail, errors=errors)


@api.exception_handler(BadParameter)
def bad_parameter(request, error: BadParameter):
    detail = f"{error.parameter}: {error}"
    return problem(
        400, "Bad request", detail, errors=[{"parameter": error.parameter, "message": str(error)}]
    )


def api_index(request):
    """`/api/`: where each endpoint lives, so a frontend needs one URL to start."""
    endpoints = {
        name: request.build_absolute_uri(reverse(f"wagtailapi:{name}:listing"))
        for name in ("pages", "images", "documents")
    }
    return JsonResponse(
        {
            "v2": endpoints,
            "pages": request.build_absolute_uri("/api/pages/"),
            "search": request.build_absolute_uri("/api/search/"),
            "site": {
                name: request.build_absolute_uri(reverse(f"api:site_{name}"))
                for name in ("settings", "menus", "redirects")
            },
            "sitemap": request.build_absolute_uri(reverse("sitemap")),
            "feeds": {
                name: request.build_absolute_uri(reverse(f"feed-{name}"))
                for name in ("news-rss", "news-atom", "legal-rss", "legal-atom")
            },
            "openapi": request.build_absolute_uri("/api/openapi.json"),
            "docs": request.build_absolute_uri("/api/docs"),
        }
    )
