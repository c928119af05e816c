"""`/api/site/`: what every page of a frontend shows around the content.

The organisation's settings (name, contacts, logo, footer links), the navigation
menus, and the editors' redirects. Links to pages resolve to frontend paths; a link to a
page the public may not see (draft, unpublished, expired, scheduled, private) is
dropped, exactly as if it had never been there.

Each site-data endpoint takes an optional `locale` (a code of
WAGTAIL_CONTENT_LANGUAGES). A menu missing in that language falls back to the
default language's menu; links then go to the pages' translations where they exist.
"""

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page

from api.parameters import LOCALE_DESCRIPTION, LanguageCode, requested_locale
from api.problems import Problem, problem
from articles.api.reference_schemas import Image, PageLink
from articles.api.references import References
from home.models import Menu, SiteSettings
from public.sites import current_site
from public.visibility import visible_pages

# Each operation_id is the one served before home/api.py became a package: generated
# clients name their functions after it.
router = Router(tags=["site"])

REDIRECTS_PER_PAGE = 50
REDIRECTS_PER_PAGE_MAX = 100
# Far beyond any site's redirect count; keeps the offset inside every database's integers.
REDIRECTS_OFFSET_MAX = 1_000_000


class LocaleParams(Schema):
    locale: LanguageCode | None = Field(None, description=LOCALE_DESCRIPTION)


class RedirectParams(LocaleParams):
    limit: int = Field(REDIRECTS_PER_PAGE, ge=1, le=REDIRECTS_PER_PAGE_MAX)
    offset: int = Field(0, ge=0, le=REDIRECTS_OFFSET_MAX)


class Link(Schema):
    label: str
    url: str = Field(
        description="A frontend path (/tin-tuc/) for a page of the site, else the outside URL."
    )
    page: PageLink | None = Field(description="The linked page, or null for an outside URL.")


class MenuItem(Link):
    children: list[Link] = Field(description="The second level; links to hidden pages dropped.")


class SiteMenu(Schema):
    handle: str = Field(description="How the frontend asks for it, e.g. main or footer.")
    title: str
    locale: str = Field(
        description="The language of the menu served (the default one if the "
        "requested language has no translation of it)."
    )
    items: list[MenuItem]


class SiteMenus(Schema):
    items: list[SiteMenu]


class SiteSettingsOut(Schema):
    site_name: str = Field(description="The Wagtail site's name.")
    organisation_name: str
    governing_body: str = Field(description="The body above the organisation (UBND tỉnh …).")
    address: str
    phone: str
    fax: str
    email: str
    head_of_editorial_board: str = Field(description="Responsible for content (footer line).")
    licence_note: str = Field(description="The portal's operating licence line.")
    logo: Image | None = Field(description="The logo, with its renditions; null if none is set.")
    footer_links: list[Link]
    locale: str = Field(description="The language page links were resolved in.")


class SiteRedirect(Schema):
    old_path: str = Field(description="The path as editors entered it, normalised by Wagtail.")
    new_url: str = Field(description="A frontend path for a page of the site, else a URL.")
    page: PageLink | None = Field(description="The target page, or null for an outside URL.")
    is_permanent: bool = Field(description="301 if true, else 302.")


class SiteRedirects(Schema):
    total: int
    limit: int
    offset: int
    items: list[SiteRedirect]


def site_data_locale(code: str | None) -> Locale:
    """The locale asked for (`api.parameters`' one rule); while a content language has no
    Locale row yet, site data is served in the default one."""
    return requested_locale(code) or Locale.get_default()


class LinkResolver:
    """Resolves the page links of menus and footers in bulk, in one language.

    Two queries whatever the number of links: one for the pages' translations in the
    requested language, one (through `References`) for which of them the public may see.
    """

    def __init__(self, request: HttpRequest, locale: Locale):
        self.locale = locale
        self.refs = References(request, current_site(request))
        self.translated: dict[int, int] = {}

    def want(self, page_ids: set[int]) -> None:
        translations = Page.objects.filter(
            locale=self.locale,
            translation_key__in=Page.objects.filter(pk__in=page_ids).values("translation_key"),
        ).values_list("pk", "translation_key")
        by_key = {key: pk for pk, key in translations}
        for page_id, key in Page.objects.filter(pk__in=page_ids).values_list(
            "pk", "translation_key"
        ):
            self.translated[page_id] = by_key.get(key, page_id)
        for page_id in page_ids:
            self.refs.want_page(self.translated.get(page_id, page_id))
            self.refs.want_page(page_id)

    def load(self) -> None:
        self.refs.load()

    def page(self, page_id: int) -> dict | None:
        """The page's live translation, else the page itself, else None (hidden or gone)."""
        return self.refs.linked_page(self.translated.get(page_id)) or self.refs.linked_page(page_id)

    def link(self, value: dict) -> dict | None:
        """A LinkBlock's raw value as a Link, or None when it points at a hidden page."""
        label = value.get("label") or ""
        page_id = value.get("page")
        if page_id:
            page = self.page(page_id)
            if page is None:
                return None
            return {"label": label, "url": page["url"], "page": page}
        url = value.get("url") or ""
        return {"label": label, "url": url, "page": None} if url else None


def linked_page_ids(raw_items: list[dict]) -> set[int]:
    ids = set()
    for item in raw_items:
        value = item.get("value") or {}
        ids.add(value.get("page"))
        for child in value.get("children") or []:
            child_value = child.get("value", child) if isinstance(child, dict) else {}
            ids.add(child_value.get("page"))
    return {page_id for page_id in ids if isinstance(page_id, int)}


def menu_items(raw_items: list[dict], links: LinkResolver) -> list[dict]:
    """Two levels of links; an item whose own page is hidden goes with its sub-items."""
    items = []
    for item in raw_items:
        value = item.get("value") or {}
        link = links.link(value)
        if link is None:
            continue
        children = []
        for child in value.get("children") or []:
            child_value = child.get("value", child) if isinstance(child, dict) else {}
            child_link = links.link(child_value)
            if child_link is not None:
                children.append(child_link)
        items.append({**link, "children": children})
    return items


def serialise_menus(request: HttpRequest, menus: list[Menu], locale: Locale) -> list[dict]:
    links = LinkResolver(request, locale)
    for menu in menus:
        links.want(linked_page_ids(menu.items.raw_data))
    links.load()
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    return [
        {
            "handle": menu.handle,
            "title": menu.title,
            "locale": codes.get(menu.locale_id, ""),
            "items": menu_items(list(menu.items.raw_data), links),
        }
        for menu in menus
    ]


def menus_in(locale: Locale) -> list[Menu]:
    """Each menu once, by handle: in the requested language where it has one, else the default's.

    The same choice as `Menu.for_locale`, for every menu in one query.
    """
    default = Locale.get_default()
    chosen: dict[str, Menu] = {}
    for menu in Menu.objects.filter(locale__in={locale.pk, default.pk}).order_by("handle"):
        if menu.handle not in chosen or menu.locale_id == locale.pk:
            chosen[menu.handle] = menu
    return list(chosen.values())


@router.get(
    "/settings",
    response={200: SiteSettingsOut, 400: Problem},
    summary="The organisation's settings: name, contacts, logo, footer links",
    url_name="site_settings",
    operation_id="home_api_site_settings",
)
def site_settings(request: HttpRequest, params: Query[LocaleParams]):
    locale = site_data_locale(params.locale)
    site = current_site(request)
    # Not `for_site`, which would create the row (and a new content version) on a read.
    stored = SiteSettings.objects.filter(site=site).first() if site else None
    found = (stored or SiteSettings(site=site)).for_locale(locale)
    logo_id = found.logo.pk if found.logo else None
    links = LinkResolver(request, locale)
    links.want(linked_page_ids(list(found.footer_links.raw_data)))
    links.refs.want_image(logo_id)
    links.load()
    footer = [links.link(link.get("value") or {}) for link in found.footer_links.raw_data]
    return {
        "site_name": site.site_name if site else "",
        "organisation_name": found.organisation_name,
        "governing_body": found.governing_body,
        "address": found.address,
        "phone": found.phone,
        "fax": found.fax,
        "email": found.email,
        "head_of_editorial_board": found.head_of_editorial_board,
        "licence_note": found.licence_note,
        "logo": links.refs.image(logo_id),
        "footer_links": [link for link in footer if link is not None],
        "locale": locale.language_code,
    }


@router.get(
    "/menus/",
    response={200: SiteMenus, 400: Problem},
    summary="Every navigation menu, in one language",
    url_name="site_menus",
    operation_id="home_api_site_menus",
)
def site_menus(request: HttpRequest, params: Query[LocaleParams]):
    locale = site_data_locale(params.locale)
    return {"items": serialise_menus(request, menus_in(locale), locale)}


@router.get(
    "/menus/{handle}",
    response={200: SiteMenu, 400: Problem, 404: Problem},
    summary="One navigation menu by its handle (main, footer, …)",
    url_name="site_menu",
    operation_id="home_api_site_menu",
)
def site_menu(request: HttpRequest, handle: str, params: Query[LocaleParams]):
    locale = site_data_locale(params.locale)
    menu = Menu.for_locale(handle, locale)
    if menu is None:
        handles = ", ".join(menu.handle for menu in menus_in(locale)) or "none"
        return problem(404, "Not found", f"No menu has this handle; menus: {handles}.")
    return serialise_menus(request, [menu], locale)[0]


@router.get(
    "/redirects",
    response={200: SiteRedirects, 400: Problem},
    summary="The editors' redirects, for the frontend to honour",
    url_name="site_redirects",
    operation_id="home_api_site_redirects",
)
def site_redirects(request: HttpRequest, params: Query[RedirectParams]):
    """Old path → new path. A redirect to a page the public may not see is left out."""
    locale = site_data_locale(params.locale)
    site = current_site(request)
    redirects = (
        Redirect.get_for_site(site)
        .filter(
            Q(redirect_page__isnull=True, redirect_link__gt="")
            | Q(redirect_page__in=visible_pages(site).values("pk"))
        )
        .order_by("old_path", "pk")
    )
    total = redirects.count()
    window = list(redirects[params.offset : params.offset + params.limit])
    links = LinkResolver(request, locale)
    links.want({r.redirect_page_id for r in window if r.redirect_page_id})
    links.load()
    items = []
    for redirect in window:
        page = links.page(redirect.redirect_page_id) if redirect.redirect_page_id else None
        if redirect.redirect_page_id and page is None:
            continue  # hidden between the count and now
        new_url = redirect.redirect_link
        if page is not None:
            route = (redirect.redirect_page_route_path or "").lstrip("/")
            new_url = page["url"] + route
        items.append(
            {
                "old_path": redirect.old_path,
                "new_url": new_url,
                "page": page,
                "is_permanent": redirect.is_permanent,
            }
        )
    return {"total": total, "limit": params.limit, "offset": params.offset, "items": items}
