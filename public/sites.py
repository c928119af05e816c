"""The one site rule: which Wagtail site a request is for."""

from collections.abc import Hashable

from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Locale, Site

from public import memo


def default_site(generation: Hashable | None = None) -> Site | None:
    def read() -> Site | None:
        return Site.objects.filter(is_default_site=True).select_related("root_page").first()

    return memo.get(generation, "default-site", read)


def current_site(request: HttpRequest | None) -> Site | None:
    """The request's site, else the default one (API clients call from other hosts).

    Kept per host and port while the request's content version holds (public.memo)."""
    if request is None:
        return default_site()
    generation = memo.generation_of(request)
    if generation is None:
        return Site.find_for_request(request) or default_site()
    hostname = split_domain_port(request._get_raw_host())[0]
    key = ("site", hostname, request.get_port())

    def read() -> Site | None:
        site = Site.find_for_request(request) or default_site(generation)
        if site is not None:
            site.root_page  # noqa: B018 - loaded now, kept with the site
        return site

    return memo.get(generation, key, read)


def default_locale(generation: Hashable | None = None) -> Locale:
    """Wagtail's default content locale, kept while the content version holds."""
    return memo.get(generation, "default-locale", Locale.get_default)


def locale_for_code(code: str, generation: Hashable | None = None) -> Locale | None:
    """The content locale with this language code, if any (a path's first segment)."""

    def read() -> dict[str, Locale]:
        return {locale.language_code: locale for locale in Locale.objects.all()}

    return memo.get(generation, "locales", read).get(code)
