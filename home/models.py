"""The site shell: the home page, the organisation's settings and the menus."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

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

    # Which page model each section accepts; also the automatic filling rule.
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
        from articles.models import ArticlePage, DirectivePage, GalleryPage

        live = {"live": True, "locale": home.locale}
        if section == cls.Section.FEATURED:
            return ArticlePage.objects.filter(is_featured=True, **live).order_by("-display_date")
        if section == cls.Section.ANNOUNCEMENTS:
            return ArticlePage.objects.filter(is_announcement=True, **live).order_by(
                "-display_date"
            )
        if section == cls.Section.DIRECTIVES:
            return DirectivePage.objects.filter(**live).order_by("-issue_date")
        return GalleryPage.objects.filter(**live).order_by("-display_date")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or, failing that, to an outside URL."""

    label = blocks.CharBlock(label=_("label"), max_length=120)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external URL"), required=False)

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose either a page or a URL."))}
            )
        return value


class MenuItemBlock(LinkBlock):
    children = blocks.ListBlock(LinkBlock(), label=_("sub-items"), required=False)


@register_snippet
class Menu(TranslatableMixin, ClusterableModel):
    """A named navigation menu ("main", "footer"), two levels deep as portals use them."""

    title = models.CharField(_("title"), max_length=100)
    handle = models.SlugField(
        _("handle"), max_length=50, help_text=_("How the frontend asks for it, e.g. main.")
    )
    items = StreamField([("item", MenuItemBlock())], verbose_name=_("items"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("handle"), FieldPanel("items")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        unique_together = [("translation_key", "locale"), ("handle", "locale")]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def for_locale(cls, handle: str, locale: "Locale | str") -> "Menu | None":
        """The menu with this handle in `locale`, else the default locale's (Vietnamese)
        one; compare the result's `locale` to tell a fallback. None if there is neither."""
        menus = cls.objects.filter(handle=handle).select_related("locale")
        code = locale if isinstance(locale, str) else locale.language_code
        return (
            menus.filter(locale__language_code=code).first()
            or menus.filter(locale=Locale.get_default()).first()
        )


@dataclass(frozen=True)
class LocalisedSiteSettings:
    """Site settings as readers of one language see them (`SiteSettings.for_locale`)."""

    language_code: str
    # False when no translation exists for the language and the Vietnamese texts are shown.
    translated: bool
    organisation_name: str
    governing_body: str
    address: str
    phone: str
    fax: str
    email: str
    head_of_editorial_board: str
    licence_note: str
    logo: object
    footer_links: object


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """The organisation behind the portal: what every page's header and footer show."""

    organisation_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    governing_body = models.CharField(
        _("governing body"),
        max_length=255,
        blank=True,
        help_text=_("The body above the organisation, e.g. UBND tỉnh Sóc Trăng."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    head_of_editorial_board = models.CharField(
        _("responsible for content"), max_length=255, blank=True
    )
    licence_note = models.CharField(
        _("licence note"),
        max_length=255,
        blank=True,
        help_text=_("The portal's operating licence line shown in the footer."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_links = StreamField([("link", LinkBlock())], verbose_name=_("footer links"), blank=True)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("organisation_name"),
                            FieldPanel("governing_body"),
                            FieldPanel("logo"),
                        ],
                        heading=_("Organisation"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("address"),
                            FieldPanel("phone"),
                            FieldPanel("fax"),
                            FieldPanel("email"),
                        ],
                        heading=_("Contact"),
                    ),
                ],
                heading=_("Organisation"),
            ),
            ObjectList(
                [
                    FieldPanel("head_of_editorial_board"),
                    FieldPanel("licence_note"),
                    FieldPanel("footer_links"),
                ],
                heading=_("Footer"),
            ),
            ObjectList(
                [InlinePanel("translations", label=_("language"))],
                heading=_("Other languages"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("site settings")

    def for_locale(self, locale: "Locale | str") -> LocalisedSiteSettings:
        """These settings in one language: its translated texts where an editor gave
        them (tab "Other languages"), the Vietnamese ones otherwise; contacts, logo
        and, unless translated, the footer links are the same in every language."""
        code = locale if isinstance(locale, str) else locale.language_code
        translation = next(
            (t for t in self.translations.all() if t.locale.language_code == code), None
        )

        def text(name: str) -> str:
            return (translation and getattr(translation, name)) or getattr(self, name)

        return LocalisedSiteSettings(
            language_code=code,
            translated=translation is not None,
            **{name: text(name) for name in SiteSettingsTranslation.TEXTS},
            phone=self.phone,
            fax=self.fax,
            email=self.email,
            logo=self.logo,
            footer_links=(
                translation.footer_links
                if translation and translation.footer_links
                else self.footer_links
            ),
        )


class SiteSettingsTranslation(Orderable):
    """The texts of the site settings in another language than Vietnamese. Blank
    fields fall back to the Vietnamese text."""

    TEXTS = (
        "organisation_name",
        "governing_body",
        "address",
        "head_of_editorial_board",
        "licence_note",
    )

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="translations")
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    organisation_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    governing_body = models.CharField(_("governing body"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    head_of_editorial_board = models.CharField(
        _("responsible for content"), max_length=255, blank=True
    )
    licence_note = models.CharField(_("licence note"), max_length=255, blank=True)
    footer_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("footer links"),
        blank=True,
        help_text=_("Leave empty to show the Vietnamese footer links."),
    )

    panels = [
        FieldPanel("locale"),
        *(FieldPanel(name) for name in TEXTS),
        FieldPanel("footer_links"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("site settings in another language")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="unique_site_settings_translation"
            )
        ]

    def clean(self):
        super().clean()
        if self.locale_id and self.locale_id == Locale.get_default().pk:
            message = _("The Vietnamese texts are the settings themselves, on the other tabs.")
            raise ValidationError({"locale": message})


class PageVisits(models.Model):
    """Lượt truy cập (views) of one page on one day, in the site's time zone.

    One row per page per day keeps "today" and "all time" cheap to answer and
    lets a view be counted with a single upsert (see `home.api`).
    """

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page visits")
        verbose_name_plural = _("page visits")
        constraints = [
            models.UniqueConstraint(fields=["page", "date"], name="unique_page_visits_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.date}: {self.count}"


class SiteVisits(models.Model):
    """Views of the whole portal on one day: the footer's "Số lượt truy cập — Tất cả".

    Kept apart from PageVisits so that deleting a page never lowers the site's
    total, and so the total is one small table's sum rather than every page's.
    """

    date = models.DateField(_("date"), unique=True)
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("site visits")
        verbose_name_plural = _("site visits")

    def __str__(self) -> str:
        return f"{self.date}: {self.count}"


from home.content_version import ContentVersion  # noqa: E402,F401
from home.webhooks import Webhook, WebhookDelivery  # noqa: E402,F401
