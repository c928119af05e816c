"""Snippets of the original text with the query's words marked.

Matching is on folded syllables, so "hoa giai" marks "hòa giải" — but the
snippet always shows the text exactly as the editor wrote it, accents intact.
"""

import re
from html import escape

from search.vietnamese import fold

WORD = re.compile(r"\w+")
SNIPPET_CHARS = 240


def matching_spans(text: str, folded_terms: set[str]) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text) if fold(m.group()) in folded_terms]


def best_window(text: str, spans: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The window of `width` characters holding the most matched words."""
    if not spans or len(text) <= width:
        return 0, min(len(text), width)
    best_start, best_count = spans[0][0], 0
    for index, (start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[index:] if e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    # Start a little before the first match, at a word boundary.
    start = max(0, best_start - width // 4)
    if start:
        boundary = text.rfind(" ", 0, start)
        start = boundary + 1 if boundary != -1 else start
    return start, min(len(text), start + width)


def highlight(text: str, folded_terms: set[str], width: int = SNIPPET_CHARS) -> str:
    """HTML-escaped snippet of `text` with matches in <mark>, "…" where it was cut."""
    text = " ".join((text or "").split())
    spans = matching_spans(text, folded_terms)
    start, end = best_window(text, spans, width)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(pieces) + suffix
