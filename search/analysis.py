"""Turn Vietnamese text into index terms, the same way on every backend.

The backends (SQLite FTS5, PostgreSQL, Elasticsearch) never analyse text
themselves: they receive space-separated terms built here, so that one test
suite proves one behaviour everywhere. Three kinds of term:

- folded syllables ("hoa", "giai"): accent-insensitive recall — "hoa giai o co
  so" finds "hòa giải ở cơ sở";
- exact syllables, the folded letters followed by their marks as VNI digits
  ("hoa2", "ban3"): only present for accented syllables, and rarer than the
  folded form, so BM25 ranks exact-accent matches first ("bản" above "bạn");
- folded pairs of adjacent syllables ("hoa_giai"): Vietnamese words are mostly
  two syllables, and on legal QA data the pairs are what restores ranking quality
  for unaccented queries.

Nothing is dropped as a stop word: "không" and "số" change a legal question.
"""

import functools
import unicodedata
from dataclasses import dataclass, field

from vietnamese_text.folding import fold
from vietnamese_text.normalise import normalise, syllables
from vietnamese_text.syllable import is_vietnamese_syllable

# Marks as VNI digits: tones 1–5, circumflex 6, horn 7, breve 8, and 9 for đ.
MARK_DIGITS = {
    "\u0301": "1",
    "\u0300": "2",
    "\u0309": "3",
    "\u0303": "4",
    "\u0323": "5",
    "\u0302": "6",
    "\u031b": "7",
    "\u0306": "8",
}
DIGIT_MARKS = {digit: mark for mark, digit in MARK_DIGITS.items()}
PAIR_JOINER = "_"

# Bounds that keep a query's cost predictable whatever is typed.
MAX_QUERY_CHARS = 1000
MAX_QUERY_SYLLABLES = 40


@functools.lru_cache(maxsize=100_000)
def exact_term(syllable: str) -> str | None:
    """The accent-exact term of a normalised syllable, or None if it has no marks.

    Each mark follows the letter it sits on ("trường" → "tru7o72ng", "đ" → "d9"),
    so the term is plain ASCII for every engine and can be turned back into the
    syllable (see `syllable_of_exact_term`).
    """
    out, marked = [], False
    for char in unicodedata.normalize("NFD", syllable):
        if char == "đ":
            out.append("d9")
            marked = True
        elif char in MARK_DIGITS:
            out.append(MARK_DIGITS[char])
            marked = True
        else:
            out.append(char)
    return "".join(out) if marked else None


def syllable_of_exact_term(term: str) -> str:
    """Undo `exact_term`: "hoa2" → "hoà", "d9i5nh" → "định"."""
    out = []
    for char in term:
        if char == "9" and out and out[-1] == "d":
            out[-1] = "đ"
        elif char in DIGIT_MARKS and out:
            out.append(DIGIT_MARKS[char])
        else:
            out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


@functools.lru_cache(maxsize=100_000)
def is_exact_term(term: str) -> bool:
    """Tell an accent-exact term ("hoa2") from a folded one ("hoa", "2022", "h5n1", "hoa_giai").

    Marks are read back as digits, so "h5n1" could be a marked "ḥń": an exact term is one
    whose syllable is Vietnamese in shape.
    """
    if PAIR_JOINER in term:
        return False
    syllable = syllable_of_exact_term(term)
    return syllable != term and (term == "d9" or is_vietnamese_syllable(syllable))


def pair_terms(folded: list[str]) -> list[str]:
    return [f"{a}{PAIR_JOINER}{b}" for a, b in zip(folded, folded[1:], strict=False)]


def index_terms(text: str) -> list[str]:
    """Every term a text is indexed under, in order (repeats count for BM25)."""
    words = syllables(text or "")
    folded = [fold(word) for word in words]
    terms = list(folded)
    terms.extend(term for term in map(exact_term, words) if term)
    terms.extend(pair_terms(folded))
    return terms


@dataclass
class AnalysedQuery:
    """What a query asks for, as terms of the three kinds."""

    text: str
    folded: list[str] = field(default_factory=list)
    exact: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    # Terms of other languages' rules (search.languages): English stems, Khmer clusters.
    extra: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return list(dict.fromkeys(self.folded + self.exact + self.pairs + self.extra))

    def __bool__(self) -> bool:
        return bool(self.folded)


def analyse_query(text: str) -> AnalysedQuery:
    """Analyse a search box's text; bounded in length whatever arrives."""
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    words = syllables(text)[:MAX_QUERY_SYLLABLES]
    folded = [fold(word) for word in words]
    return AnalysedQuery(
        text=normalise(text),
        folded=list(dict.fromkeys(folded)),
        exact=list(dict.fromkeys(term for term in map(exact_term, words) if term)),
        pairs=list(dict.fromkeys(pair_terms(folded))),
    )
