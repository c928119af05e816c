"""A heading between paragraphs: the only place a body gets headings."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from articles.blocks.base import ApiStructBlock, choice, plain_text

# The heading levels a body may use, defined once: the editor's choice and the API's enum.
HEADING_LEVELS = [("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))]


class HeadingBlock(ApiStructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=255)
    level = blocks.ChoiceBlock(label=_("level"), choices=HEADING_LEVELS, default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict) or not value.get("text"):
            return None
        level = choice(self.child_blocks["level"], value.get("level"))
        return {"text": plain_text(value, "text"), "level": level}
