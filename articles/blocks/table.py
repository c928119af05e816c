"""A table of plain-text cells (figures, lists of offices), with optional header row/column."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from ninja import Field, Schema
from wagtail.contrib.table_block.blocks import TableBlock

from articles.api.rich_text import without_markup
from articles.blocks.base import ApiBlock


class TableValue(Schema):
    rows: list[list[str]] = Field(description="Cells in plain text (no markup), row by row.")
    first_row_is_header: bool
    first_col_is_header: bool


class BodyTableBlock(ApiBlock, TableBlock):
    def clean(self, value):
        value = super().clean(value)
        rows = (value or {}).get("data") or []
        if not any(cell for row in rows for cell in row if cell not in (None, "")):
            raise ValidationError(_("A table needs at least one filled cell."))
        return value

    class Meta:
        icon = "table"
        label = _("Table")

    def get_api_representation(self, value, context=None) -> dict | None:
        if not isinstance(value, dict):
            return None
        rows = [
            ["" if cell is None else without_markup(str(cell)) for cell in row]
            for row in value.get("data") or []
            if isinstance(row, list)
        ]
        return {
            "rows": rows,
            "first_row_is_header": bool(value.get("first_row_is_header")),
            "first_col_is_header": bool(value.get("first_col_is_header")),
        }

    def api_value_schema(self, name: str):
        return (TableValue, ...)


# Migrations name the block by the path it had before blocks became a package.
DECONSTRUCT_ALIASES = {BodyTableBlock: "articles.blocks.BodyTableBlock"}
