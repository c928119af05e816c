"""What the content model does when content changes: renditions made ahead of readers,
a page's stored sort date kept in step, and a new news section or document register put
under its approval workflow.

Connected in `ArticlesConfig.ready()`. The workflow rule lives in `editorial.workflows`
(which knows no page model); connecting it to these page types is the content's choice.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, post_page_move

from articles import renditions
from articles.models import DirectiveIndexPage, SectionIndexPage
from articles.models.listing import SOURCE_FIELDS, record_sort_dates
from articles.representations import invalidation
from articles.signals import pages_imported
from editorial.workflows import assign_workflow_to_new_section


def register_signal_handlers() -> None:
    connect_representation_invalidation()
    post_save.connect(
        renditions.on_image_saved, sender=get_image_model(), dispatch_uid="image-renditions"
    )
    page_published.connect(renditions.on_page_published, dispatch_uid="page-renditions")
    # Every page type (Django sends post_save with the concrete class as sender).
    post_save.connect(keep_sort_date, dispatch_uid="page-sort-date")
    pages_imported.connect(keep_sort_dates_of_imported, dispatch_uid="page-sort-date-imported")
    for model in (SectionIndexPage, DirectiveIndexPage):
        post_save.connect(
            assign_workflow_to_new_section,
            sender=model,
            dispatch_uid=f"editorial-workflow-{model._meta.model_name}",
        )


def keep_sort_date(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """Store the page's sort date whenever a save may have changed it.

    A draft saved as a revision only touches revision fields (`update_fields`), so the
    stored date stays the live one. A save through the generic `Page` (Wagtail's move)
    does not carry the type's own date: it is read from the specific page.
    """
    if raw or not isinstance(instance, Page):
        return
    if update_fields is not None and not SOURCE_FIELDS & set(update_fields):
        return
    page = instance
    if type(instance) is Page and instance.specific_class not in (None, Page):
        page = instance.specific
    record_sort_dates([page])


def keep_sort_dates_of_imported(sender, pages: list[Page], **kwargs) -> None:
    """A bulk import writes its pages without save(): their sort dates in one statement."""
    record_sort_dates(pages)


def connect_representation_invalidation() -> None:
    """Stored page JSON (articles/representations/) goes stale with what it shows."""
    pre_save.connect(invalidation.on_page_pre_save, dispatch_uid="representations-page-pre-save")
    post_save.connect(invalidation.on_page_saved, dispatch_uid="representations-page-saved")
    post_delete.connect(invalidation.on_page_deleted, dispatch_uid="representations-page-deleted")
    page_published.connect(
        invalidation.on_page_published, dispatch_uid="representations-page-published"
    )
    post_page_move.connect(invalidation.on_page_moved, dispatch_uid="representations-page-moved")
    post_save.connect(invalidation.on_object_changed, dispatch_uid="representations-saved")
    post_delete.connect(invalidation.on_object_changed, dispatch_uid="representations-deleted")
    renditions.renditions_made.connect(
        invalidation.on_renditions_made, dispatch_uid="representations-renditions-made"
    )
