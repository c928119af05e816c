"""The organisation behind the portal (Thông tin chung), in every language."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable

from home.models.menus import LinkBlock


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
