"""Document libraries: a page listing files to download."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from articles.models.pages.attachments import PageAttachment
from articles.models.pages.common import INTRO_FEATURES
from articles.preview import HeadlessPreviewMixin
from editorial.forms import EditorialPageForm


class DocumentLibraryPage(HeadlessPreviewMixin, Page):
    """A dated list of downloads, like "Tài liệu Bồi thường nhà nước (31/05/2021)"."""

    base_form_class = EditorialPageForm

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    parent_page_types = ["home.HomePage", "articles.SectionIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("entries", heading=_("Documents"), label=_("document"), min_num=1),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("document library")
        verbose_name_plural = _("document libraries")


class DocumentLibraryEntry(PageAttachment):
    page = ParentalKey(DocumentLibraryPage, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("document"),
        FieldPanel("title"),
        FieldPanel("date"),
        FieldPanel("description"),
    ]

    # The file and its date travel as they are; its title and description are translated.
    override_translatable_fields = [
        SynchronizedField("document"),
        SynchronizedField("date"),
        TranslatableField("title"),
        TranslatableField("description"),
    ]

    class Meta(PageAttachment.Meta):
        verbose_name = _("document")
