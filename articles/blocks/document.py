"""A file to download from the body, with the editor's title and description."""

from django.utils.translation import gettext_lazy as _
from ninja import Field
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from articles.blocks.base import ApiStructBlock, plain_text


class DocumentDownloadBlock(ApiStructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(label=_("description"), required=False)

    api_fields = {
        "title": (
            str,
            Field(description="The editor's title, else the document's own. Plain text."),
        ),
    }

    class Meta:
        icon = "doc-full"
        label = _("Document download")

    def collect_references(self, value, refs) -> None:
        if isinstance(value, dict):
            refs.want_document(value.get("document"))

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict):
            return None
        document = context["refs"].document(value.get("document"))
        if document is None:
            return None
        return {
            "document": document,
            "title": plain_text(value, "title") or document["title"],
            "description": plain_text(value, "description"),
        }
