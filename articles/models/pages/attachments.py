"""A file attached to a page: the same row under news articles, documents and document
libraries."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class PageAttachment(TranslatableMixin, Orderable):
    """A document with an optional title; a subclass adds its `page` ParentalKey."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    # The file travels to every translation as it is; its title is translated.
    override_translatable_fields = [SynchronizedField("document"), TranslatableField("title")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
