from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editors' day: roles, approval workflows, the dashboard."""

    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from articles.models import DirectiveIndexPage, SectionIndexPage
        from editorial.roles import complete_administrators_role
        from editorial.workflows import assign_workflow_to_new_section

        post_migrate.connect(
            complete_administrators_role, sender=self, dispatch_uid="editorial-administrators"
        )
        for model in (SectionIndexPage, DirectiveIndexPage):
            post_save.connect(
                assign_workflow_to_new_section,
                sender=model,
                dispatch_uid=f"editorial-workflow-{model._meta.model_name}",
            )
