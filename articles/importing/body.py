"""A row's body: checked block by block and returned in the form StreamField stores."""

from __future__ import annotations

import html
import re
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Page

from articles.blocks import PARAGRAPH_FEATURES
from articles.importing.report import RowRejected, errors_text
from articles.importing.values import type_name

PARAGRAPH_HTML = EditorHTMLConverter(PARAGRAPH_FEATURES)


def paragraph_block(text: str) -> dict:
    """Plain text as a paragraph block: escaped, its line breaks kept as <br/>."""
    lines = (html.escape(line.strip(), quote=False) for line in text.strip().splitlines())
    return {"type": "paragraph", "value": f"<p>{'<br/>'.join(lines)}</p>"}


def paragraphs_from_text(text: str) -> list[dict]:
    """A plain-text body: paragraphs are separated by blank lines."""
    return [paragraph_block(chunk) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def stream_data(model: type[Page], body: Any) -> list[dict]:
    """Validate a row's body and return it in the form StreamField stores (minus block ids).

    HTML in paragraphs goes through the editor's whitelist, so an import cannot store markup
    (scripts, inline styles, headings inside paragraphs) that an editor could not type.
    """
    try:
        stream_block = model._meta.get_field("body").stream_block
    except FieldDoesNotExist:
        raise RowRejected(f"body: {type_name(model)} pages have no body", field="body") from None
    if isinstance(body, str):
        return paragraphs_from_text(body)
    if not isinstance(body, list):
        raise RowRejected("body: must be a string or a list of blocks", field="body")
    return [stream_child(stream_block, number, item) for number, item in enumerate(body, 1)]


def stream_child(stream_block, number: int, item: Any) -> dict:
    if not isinstance(item, dict) or "type" not in item or "value" not in item:
        raise RowRejected(
            f"body: block {number} must be an object with type and value", field="body"
        )
    block_type, value = item["type"], item["value"]
    block = stream_block.child_blocks.get(block_type)
    if block is None:
        raise RowRejected(
            f"body: block {number} has unknown type {block_type!r}; expected one of "
            f"{', '.join(stream_block.child_blocks)}",
            field="body",
        )
    if block_type == "paragraph" and isinstance(value, str):
        value = PARAGRAPH_HTML.to_database_format(value)
    elif block_type == "notice" and isinstance(value, dict) and isinstance(value.get("text"), str):
        value = {**value, "text": PARAGRAPH_HTML.to_database_format(value["text"])}
    prefix = f"body: block {number} ({block_type})"
    try:
        prepared = block.get_prep_value(block.clean(block.to_python(value)))
    except ValidationError as error:
        raise RowRejected(f"{prefix}: {errors_text(error)}", field="body") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        raise RowRejected(f"{prefix}: the value has the wrong shape", field="body") from None
    return {"type": block_type, "value": prepared}
