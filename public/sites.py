"""The one site rule: which Wagtail site a request is for."""

from django.http import HttpRequest
from wagtail.models import Site


def default_site() -> Site | None:
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def current_site(request: HttpRequest | None) -> Site | None:
    """The request's site, else the default one (API clients call from other hosts)."""
    if request is None:
        return default_site()
    return Site.find_for_request(request) or default_site()
