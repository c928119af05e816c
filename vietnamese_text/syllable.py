"""The shape of one Vietnamese syllable: onset, vowel nucleus, final consonant and one tone.

Tone placement (normalise) and Telex/VNI decoding (input_methods) both need to know where a
syllable's parts are and which vowel carries the tone, so that knowledge lives here.
"""

import unicodedata
from typing import Final

__all__ = [
    "TONE_MARKS",
    "VOWELS",
    "is_vietnamese_syllable",
    "parse_syllable",
    "split_tones",
    "tone_index",
    "with_tone",
]

# Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONE_MARKS: Final = frozenset({GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW})

VOWELS: Final = frozenset("aăâeêioôơuưy")
MODIFIED_VOWELS: Final = frozenset("ăâêôơư")
# Longest first, so "ngh" wins over "ng" and "n". "qu" and "gi" are onsets, not vowels.
ONSETS: Final = sorted(
    ["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"]
    + ["p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"],
    key=len,
    reverse=True,
)
FINALS: Final = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
STOP_FINALS: Final = frozenset({"c", "ch", "p", "t"})
# Nuclei (vowel letters of the rhyme, glides included) and whether they take a final consonant.
OPEN_ONLY: Final = frozenset(
    {"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui"}
    | {"uơ", "ưa", "ưi", "ưu", "uya", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi"}
    | {"uyu", "ươi", "ươu"}
)
CLOSED_ONLY: Final = frozenset({"ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"})
EITHER: Final = frozenset(
    {"a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "oo", "uê", "uy"}
)
NUCLEI: Final = OPEN_ONLY | CLOSED_ONLY | EITHER
# Open nuclei where old style marks the first vowel (hòa) and new style the second (hoà).
STYLE_DEPENDENT: Final = frozenset({"oa", "oe", "uy"})


def is_vietnamese_syllable(token: str) -> bool:
    """Tell whether `token` has the shape of one Vietnamese syllable.

    Shape: optional onset from the Vietnamese set, a known vowel nucleus, an optional final
    (c ch m n ng nh p t) that the nucleus allows, and at most one tone (only sắc or nặng before
    a stop final). Used to decide whether a Telex/VNI decoding is real Vietnamese.
    """
    letters = split_tones(unicodedata.normalize("NFC", token.casefold()))
    if letters is None:
        return False
    bases, tones = letters
    parts = parse_syllable(bases)
    if parts is None or len(tones) > 1:
        return False
    final = parts[2]
    return not (tones and final in STOP_FINALS and tones[0][1] not in {ACUTE, DOT_BELOW})


def split_tones(word: str) -> tuple[str, list[tuple[int, str]]] | None:
    """Split an NFC lowercase word into its letters without tones and (index, tone) pairs."""
    if not word.isalpha():
        return None
    bases, tones = [], []
    for index, ch in enumerate(word):
        marks = unicodedata.normalize("NFD", ch)
        tones += [(index, mark) for mark in marks if mark in TONE_MARKS]
        bare = "".join(mark for mark in marks if mark not in TONE_MARKS)
        bases.append(unicodedata.normalize("NFC", bare))
    return "".join(bases), tones


def parse_syllable(bases: str) -> tuple[str, str, str] | None:
    """Split toneless letters into (onset, nucleus, final), or None if not a Vietnamese shape."""
    onset = _onset(bases)
    rest = bases[len(onset) :]
    nucleus_length = len(rest) - len(rest.lstrip("".join(VOWELS)))
    nucleus, final = rest[:nucleus_length], rest[nucleus_length:]
    if nucleus not in NUCLEI or final not in FINALS:
        return None
    if (final and nucleus in OPEN_ONLY) or (not final and nucleus in CLOSED_ONLY):
        return None
    return onset, nucleus, final


def tone_index(nucleus: str, final: str) -> int:
    """Index in the nucleus that carries the tone, by the new-style rules."""
    modified = [i for i, vowel in enumerate(nucleus) if vowel in MODIFIED_VOWELS]
    if modified:
        return modified[-1]  # ươ takes it on ơ
    if len(nucleus) == 1:
        return 0
    if final or nucleus in STYLE_DEPENDENT:
        return len(nucleus) - 1
    return len(nucleus) - 2  # a trailing glide never carries it: "tài", "oái", "khuỷu"


def with_tone(bases: str, index: int, tone: str) -> str:
    """Put `tone` on the letter at `index` of toneless letters."""
    marked = bases[:index] + unicodedata.normalize("NFC", bases[index] + tone) + bases[index + 1 :]
    return unicodedata.normalize("NFC", marked)


def _onset(bases: str) -> str:
    # "gi" is an onset only before another vowel ("giữa"); in "gìn" the i is the vowel.
    for onset in ONSETS:
        if bases.startswith(onset) and bases[len(onset) : len(onset) + 1] in VOWELS:
            return onset
    return ""
