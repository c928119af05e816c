"""A second look at the best matches, the same on every backend.

The engines rank by BM25 over the terms of search.analysis. BM25 scores each
term on its own: it cannot see that a question contains an article's whole
heading ("Hồ sơ đăng ký thường trú" asked as "hồ sơ đăng ký thường trú của công
dân … gồm những gì?"), or that one candidate holds most of the question's
two-syllable words while another holds a few of them many times. The first
RERANK_DEPTH matches are therefore scored again, from their index entries:

    score = bm25 + best_bm25 × (TITLE_WEIGHT × title coverage + PAIR_WEIGHT × pair coverage)

- title coverage: the share of the title's terms (folded syllables and pairs) that
  the query contains — a query that spells out a title is asking for that page;
- pair coverage: the share of the query's syllable pairs that the entry contains.

Both are folded, so the query's spelling (marks, tone placement, NFD, Telex once
decoded) changes nothing here, and equal bonuses keep BM25's accent-exact order
("bản" above "bạn" above "ban"). A reranked score is never below its BM25 score,
so the first RERANK_DEPTH stay above the rest and every slice is a slice of one
ranking. On the dev legal questions this lifts MRR@10 by two to three points; the
weights were chosen on the whole dev set and hold on each half of it alike (see
bench/README.md).
"""

from search.analysis import PAIR_JOINER, AnalysedQuery, is_exact_term
from search.models import IndexEntry

RERANK_DEPTH = 30
TITLE_WEIGHT = 0.5
PAIR_WEIGHT = 0.2


def is_pair(term: str) -> bool:
    return PAIR_JOINER in term


def title_terms(title_column: str) -> set[str]:
    """The title's folded syllables and pairs (accent-exact terms left out)."""
    return {term for term in title_column.split() if not is_exact_term(term)}


def rerank(
    ranked: list[tuple[int, float]],
    analysed: AnalysedQuery,
    content_type_id: int,
    columns: list[str],
) -> list[tuple[int, float]]:
    """`ranked` (object id, BM25 score), best first, reordered as described above."""
    if len(ranked) < 2:
        return ranked
    best = ranked[0][1]
    if best <= 0:
        return ranked
    entries = {
        row[0]: row[1:]
        for row in IndexEntry.objects.filter(
            content_type_id=content_type_id, object_id__in=[pk for pk, _ in ranked]
        ).values_list("object_id", "title", *columns)
    }
    asked = set(analysed.folded) | set(analysed.pairs) | set(analysed.extra)
    asked_pairs = set(analysed.pairs)
    rescored = []
    for position, (pk, score) in enumerate(ranked):
        title, *texts = entries.get(pk, ("",))
        title_set = title_terms(title)
        title_coverage = len(title_set & asked) / len(title_set) if title_set else 0.0
        pair_coverage = 0.0
        if asked_pairs:
            held = {term for text in texts for term in text.split() if is_pair(term)}
            pair_coverage = len(asked_pairs & held) / len(asked_pairs)
        bonus = TITLE_WEIGHT * title_coverage + PAIR_WEIGHT * pair_coverage
        rescored.append((score + best * bonus, position, pk))
    # Ties keep the engine's order (which breaks its own ties by object id).
    rescored.sort(key=lambda item: (-item[0], item[1]))
    return [(pk, score) for score, _, pk in rescored]


def reranked_slice(search, reranked_head, limit: int | None, offset: int):
    """One slice of the ranking whose first RERANK_DEPTH matches are reranked.

    `search(limit, offset)` slices the engine's ranking; `reranked_head()` is its first
    RERANK_DEPTH, reranked. Slices past the head come straight from the engine.
    """
    if offset >= RERANK_DEPTH:
        return search(limit=limit, offset=offset)
    head = reranked_head()
    end = None if limit is None else offset + limit
    if len(head) < RERANK_DEPTH or (end is not None and end <= RERANK_DEPTH):
        return head[offset:end]
    tail = search(limit=None if end is None else end - RERANK_DEPTH, offset=RERANK_DEPTH)
    return (head + tail)[offset:end]
