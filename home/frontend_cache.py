"""Purging a shared cache (a CDN, Varnish) when what the public sees changes.

Shared caches may keep responses for API_CACHE_SHARED_MAX_AGE seconds; where
`wagtail.contrib.frontend_cache` is configured (FRONTEND_CACHE_PURGE_URL) the API URLs
of a page are purged when it is published, unpublished, moved or deleted, and the
site-data URLs when a menu, setting or redirect changes (`home.signal_handlers`).
Listings with query parameters cannot all be named, so they rely on the shared lifetime.
"""

from collections.abc import Iterable
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page

from home.models import Menu
from public.paths import frontend_path

# A page's own API URLs ({id}: its id) and the listings it appears in. The find-by-path
# URLs take the page's path as their query.
PAGE_API_PATHS = (
    "/api/v2/pages/{id}/",
    "/api/v2/pages/",
    "/api/pages/{id}/",
    "/api/pages/",
)
# Find-by-path: Wagtail's by the path under the site root, ours by the frontend path.
V2_FIND_URL = "/api/v2/pages/find/?html_path={path}"
FIND_URL = "/api/pages/find/?path={path}"
FEED_PATHS = (
    "/sitemap.xml",
    "/feeds/news.rss",
    "/feeds/news.atom",
    "/feeds/legal.rss",
    "/feeds/legal.atom",
)


def frontend_cache_configured() -> bool:
    return bool(get_backends())


def public_api_url(path: str) -> str:
    """A cached URL as the public requests it: the configured public base of the API
    (no request here to take it from), else the admin's."""
    base = settings.WAGTAILAPI_BASE_URL or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/") + path


def page_api_urls(page: Page) -> list[str]:
    """Every cached API URL that shows this page, as the public reads it."""
    paths = [template.format(id=page.pk) for template in PAGE_API_PATHS]
    url_parts = page.get_url_parts()
    if url_parts is not None and url_parts[2]:
        paths.append(V2_FIND_URL.format(path=quote(url_parts[2])))
        paths.append(FIND_URL.format(path=quote(frontend_path(page))))
    paths += FEED_PATHS
    paths += site_data_paths()  # menus and footer links may point at the page
    return [public_api_url(path) for path in paths]


def site_data_paths() -> list[str]:
    paths = [
        reverse("api:site_settings"),
        reverse("api:site_menus"),
        reverse("api:site_redirects"),
    ]
    handles = Menu.objects.values_list("handle", flat=True).distinct()
    paths += [reverse("api:site_menu", kwargs={"handle": handle}) for handle in handles]
    return paths


def purge_after_commit(urls: Iterable[str]) -> None:
    """Purge once the change is committed, so a refill cannot fetch the old content."""
    urls = sorted(set(urls))
    transaction.on_commit(lambda: purge_urls_from_cache(urls))


def purge_page_api_urls(page: Page) -> None:
    if frontend_cache_configured():
        purge_after_commit(page_api_urls(page))


def purge_site_data_urls() -> None:
    if frontend_cache_configured():
        purge_after_commit(public_api_url(path) for path in site_data_paths())
