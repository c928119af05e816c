"""Absolute URLs in API answers: one base, the request's own unless one is configured.

Images, renditions, documents and the logo (typed API), and v2's `detail_url`,
`download_url` and `html_url` are absolute URLs on the CMS host. Their base is
WAGTAILAPI_BASE_URL when it is set — the public address, when a proxy or CDN in front
changes it — else the scheme, host and port the request came to: `make run PORT=8200`
answers with :8200, never with a configured :8000 or the Wagtail site's `localhost`.
Which Host a request may carry is Django's ALLOWED_HOSTS (and, behind a proxy,
USE_X_FORWARDED_HOST / SECURE_PROXY_SSL_HEADER).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

# The URL fields of Wagtail's API v2 that point at the CMS host.
V2_URL_KEYS = ("detail_url", "download_url", "html_url")


def public_base_url(request: HttpRequest | None) -> str:
    """`scheme://host[:port]` of the CMS as readers reach it, without a trailing slash."""
    configured = (getattr(settings, "WAGTAILAPI_BASE_URL", None) or "").rstrip("/")
    if configured or request is None:
        return configured
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request: HttpRequest | None, url: str) -> str:
    """`url` on the public base; a URL that names its own host is kept."""
    if not url or "://" in url:
        return url
    return public_base_url(request) + url


def site_root_url(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    return site.root_url.rstrip("/") if site is not None else ""


def rebase_v2_urls(data, request: HttpRequest, site_root: str | None = None):
    """Wagtail v2 builds its URLs from WAGTAILAPI_BASE_URL or the Site row's root URL
    (`http://localhost`), never from the request: put them on `public_base_url`."""
    site_root = site_root_url(request) if site_root is None else site_root
    if isinstance(data, list):
        return [rebase_v2_urls(item, request, site_root) for item in data]
    if not isinstance(data, dict):
        return data
    rebased = {}
    for key, value in data.items():
        if key in V2_URL_KEYS and isinstance(value, str):
            rebased[key] = rebase_url(request, value, site_root)
        else:
            rebased[key] = rebase_v2_urls(value, request, site_root)
    return rebased


def rebase_url(request: HttpRequest, url: str, site_root: str) -> str:
    if site_root and url.startswith(site_root + "/"):
        url = url[len(site_root) :]
    elif "://" in url:
        return url  # another site's, or already on the configured base
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return absolute_url(request, path)
