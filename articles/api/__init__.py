"""The typed pages API at `/api/pages/` (django-ninja; schema at /api/openapi.json)."""

from articles.api.views import router

__all__ = ["router"]
