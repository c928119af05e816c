"""Ranking in Elasticsearch, with the database's engine as the fallback.

A query is one BM25F `combined_fields` query over the columns, weighted like the
database engines (search.backends.sql.COLUMN_WEIGHTS), with every analysed term a
separate OR clause; the best matches are then reranked as on every backend
(search.ranking). Matches are restricted to the queryset's root content type in
Elasticsearch, then intersected with the caller's queryset in the database,
keeping Elasticsearch's order. LIMIT: only the best MAX_WINDOW (10,000, the
index's max_result_window) matches are considered, so a filtered queryset whose
matches all rank beyond them finds nothing more, and its count stops there too.

When Elasticsearch is down, slow (TIMEOUT), missing its index, or behind (some
updates are pending), the database's engine answers and the answer says it is
`degraded`; after a failure the cluster is left alone for RETRY_AFTER seconds.
"""

import logging

from elasticsearch import Elasticsearch
from modelsearch.backends.base import get_model_root

from search.backends.database import database_engine
from search.backends.elasticsearch.aliases import Aliases
from search.backends.elasticsearch.client import (
    ES_ERRORS,
    ElasticsearchSettings,
    cluster_for,
    describe,
    unavailable,
)
from search.backends.elasticsearch.writes import DB_CHUNK, IndexWrites
from search.backends.sql import COLUMN_WEIGHTS, chunks, restrict_sql
from search.documents import COLUMNS
from search.engines import Counted, Ranking
from search.models import root_content_type

logger = logging.getLogger("search.backends.elasticsearch")

# Ids in one `terms` filter: under the index's max_terms_count (65,536 by default).
MAX_TERMS_PER_FILTER = 50_000


def is_unfiltered(queryset) -> bool:
    """A root model's whole table: Elasticsearch's order needs no window to page."""
    query = queryset.query
    return get_model_root(queryset.model) is queryset.model and not query.where


class ElasticsearchEngine:
    def __init__(self, params: dict):
        self.settings = ElasticsearchSettings.from_params(params)
        self.cluster = cluster_for(self.settings)
        self.aliases = Aliases(self.settings, self.cluster)
        self.writes = IndexWrites(self.aliases)
        self.alias = self.settings.alias
        self.max_window = self.settings.max_window

    @property
    def es(self) -> Elasticsearch:
        return self.cluster.client

    @property
    def breaker(self):
        return self.cluster.breaker

    # --- Searching ---------------------------------------------------------------------

    def query(self, queryset, analysed, columns) -> dict:
        return {
            "bool": {
                "must": {
                    "combined_fields": {
                        "query": " ".join(analysed.terms),
                        "fields": [f"{column}^{COLUMN_WEIGHTS[column]:g}" for column in columns],
                        "operator": "or",
                    }
                },
                "filter": {"term": {"content_type": str(root_content_type(queryset.model).pk)}},
            }
        }

    def ranked(self, queryset, analysed, columns, wanted: int | None) -> list[tuple[int, float]]:
        """The queryset's matches in Elasticsearch's order: the first `wanted`, or all
        within the window. Asks for growing batches until enough survive the queryset."""
        query = self.query(queryset, analysed, columns)
        if wanted is None:
            batch = self.max_window
        elif is_unfiltered(queryset):
            batch = max(wanted, 10)
        else:
            batch = max(4 * wanted, 200)
        restrict = queryset.order_by().values_list("pk", flat=True)
        results: list[tuple[int, float]] = []
        fetched = 0
        while fetched < self.max_window:
            size = min(batch, self.max_window - fetched)
            response = self.es.search(
                index=self.alias,
                query=query,
                from_=fetched,
                size=size,
                sort=[{"_score": "desc"}, {"object_id": "asc"}],
                source=False,
                track_total_hits=False,
            )
            hits = [(hit["sort"][1], hit["sort"][0]) for hit in response["hits"]["hits"]]
            fetched += len(hits)
            allowed = set()
            for ids in chunks([pk for pk, _ in hits], DB_CHUNK):
                allowed.update(restrict.filter(pk__in=ids))
            results.extend((pk, score) for pk, score in hits if pk in allowed)
            if len(hits) < size or (wanted is not None and len(results) >= wanted):
                break
            batch *= 2
        return results

    def rank(self, queryset, analysed, columns, limit, offset, memo=None) -> Ranking:
        def from_elasticsearch():
            end = None if limit is None else offset + limit
            if is_unfiltered(queryset):  # paged by Elasticsearch itself, counted apart
                return Ranking(self.ranked(queryset, analysed, columns, end)[offset:end])
            return Ranking(self.ranking(queryset, analysed, columns, memo)[offset:end])

        return self.answer(
            from_elasticsearch,
            lambda engine: engine.rank(queryset, analysed, columns, limit, offset, memo),
        )

    def ranking(self, queryset, analysed, columns, memo) -> list[tuple[int, float]]:
        """Every match within the window, kept in `memo` (the result set's): the count,
        the reranked head, the page and the facets of one request read one search."""
        memo = {} if memo is None else memo
        query = self.query(queryset, analysed, columns)
        restrict, params = restrict_sql(queryset)
        key = ("elasticsearch", repr(query), restrict, repr(params))
        if key not in memo:
            memo[key] = self.ranked(queryset, analysed, columns, None)
        return memo[key]

    def count(self, queryset, analysed, columns, memo=None) -> Counted:
        def from_elasticsearch():
            if is_unfiltered(queryset):
                query = self.query(queryset, analysed, columns)
                return Counted(self.es.count(index=self.alias, query=query)["count"])
            return Counted(len(self.ranking(queryset, analysed, columns, memo)))

        return self.answer(
            from_elasticsearch, lambda engine: engine.count(queryset, analysed, columns, memo)
        )

    def document_frequencies(self, terms, pages) -> dict[str, int]:
        """How many indexed objects of `pages` hold each term, in any column.

        Visibility is the database's to decide, at query time: `pages`' ids are sent
        as a filter (in batches within Elasticsearch's max_terms_count).
        """
        terms = list(dict.fromkeys(terms))

        def from_elasticsearch():
            frequencies = dict.fromkeys(terms, 0)
            if not terms:
                return frequencies
            filters = {
                term: {"bool": {"should": [{"term": {column: term}} for column in COLUMNS]}}
                for term in terms
            }
            content_type = {"term": {"content_type": str(root_content_type(pages.model).pk)}}
            ids = pages.order_by().values_list("pk", flat=True)
            for batch in chunks(ids.iterator(chunk_size=DB_CHUNK), MAX_TERMS_PER_FILTER):
                response = self.es.search(
                    index=self.alias,
                    size=0,
                    track_total_hits=False,
                    query={"bool": {"filter": [content_type, {"terms": {"object_id": batch}}]}},
                    aggregations={"df": {"filters": {"filters": filters}}},
                )
                buckets = response["aggregations"]["df"]["buckets"]
                for term in terms:
                    frequencies[term] += buckets[term]["doc_count"]
            return frequencies

        return self.answer(
            from_elasticsearch, lambda engine: engine.document_frequencies(terms, pages)
        )

    def terms_present(self, terms, pages) -> set[str]:
        """The terms some indexed object of `pages` holds (one aggregation counts them all)."""
        return {term for term, count in self.document_frequencies(terms, pages).items() if count}

    def answer(self, from_elasticsearch, from_database):
        """Elasticsearch's answer, or the database engine's (degraded) when Elasticsearch
        cannot give one. Term statistics are plain values: only rankings and counts say
        whether they are degraded."""
        # Missed updates are applied by the worker and the command, not here: a search
        # only reads.
        if not self.breaker.is_open() and not self.writes.is_behind():
            try:
                self.aliases.refresh_if_written()
                answer = from_elasticsearch()
            except ES_ERRORS as error:
                if unavailable(error):
                    self.breaker.trip()
                logger.warning(
                    "Elasticsearch (%s) did not answer a search, the database does: %s",
                    self.alias,
                    describe(error),
                )
            else:
                self.breaker.reset()
                return answer
        answer = from_database(database_engine())
        if isinstance(answer, (Ranking, Counted)):
            return answer._replace(degraded=True)
        return answer

    # --- Writing: see search.backends.elasticsearch.writes -----------------------------

    def after_write(self, index, model, items):
        content_type_id = root_content_type(model).pk
        keys = [(content_type_id, obj.pk) for obj in items if isinstance(obj.pk, int)]
        if not keys:
            return
        target = getattr(index, "es_target", None)
        if target:
            # Filling a new index in a rebuild: a failure must stop the rebuild.
            self.writes.push(keys, [target], raise_errors=True)
            return
        self.writes.write(keys)

    def after_delete(self, index, item):
        if isinstance(item.pk, int):
            self.writes.write([(root_content_type(type(item)).pk, item.pk)])

    def after_reset(self, index):
        self.aliases.swap_alias(self.aliases.create_index())

    def refresh(self, index=None):
        self.aliases.refresh(getattr(index, "es_target", None))

    def delete_indices(self):
        self.aliases.delete_indices()
