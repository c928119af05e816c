"""One saved page of an old portal -> a :class:`~articles.importing.legacy.article.LegacyArticle`.

Reads the file's bytes (:mod:`~articles.importing.legacy.encodings`), tells a saved HTML page
from saved page text, and hands it to :mod:`~articles.importing.legacy.html_page` or
:mod:`~articles.importing.legacy.text_page`. A file that cannot be a whole page (empty, cut
short) is rejected here, before anything looks at its content.
"""

from __future__ import annotations

import re
from pathlib import Path

from articles.importing.legacy.article import LegacyArticle
from articles.importing.legacy.encodings import TruncatedFile, decode_page
from articles.importing.legacy.html_page import extract_html
from articles.importing.legacy.text_page import extract_text
from articles.importing.report import RowRejected

_HTML_START = re.compile(r"\s*(?:<!doctype|<html|<\?xml|<head|<meta|<body|<!--)", re.IGNORECASE)
_HTML_OPENED = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
_HTML_CLOSED = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)


def read_article(path: Path) -> LegacyArticle:
    """Decode and extract one saved page; raises RowRejected with the reason it cannot be."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RowRejected(f"file: cannot be read ({error.strerror})", field="file") from None
    if not raw.strip():
        raise RowRejected("file: empty", field="file")
    try:
        decoded = decode_page(raw)
    except TruncatedFile as error:
        raise RowRejected(f"file: truncated: {error}", field="file") from None
    text = decoded.text
    if not is_html(text, path):
        return extract_text(text, decoded.preferred)
    # A saved page always closes <html>; one that does not was cut short (a failed download,
    # a full disk), and what is missing may be half the article.
    if _HTML_OPENED.search(text) and not _HTML_CLOSED.search(text):
        ending = " ".join(text[-80:].split())
        raise RowRejected(
            f"file: truncated: the page stops before </html>, at “…{ending}”", field="file"
        )
    return extract_html(text, decoded.preferred)


def is_html(text: str, path: Path) -> bool:
    """Markup at the start, or any markup early in a file not named .txt."""
    return bool(_HTML_START.match(text)) or (path.suffix.lower() != ".txt" and "<" in text[:2000])
