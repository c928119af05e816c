"""Wagtail's stable API v2, mounted for frontends that already speak it."""

from django.http import JsonResponse
from django.urls import reverse
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)


def api_index(request):
    """`/api/`: where each endpoint lives, so a frontend needs one URL to start."""
    endpoints = {
        name: request.build_absolute_uri(reverse(f"wagtailapi:{name}:listing"))
        for name in ("pages", "images", "documents")
    }
    return JsonResponse({"v2": endpoints})
