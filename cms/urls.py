from django.conf import settings
from django.db import transaction
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from api import health
from api.errors import unknown_api_url
from articles.api.v2 import router as v2_router
from articles.feeds import AtomLegalDocumentsFeed, AtomNewsFeed, LegalDocumentsFeed, NewsFeed
from cms.api import api, api_index
from home.frontend_redirect import redirect_to_frontend
from home.sitemaps import FrontendSitemap

# An editor's action commits whole or not at all: Wagtail's add view saves the page,
# its revision and the publication one by one, and a worker killed between them left
# a live page that was never published. Public reads need no transaction.
decorate_urlpatterns(wagtailadmin_urls.urlpatterns, transaction.atomic)

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", api_index, name="api-index"),
    path("api/v2/", v2_router.urls),
    path("api/", api.urls),
    # Last under /api/: an unknown API URL is a problem+json 404, not a page lookup.
    re_path(r"^api/(?P<rest>.*)$", unknown_api_url),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": FrontendSitemap}}, name="sitemap"),
    path("feeds/news.rss", NewsFeed(), name="feed-news-rss"),
    path("feeds/news.atom", AtomNewsFeed(), name="feed-news-atom"),
    path("feeds/legal.rss", LegalDocumentsFeed(), name="feed-legal-rss"),
    path("feeds/legal.atom", AtomLegalDocumentsFeed(), name="feed-legal-atom"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every other path is a page's: a redirect to the frontend or a 404 (the CMS renders no
# pages). It keeps Wagtail's name and pattern, so page URLs and "View live" still reverse
# to it; Wagtail's other front-end URLs (the login a restricted document asks for) stay.
urlpatterns += [
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, redirect_to_frontend, name="wagtail_serve"),
]
