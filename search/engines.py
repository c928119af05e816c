"""What every search engine (SQLite FTS5, PostgreSQL, Elasticsearch) does for the service.

An engine only ever sees terms from `search.analysis`: it matches and ranks them
within a queryset's rows, and counts terms for the vocabulary of suggestions.
Whether the answer is degraded (Elasticsearch could not answer and the database
did) travels with the answer itself, never through a side channel.
"""

from typing import NamedTuple, Protocol, runtime_checkable

from search.analysis import AnalysedQuery


class Ranking(NamedTuple):
    """One slice of a ranking: (object id, score) best first, and whether it came
    from the database because the engine asked could not answer."""

    hits: list[tuple[int, float]]
    degraded: bool = False


class Counted(NamedTuple):
    total: int
    degraded: bool = False


@runtime_checkable
class Engine(Protocol):
    """Matching, ranking and term statistics over the index, restricted to a queryset.

    `columns` are the index columns searched (search.documents.columns_for);
    `memo` is the caller's per-query scratch space, so slices and the count of one
    result set compute each thing once and nothing outlives the request.
    """

    def rank(
        self,
        queryset,
        analysed: AnalysedQuery,
        columns: list[str],
        limit: int | None,
        offset: int,
        memo: dict,
    ) -> Ranking: ...

    def count(
        self, queryset, analysed: AnalysedQuery, columns: list[str], memo: dict
    ) -> Counted: ...

    def document_frequencies(self, terms: list[str], pages) -> dict[str, int]: ...

    def terms_present(self, terms: list[str], pages) -> set[str]: ...

    def after_write(self, index, model, items) -> None: ...

    def after_delete(self, index, item) -> None: ...

    def after_reset(self, index) -> None: ...
