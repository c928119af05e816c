"""A Wagtail search backend whose text matching is Vietnamese-aware.

Wagtail (modelsearch) calls the backend to index objects on save and to search
from every entry point: the admin, API v2's `search` parameter and our search
API. This backend keeps Wagtail's contract — results are the given queryset,
ranked — and hands the matching to an engine (SQLite FTS5, PostgreSQL or
Elasticsearch) that only ever sees terms from `search.analysis`.

Filters need no translation: the engine restricts matches to the queryset's
own rows in SQL (or intersects with them for Elasticsearch), so any Django
filter works, and only what the queryset allows — live, public pages in the
public API — can ever come back.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.functional import cached_property
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    get_model_root,
)
from modelsearch.query import MATCH_ALL, And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from search.abbreviations import expand as expand_abbreviations
from search.analysis import AnalysedQuery
from search.documents import COLUMNS, columns_for, document_columns
from search.languages import analyse_query
from search.models import IndexEntry
from search.reranking import RERANK_DEPTH, rerank, reranked_slice


def query_text(query) -> str:
    """The words of a modelsearch query object, whatever its shape."""
    if isinstance(query, str):
        return query
    if isinstance(query, (PlainText, Fuzzy)):
        return query.query_string
    if isinstance(query, Phrase):
        return query.query_string
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, (And, Or)):
        return " ".join(query_text(sub) for sub in query.subqueries)
    if isinstance(query, Not):
        return ""
    return ""


def root_content_type(model) -> ContentType:
    return ContentType.objects.get_for_model(get_model_root(model))


class VietnameseIndex(BaseIndex):
    def add_items(self, model, items):
        content_type = root_content_type(model)
        for obj in items:
            if not isinstance(obj.pk, int):
                continue
            columns = document_columns(obj)
            IndexEntry.objects.update_or_create(
                content_type=content_type, object_id=obj.pk, defaults=columns
            )
        self.backend.engine.after_write(self, model, items)

    def delete_item(self, item):
        IndexEntry.objects.filter(
            content_type=root_content_type(type(item)), object_id=item.pk
        ).delete()
        self.backend.engine.after_delete(self, item)

    def reset(self):
        IndexEntry.objects.all().delete()
        self.backend.engine.after_reset(self)


class VietnameseQueryCompiler(BaseSearchQueryCompiler):
    # The first RERANK_DEPTH matches, reranked (search.reranking), once computed.
    reranked_head: list[tuple[int, float]] | None = None

    @cached_property
    def memo(self) -> dict:
        """What the engine computed for this query (statistics, ranking): slices of one
        result set share their compiler, so the API's count, page and facet window
        compute each once, and nothing outlives the request."""
        return {}

    def check(self):
        # Filters and ordering stay in Django: any queryset is acceptable.
        return None

    @cached_property
    def analysed(self) -> AnalysedQuery:
        # A query without a language (the admin, API v2) asks for every language's terms.
        # English stems are marked and Khmer terms are in Khmer script, so Vietnamese
        # pages match exactly the terms a Vietnamese query gives them.
        text = query_text(self.query)
        language = getattr(self.query, "language", None)
        return expand_abbreviations(analyse_query(text, language), text)

    @property
    def matches_everything(self) -> bool:
        return self.query is MATCH_ALL


class VietnameseSearchResults(BaseSearchResults):
    def _ranked_ids(self, limit: int | None, offset: int) -> list[tuple[int, float]]:
        compiler = self.query_compiler
        queryset, analysed, fields = compiler.queryset, compiler.analysed, compiler.fields

        def search(limit, offset):
            return self.backend.engine.search(
                queryset, analysed, fields, limit, offset, memo=compiler.memo
            )

        def reranked_head():
            # Slices of one result set share its compiler: the API's count, page and
            # facet window rerank once.
            if compiler.reranked_head is None:
                content_type_id = root_content_type(queryset.model).pk
                compiler.reranked_head = rerank(
                    search(limit=RERANK_DEPTH, offset=0),
                    analysed,
                    content_type_id,
                    columns_for(fields),
                )
            return compiler.reranked_head

        return reranked_slice(search, reranked_head, limit=limit, offset=offset)

    def _do_search(self):
        compiler = self.query_compiler
        queryset = compiler.queryset
        if compiler.matches_everything:
            return list(queryset[self.start : self.stop])
        if not compiler.analysed:
            return []
        limit = None if self.stop is None else self.stop - self.start
        if not compiler.order_by_relevance:
            ids = [pk for pk, _ in self._ranked_ids(limit=None, offset=0)]
            return list(queryset.filter(pk__in=ids)[self.start : self.stop])
        ranked = self._ranked_ids(limit=limit, offset=self.start)
        objects = queryset.filter(pk__in=[pk for pk, _ in ranked]).in_bulk()
        results = []
        for pk, score in ranked:
            obj = objects.get(pk)
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self):
        compiler = self.query_compiler
        if compiler.matches_everything:
            return compiler.queryset.count()
        if not compiler.analysed:
            return 0
        count = self.backend.engine.count(
            compiler.queryset, compiler.analysed, compiler.fields, memo=compiler.memo
        )
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count - self.start, 0)


class VietnameseSearchBackend(BaseSearchBackend):
    """Shared by every engine; subclasses say which engine with `make_engine`."""

    query_compiler_class = VietnameseQueryCompiler
    autocomplete_query_compiler_class = VietnameseQueryCompiler
    results_class = VietnameseSearchResults
    index_class = VietnameseIndex
    columns = COLUMNS

    def __init__(self, params):
        super().__init__(params)
        self.params = params
        self.engine = self.make_engine(params)

    def make_engine(self, params):
        raise NotImplementedError
