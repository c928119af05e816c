"""Recovering what people meant, from the site's own vocabulary.

- Telex or VNI typed without an input method ("hoaf giair", "hoa2 giai3") and
  small typos ("hoa giaii") are rewritten when the literal word is unknown to
  the index and the rewrite is known.
- "Did you mean": a query typed without marks gets its marks back, each
  syllable taking the accented form the site's own texts use most ("hoa giai"
  → "hòa giải"). No model, no network: only the index's term frequencies.

The vocabulary is a `PublicVocabulary`: the words of the pages the reader may see,
so that nothing is ever suggested from a draft, an expired or a restricted page.
"""

import itertools
import re
import string
import unicodedata
from collections.abc import Callable

from search.analysis import exact_term
from vietnamese_text.folding import fold
from vietnamese_text.input_methods import decode_typing
from vietnamese_text.normalise import normalise
from vietnamese_text.syllable import is_vietnamese_syllable

Frequencies = Callable[[list[str]], dict[str, int]]


class PublicVocabulary:
    """Document frequencies over the pages the public may see, for one request.

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
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
VOWEL_FORMS = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "i": "i", "y": "y", "d": "dđ"}
# Bounds: a whole question may be typed in Telex, but typo correction costs
# a few hundred look-ups per word, so only the first few unknown words get it.
MAX_WORDS = 40
MAX_TYPO_WORDS = 3
MAX_TYPO_LENGTH = 12


def accent_candidates(folded: str) -> list[str]:
    """Every valid Vietnamese syllable that folds to `folded` ("hoa" → hoa, hòa, hóa, họa…)."""
    if not folded.isascii() or not folded.isalpha() or len(folded) > 7:
        return []
    letter_choices = [VOWEL_FORMS.get(letter, letter) for letter in folded]
    candidates = set()
    for letters in itertools.product(*letter_choices):
        base = "".join(letters)
        vowel_positions = [i for i, letter in enumerate(base) if fold(letter) in "aeiouy"]
        for tone in TONES:
            for position in vowel_positions or [None]:
                if position is None:
                    word = base
                else:
                    word = base[: position + 1] + tone + base[position + 1 :]
                word = normalise(word)
                if is_vietnamese_syllable(word):
                    candidates.add(word)
    return sorted(candidates)


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


def did_you_mean(query: str, frequencies: Frequencies) -> str | None:
    """The query with marks restored where it has none, or None if nothing changes."""
    words = WORD.findall(normalise(query))[:MAX_WORDS]
    if not words or any(fold(word) != word for word in words):
        return None  # typed with an input method: its unmarked words are meant so
    restored = {}
    for word in words:
        if fold(word) != word or word.isdigit():
            continue  # typed with marks already, or a number: keep as typed
        # Only marked forms: the unmarked syllable's term counts every spelling.
        terms = {c: exact_term(c) for c in accent_candidates(word) if exact_term(c)}
        if not terms:
            continue
        candidates = list(terms)
        counts = frequencies(list(terms.values()))
        best = max(candidates, key=lambda c: counts.get(terms[c], 0))
        if counts.get(terms[best], 0) and best != word:
            restored[word] = best
    if not restored:
        return None
    return WORD.sub(lambda m: restored.get(m.group(), m.group()), normalise(query))
