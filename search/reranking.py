"""A second look at the best matches, the same on every backend.

The engines rank by BM25 over the terms of search.analysis. BM25 scores each
term on its own: it cannot see that a question states an article's heading
("Hồ sơ đăng ký thường trú" asked as "hồ sơ đăng ký thường trú của công dân …
gồm những gì?"), that the question's words meet in one clause of a page rather
than scattered over it, or that "đúng hay sai" is asked of every topic. The
first RERANK_DEPTH matches are therefore scored again from their index entries:
the learned model (search.learned) weighs the features of search.features (the
engine's BM25 relative to the best match's, field coverage, proximity, with
question boilerplate down-weighted).

Every feature is folded, so the query's spelling (marks, tone placement, NFD,
Telex once decoded) changes nothing but BM25, whose accent-exact order ("bản"
above "bạn" above "ban") decides between pages that are otherwise alike. A
reranked score is never below its BM25 score and the head stays above the rest,
so every slice is a slice of one ranking. The model was chosen and is measured by
cross-validation (bench/cross_validation.py, bench/README.md).
"""

from search.analysis import AnalysedQuery
from search.features import FEATURES, Entry, QueryTerms, features
from search.learned import model
from search.models import IndexEntry

RERANK_DEPTH = model().depth
PROXIMITY = FEATURES.index("proximity")


def entries_of(content_type_id: int, pks: list[int]) -> dict[int, Entry]:
    """The index entries of `pks`, as the features read them."""
    return {
        pk: Entry.of(title, summary, body)
        for pk, title, summary, body in IndexEntry.objects.filter(
            content_type_id=content_type_id, object_id__in=pks
        ).values_list("object_id", "title", "summary", "body")
    }


def rerank(
    ranked: list[tuple[int, float]],
    analysed: AnalysedQuery,
    entries: dict[int, Entry],
    columns: list[str],
) -> list[tuple[int, float]]:
    """`ranked` (object id, BM25 score), best first, reordered by the learned model."""
    if len(ranked) < 2:
        return ranked
    best = ranked[0][1]
    if best <= 0:
        return ranked
    reranker = model()
    query = QueryTerms.of(analysed, reranker.boilerplate)
    empty = Entry.of("", "", "")
    # A search in the title alone (columns_for) reads only the title.
    title_only = "body" not in columns
    scored = []
    for position, (pk, score) in enumerate(ranked):
        entry = entries.get(pk, empty)
        if title_only:
            entry = Entry(entry.title, empty.summary, empty.body)
        values = features(query, entry, score / best)
        scored.append((reranker.score(values), values[PROXIMITY], position, pk))
    # Ties go to the page where the query's words meet, then keep the engine's order
    # (which breaks its own ties by object id).
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    # Scores that keep the model's order, never below a match's BM25 score, and above
    # every match past the head (whose BM25 is at most the head's best).
    low, high = scored[-1][0], scored[0][0]
    spread = (high - low) or 1.0
    return [(pk, best * (1 + (value - low) / spread)) for value, _, _, pk in scored]


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
