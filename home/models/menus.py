"""Navigation menus and the link block menus and footers are made of."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet


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
