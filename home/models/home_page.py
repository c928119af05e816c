"""The home page: one per site and language, and the highlights editors pick for it."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from articles.preview import HeadlessPreviewMixin
from editorial.forms import EditorialPageForm


class HomePage(HeadlessPreviewMixin, Page):
    """One per site. Editors pick what the front page highlights; empty slots fill themselves."""

    base_form_class = EditorialPageForm  # refuses to overwrite a colleague's newer save

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.SectionIndexPage",
        "articles.DirectiveIndexPage",
        "articles.GalleryIndexPage",
        "articles.DocumentLibraryPage",
        "articles.StandardPage",
    ]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("highlights", heading=_("Highlights"), label=_("highlight")),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def highlighted(self, section: str, limit: int = 5) -> list[Page]:
        """Pages editors picked for a section, else the latest that fit it."""
        picked = [
            h.page.specific
            for h in self.highlights.filter(section=section).select_related("page")
            if h.page.live
        ]
        if picked:
            return picked[:limit]
        return list(HomePageHighlight.latest_for_section(section, self)[:limit])


class HomePageHighlight(Orderable):
    class Section(models.TextChoices):
        FEATURED = "featured", _("Featured articles")
        ANNOUNCEMENTS = "announcements", _("Latest announcements")
        DIRECTIVES = "directives", _("Latest directives")
        GALLERIES = "galleries", _("Galleries")

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("section"), FieldPanel("page")]

    # Which page model each section accepts and fills itself from; named, not imported,
    # as the content apps load after home.
    SECTION_MODELS = {
        Section.FEATURED: ("articles", "articlepage"),
        Section.ANNOUNCEMENTS: ("articles", "articlepage"),
        Section.DIRECTIVES: ("articles", "directivepage"),
        Section.GALLERIES: ("articles", "gallerypage"),
    }

    def clean(self):
        super().clean()
        if not self.page_id:
            return
        app_label, model = self.SECTION_MODELS[self.section]
        content_type = self.page.content_type
        if (content_type.app_label, content_type.model) != (app_label, model):
            raise ValidationError({"page": _("This page does not belong in the chosen section.")})
        specific = self.page.specific
        if self.section == self.Section.ANNOUNCEMENTS and not specific.is_announcement:
            raise ValidationError({"page": _("This article is not marked as an announcement.")})

    @classmethod
    def latest_for_section(cls, section: str, home: HomePage):
        """The automatic filling: the newest live pages of the section's model."""
        model = apps.get_model(*cls.SECTION_MODELS[section])
        pages = model.objects.filter(live=True, locale=home.locale)
        if section == cls.Section.FEATURED:
            pages = pages.filter(is_featured=True)
        elif section == cls.Section.ANNOUNCEMENTS:
            pages = pages.filter(is_announcement=True)
        date = "-issue_date" if section == cls.Section.DIRECTIVES else "-display_date"
        return pages.order_by(date)
