"""A paragraph of rich text, in the house style."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from articles.api.reference_schemas import html_field
from articles.blocks.base import ApiBlock

# Restrained on purpose: government news follows a house style; no colours,
# no headings inside paragraphs (the heading block does that), no embeds.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class ParagraphBlock(ApiBlock, blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")

    def collect_references(self, value, refs) -> None:
        refs.want_rich_text(value)

    def get_api_representation(self, value, context=None) -> str | None:
        return context["refs"].rich_text(value) if isinstance(value, str) else None

    def api_value_schema(self, name: str):
        return (str, html_field())


# Migrations name the block by the path it had before blocks became a package.
DECONSTRUCT_ALIASES = {ParagraphBlock: "articles.blocks.ParagraphBlock"}
