"""The one page URL rule: a page's path on the frontend.

The frontend mirrors the tree below the site's home page, and every language but
the default one is prefixed with its code: /tin-tuc/bai-viet/, /en/news/story/.
The pages API, search hits, the sitemap, feeds, cache purges and webhooks all
give this path, so a frontend never has to rebuild it.
"""

from functools import cached_property

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Locale, Page, Site

from public.visibility import site_roots


class FrontendPaths:
    """The rule with its lookups (site roots, locale codes) made once: one per response."""

    def __init__(self, site: Site | None = None, roots: list[Page] | None = None):
        self.site = site
        self._roots = roots

    @cached_property
    def roots(self) -> list[Page] | None:
        return self._roots if self._roots is not None else site_roots(self.site)

    @cached_property
    def root_paths(self) -> dict[int, str]:
        """Each locale's home page path, to turn a tree path into a frontend path."""
        return {root.locale_id: root.url_path for root in self.roots or [] if root.url_path}

    @cached_property
    def locale_codes(self) -> dict[int, str]:
        return dict(Locale.objects.values_list("pk", "language_code"))

    @cached_property
    def default_locale_code(self) -> str:
        return Locale.get_default().language_code

    def path(self, page: Page) -> str:
        root_path = self.root_paths.get(page.locale_id)
        url_path = page.url_path or ""
        if root_path is None or not url_path.startswith(root_path):
            # A page under another locale's tree (or none): best effort, never a crash.
            relative = "/"
        else:
            relative = "/" + url_path[len(root_path) :]
        code = self.locale_codes.get(page.locale_id, "")
        if code and code != self.default_locale_code:
            return f"/{code}{relative}"
        return relative


def frontend_path(page: Page, site: Site | None = None) -> str:
    """The page's frontend path on `site` (default: the default site).

    For many pages in one response, make one `FrontendPaths` and call its `path`.
    """
    return FrontendPaths(site).path(page)


def frontend_base_url(request: HttpRequest | None, site: Site | None) -> str:
    """FRONTEND_BASE_URL, else the Wagtail site's own root URL, without a trailing slash.

    A frontend path appended to it is the page's address for readers (sitemap, feeds,
    redirects from the CMS host)."""
    if settings.FRONTEND_BASE_URL:
        return settings.FRONTEND_BASE_URL.rstrip("/")
    if site is not None:
        return site.root_url.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request else ""
