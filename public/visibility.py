"""Which pages the public may see: the one rule every public endpoint applies.

Wagtail's `live()` and `public()` are not quite enough for a headless site:
- a page past its expiry time stays `live` until `publish_scheduled` next runs;
- a live page under an unpublished parent is unreachable on a rendered site,
  but `live()` alone would still list it;
- pages outside the site's tree (another site, a trash folder) have no URL here.

What every request would recompute and what changes only with content (the site's
roots, the privacy-restricted paths, the hidden branches) is kept per process in
`public.memo`, keyed on the request's content version (`generation`) and expiring at
the next moment time alone changes the hidden branches (the earliest future expiry
of a page with children). Without a generation nothing is kept: each call reads.
"""

from collections.abc import Hashable

from django.db.models import Min, Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from public import memo
from public.sites import default_site

# What saving a draft or a revision, or locking, writes on the page row: nothing the
# public sees, so such a save changes no served JSON and no visibility.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def visible_pages(
    site: Site | None = None,
    roots: list[Page] | None = None,
    generation: Hashable | None = None,
) -> PageQuerySet:
    """Live, public, unexpired pages with live ancestors, inside the site (any locale).

    `roots`: the site's roots from `site_roots()`, when the caller has them already.
    `generation`: the request's content version (see `public.memo`), or None.
    """
    pages = Page.objects.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    roots = roots if roots is not None else site_roots(site, generation)
    if roots is not None:
        within = Q(pk__in=[])
        for root in roots:
            within |= Q(path__startswith=root.path, depth__gte=root.depth)
        pages = pages.filter(within)
    # Wagtail's public(): nothing at or under a page with a view restriction.
    for path in restricted_paths(generation) + hidden_branch_paths(generation):
        pages = pages.exclude(path__startswith=path)
    return pages


def site_roots(site: Site | None, generation: Hashable | None = None) -> list[Page] | None:
    """The site's root page in every locale, or None for "any site"."""
    site = site or default_site(generation)
    if site is None:
        return None

    def read() -> list[Page]:
        translations = site.root_page.get_translations(inclusive=True)
        return list(translations.only("path", "depth", "url_path", "locale_id"))

    return memo.get(generation, ("roots", site.pk, site.root_page_id), read)


def restricted_paths(generation: Hashable | None = None) -> list[str]:
    """Tree paths of pages with a view restriction (password, login, groups)."""

    def read() -> list[str]:
        rows = PageViewRestriction.objects.values_list("page__path", flat=True)
        return sorted(set(rows))

    return memo.get(generation, "restricted", read)


def hidden_branch_paths(generation: Hashable | None = None) -> list[str]:
    """Tree paths of unpublished or expired pages that have children.

    A page whose parent is a draft cannot be reached by a reader, so its whole
    branch is hidden. Only pages with children matter, which keeps the list short.
    """

    def read() -> list[str]:
        now = timezone.now()
        branches = Page.objects.filter(depth__gt=1, numchild__gt=0)
        hidden = branches.filter(Q(live=False) | Q(expire_at__lte=now))
        return list(hidden.values_list("path", flat=True))

    return memo.get(generation, "hidden", read)


def next_branch_expiry():
    """When a page with children next expires: the hidden branches change then, with
    no content change to bump the version. The memo's values expire at that moment."""
    branches = Page.objects.filter(depth__gt=1, numchild__gt=0, expire_at__gt=timezone.now())
    return branches.aggregate(first=Min("expire_at"))["first"]


memo.set_expiry(next_branch_expiry)


def is_visible(page: Page, site: Site | None = None) -> bool:
    return visible_pages(site).filter(pk=page.pk).exists()


def hidden_collection_ids(generation: Hashable | None = None) -> frozenset[int]:
    """Collections under a privacy restriction, and every collection inside them.

    Their images and documents never appear in a public endpoint.
    """
    return memo.get(generation, "hidden-collections", read_hidden_collection_ids)


def read_hidden_collection_ids() -> frozenset[int]:
    paths = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    if not paths:
        return frozenset()
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(path__startswith=path)
    return frozenset(Collection.objects.filter(inside).values_list("pk", flat=True))
