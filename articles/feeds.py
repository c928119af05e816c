"""RSS 2.0 and Atom feeds of news (`/feeds/news.rss|atom`) and legal documents
(`/feeds/legal.rss|atom`), with Django's syndication framework.

Only pages the public may see (`public.visibility`) are listed, newest first by
the date readers see (an article's date shown, a document's issue date). Links are
frontend URLs, as in the sitemap. `?locale=en` gives another language's pages; an
unknown code is a 400 naming the valid ones.
"""

import copy
import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from api.parameters import parse_locale, requested_locale
from api.problems import BadParameter, bad_parameter
from articles.models import ArticlePage, DirectivePage
from public.paths import FrontendPaths, frontend_base_url
from public.sites import current_site
from public.visibility import visible_pages

# A reader's feed shows the latest few; a frontend wanting more uses the API.
FEED_ITEMS = 30


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def published_on(day: datetime.date | None, first_published_at: datetime.datetime | None):
    """The item's date: the publishing time if it falls on the date shown, else that date."""
    if first_published_at and (day is None or timezone.localdate(first_published_at) == day):
        return first_published_at
    return local_midnight(day) if day else None


class PageFeed(Feed):
    """What the news and legal feeds share: the site, the language, visibility, URLs."""

    model = None
    date_field = ""

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            parse_locale(request.GET.get("locale"))
        except BadParameter as error:
            return bad_parameter(error.parameter, str(error))
        # One feed object serves every request: per-request state goes on a copy.
        return Feed.__call__(copy.copy(self), request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args, **kwargs):
        site = current_site(request)
        locale = requested_locale(request.GET.get("locale"))
        self.paths = FrontendPaths(site)
        self.base_url = frontend_base_url(request, site)
        return {"site": site, "locale": locale or Locale.get_default()}

    def link(self, context) -> str:
        return self.base_url + "/"

    def items(self, context):
        pages = self.model.objects.filter(
            pk__in=visible_pages(context["site"]).values("pk"), locale=context["locale"]
        )
        return pages.order_by(f"-{self.date_field}", "-first_published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, page) -> str:
        return page.title

    def item_link(self, page) -> str:
        return self.base_url + self.paths.path(page)

    def item_pubdate(self, page):
        return published_on(getattr(page, self.date_field), page.first_published_at)

    def item_updateddate(self, page):
        return page.last_published_at


class NewsFeed(PageFeed):
    model = ArticlePage
    date_field = "display_date"
    description = _("The latest news of the portal.")

    def title(self, context) -> str:
        return _("%(site)s — News") % {"site": site_name(context)}

    def items(self, context):
        return super().items(context).select_related("byline").prefetch_related("categories")

    def item_description(self, page) -> str:
        return as_feed_html(page.lead)

    def item_author_name(self, page) -> str | None:
        return page.byline.name if page.byline else None

    def item_categories(self, page) -> list[str]:
        return [category.name for category in page.categories.all()]


class LegalDocumentsFeed(PageFeed):
    model = DirectivePage
    date_field = "issue_date"
    description = _("The latest directives and legal documents of the portal.")

    def title(self, context) -> str:
        return _("%(site)s — Legal documents") % {"site": site_name(context)}

    def items(self, context):
        return (
            super()
            .items(context)
            .select_related("document_type", "issuing_body")
            .prefetch_related("legal_fields")
        )

    def item_title(self, page) -> str:
        return f"{page.number} — {page.title}" if page.number else page.title

    def item_description(self, page) -> str:
        return as_feed_html(page.abstract)

    def item_author_name(self, page) -> str | None:
        return page.issuing_body.name if page.issuing_body else None

    def item_categories(self, page) -> list[str]:
        categories = [page.document_type.name] if page.document_type else []
        return categories + [field.name for field in page.legal_fields.all()]


def as_feed_html(plain: str) -> str:
    """A plain-text field as an RSS/Atom description, which feed readers render as HTML:
    escaped, so a `<script>` saved through the model shows as text and never runs."""
    return escape(plain or "")


def site_name(context) -> str:
    site = context["site"]
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class AtomLegalDocumentsFeed(LegalDocumentsFeed):
    feed_type = Atom1Feed
    subtitle = LegalDocumentsFeed.description
