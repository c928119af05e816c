"""Index terms per content language: Vietnamese, English, Khmer.

Every page is indexed with its own locale's rules, and a query meant for one
language is analysed with that language's rules. All three build on the
Vietnamese terms of `search.analysis` (folded and exact syllables, pairs), so
document numbers, abbreviations and Vietnamese names match in every language:

- `vi`: exactly the Vietnamese analysis;
- `en`: the same, plus Porter2 stems and pairs of stems ("courts" and "court"
  meet), each marked with STEM_MARK. The mark keeps them apart from Vietnamese
  terms: a stem such as "ngai" (from "ngay") would otherwise be a Vietnamese
  syllable, and a query that asks every language at once (the admin, API v2)
  must rank Vietnamese pages exactly as a Vietnamese query does;
- `km`: Khmer has no spaces between words. Words from khmer-nltk's segmenter,
  pairs of adjacent words, and the written clusters (consonant with its marks)
  alone and in adjacent pairs — words rank, clusters find the word inside a
  compound ("ច្បាប់", law, in "ផ្លូវច្បាប់", legal). bench/khmer_segmentation.py
  measured this against words alone and n-grams alone.

Khmer script is analysed as Khmer whatever the page's language, and Latin
script in Khmer pages as Vietnamese (names of places and bodies, numbers).
"""

import re
from dataclasses import replace

from modelsearch.query import PlainText

from search import khmer
from search.analysis import MAX_QUERY_CHARS, MAX_QUERY_SYLLABLES, PAIR_JOINER, AnalysedQuery
from search.analysis import analyse_query as analyse_vietnamese
from search.analysis import index_terms as vietnamese_terms
from search.english import stem
from vietnamese_text.folding import fold
from vietnamese_text.normalise import syllables

VIETNAMESE, ENGLISH, KHMER = "vi", "en", "km"
# Prefix of English stems: no Vietnamese term has a double joiner.
STEM_MARK = "en" + PAIR_JOINER * 2
ENGLISH_WORD = re.compile(r"[a-z]+")


class TextInLanguage(PlainText):
    """What a search box sent, and the content language it searches (None: any)."""

    def __init__(self, query_string: str, language: str | None):
        super().__init__(query_string, operator="or")
        self.language = language

    def __repr__(self) -> str:
        return f"<TextInLanguage {self.query_string!r} language={self.language!r}>"


# --- index ----------------------------------------------------------------------------


def index_terms(text: str, language: str) -> list[str]:
    """Every term `text` is indexed under when written in `language`."""
    text = text or ""
    latin, khmer_runs = split_scripts(text)
    terms = vietnamese_terms(latin)
    if language == ENGLISH:
        terms.extend(english_stem_terms(latin))
    for run in khmer_runs:
        terms.extend(khmer_index_terms(run))
    return terms


def split_scripts(text: str) -> tuple[str, list[str]]:
    """(text with Khmer runs blanked out, the Khmer runs). Cheap when there is no Khmer."""
    if not khmer.has_khmer(text):
        return text, []
    runs = khmer.KHMER_RUN.findall(text)
    return khmer.KHMER_RUN.sub(" ", text), [run for run in runs if khmer.has_khmer(run)]


def english_stem_terms(text: str) -> list[str]:
    stems = english_stems(text)
    pairs = [f"{a}{PAIR_JOINER}{b}" for a, b in zip(stems, stems[1:], strict=False)]
    return stems + pairs


def english_stems(text: str) -> list[str]:
    """Marked stems of the English words of a text ("Courts" → "en__court")."""
    return [
        STEM_MARK + stem(word)
        for word in map(fold, syllables(text))
        if ENGLISH_WORD.fullmatch(word)
    ]


def khmer_index_terms(text: str) -> list[str]:
    words = khmer.words(text)
    clusters = khmer_clusters(text)
    return (
        words
        + pair_terms(words)
        + clusters
        + ["".join(pair) for pair in zip(clusters, clusters[1:], strict=False)]
    )


def khmer_clusters(text: str) -> list[str]:
    found = []
    for run in khmer.KHMER_RUN.findall(khmer.search_form(text)):
        found.extend(c for c in khmer.clusters(run) if khmer.has_khmer(c))
    return found


def pair_terms(words: list[str]) -> list[str]:
    return [f"{a}{PAIR_JOINER}{b}" for a, b in zip(words, words[1:], strict=False)]


# --- queries --------------------------------------------------------------------------


def analyse_query(text: str, language: str | None = None) -> AnalysedQuery:
    """A query's terms for one content language, or for all of them (None)."""
    text = (text or "").replace("\x00", " ")[:MAX_QUERY_CHARS]
    latin, khmer_runs = split_scripts(text)
    analysed = analyse_vietnamese(latin)
    if language in (ENGLISH, None):
        stems = english_stem_terms(latin)
        analysed = replace(analysed, extra=list(dict.fromkeys(analysed.extra + stems)))
    if khmer_runs:
        analysed = with_khmer(analysed, khmer_runs)
    return analysed


def khmer_query_terms(text: str) -> list[str]:
    """Every term a Khmer query asks for (the benchmark's view of `analyse_query`)."""
    return analyse_query(text, KHMER).terms


def with_khmer(analysed: AnalysedQuery, runs: list[str]) -> AnalysedQuery:
    words: list[str] = []
    for run in runs:
        words.extend(khmer.words(run))
    words = words[:MAX_QUERY_SYLLABLES]
    # Clusters: a pair for each two adjacent clusters inside a word, and a one-cluster
    # word as itself (asking for every lone cluster would match nearly everything).
    grams: list[str] = []
    for word in words:
        clusters = khmer.clusters(word)
        if len(clusters) == 1:
            grams.append(word)
        grams.extend("".join(pair) for pair in zip(clusters, clusters[1:], strict=False))
    return replace(
        analysed,
        folded=list(dict.fromkeys(analysed.folded + words)),
        pairs=list(dict.fromkeys(analysed.pairs + pair_terms(words))),
        extra=list(dict.fromkeys(analysed.extra + grams)),
    )
