from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    """The content model: news, directives and legal documents, galleries."""

    name = "articles"
    verbose_name = _("Content")

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.signals import page_published

        from articles import renditions

        post_save.connect(
            renditions.on_image_saved, sender=get_image_model(), dispatch_uid="image-renditions"
        )
        page_published.connect(renditions.on_page_published, dispatch_uid="page-renditions")
