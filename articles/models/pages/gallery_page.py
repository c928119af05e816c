"""Photo and video galleries (thư viện ảnh, video)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from articles.forms import GalleryPageForm
from articles.models.pages.common import INTRO_FEATURES, tabbed, today
from articles.preview import HeadlessPreviewMixin


class GalleryPage(HeadlessPreviewMixin, Page):
    class MediaType(models.TextChoices):
        PHOTO = "photo", _("Photo gallery")
        VIDEO = "video", _("Video gallery")

    media_type = models.CharField(
        _("gallery type"), max_length=10, choices=MediaType.choices, default=MediaType.PHOTO
    )
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    display_date = models.DateField(_("date shown"), default=today, db_index=True)

    parent_page_types = ["articles.GalleryIndexPage"]
    subpage_types: list[str] = []
    base_form_class = GalleryPageForm

    content_panels = Page.content_panels + [
        FieldPanel("media_type"),
        FieldPanel("intro"),
        FieldPanel("cover_image"),
        InlinePanel("photos", heading=_("Photos"), label=_("photo")),
        InlinePanel("videos", heading=_("Videos"), label=_("video")),
    ]
    metadata_panels = [FieldPanel("display_date")]
    edit_handler = tabbed(content_panels, metadata_panels)

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.FilterField("media_type"),
        index.FilterField("display_date"),
    ]

    override_translatable_fields = [
        SynchronizedField("media_type"),
        SynchronizedField("cover_image"),
        SynchronizedField("display_date"),
    ]

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")


class GalleryPhoto(TranslatableMixin, Orderable):
    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("credit")]

    # The photo is the same in every language; what is written under it is translated.
    override_translatable_fields = [
        SynchronizedField("image"),
        TranslatableField("caption"),
        TranslatableField("credit"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass


class GalleryVideo(TranslatableMixin, Orderable):
    """A video by URL through Wagtail embeds (YouTube, Facebook, Vimeo) or an uploaded file."""

    page = ParentalKey(GalleryPage, on_delete=models.CASCADE, related_name="videos")
    url = models.URLField(_("video URL"), blank=True)
    media = models.ForeignKey(
        "wagtailmedia.Media",
        verbose_name=_("uploaded video"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)

    panels = [
        FieldPanel("url"),
        FieldPanel("media"),
        FieldPanel("title"),
        FieldPanel("caption"),
    ]

    # The video (link or upload) is the same in every language; its texts are translated.
    override_translatable_fields = [
        SynchronizedField("url"),
        SynchronizedField("media"),
        TranslatableField("title"),
        TranslatableField("caption"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        pass

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.media_id):
            raise ValidationError(
                {"url": _("Give either a video URL or an uploaded video, not both.")}
            )
