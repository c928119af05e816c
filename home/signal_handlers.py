"""What home does when content changes: the content version (and the cache purges that
go with it) and the frontend's revalidation webhooks.

Connected in `HomeConfig.ready()`, so they hold in every process whatever is imported
first, and each `dispatch_uid` keeps a second connection from doubling them.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.signals import pages_imported
from home import content_version
from home.frontend_cache import purge_page_api_urls, purge_site_data_urls
from home.webhooks import WebhookEvent, notify
from public.visibility import DRAFT_ONLY_FIELDS


def on_page_changed(sender, instance: Page, **kwargs) -> None:
    """A publish, unpublish, move or delete: what the public sees has changed."""
    content_version.bump()
    purge_page_api_urls(instance)


def on_page_saved(sender, instance: Page, created: bool = False, update_fields=None, **kwargs):
    """A page row written other than by a draft save: a new page (the tree's shape, a
    parent's child count), or a field written directly (`live`, `expire_at`, a live
    page's content by a script). Visibility can change with no publish signal, so bump.
    A publish saves the whole row and bumps twice: harmless."""
    if kwargs.get("raw") or not issubclass(sender, Page):
        return
    if not created and update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    content_version.bump()


def on_model_changed(sender, instance, **kwargs) -> None:
    """A snippet, setting, image… saved or deleted: bump if the public API shows it."""
    # Migrations save historical models (module "__fake__"), before this table may exist.
    if kwargs.get("raw") or sender.__module__ == "__fake__":
        return
    if not content_version.is_public_model(sender):
        return
    content_version.bump()
    purge_site_data_urls()


def on_pages_imported(sender, pages: list[Page], **kwargs) -> None:
    """A bulk import wrote a batch of pages: one bump and one purge for the batch.
    No webhook per page: frontends re-read the site after a bulk import."""
    content_version.bump()
    purge_site_data_urls()


def on_page_published(sender, instance: Page, **kwargs) -> None:
    notify(WebhookEvent.PUBLISH, instance)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    notify(WebhookEvent.UNPUBLISH, instance)


def on_page_moved(sender, instance: Page, url_path_before: str, **kwargs) -> None:
    notify(WebhookEvent.MOVE, instance, previous_url_path=url_path_before)


def on_page_deleted(sender, instance: Page, **kwargs) -> None:
    notify(WebhookEvent.DELETE, instance)


def register_signal_handlers() -> None:
    page_published.connect(on_page_changed, dispatch_uid="content-version-page-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="content-version-page-unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="content-version-page-moved")
    post_delete.connect(on_page_changed, sender=Page, dispatch_uid="content-version-page-deleted")
    post_save.connect(on_page_saved, dispatch_uid="content-version-page-saved")
    post_save.connect(on_model_changed, dispatch_uid="content-version-model-saved")
    post_delete.connect(on_model_changed, dispatch_uid="content-version-model-deleted")
    pages_imported.connect(on_pages_imported, dispatch_uid="content-version-pages-imported")

    page_published.connect(on_page_published, dispatch_uid="webhooks-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks-page-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="webhooks-page-moved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="webhooks-page-deleted")
