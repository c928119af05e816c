"""What every body block knows about the API: its references, its value, its schema.

Bodies are rendered from the stored (raw) block data, not from Wagtail's block
values, so that choosers do not fetch their image, document or page one by one:
`collect_references` notes every id in the response's References, and
`get_api_representation(value, context)` reads them once loaded
(`context["refs"]`). A block whose image or document is gone or hidden answers
None and is left out of the body.

The schema of a block's value is derived from its child blocks (plain text,
HTML, choices, images, documents, lists of structs), so a field is declared once,
on the block; `api_fields` overrides the few whose API shape differs.
"""

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import create_model
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from articles.api.reference_schemas import Document, Image, html_field, plain_text_field
from articles.api.rich_text import without_markup


class Block(Schema):
    id: str = Field(description="Stable across revisions; use it as a React key.")


def choice_values(block: blocks.ChoiceBlock) -> tuple[str, ...]:
    return tuple(str(value) for value, _ in block.field.choices if value != "")


def choice(block: blocks.ChoiceBlock, value) -> str:
    """A stored choice, or the block's default if the stored one is no longer offered."""
    return value if value in choice_values(block) else block.get_default()


def plain_text(value: dict, key: str) -> str:
    """A block's plain-text field: markup stored through the model is stripped."""
    return without_markup(str(value.get(key) or ""))


def list_items(value) -> list[dict]:
    """ListBlock items are stored as {"type": "item", "value": ..., "id": ...} (Wagtail ≥ 2.16)."""
    items = []
    for item in value or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item = item["value"]
        if isinstance(item, dict):
            items.append(item)
    return items


def field_schema(block: blocks.Block, name: str) -> tuple[Any, Any]:
    """The API type of one child block's value, with its description."""
    if isinstance(block, blocks.RichTextBlock):
        return (str, html_field())
    if isinstance(block, blocks.ChoiceBlock):
        return (Literal[choice_values(block)], ...)
    if isinstance(block, ImageChooserBlock):
        return (Image, ...)
    if isinstance(block, DocumentChooserBlock):
        return (Document, ...)
    if isinstance(block, blocks.ListBlock):
        return (list[struct_schema(block.child_block, name)], ...)
    if isinstance(block, blocks.FieldBlock):
        return (str, plain_text_field())
    raise TypeError(f"No API type for {type(block).__name__}; give it in api_fields.")


def struct_schema(block: blocks.StructBlock, name: str, overrides: dict | None = None):
    """A schema named `name` with one field per child block, in the editor's order."""
    overrides = overrides or {}
    renamed = getattr(block, "api_names", {})
    fields = {}
    for child_name, child in block.child_blocks.items():
        api_name = renamed.get(child_name, child_name)
        fields[api_name] = overrides.get(api_name) or field_schema(child, type(child).__name__)
    schema_name = getattr(block, "api_schema_name", None) or name
    return create_model(schema_name, __base__=Schema, **fields)


class ApiBlock:
    """Mixin for body blocks: the block's API value and the schema derived from it."""

    def collect_references(self, value, refs) -> None:
        """Note the images, documents and pages this value refers to (nothing by default)."""

    def get_api_representation(self, value, context=None):
        raise NotImplementedError

    def api_value_schema(self, name: str) -> tuple[Any, Any]:
        raise NotImplementedError

    def api_schema(self, name: str) -> type[Schema]:
        """`{"type": name, "id", "value"}`: one member of the body's discriminated union."""
        return create_model(
            f"{name.capitalize()}Block",
            __base__=Block,
            type=(Literal[name], ...),
            value=self.api_value_schema(name),
        )


class ApiStructBlock(ApiBlock, blocks.StructBlock):
    """A struct whose API value schema is derived from its children (see `api_fields`)."""

    #: API names whose shape differs from the one derived: name -> (type, Field).
    api_fields: dict[str, tuple[Any, Any]] = {}
    #: Children the API shows under another name: child name -> API name.
    api_names: dict[str, str] = {}

    def api_value_schema(self, name: str):
        return (struct_schema(self, f"{name.capitalize()}Value", self.api_fields), ...)

    def get_searchable_content(self, value) -> list[str]:
        """The children's text, without choices: an alignment, a heading level or a notice's
        tone says how the content looks, and its label ("Toàn khổ") is not what it says."""
        if not self.search_index:
            return []
        return [
            text
            for name, block in self.child_blocks.items()
            if not isinstance(block, blocks.ChoiceBlock)
            for text in block.get_searchable_content(value.get(name, block.get_default()))
        ]
