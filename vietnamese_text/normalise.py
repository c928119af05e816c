"""One comparable form of Vietnamese text, and its syllables.

Canonical tone placement: the NEW (modern) style, mark on the main vowel of the rhyme --
"hoà", "khoẻ", "thuỷ", "uỷ". The old style ("hòa", "khỏe", "thủy", "ủy") differs from it only in
open syllables whose nucleus is "oa", "oe" or "uy"; those are the only marks `normalise` moves.
"""

import functools
import re
import unicodedata
from typing import Final

from vietnamese_text.lookalikes import repair_d
from vietnamese_text.syllable import (
    STYLE_DEPENDENT,
    TONE_MARKS,
    parse_syllable,
    split_tones,
    tone_index,
    with_tone,
)
from vietnamese_text.words import is_letter, is_word_char, map_runs, runs

__all__ = ["normalise", "normalise_tone_placement", "syllables"]

# Two or more Vietnamese marks (tones; circumflex, breve, horn) on a decomposed vowel, in
# whatever order a keyboard sent them.
VOWEL_MARK_RUN: Final = re.compile(r"(?<=[aeiouy])[\u0300-\u0303\u0306\u0309\u031b\u0323]{2,}")


def normalise(text: str) -> str:
    """Return the one form under which all spellings of a Vietnamese text compare equal.

    Repairs Đ look-alikes, composes stray combining marks (NFC), case-folds, and moves old-style
    tone marks to the new-style position, so "HÒA", "hoà" and "ho\\u0300a" all become "hoà".
    """
    text = _caseless_nfd(repair_d(text))
    text = unicodedata.normalize("NFC", _order_vietnamese_marks(text))
    return map_runs(text, is_letter, normalise_tone_placement)


def syllables(text: str) -> list[str]:
    """Split normalised text into word tokens (runs of letters and digits), punctuation dropped.

    Vietnamese writes one syllable per space-separated token, so these are the units search
    matches on. Stop words are kept: "không" and "số" change a query's meaning.
    """
    return [run for is_word, run in runs(normalise(text), is_word_char) if is_word]


@functools.lru_cache(maxsize=100_000)
def normalise_tone_placement(word: str) -> str:
    """Move an old-style mark in an open oa/oe/uy syllable to the new-style vowel.

    Expects one NFC lower-case word; anything that is not one Vietnamese syllable is returned
    as it is.
    """
    letters = split_tones(word)
    if letters is None:
        return word
    bases, tones = letters
    parts = parse_syllable(bases)
    if parts is None or len(tones) != 1:
        return word
    onset, nucleus, final = parts
    position, tone = tones[0]
    if final or nucleus not in STYLE_DEPENDENT or position != len(onset):
        return word
    return with_tone(bases, len(onset) + tone_index(nucleus, final), tone)


def _caseless_nfd(text: str) -> str:
    # Unicode canonical caseless form, NFD(casefold(NFD(x))) (The Unicode Standard, 3.13, D145).
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", decomposed.casefold())


def _order_vietnamese_marks(decomposed: str) -> str:
    """Put vowel modifiers before tone marks on a vowel, so "a" + acute + breve composes to "ắ"."""
    return VOWEL_MARK_RUN.sub(_sort_marks, decomposed)


def _sort_marks(match: re.Match[str]) -> str:
    # Stable sort: canonical order (combining class) first, then modifier before tone.
    marks = match.group()
    return "".join(sorted(marks, key=lambda m: (unicodedata.combining(m), m in TONE_MARKS)))
