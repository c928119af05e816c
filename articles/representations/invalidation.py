"""Deleting exactly the stored JSON a change makes wrong, and rebuilding it after commit.

A stored row is deleted in the editor's own transaction (so no reader is ever served the
old JSON after the change commits) and rebuilt once the transaction commits, by a task
(`rebuild_stored_pages`). Which rows:

- a page published, unpublished, saved live, moved or deleted: the page, its translations,
  the pages that show it (links, citations, relations, cards, breadcrumbs — recorded as
  dependencies when they were built), the targets of its directive relations (they list
  it as incoming), pages listing the latest content (the home page); when its path or
  its visibility changed, its whole branch too (their URLs and visibility change with it);
- an image (or one of its renditions), a document, a media file or a snippet saved or
  deleted: the pages whose JSON shows it (or one of its translations), found in the
  recorded dependencies and in Wagtail's reference index (two levels deep, so a legal
  field's parent reaches the pages filed under its children), and the pages that show
  those;
- sites, locales, collections and privacy restrictions: everything (rare, and what they
  change — URLs, what is public — is in every row).

Connected in `articles.signal_handlers`.
"""

from contextlib import contextmanager

from django.apps import apps as global_apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from articles.models import DirectiveRelation
from articles.models.representations import PageRepresentation, RepresentationDependency
from articles.representations.build import LATEST_KIND, PAGE_KIND, normalised_kind
from public.visibility import DRAFT_ONLY_FIELDS

# A draft save or a lock, or a child added (numchild): the live JSON does not change.
BOOKKEEPING_FIELDS = DRAFT_ONLY_FIELDS | {"numchild"}
# What the visibility or the URL of every page below a page depends on.
BRANCH_FIELDS = ("url_path", "live", "expire_at", "path")
# Models whose change alters every stored row (URLs, what the public may see).
EVERYTHING = {
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.pageviewrestriction",
}

_pending: set[int] = set()
_pending_all: list[bool] = []
# Pages saved while `deferred()` is active, handled together when it ends.
_deferred: list[set[int]] = []
# How many page ids one invalidation query takes at most.
CHUNK = 1000


@contextmanager
def deferred():
    """Bulk work (an import): page saves are only noted, and the pages saved, their
    branches and what shows them go stale together at the end, in chunks."""
    _deferred.append(set())
    try:
        yield
    finally:
        saved = sorted(_deferred.pop())
        for start in range(0, len(saved), CHUNK):
            pages_changed(set(saved[start : start + CHUNK]), with_branch=True)


def schedule_rebuild(page_ids: set[int] | None) -> None:
    """Rebuild these pages (None: all) once the current transaction commits."""
    if page_ids is None:
        _pending_all.append(True)
    else:
        _pending.update(page_ids)
    # robust: the editor's change is committed; a failed enqueue only leaves pages to be
    # assembled per request (logged), never an error for the editor.
    transaction.on_commit(flush_rebuilds, robust=True)


def flush_rebuilds() -> None:
    from articles.representations.tasks import rebuild_stored_pages

    everything = bool(_pending_all)
    page_ids = sorted(_pending)
    _pending_all.clear()
    _pending.clear()
    if not settings.PAGE_JSON_STORE:
        return
    if everything:
        rebuild_stored_pages.enqueue(None)
    elif page_ids:
        rebuild_stored_pages.enqueue(page_ids)


def mark_stale(page_ids: set[int]) -> None:
    if not page_ids:
        return
    PageRepresentation.objects.filter(page_id__in=page_ids).delete()
    schedule_rebuild(page_ids)


def dependents(kind: str, object_ids) -> set[int]:
    """Pages whose stored JSON shows one of these objects."""
    if not object_ids:
        return set()
    rows = RepresentationDependency.objects.filter(kind=kind, object_id__in=list(object_ids))
    return set(rows.values_list("page_id", flat=True))


def pages_changed(page_ids: set[int], *, with_branch: bool = False) -> None:
    """Pages whose public state changed: they and everything showing them go stale."""
    changed = set(page_ids)
    pages = Page.objects.filter(pk__in=changed)
    if with_branch:
        paths = list(pages.values_list("path", flat=True))
        if paths:
            branch = Q(pk__in=[])
            for path in paths:
                branch |= Q(path__startswith=path)
            changed |= set(Page.objects.filter(branch).values_list("pk", flat=True))
    keys = [key for key in pages.values_list("translation_key", flat=True) if key]
    if keys:
        changed |= set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    targets = DirectiveRelation.objects.filter(source_id__in=list(page_ids))
    changed |= set(targets.values_list("target_id", flat=True))
    mark_stale(changed | dependents(PAGE_KIND, changed) | dependents(LATEST_KIND, [0]))


def objects_changed(model, pk: int, key=None) -> None:
    """An image, document, media file or snippet changed: the pages showing it (or one of
    its translations, `key`) go stale."""
    ids = {pk}
    if key is not None:
        ids |= set(model.objects.filter(translation_key=key).values_list("pk", flat=True))
    kind = normalised_kind(model._meta.label_lower)
    showing = dependents(kind, ids) | referring_pages(model, ids)
    mark_stale(showing | dependents(PAGE_KIND, showing))


def referring_pages(model, ids: set[int], depth: int = 2) -> set[int]:
    """Pages that refer to these objects in Wagtail's reference index, through at most
    `depth` objects (a child legal field refers to its parent)."""
    pages: set[int] = set()
    page_type = ReferenceIndex._get_base_content_type(Page)
    targets = [(ReferenceIndex._get_base_content_type(model), ids)]
    for _ in range(depth):
        found: dict[int, set[int]] = {}
        for content_type, object_ids in targets:
            rows = ReferenceIndex.objects.filter(
                to_content_type=content_type, to_object_id__in=[str(pk) for pk in object_ids]
            ).values_list("base_content_type_id", "object_id")
            for base_type, object_id in rows:
                if object_id.isdigit():
                    found.setdefault(base_type, set()).add(int(object_id))
        pages |= found.pop(page_type.pk, set())
        targets = list(found.items())
        if not targets:
            break
    return pages


def everything_changed() -> None:
    PageRepresentation.objects.all().delete()
    schedule_rebuild(None)


# --- signal receivers ---------------------------------------------------------------------


def is_bookkeeping(update_fields) -> bool:
    return update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS


def on_page_pre_save(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, Page) or instance.pk is None or _deferred:
        return
    if is_bookkeeping(update_fields):
        return
    before = Page.objects.filter(pk=instance.pk).values(*BRANCH_FIELDS).first()
    instance._representation_branch_before = before


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, Page) or is_bookkeeping(update_fields):
        return
    if _deferred:
        _deferred[-1].add(instance.pk)
        return
    before = getattr(instance, "_representation_branch_before", None)
    if not instance.live and not (before and before["live"]):
        return  # a draft, and it was one: nobody may see it, nothing shows it
    branch_changed = before is not None and any(
        before[name] != getattr(instance, name) for name in BRANCH_FIELDS
    )
    pages_changed({instance.pk}, with_branch=branch_changed)


def on_page_published(sender, instance, **kwargs) -> None:
    """After publishing, the page's new directive relations are saved: their targets list it."""
    if _deferred:
        _deferred[-1].add(instance.pk)
        return
    pages_changed({instance.pk})


def on_page_moved(sender, instance, **kwargs) -> None:
    pages_changed({instance.pk}, with_branch=True)


def on_page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        pages_changed({instance.pk})


def on_object_changed(sender, instance, raw=False, **kwargs) -> None:
    """Any model saved or deleted: act if the stored JSON can show it."""
    if raw or isinstance(instance, Page) or sender._meta.apps is not global_apps:
        return  # a page (handled above), a fixture, or a migration's historical model
    label = sender._meta.label_lower
    if label in EVERYTHING:
        everything_changed()
    elif is_rendition(instance):
        objects_changed(get_image_model(), instance.image_id)
    elif is_shown_object(sender):
        objects_changed(sender, instance.pk, getattr(instance, "translation_key", None))


def is_rendition(instance) -> bool:
    from wagtail.images.models import AbstractRendition

    return isinstance(instance, AbstractRendition)


def is_shown_object(model) -> bool:
    from wagtail.snippets.models import get_snippet_models

    if normalised_kind(model._meta.label_lower) in ("image", "document", "media"):
        return True
    return model in get_snippet_models()


def on_renditions_made(sender, image_ids, **kwargs) -> None:
    """New sizes of these images: the pages showing them list them now."""
    for image_id in image_ids:
        objects_changed(get_image_model(), image_id)
