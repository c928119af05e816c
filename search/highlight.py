"""Snippets of the original text with the query's words marked.

Matching is on folded syllables, so "hoa giai" marks "hòa giải" — but the
snippet always shows the text exactly as the editor wrote it, accents intact.
English words also match by stem ("court" marks "courts"); Khmer words are cut
out of the text by the segmenter and match by their normal form, or when they
contain a word of the query (a compound).
"""

import re
from html import escape

from search import khmer
from search.english import stem
from search.languages import ENGLISH_WORD, STEM_MARK
from vietnamese_text.folding import fold

WORD = re.compile(r"\w+")
SNIPPET_CHARS = 240


def matching_spans(
    text: str, folded_terms: set[str], stems: frozenset[str] | set[str] = frozenset()
) -> list[tuple[int, int]]:
    spans = []
    for match in WORD.finditer(text):
        word = match.group()
        if khmer.has_khmer(word):
            continue
        folded = fold(word)
        if folded in folded_terms or (
            stems and ENGLISH_WORD.fullmatch(folded) and STEM_MARK + stem(folded) in stems
        ):
            spans.append(match.span())
    khmer_words = [term for term in folded_terms if khmer.has_khmer(term)]
    if khmer_words:
        spans.extend(khmer_spans(text, set(khmer_words)))
    return joined(sorted(spans))


def joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Touching spans as one: Khmer words found side by side are one marked phrase."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start == out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def khmer_spans(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Spans of the Khmer words in `text` that are, or contain, one of `words`."""
    spans = []
    for run in khmer.KHMER_RUN.finditer(text):
        cursor = run.start()
        for token in khmer.segment(run.group()):
            start = text.find(token, cursor, run.end())
            if start == -1:
                break  # the segmenter respelled the run: leave the rest unmarked
            cursor = start + len(token)
            key = khmer.search_form(token)
            if key in words or any(word in key for word in words):
                spans.append((start, cursor))
    return spans


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


def highlight(
    text: str,
    folded_terms: set[str],
    width: int = SNIPPET_CHARS,
    stems: frozenset[str] | set[str] = frozenset(),
) -> str:
    """HTML-escaped snippet of `text` with matches in <mark>, "…" where it was cut."""
    text = " ".join((text or "").split())
    spans = matching_spans(text, folded_terms, stems)
    start, end = best_window(text, spans, width)
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end or span_start < cursor:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(pieces) + suffix
