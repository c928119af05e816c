"""What the reranker knows of one candidate for one query, from its index entry alone.

Every feature is computed here, in Python, from the terms of search.analysis that
each engine stores alike (IndexEntry's columns) and the engine's BM25 score, so
SQLite FTS5, PostgreSQL and Elasticsearch give the reranker the same evidence by
construction. Every feature is folded: the query's spelling (marks, tone placement,
NFD, Telex once decoded) changes none of them, only the engine's BM25.

- field structure: how much of the query the title, the lead and the body each hold,
  and how much of the title the query spells out (a question that states an
  article's heading is asking for that article);
- proximity: the most of the query's syllables that one short window of the page
  holds — words that meet in one sentence, not scattered over a long article;
- question boilerplate: each query term weighs by how rarely questions use it
  (`Boilerplate`, learned from many questions, never from their answers): "đúng hay
  sai", "theo quy định", "có được không" are asked everywhere and say no topic.

The learned reranker (search.learned) weighs these features; bench/cross_validation.py
chose them, each kept only if it helped on held-out questions.
"""

import math
from dataclasses import dataclass

from search.analysis import PAIR_JOINER, AnalysedQuery, is_exact_term
from search.languages import STEM_MARK

FEATURES = (
    "bm25",  # the engine's score over the best one's
    "title_coverage",  # share of the title's terms the query holds
    "pair_coverage",  # share of the query's pairs the page holds
    "weighted_pair_coverage",  # the same, each pair weighed by how topical it is
    "title_syllables",  # weighed share of the query's syllables in the title
    "title_pairs",  # weighed share of the query's pairs in the title
    "lead_pairs",  # weighed share of the query's pairs in the lead (summary)
    "body_syllables",  # weighed share of the query's syllables in the body
    "proximity",  # weighed share of the query's syllables in the best window
    "length",  # log of the page's length in syllables
)
PROXIMITY_WINDOW = 12  # syllables: about one clause


class Boilerplate:
    """How topical each folded query term is, from its frequency across many questions.

    `frequencies` holds the share of questions that use a term, for the terms at least
    `floor` of questions use; a term's weight is log(1/share) / log(1/floor), so a term
    every question uses weighs 0 and one used by fewer than `floor` weighs 1.
    """

    def __init__(self, frequencies: dict[str, float], floor: float):
        self.frequencies = frequencies
        self.floor = floor
        self.scale = -math.log(floor)

    def weight(self, term: str) -> float:
        share = self.frequencies.get(term)
        if share is None or share <= self.floor:
            return 1.0
        return max(0.0, -math.log(share) / self.scale)


NO_BOILERPLATE = Boilerplate({}, 0.5)


@dataclass(frozen=True)
class QueryTerms:
    syllables: dict[str, float]  # folded syllable → weight
    pairs: dict[str, float]  # folded pair → weight
    asked: frozenset[str]  # every folded term of the query, for title coverage

    @classmethod
    def of(cls, analysed: AnalysedQuery, boilerplate: Boilerplate) -> "QueryTerms":
        return cls(
            syllables={term: boilerplate.weight(term) for term in analysed.folded},
            pairs={term: boilerplate.weight(term) for term in analysed.pairs},
            asked=frozenset(analysed.folded) | frozenset(analysed.pairs) | set(analysed.extra),
        )


@dataclass(frozen=True)
class Field:
    """One column of an index entry: its folded syllables in order, and its folded terms."""

    sequence: tuple[str, ...]
    terms: frozenset[str]

    @classmethod
    def of(cls, column: str) -> "Field":
        tokens = column.split()
        pairs = [t for t in tokens if PAIR_JOINER in t and not t.startswith(STEM_MARK)]
        # search.analysis writes a text's folded syllables first, in order, then its exact
        # terms, then the pairs of adjacent syllables: n syllables give n - 1 pairs.
        if pairs:
            sequence = tokens[: len(pairs) + 1]
        else:
            sequence = [t for t in tokens[:1] if PAIR_JOINER not in t and not is_exact_term(t)]
        terms = frozenset(t for t in tokens if not is_exact_term(t))
        return cls(tuple(sequence), terms)


@dataclass(frozen=True)
class Entry:
    title: Field
    summary: Field
    body: Field

    @classmethod
    def of(cls, title: str, summary: str, body: str) -> "Entry":
        return cls(Field.of(title), Field.of(summary), Field.of(body))


def share(weights: dict[str, float], held: frozenset[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(weight for term, weight in weights.items() if term in held) / total


def best_window(sequence: tuple[str, ...], weights: dict[str, float], width: int) -> float:
    """The largest weighed share of distinct query syllables within `width` syllables."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    hits = [(i, term) for i, term in enumerate(sequence) if weights.get(term, 0) > 0]
    best, counts, inside, start = 0.0, {}, 0.0, 0
    for position, term in hits:
        counts[term] = counts.get(term, 0) + 1
        if counts[term] == 1:
            inside += weights[term]
        while hits[start][0] <= position - width:
            left = hits[start][1]
            counts[left] -= 1
            if counts[left] == 0:
                inside -= weights[left]
            start += 1
        best = max(best, inside)
    return best / total


def features(query: QueryTerms, entry: Entry, bm25: float) -> list[float]:
    """The FEATURES of one candidate; `bm25` is its engine score over the best one's."""
    title_terms = entry.title.terms
    held = title_terms | entry.summary.terms | entry.body.terms
    pair_terms = list(query.pairs)
    return [
        bm25,
        len(title_terms & query.asked) / len(title_terms) if title_terms else 0.0,
        sum(t in held for t in pair_terms) / len(pair_terms) if pair_terms else 0.0,
        share(query.pairs, held),
        share(query.syllables, title_terms),
        share(query.pairs, title_terms),
        share(query.pairs, entry.summary.terms),
        share(query.syllables, entry.body.terms),
        best_window(
            entry.summary.sequence + entry.body.sequence, query.syllables, PROXIMITY_WINDOW
        ),
        math.log1p(len(entry.body.sequence)) / 10,
    ]
