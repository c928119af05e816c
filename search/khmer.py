"""Khmer text for search: one normal form, and words out of text written without spaces.

Khmer writes words together and uses spaces (or an invisible zero-width space)
between phrases, not words. Keyboards also let the marks of one written
cluster arrive in several orders that render the same: a vowel typed before the
subscript consonant (COENG U+17D2 + consonant) it should follow, the subscript
RO typed before another subscript, a split vowel (េ + ី for ើ). `normalise`
puts every cluster in the order Unicode's Khmer chapter and SIL's Khmer
normalisation rules describe, so that all those spellings compare equal.

Words: `words` segments each run of Khmer letters with khmer-nltk's CRF model
(shipped inside the wheel; nothing is downloaded). bench/khmer_segmentation.py
measured it against character n-grams on a small sample; see that script for
the numbers and for why words won.
"""

import functools
import logging
import re
import threading
import unicodedata

__all__ = ["KHMER_RUN", "clusters", "has_khmer", "normalise", "search_form", "segment", "words"]

COENG = "\u17d2"
RO = "\u179a"
# Characters that carry no meaning for search: zero-width space, non-joiner, joiner,
# word joiner, byte order mark, soft hyphen.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

BASES = set(range(0x1780, 0x17B4))  # consonants and independent vowels
ROBAT = "\u17cc"
SHIFTERS = frozenset("\u17c9\u17ca")  # MUUSIKATOAN, TRIISAP
VOWELS = frozenset(chr(c) for c in range(0x17B6, 0x17C6))
# NIKAHIT, BANTOC, and the other signs written above; REAHMUK and YUUKALEAPINTU
# come last in a cluster.
SIGNS = frozenset("\u17c6\u17cb\u17cd\u17ce\u17cf\u17d0\u17d1\u17d3\u17dd")
FINAL_SIGNS = frozenset("\u17c7\u17c8")
# Split vowels typed as two pieces.
VOWEL_PAIRS = {"\u17c1\u17b8": "\u17be", "\u17c1\u17b6": "\u17c4"}

# A Khmer run: letters, marks and the invisible joiners inside words; not the
# punctuation (។ ៕ ៗ ...) nor digits.
KHMER_RUN = re.compile(r"[\u1780-\u17d3\u17dc\u17dd\u200b-\u200d\u2060\ufeff\u00ad]+")
# Khmer digits as ASCII ones, so "០៥" meets "05" in a document number.
DIGITS = {0x17E0 + value: str(value) for value in range(10)}
KHMER_LETTER = re.compile(r"[\u1780-\u17b3]")

logger = logging.getLogger(__name__)


def has_khmer(text: str) -> bool:
    return KHMER_LETTER.search(text or "") is not None


def normalise(text: str) -> str:
    """NFC, invisible characters removed, and each cluster's marks in canonical order."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    if not has_khmer(text):
        return text
    return "".join(_ordered_cluster(cluster) for cluster in clusters(text))


@functools.lru_cache(maxsize=100_000)
def search_form(text: str) -> str:
    """`normalise`, then folded like accents in Vietnamese: subscript DA and subscript TA
    look the same and are written either way (បណ្ដាល, បណ្តាល), so search treats them as
    one; Khmer digits become ASCII digits."""
    return normalise(text).replace(COENG + "\u178a", COENG + "\u178f").translate(DIGITS)


def words(text: str) -> list[str]:
    """The words of a Khmer text, in search form; non-Khmer characters are dropped."""
    found: list[str] = []
    for run in KHMER_RUN.findall(search_form(text)):
        found.extend(word for word in segment(run) if has_khmer(word))
    return found


# --- clusters ---------------------------------------------------------------------------


def clusters(text: str) -> list[str]:
    """Split text into written clusters: a base letter and the marks that follow it.

    A consonant after COENG is a subscript, not a new cluster; anything else that is
    not a Khmer mark (a space, a Latin letter) stands alone."""
    found: list[str] = []
    for index, char in enumerate(text):
        subscript = ord(char) in BASES and index and text[index - 1] == COENG
        if found and (_is_mark(char) or subscript):
            found[-1] += char
        else:
            found.append(char)
    return found


def _is_mark(char: str) -> bool:
    return "\u17b4" <= char <= "\u17d3" or char == "\u17dd"


def _ordered_cluster(cluster: str) -> str:
    if len(cluster) < 3 or ord(cluster[0]) not in BASES:
        return cluster
    # Sorting can bring a repeated mark together, and joining a split vowel can make a
    # new repeat: again until nothing changes (a few rounds at most), so that
    # normalising is idempotent.
    marks = cluster[1:]
    for _ in range(len(marks)):
        ordered = _ordered_marks(marks)
        if ordered == marks:
            break
        marks = ordered
    return cluster[0] + marks


def _ordered_marks(marks: str) -> str:
    units, index = [], 0
    while index < len(marks):
        if marks[index] == COENG:
            letter = marks[index + 1 : index + 2]
            if letter and ord(letter) in BASES:
                units.append(COENG + letter)
                index += 2
            else:
                # COENG makes the next letter a subscript; with no letter after it, it
                # is a typing slip that renders as nothing, and is dropped.
                index += 1
        else:
            units.append(marks[index])
            index += 1
    units.sort(key=_unit_rank)
    ordered = "".join(unit for i, unit in enumerate(units) if i == 0 or unit != units[i - 1])
    for pieces, vowel in VOWEL_PAIRS.items():
        ordered = ordered.replace(pieces, vowel)
    return ordered


def _unit_rank(unit: str) -> int:
    """Where a mark goes in its cluster (a stable sort keeps equal ranks as typed)."""
    if unit == ROBAT:
        return 0
    if unit.startswith(COENG):
        return 2 if unit[1:] == RO else 1  # the subscript RO after any other subscript
    if unit in SHIFTERS:
        return 3
    if unit in VOWELS:
        return 4
    if unit in SIGNS:
        return 5
    if unit in FINAL_SIGNS:
        return 6
    return 7


# --- segmentation -------------------------------------------------------------------------

_load_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _tokenizer():
    """khmer-nltk's word tokenizer with its model loaded (about a second, once a process)."""
    with _load_lock:
        from khmernltk import word_tokenize

        # Its own handler announces the model load at INFO on every worker's first search.
        logging.getLogger("khmer-nltk").setLevel(logging.WARNING)

        word_tokenize("ខ្មែរ")  # loads the model now, not inside a request that times it
        return word_tokenize


@functools.lru_cache(maxsize=20_000)
def segment(run: str) -> tuple[str, ...]:
    """The words of one run of Khmer text, as the segmenter cut them (not normalised)."""
    return tuple(token for token in _tokenizer()(run, return_tokens=True) if token.strip())
