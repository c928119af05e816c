"""A page saved as text (the seed in ../shared/seed/ is one) -> a LegacyArticle.

The layout such text keeps from the portal's page: menus and a breadcrumb, maybe a date line,
the title, the lead, image captions as unindented lines before the indented body paragraphs,
the byline after them, then the sidebars from the first boilerplate line ("Thông báo mới") on.
Without indentation, paragraphs are the lines and short trailing ones the byline and source.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from articles.importing.legacy.article import (
    CAPTION_TEXT_MAX,
    SOURCE_PREFIX,
    TITLE_MAX,
    LegacyArticle,
    add_caption,
    check_is_article,
    clean_text,
    date_from,
    is_boilerplate_line,
    is_byline,
    is_date_line,
    paragraph_block,
    reject_undecidable,
    shorten_to,
    take_signature,
)
from articles.importing.legacy.encodings import TextRepair
from articles.importing.report import RowRejected

_BREADCRUMB = re.compile(r"\S\s+[»>›]\s+\S")


@dataclass
class _Line:
    text: str
    indented: bool


def extract_text(text: str, preferred: str | None = None) -> LegacyArticle:
    """A page saved as text (see the module docstring for the layout it expects)."""
    raw_lines = text.splitlines()
    repair = TextRepair(raw_lines, preferred)
    lines = [
        _Line(clean_text(repair.repair_text(line)), line[:1] in (" ", "\t", "\u00a0", "\u3000"))
        for line in raw_lines
    ]
    lines = [line for line in lines if line.text]
    dates: list[str] = []
    position = _skip_header(lines, dates)
    if position >= len(lines):
        raise RowRejected("not a news page: no text")
    title = lines[position].text
    if len(title) > 2 * TITLE_MAX or is_boilerplate_line(title):
        raise RowRejected("not a news page: the first line is not a title")
    position = _skip_date_lines(lines, position + 1, dates)
    content = list(_until_boilerplate(lines[position:]))
    if not content:
        raise RowRejected("not a news page: nothing follows the title")
    lead = "" if content[0].indented else content.pop(0).text
    article = LegacyArticle(title=shorten_to(title, TITLE_MAX), date=datetime.date.min, lead=lead)
    _text_body(content, article)
    check_is_article(article)
    article.date = date_from([*dates, lead, *(block.text for block in article.blocks[:1])])
    article.encoding_note = repair.describe()
    reject_undecidable(repair, article)
    return article


def _skip_header(lines: list[_Line], dates: list[str]) -> int:
    """Menus, breadcrumbs and a date line before the title."""
    position = 0
    while position < len(lines):
        line = lines[position].text
        if is_boilerplate_line(line) or _BREADCRUMB.search(line) and len(line) <= 150:
            position += 1
        elif is_date_line(line):
            dates.append(line)
            position += 1
        else:
            break
    return position


def _skip_date_lines(lines: list[_Line], position: int, dates: list[str]) -> int:
    while position < len(lines) and is_date_line(lines[position].text):
        dates.append(lines[position].text)
        position += 1
    return position


def _until_boilerplate(lines: list[_Line]) -> Iterator[_Line]:
    for line in lines:
        if is_boilerplate_line(line.text):
            return
        yield line


def _text_body(content: list[_Line], article: LegacyArticle) -> None:
    """Indented lines are paragraphs; unindented ones around them captions and the byline."""
    indented = [index for index, line in enumerate(content) if line.indented]
    if indented:
        first, last = indented[0], indented[-1]
        before, body, after = content[:first], content[first : last + 1], content[last + 1 :]
    else:
        before, body, after = [], content, []
        while body and len(after) < 2 and _is_signature(body[-1].text):
            after.insert(0, body.pop())
    for line in before:
        add_caption(article, line.text)
    for line in body:
        # Between indented paragraphs, a short unindented line is the caption of a picture.
        if indented and not line.indented and _is_short_line(line.text):
            add_caption(article, line.text)
        else:
            article.blocks.append(paragraph_block(line.text))
    for line in after:
        if not take_signature(article, line.text):
            article.blocks.append(paragraph_block(line.text))


def _is_short_line(text: str) -> bool:
    return len(text) <= CAPTION_TEXT_MAX and not text.endswith((".", ":", ";"))


def _is_signature(text: str) -> bool:
    return bool(SOURCE_PREFIX.match(text)) or is_byline(text)
