"""Page URLs on the CMS host: a redirect to the frontend, or 404 — never page HTML.

The site is headless: no page has a template, so Wagtail's own page serving answered
500 (TemplateDoesNotExist) for every live page, and it would have served a page past
its expiry time until `publish_scheduled` ran. This view takes the place of Wagtail's
`wagtail_serve` URL (same name and pattern, so `page.url` and the admin's "View live"
links still reverse to it) and sends a reader to FRONTEND_BASE_URL plus the page's
frontend path, for pages the public may see (public.visibility), exactly as
`/api/pages/find/` resolves paths. Without FRONTEND_BASE_URL there is nowhere to send
the reader: 404.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from wagtail.models import Locale

from articles.api.pages import page_at_path, split_locale
from articles.api.references import References
from public.sites import current_site


def redirect_to_frontend(request: HttpRequest, path: str) -> HttpResponseRedirect:
    base_url = settings.FRONTEND_BASE_URL.rstrip("/")
    if not base_url:
        raise Http404("FRONTEND_BASE_URL is not set: the CMS serves no pages itself.")
    refs = References(request, current_site(request))
    if refs.site is None:
        raise Http404("No site.")
    locale, rest = split_locale(path)
    page = page_at_path(refs, locale or Locale.get_default(), rest)
    if page is None:
        raise Http404("No public page at this path.")
    target = base_url + refs.page_url(page)
    query = request.META.get("QUERY_STRING", "")
    # Temporary: FRONTEND_BASE_URL may change, and a page may be unpublished tomorrow.
    return HttpResponseRedirect(f"{target}?{query}" if query else target)
