"""HTTP caching of the public read endpoints, keyed by the content version.

Every successful GET under `/api/` (our typed endpoints and Wagtail's `/api/v2/`), the
sitemap and the feeds gets:

- an ETag made of the content version (`home.content_version`), today's date (a
  directive's validity status is derived from the date) and a digest of what selects
  the representation (host, path, query, language, Accept);
- Last-Modified: when the version last changed, or midnight today if later;
- Cache-Control from API_CACHE_MAX_AGE / API_CACHE_SHARED_MAX_AGE. The defaults (0)
  make every client revalidate, which the ETag makes cheap: a matching If-None-Match
  (or a recent enough If-Modified-Since) is answered 304 *before* the view runs, for
  the cost of reading one row. After a publish the version differs, so nothing stale
  is ever confirmed.

A response whose view set its own Cache-Control (a draft preview's `private,
no-store`, the live visit counter's `no-cache`) is left exactly as the view made it;
no validator is issued for it. Unsafe methods (POST) are never touched.

Shared caches (a CDN, Varnish) may keep responses for API_CACHE_SHARED_MAX_AGE
seconds; where `wagtail.contrib.frontend_cache` is configured (FRONTEND_CACHE_PURGE_URL)
the API URLs of a page are purged when it is published, unpublished, moved or
deleted, and the site-data URLs when a menu, setting or redirect changes. Listings
with query parameters cannot all be named, so they rely on the shared lifetime.
"""

import datetime
import hashlib
from collections.abc import Callable, Iterable
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page

from articles.api.references import References
from home import content_version

CACHED_PATH_PREFIXES = ("/api/", "/sitemap.xml", "/feeds/")
# The schema and its docs change with a deployment, not with content.
UNVERSIONED_PATHS = ("/api/openapi.json", "/api/docs")
SAFE_METHODS = ("GET", "HEAD")
# What selects a representation besides the URL: DRF answers HTML to browsers.
VARY = ("Accept", "Accept-Language")


def is_cached_path(path: str) -> bool:
    return path.startswith(CACHED_PATH_PREFIXES) and not path.startswith(UNVERSIONED_PATHS)


def cache_control() -> str:
    """The Cache-Control of a cacheable response, from API_CACHE_MAX_AGE and …_SHARED_MAX_AGE."""
    max_age = settings.API_CACHE_MAX_AGE
    shared = settings.API_CACHE_SHARED_MAX_AGE
    if max_age == 0 and shared == 0:
        return "public, no-cache"
    directives = ["public", f"max-age={max_age}"]
    if shared != max_age:
        directives.append(f"s-maxage={shared}")
    return ", ".join(directives)


def entity_tag(request: HttpRequest, version: content_version.ContentVersion) -> str:
    """A weak ETag that changes with the content version, the day and the request's identity."""
    identity = "\n".join(
        [
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            getattr(request, "LANGUAGE_CODE", ""),
            request.headers.get("Accept", ""),
        ]
    )
    digest = hashlib.blake2b(identity.encode("utf-8", "surrogateescape"), digest_size=8)
    today = timezone.localdate().strftime("%Y%m%d")
    return f'W/"{version.number}-{today}-{digest.hexdigest()}"'


def last_modified(version: content_version.ContentVersion) -> datetime.datetime:
    """When the version changed or, if later, when today began (derived statuses change then)."""
    midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    return max(version.changed_at, midnight)


def matches(if_none_match: str, etag: str) -> bool:
    """Weak comparison (RFC 9110 §8.8.3.2), as If-None-Match requires."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    plain = etag.removeprefix("W/")
    return "*" in tags or any(tag.removeprefix("W/") == plain for tag in tags)


def is_not_modified(request: HttpRequest, etag: str, modified: datetime.datetime) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        # When both are sent, If-None-Match decides (RFC 9110 §13.1.3).
        return matches(if_none_match, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(modified.timestamp()) <= since


def add_validators(response: HttpResponse, etag: str, modified: datetime.datetime) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = cache_control()
    patch_vary_headers(response, VARY)


class ContentVersionCachingMiddleware:
    """ETag / Last-Modified / Cache-Control and conditional GET on the public read endpoints."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS or not is_cached_path(request.path):
            return self.get_response(request)
        # Read before the view: content read afterwards is at least this new, never older.
        version = content_version.current()
        etag = entity_tag(request, version)
        modified = last_modified(version)
        if is_not_modified(request, etag, modified):
            response = HttpResponseNotModified()
            add_validators(response, etag, modified)
            return response
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view knows better (preview: private, no-store)
        if response.status_code != 200 or response.streaming:
            # Errors and redirects change with the content too; never keep them.
            response["Cache-Control"] = "no-cache"
            return response
        add_validators(response, etag, modified)
        return response


# --- Frontend cache purge ---------------------------------------------------------------

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
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + path


def page_api_urls(page: Page) -> list[str]:
    """Every cached API URL that shows this page, as the public reads it."""
    paths = [template.format(id=page.pk) for template in PAGE_API_PATHS]
    url_parts = page.get_url_parts()
    if url_parts is not None and url_parts[2]:
        paths.append(V2_FIND_URL.format(path=quote(url_parts[2])))
        paths.append(FIND_URL.format(path=quote(References().page_url(page))))
    paths += FEED_PATHS
    paths += site_data_paths()  # menus and footer links may point at the page
    return [public_api_url(path) for path in paths]


def site_data_paths() -> list[str]:
    from home.models import Menu

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
