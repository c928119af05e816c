"""Which pages the public may see: the one rule every public endpoint applies.

Wagtail's `live()` and `public()` are not quite enough for a headless site:
- a page past its expiry time stays `live` until `publish_scheduled` next runs;
- a live page under an unpublished parent is unreachable on a rendered site,
  but `live()` alone would still list it;
- pages outside the site's tree (another site, a trash folder) have no URL here.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, Site
from wagtail.query import PageQuerySet

from public.sites import default_site


def visible_pages(site: Site | None = None, roots: list[Page] | None = None) -> PageQuerySet:
    """Live, public, unexpired pages with live ancestors, inside the site (any locale).

    `roots`: the site's roots from `site_roots()`, when the caller has them already.
    """
    pages = (
        Page.objects.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    )
    roots = roots if roots is not None else site_roots(site)
    if roots is not None:
        within = Q(pk__in=[])
        for root in roots:
            within |= Q(path__startswith=root.path, depth__gte=root.depth)
        pages = pages.filter(within)
    for hidden_path in hidden_branch_paths():
        pages = pages.exclude(path__startswith=hidden_path)
    return pages


def site_roots(site: Site | None) -> list[Page] | None:
    """The site's root page in every locale, or None for "any site"."""
    site = site or default_site()
    if site is None:
        return None
    translations = site.root_page.get_translations(inclusive=True)
    return list(translations.only("path", "depth", "url_path", "locale_id"))


def hidden_branch_paths() -> list[str]:
    """Tree paths of unpublished or expired pages that have children.

    A page whose parent is a draft cannot be reached by a reader, so its whole
    branch is hidden. Only pages with children matter, which keeps the list short.
    """
    now = timezone.now()
    hidden = Page.objects.filter(depth__gt=1, numchild__gt=0).filter(
        Q(live=False) | Q(expire_at__lte=now)
    )
    return list(hidden.values_list("path", flat=True))


def is_visible(page: Page, site: Site | None = None) -> bool:
    return visible_pages(site).filter(pk=page.pk).exists()


def hidden_collection_ids() -> set[int]:
    """Collections under a privacy restriction, and every collection inside them.

    Their images and documents never appear in a public endpoint.
    """
    paths = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    if not paths:
        return set()
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(path__startswith=path)
    return set(Collection.objects.filter(inside).values_list("pk", flat=True))
