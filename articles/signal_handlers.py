"""What the content model does when content changes: renditions made ahead of readers,
and a new news section or document register put under its approval workflow.

Connected in `ArticlesConfig.ready()`. The workflow rule lives in `editorial.workflows`
(which knows no page model); connecting it to these page types is the content's choice.
"""

from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published

from articles import renditions
from articles.models import DirectiveIndexPage, SectionIndexPage
from editorial.workflows import assign_workflow_to_new_section


def register_signal_handlers() -> None:
    post_save.connect(
        renditions.on_image_saved, sender=get_image_model(), dispatch_uid="image-renditions"
    )
    page_published.connect(renditions.on_page_published, dispatch_uid="page-renditions")
    for model in (SectionIndexPage, DirectiveIndexPage):
        post_save.connect(
            assign_workflow_to_new_section,
            sender=model,
            dispatch_uid=f"editorial-workflow-{model._meta.model_name}",
        )
