"""The StreamField blocks every page type shares.

Each block's JSON shape in the API is documented in the README ("Body blocks")
and is part of the public contract: change a block, change the docs and the
schema snapshot together.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Restrained on purpose: government news follows a house style; no colours,
# no headings inside paragraphs (the heading block does that), no embeds.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=255)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=255)
    alignment = blocks.ChoiceBlock(
        label=_("alignment"),
        choices=[("full", _("Full width")), ("left", _("Left")), ("right", _("Right"))],
        default="full",
    )

    class Meta:
        icon = "image"
        label = _("Image")


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=255)

    class Meta:
        icon = "image"


class ImageGalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=255)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("Image gallery")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")


class VideoEmbedBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)

    class Meta:
        icon = "media"
        label = _("Embedded video")


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")


class NoticeBlock(blocks.StructBlock):
    """Thông báo nổi bật: a highlighted box editors use for deadlines and warnings."""

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


class CitationBlock(blocks.StructBlock):
    """A reference to a document in the site's own register, linked structurally."""

    directive = blocks.PageChooserBlock(label=_("document"), page_type="articles.DirectivePage")
    provision = blocks.CharBlock(
        label=_("provision"),
        required=False,
        max_length=255,
        help_text=_("The cited part, e.g. Điều 5, khoản 2."),
    )
    note = blocks.TextBlock(label=_("note"), required=False)

    class Meta:
        icon = "link"
        label = _("Document citation")


class BodyTableBlock(TableBlock):
    def clean(self, value):
        value = super().clean(value)
        rows = (value or {}).get("data") or []
        if not any(cell for row in rows for cell in row if cell not in (None, "")):
            raise ValidationError(_("A table needs at least one filled cell."))
        return value

    class Meta:
        icon = "table"
        label = _("Table")


def body_blocks() -> list[tuple[str, blocks.Block]]:
    """The block choices of every body StreamField, in the order editors see them."""
    return [
        ("paragraph", ParagraphBlock()),
        ("heading", HeadingBlock()),
        ("image", ImageBlock()),
        ("gallery", ImageGalleryBlock()),
        ("quote", QuoteBlock()),
        ("table", BodyTableBlock()),
        ("embed", VideoEmbedBlock()),
        ("document", DocumentDownloadBlock()),
        ("notice", NoticeBlock()),
        ("citation", CitationBlock()),
    ]
