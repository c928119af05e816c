"""Thông báo nổi bật: a highlighted box editors use for deadlines and warnings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from articles.blocks.base import ApiStructBlock, choice, plain_text
from articles.blocks.paragraph import PARAGRAPH_FEATURES


class NoticeBlock(ApiStructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=255)
    text = blocks.RichTextBlock(label=_("text"), features=PARAGRAPH_FEATURES)
    tone = blocks.ChoiceBlock(
        label=_("tone"),
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
    )

    class Meta:
        icon = "warning"
        label = _("Notice")

    def collect_references(self, value, refs) -> None:
        if isinstance(value, dict):
            refs.want_rich_text(value.get("text"))

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict):
            return None
        return {
            "title": plain_text(value, "title"),
            "text": context["refs"].rich_text(str(value.get("text") or "")),
            "tone": choice(self.child_blocks["tone"], value.get("tone")),
        }
