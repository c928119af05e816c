"""One query's ranking over one queryset: the engine's slices, the best reranked.

The service and Wagtail's entry points (the admin, API v2) both page through a
`RankedSearch`: the API's count, page and facet window of one query share it, so
the engine computes statistics and the reranked head once, and whether any
answer came from the database fallback is kept with the answers.
"""

from search.analysis import AnalysedQuery
from search.engines import Engine
from search.features import Entry
from search.models import root_content_type
from search.reranking import RERANK_DEPTH, entries_of, rerank, reranked_slice


class RankedSearch:
    def __init__(
        self,
        engine: Engine,
        queryset,
        analysed: AnalysedQuery,
        columns: list[str],
        memo: dict | None = None,
    ):
        self.engine = engine
        self.queryset = queryset
        self.analysed = analysed
        self.columns = columns
        # What the engine computed for this query (statistics, ranking); dies with it.
        # Rankings of one request may share it: its keys say what each entry depends on.
        self.memo: dict = {} if memo is None else memo
        self.head: list[tuple[int, float]] | None = None
        self.engine_head: list[tuple[int, float]] | None = None
        self.entries: dict[int, Entry] | None = None
        #: Whether some answer came from the database because the engine could not give it.
        self.degraded = False

    def engine_slice(self, limit: int | None, offset: int) -> list[tuple[int, float]]:
        ranking = self.engine.rank(
            self.queryset, self.analysed, self.columns, limit, offset, self.memo
        )
        self.degraded = self.degraded or ranking.degraded
        return ranking.hits

    def head_entries(self) -> dict[int, Entry]:
        """The index entries of the engine's first RERANK_DEPTH matches, read once: the
        reranker scores them and the service checks the query's words against them."""
        if not self.analysed:
            return {}
        if self.entries is None:
            if self.engine_head is None:
                self.engine_head = self.engine_slice(limit=RERANK_DEPTH, offset=0)
            content_type_id = root_content_type(self.queryset.model).pk
            self.entries = entries_of(content_type_id, [pk for pk, _ in self.engine_head])
        return self.entries

    def reranked_head(self) -> list[tuple[int, float]]:
        if self.head is None:
            entries = self.head_entries()
            self.head = rerank(self.engine_head or [], self.analysed, entries, self.columns)
        return self.head

    def slice(self, limit: int | None, offset: int = 0) -> list[tuple[int, float]]:
        """(object id, score) of the matches from `offset`, best first."""
        if not self.analysed:
            return []
        return reranked_slice(self.engine_slice, self.reranked_head, limit=limit, offset=offset)

    def unranked(self) -> list[tuple[int, float]]:
        """Every match, in the engine's order (for callers that order by something else)."""
        if not self.analysed:
            return []
        return self.engine_slice(limit=None, offset=0)

    def count(self) -> int:
        if not self.analysed:
            return 0
        counted = self.engine.count(self.queryset, self.analysed, self.columns, self.memo)
        self.degraded = self.degraded or counted.degraded
        return counted.total
