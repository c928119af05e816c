"""Recovering what people meant, from the site's own vocabulary.

- Telex or VNI typed without an input method ("hoaf giair", "hoa2 giai3") and
  small typos ("hoa giaii") are rewritten when the literal word is unknown to
  the index and the rewrite is known.
- "Did you mean": a query typed without marks gets its marks back from whole
  phrases of the site's own public text: the accented spelling of the pair (or
  longer run) of words that those texts use most ("ky nang" → "kỹ năng", never
  the syllable-by-syllable "kỳ nâng"). Document numbers ("05 ct tu") get none.
  No model, no network: only the site's own words.

The vocabulary is a `PublicVocabulary`: the words of the pages the reader may see,
so that nothing is ever suggested from a draft, an expired or a restricted page.
"""

import itertools
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable

from vietnamese_text.document_numbers import parse_document_number
from vietnamese_text.folding import fold
from vietnamese_text.input_methods import decode_typing
from vietnamese_text.normalise import normalise
from vietnamese_text.syllable import is_vietnamese_syllable

Frequencies = Callable[[list[str]], dict[str, int]]


class PublicVocabulary:
    """Term statistics and texts of the pages the public may see, for one request.

    A suggestion is a word some page holds: it must come from a page the reader may
    see (one site, one locale), or a draft's, an expired or a restricted page's words
    would leak through "did you mean". The counts are made at query time, restricted
    to `pages` in the engine's own statement, rather than kept in a table of public
    words: visibility changes without any write to the index (an expiry time passes,
    a parent is unpublished or restricted), so only a count at query time is right at
    every moment. Each term is asked once per request (typo recovery and "did you
    mean" ask the same words again).
    """

    def __init__(self, engine, pages):
        self.engine = engine
        self.pages = pages
        self.counted: dict[str, int] = {}
        self.present: dict[str, bool] = {}

    def __call__(self, terms: list[str]) -> dict[str, int]:
        """How many visible pages hold each term."""
        new = [term for term in dict.fromkeys(terms) if term not in self.counted]
        if new:
            self.counted.update(self.engine.document_frequencies(new, self.pages))
        return {term: self.counted[term] for term in terms}

    def known(self, terms: list[str]) -> set[str]:
        """The terms some visible page holds: one page is enough, so common words cost
        a look-up each, not a count of thousands of pages."""
        new = [
            term
            for term in dict.fromkeys(terms)
            if term not in self.present and term not in self.counted
        ]
        if new:
            found = self.engine.terms_present(new, self.pages)
            self.present.update((term, term in found) for term in new)
        return {term for term in terms if self.present.get(term) or self.counted.get(term, 0)}


WORD = re.compile(r"\w+")
# Bounds: a whole question may be typed in Telex, but typo correction costs
# a few hundred look-ups per word, so only the first few unknown words get it.
MAX_WORDS = 40
MAX_TYPO_WORDS = 3
MAX_TYPO_LENGTH = 12
# Pages read for "did you mean": the best matches hold the phrase if any page does.
EVIDENCE_PAGES = 20
# The longest run of words restored as one phrase.
MAX_PHRASE_WORDS = 8
# Words a document number is typed as: a number, then up to four codes or a year.
MAX_NUMBER_PARTS = 5


def one_edit_away(word: str) -> set[str]:
    """Deletions, transpositions, substitutions and insertions of one ASCII letter."""
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | transposes | replaces | inserts) - {word}


def recover_typing(query: str, vocabulary: PublicVocabulary) -> str | None:
    """The query with unknown words rewritten, or None when nothing needed it."""
    query = unicodedata.normalize("NFC", query)
    words = WORD.findall(query)[:MAX_WORDS]
    if not words:
        return None
    known = vocabulary.known([fold(word) for word in words])
    unknown = [word for word in words if fold(word) not in known and not word.isdigit()]
    if not unknown:
        return None
    decoded = {word: decode_typing(word.lower()) for word in unknown}
    decoded_known = vocabulary.known([fold(text) for text in decoded.values()])
    replacements, typo_budget = {}, MAX_TYPO_WORDS
    for word in unknown:
        if decoded[word] != word.lower() and fold(decoded[word]) in decoded_known:
            replacements[word] = decoded[word]
            continue
        if typo_budget:
            typo_budget -= 1
            corrected = closest_known(fold(word), vocabulary)
            if corrected:
                replacements[word] = corrected
    if not replacements:
        return None
    return WORD.sub(lambda m: replacements.get(m.group(), m.group()), query)


def closest_known(folded: str, frequencies: Frequencies) -> str | None:
    if not folded.isascii() or len(folded) < 3 or len(folded) > MAX_TYPO_LENGTH:
        return None
    candidates = sorted(one_edit_away(folded))
    counts = frequencies(candidates)
    best = max(candidates, key=lambda c: (counts.get(c, 0), c == folded), default=None)
    return best if best and counts.get(best, 0) else None


def did_you_mean(query: str, texts: Callable[[], list[str]]) -> str | None:
    """The query with marks restored where it has none, or None if nothing changes.

    Each run of query words takes the accented spelling the site's public texts use
    most for that whole run (longest runs first, then pairs, then single words), so
    the words of a phrase are restored together: "ky nang" → "kỹ năng". The words of
    a document number typed with spaces ("05 ct tu") are kept as typed. `texts()` gives
    the texts of the pages that best match the query (read only when a word could take
    a mark): the site's own spelling of it, from pages the reader may see.
    """
    normalised = normalise(query)
    words = WORD.findall(normalised)[:MAX_WORDS]
    if not words or any(fold(word) != word for word in words):
        return None  # typed with an input method: its unmarked words are meant so
    numbers = document_number_words(words)
    if not any(is_vietnamese_syllable(w) for i, w in enumerate(words) if i not in numbers):
        return None  # nothing could take a mark: no need to read the site's texts
    texts = texts()
    restored = []
    for is_number, run in itertools.groupby(range(len(words)), key=numbers.__contains__):
        run_words = [words[index] for index in run]
        restored += run_words if is_number else restore_marks(run_words, texts)
    if restored == words:
        return None
    spellings = iter(restored)
    return WORD.sub(lambda match: next(spellings, match.group()), normalised)


def restore_marks(words: list[str], texts: list[str]) -> list[str]:
    """`words` (folded) spelled as `texts` spell them most: the longest run of words found
    in the texts wins, and a word found nowhere keeps the letters as typed."""
    spellings = Spellings(texts)
    restored, start = [], 0
    while start < len(words):
        for end in range(min(len(words), start + MAX_PHRASE_WORDS), start, -1):
            spelling = spellings.most_used(words[start:end])
            if spelling is not None:
                break
        else:
            spelling, end = [words[start]], start + 1
        restored.extend(spelling)
        start = end
    return restored


class Spellings:
    """The words of some texts, normalised, found by their folded form."""

    def __init__(self, texts: list[str]):
        self.words = [WORD.findall(normalise(text)) for text in texts]
        self.folded = [[fold(word) for word in words] for words in self.words]
        self.places: dict[str, list[tuple[int, int]]] = {}
        for text, folded in enumerate(self.folded):
            for position, word in enumerate(folded):
                self.places.setdefault(word, []).append((text, position))

    def most_used(self, run: list[str]) -> list[str] | None:
        """The spelling of `run` (folded words) that the most texts use, then the most
        often; None when no text holds the run."""
        width = len(run)
        found = [
            (text, tuple(self.words[text][position : position + width]))
            for text, position in self.places.get(run[0], [])
            if self.folded[text][position : position + width] == run
        ]
        if not found:
            return None
        texts_using = Counter(spelling for _, spelling in set(found))
        uses = Counter(spelling for _, spelling in found)
        return list(max(texts_using, key=lambda spelling: (texts_using[spelling], uses[spelling])))


def document_number_words(words: list[str]) -> set[int]:
    """Indexes of the words that make a document number typed with spaces ("05 ct tu",
    "42 2022 nd cp"): a number and the words after it that read as one with a type code
    or a year, by the one document-number parser."""
    indexes: set[int] = set()
    for start, word in enumerate(words):
        if not word.isdigit():
            continue
        parts = words[start : start + MAX_NUMBER_PARTS]
        for length in range(2, len(parts) + 1):  # shortest: an issuer takes any dashed word
            if is_document_number(parts[:length]):
                indexes.update(range(start, start + length))
                break
    return indexes


def is_document_number(parts: list[str]) -> bool:
    """Whether some choice of "-" and "/" between the parts spells a document number."""
    for separators in itertools.product("-/", repeat=len(parts) - 1):
        text = parts[0] + "".join(
            sep + part for sep, part in zip(separators, parts[1:], strict=True)
        )
        parsed = parse_document_number(text)
        if parsed is not None and (parsed.type_code or parsed.year):
            return True
    return False
