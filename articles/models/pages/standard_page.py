"""A plain page: introduction, functions and duties, contacts."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from articles.blocks import body_blocks
from articles.preview import HeadlessPreviewMixin
from editorial.forms import EditorialPageForm


class StandardPage(HeadlessPreviewMixin, Page):
    """A plain page: introduction, functions and duties, contacts."""

    base_form_class = EditorialPageForm

    body = StreamField(body_blocks(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "articles.StandardPage"]
    subpage_types = ["articles.StandardPage"]
    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
