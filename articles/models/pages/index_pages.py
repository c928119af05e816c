"""Section listings editors build the site from: news sections, the document register,
gallery libraries."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from articles.models.pages.common import INTRO_FEATURES
from articles.preview import HeadlessPreviewMixin
from editorial.forms import EditorialPageForm


class IndexPage(HeadlessPreviewMixin, Page):
    """Shared shape of the section listings editors build the site from."""

    base_form_class = EditorialPageForm  # refuses to overwrite a colleague's newer save

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True


class SectionIndexPage(IndexPage):
    """A news section: "Tin tức – Sự kiện", "Phổ biến, giáo dục pháp luật"."""

    parent_page_types = ["home.HomePage", "articles.SectionIndexPage"]
    subpage_types = [
        "articles.ArticlePage",
        "articles.SectionIndexPage",
        "articles.DocumentLibraryPage",
    ]

    class Meta:
        verbose_name = _("news section")
        verbose_name_plural = _("news sections")


class DirectiveIndexPage(IndexPage):
    """The register of documents: "Văn bản chỉ đạo, điều hành"."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.DirectivePage"]

    class Meta:
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")


class GalleryIndexPage(IndexPage):
    """ "Thư viện ảnh" or "Thư viện video"."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.GalleryPage"]

    class Meta:
        verbose_name = _("gallery library")
        verbose_name_plural = _("gallery libraries")
