"""The API's wiring: Wagtail's stable v2 endpoints, and our own typed endpoints.

Our endpoints use django-ninja (already a Wagtail 8 dependency, for its API v3
preview): every response has a typed OpenAPI 3 schema at `/api/openapi.json`,
with interactive docs at `/api/docs`. Errors are RFC 9457 problem+json, and the
request-parameter rules are the same for all (`api.ninja_api.ProblemJsonAPI`).
"""

from django.http import JsonResponse
from django.urls import reverse

from api.ninja_api import ProblemJsonAPI
from articles.api.media import router as media_router
from articles.api.pages import router as pages_router
from articles.api.search import router as search_router
from home.api.site import router as site_router
from home.api.visits import router as visits_router

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
