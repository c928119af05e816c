"""Lines of a file to page specs: the three row formats, checked without touching the database."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wagtail.models import Page

from articles.importing.body import paragraph_block, paragraphs_from_text, stream_data
from articles.importing.report import RowRejected
from articles.importing.values import PAGE_TYPES, convert_fields, shorten
from articles.models import ArticlePage, ImportRecord

ROW_KEYS = frozenset({"source_id", "type", "parent", "title", "slug", "fields", "body", "live"})
TITLE_MAX = 255
LEAD_MAX = 300
ROW_FORMATS = ("pages", "legal", "news")


@dataclass(frozen=True)
class PageSpec:
    """One page as a row describes it, already checked for everything that needs no database.

    `fields` holds converted values for plain model fields and names for relations
    (byline, issuing_body, document_type, categories, tags), resolved at import time.
    `body` is StreamField data in its stored form, or None to leave the body alone.
    """

    source_id: str
    model: type[Page]
    parent: str | int
    title: str
    slug: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    body: list[dict] | None = None
    live: bool = True


def spec_from_row(row: dict, default_parent: str | int | None = None) -> PageSpec:
    """Read a row of the project's own format (see docs/import_format.md)."""
    unknown = sorted(set(row) - ROW_KEYS)
    if unknown:
        raise RowRejected(f"unknown key(s): {', '.join(unknown)}")
    source_id = row.get("source_id")
    if isinstance(source_id, int) and not isinstance(source_id, bool):
        source_id = str(source_id)
    if not isinstance(source_id, str) or not source_id.strip():
        raise RowRejected("source_id: missing", field="source_id")
    source_id = source_id.strip()
    if len(source_id) > ImportRecord._meta.get_field("source_id").max_length:
        raise RowRejected("source_id: longer than 500 characters", field="source_id")
    model = PAGE_TYPES.get(row["type"]) if isinstance(row.get("type"), str) else None
    if model is None:
        raise RowRejected(
            f"type: unknown page type {row.get('type')!r}; expected one of {', '.join(PAGE_TYPES)}",
            field="type",
        )
    title = row.get("title")
    if not isinstance(title, str) or not title.strip():
        raise RowRejected("title: missing", field="title")
    slug = row.get("slug") or ""
    if not isinstance(slug, str):
        raise RowRejected("slug: must be a string", field="slug")
    live = row.get("live", True)
    if not isinstance(live, bool):
        raise RowRejected("live: must be true or false", field="live")
    fields = row.get("fields") or {}
    if not isinstance(fields, dict):
        raise RowRejected("fields: must be an object", field="fields")
    body = row.get("body")
    return PageSpec(
        source_id=source_id,
        model=model,
        parent=parent_reference(row.get("parent"), default_parent),
        title=title.strip(),
        slug=slug.strip(),
        fields=convert_fields(model, fields),
        body=None if body is None else stream_data(model, body),
        live=live,
    )


def spec_from_legal_article(row: dict, default_parent: str | int | None = None) -> PageSpec:
    """A row of legal_articles.jsonl: one article (Điều) of a law, imported as a news article.

    The text's first line repeats the heading, which is already in the title; every further
    line is a paragraph (the sources separate paragraphs by one or two line breaks).
    """
    source_id, law_title, heading, text = required_strings(row, "id", "law_title", "title", "text")
    paragraphs = [line.strip() for line in text.splitlines()[1:] if line.strip()]
    return PageSpec(
        source_id=source_id,
        model=ArticlePage,
        parent=parent_reference(None, default_parent),
        title=shorten(f"{law_title} – {heading}", TITLE_MAX),
        fields={"lead": shorten(paragraphs[0], LEAD_MAX) if paragraphs else ""},
        body=[paragraph_block(paragraph) for paragraph in paragraphs],
    )


def spec_from_news_article(row: dict, default_parent: str | int | None = None) -> PageSpec:
    """A row of news.jsonl: title, summary (the sapo, our lead) and body text."""
    source_id, title, summary, body = required_strings(row, "id", "title", "summary", "body")
    return PageSpec(
        source_id=source_id,
        model=ArticlePage,
        parent=parent_reference(None, default_parent),
        title=shorten(title, TITLE_MAX),
        fields={"lead": summary.strip()},
        body=paragraphs_from_text(body),
    )


ROW_READERS: dict[str, Callable[[dict, str | int | None], PageSpec]] = {
    "pages": spec_from_row,
    "legal": spec_from_legal_article,
    "news": spec_from_news_article,
}


def required_strings(row: dict, *keys: str) -> list[str]:
    missing = [key for key in keys if not isinstance(row.get(key), str) or not row[key].strip()]
    if missing:
        raise RowRejected(f"{missing[0]}: missing", field=missing[0])
    return [row[key].strip() for key in keys]


def parent_reference(value: Any, default: str | int | None) -> str | int:
    value = default if value in (None, "") else value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        value = value.strip()
        return int(value) if value.isdigit() else value
    raise RowRejected("parent: missing (give one in the row or with --parent)", field="parent")


def decode_row(raw: bytes, first_line: bool = False) -> dict | None:
    """One line of JSON Lines as a dict; None for a blank line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RowRejected(f"not valid UTF-8 ({error.reason} at byte {error.start})") from None
    if first_line:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        row = json.loads(text)
    except json.JSONDecodeError as error:
        raise RowRejected(f"invalid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(row, dict):
        raise RowRejected("each line must hold one JSON object")
    return row


def row_source_id(row: dict) -> str | None:
    value = row.get("source_id", row.get("id"))
    return str(value) if isinstance(value, str | int) else None


def count_lines(path) -> int:
    """Lines in a file, read in blocks: for the progress bar's total, never the whole file."""
    lines, last = 0, b"\n"
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")
