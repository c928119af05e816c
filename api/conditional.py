"""Conditional requests on the public read endpoints, keyed by a content version.

Every successful GET under `/api/` (our typed endpoints and Wagtail's `/api/v2/`), the
sitemap and the feeds gets:

- an ETag made of the content version, today's date (a directive's validity status is
  derived from the date) and a digest of what selects the representation (host, path,
  query, language, Accept);
- Last-Modified: when the version last changed, or midnight today if later;
- Cache-Control from API_CACHE_MAX_AGE / API_CACHE_SHARED_MAX_AGE. The defaults (0)
  make every client revalidate, which the ETag makes cheap: a matching If-None-Match
  (or a recent enough If-Modified-Since) is answered 304 *before* the view runs, for
  the cost of reading the version. After a publish the version differs, so nothing
  stale is ever confirmed.

Django's `get_conditional_response` decides 304 (and 412) from the validators, as
its `condition` decorator does; this middleware only computes them once for every
endpoint. The version is an input: `VersionedCachingMiddleware.current_version` is
given by the app that owns the site's data (`home.content_version`).

A response whose view set its own Cache-Control (a draft preview's `private,
no-store`, the live visit counter's `no-cache`) is left exactly as the view made it;
no validator is issued for it. Unsafe methods (POST) are never touched.
"""

import datetime
import hashlib
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

CACHED_PATH_PREFIXES = ("/api/", "/sitemap.xml", "/feeds/")
# The schema and its docs change with a deployment, not with content.
UNVERSIONED_PATHS = ("/api/openapi.json", "/api/docs")
SAFE_METHODS = ("GET", "HEAD")
# What selects a representation besides the URL: DRF answers HTML to browsers.
VARY = ("Accept", "Accept-Language")


class Version(NamedTuple):
    """How many public changes there have been, and when the last one happened."""

    number: int
    changed_at: datetime.datetime


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


def entity_tag(request: HttpRequest, version: Version) -> str:
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


def last_modified(version: Version) -> datetime.datetime:
    """When the version changed or, if later, when today began (derived statuses change then)."""
    midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    return max(version.changed_at, midnight)


def add_validators(response: HttpResponse, etag: str, modified: datetime.datetime) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified.timestamp())
    response["Cache-Control"] = cache_control()
    patch_vary_headers(response, VARY)


class VersionedCachingMiddleware:
    """ETag / Last-Modified / Cache-Control and conditional GET on the public read endpoints.

    Subclasses say where the version comes from (`current_version`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def current_version(self) -> Version:
        raise NotImplementedError

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS or not is_cached_path(request.path):
            return self.get_response(request)
        # Read before the view: content read afterwards is at least this new, never older.
        version = self.current_version()
        # For the view: what it keeps per process is keyed on this (public.memo).
        request.content_version = version
        etag = entity_tag(request, version)
        modified = last_modified(version)
        answered = get_conditional_response(
            request, etag=etag, last_modified=int(modified.timestamp())
        )
        if answered is not None:  # 304 Not Modified, or 412 for a failed If-Match
            add_validators(answered, etag, modified)
            return answered
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view knows better (preview: private, no-store)
        if response.status_code != 200 or response.streaming:
            # Errors and redirects change with the content too; never keep them.
            response["Cache-Control"] = "no-cache"
            return response
        add_validators(response, etag, modified)
        return response
