"""The XML sitemap (`/sitemap.xml`): the frontend's URLs of every page the public may see.

Wagtail's own sitemap lists `live().public()` pages at the CMS's address. For a
headless site that is wrong twice: readers (and search engines) visit the frontend,
not the CMS, and a page past its expiry or under an unpublished section is still
`live` until the scheduler runs. So the pages are `public.visibility`'s, and each
location is FRONTEND_BASE_URL followed by the same frontend path the API gives (`public.paths`).
"""

from django.utils.encoding import iri_to_uri
from wagtail.contrib.sitemaps import Sitemap

from public.paths import FrontendPaths, frontend_base_url
from public.sites import current_site
from public.visibility import visible_pages


class FrontendSitemap(Sitemap):
    def get_wagtail_site(self):
        return current_site(self.request)

    def items(self):
        return visible_pages(self.get_wagtail_site()).order_by("path").defer_streamfields()

    def _urls(self, page, protocol, domain):
        site = self.get_wagtail_site()
        paths = FrontendPaths(site)
        base_url = frontend_base_url(self.request, site)
        urls = []
        for item in self.paginator.page(page).object_list:
            urls.append(
                {
                    "item": item,
                    # Percent-encoded, as the sitemap protocol asks and the feeds write it.
                    "location": iri_to_uri(base_url + paths.path(item)),
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                }
            )
        last_mods = [url["lastmod"] for url in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
