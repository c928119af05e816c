"""A quotation with who said it."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from articles.blocks.base import ApiStructBlock, plain_text


class QuoteBlock(ApiStructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict):
            return None
        return {"text": plain_text(value, "text"), "attribution": plain_text(value, "attribution")}
