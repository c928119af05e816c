"""A reference to a document in the site's own register, linked structurally."""

from django.utils.translation import gettext_lazy as _
from ninja import Field
from wagtail import blocks

from articles.api.reference_schemas import CitedDocument
from articles.blocks.base import ApiStructBlock, plain_text


class CitationBlock(ApiStructBlock):
    directive = blocks.PageChooserBlock(label=_("document"), page_type="articles.DirectivePage")
    provision = blocks.CharBlock(
        label=_("provision"),
        required=False,
        max_length=255,
        help_text=_("The cited part, e.g. Điều 5, khoản 2."),
    )
    note = blocks.TextBlock(label=_("note"), required=False)

    api_fields = {
        "directive": (
            CitedDocument | None,
            Field(description="Null when the cited document is not (or no longer) published."),
        ),
    }

    class Meta:
        icon = "link"
        label = _("Document citation")

    def collect_references(self, value, refs) -> None:
        if isinstance(value, dict):
            refs.want_page(value.get("directive"))

    def get_api_representation(self, value, context=None) -> dict | None:
        """`context["cited"]` maps a cited document's id to its number (loaded by the caller)."""
        if not isinstance(value, dict):
            return None
        link = context["refs"].linked_page(value.get("directive"))
        if link is not None:
            link["number"] = context["cited"].get(link["id"], "")
        return {
            "directive": link,
            "provision": plain_text(value, "provision"),
            "note": plain_text(value, "note"),
        }
