"""The XML sitemap (`/sitemap.xml`): the frontend's URLs of every page the public may see.

Wagtail's own sitemap lists `live().public()` pages at the CMS's address. For a
headless site that is wrong twice: readers (and search engines) visit the frontend,
not the CMS, and a page past its expiry or under an unpublished section is still
`live` until the scheduler runs. So the pages are `public.visibility`'s, and each
location is FRONTEND_BASE_URL followed by the same frontend path the API gives.
"""

from django.conf import settings
from django.http import HttpRequest
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from articles.api.references import References
from public.visibility import visible_pages


def frontend_base_url(request: HttpRequest | None, site: Site | None) -> str:
    """FRONTEND_BASE_URL, else the Wagtail site's own root URL, without a trailing slash."""
    if settings.FRONTEND_BASE_URL:
        return settings.FRONTEND_BASE_URL.rstrip("/")
    if site is not None:
        return site.root_url.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request else ""


def frontend_url(page: Page, refs: References, base_url: str) -> str:
    return base_url + refs.page_url(page)


class FrontendSitemap(Sitemap):
    def items(self):
        return visible_pages(self.get_wagtail_site()).order_by("path").defer_streamfields()

    def _urls(self, page, protocol, domain):
        site = self.get_wagtail_site()
        refs = References(self.request, site)
        base_url = frontend_base_url(self.request, site)
        urls = []
        for item in self.paginator.page(page).object_list:
            urls.append(
                {
                    "item": item,
                    "location": frontend_url(item, refs, base_url),
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                }
            )
        last_mods = [url["lastmod"] for url in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
