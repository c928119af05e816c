"""News articles (tin bài), their attachments, related pages and tags."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from articles.blocks import body_blocks
from articles.models.pages.attachments import PageAttachment
from articles.models.pages.common import tabbed, today
from articles.preview import HeadlessPreviewMixin
from articles.widgets import TreeCheckboxSelectMultiple
from editorial.forms import EditorialPageForm


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(HeadlessPreviewMixin, Page):
    base_form_class = EditorialPageForm
    lead = models.TextField(_("lead"), blank=True, help_text=_("Sapo: the opening summary."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("image caption"), max_length=500, blank=True)
    hero_credit = models.CharField(_("image credit"), max_length=255, blank=True)
    body = StreamField(body_blocks(), verbose_name=_("body"), blank=True)
    byline = models.ForeignKey(
        "articles.Byline",
        verbose_name=_("byline"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    categories = ParentalManyToManyField(
        "articles.Category", verbose_name=_("categories"), blank=True, related_name="articles"
    )
    tags = ClusterTaggableManager(through=ArticleTag, verbose_name=_("tags"), blank=True)
    display_date = models.DateField(
        _("date shown"),
        default=today,
        db_index=True,
        help_text=_("The date readers see; publishing time is set separately."),
    )
    is_announcement = models.BooleanField(_("announcement"), default=False, db_index=True)
    is_featured = models.BooleanField(_("featured"), default=False, db_index=True)
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("E.g. Báo Sóc Trăng.")
    )

    parent_page_types = ["articles.SectionIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]
    metadata_panels = [
        FieldRowPanel([FieldPanel("display_date"), FieldPanel("byline")]),
        FieldPanel("source"),
        FieldRowPanel([FieldPanel("is_announcement"), FieldPanel("is_featured")]),
        FieldPanel("categories", widget=TreeCheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel("related_pages", heading=_("Related pages"), label=_("related page")),
    ]
    edit_handler = tabbed(content_panels, metadata_panels)

    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.SearchField("hero_caption"),
        index.FilterField("display_date"),
        index.FilterField("is_announcement"),
        index.FilterField("is_featured"),
        index.RelatedFields("byline", [index.SearchField("name")]),
    ]

    override_translatable_fields = [
        SynchronizedField("display_date"),
        SynchronizedField("hero_image"),
        SynchronizedField("byline"),
        SynchronizedField("is_announcement"),
        SynchronizedField("is_featured"),
        TranslatableField("hero_caption"),
        TranslatableField("lead"),
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


class ArticleAttachment(PageAttachment):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")


class ArticleRelatedPage(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_pages")
    related = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related")]

    def clean(self):
        super().clean()
        if self.related_id and self.related_id == self.page_id:
            raise ValidationError({"related": _("A page cannot be related to itself.")})
