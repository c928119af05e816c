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

from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
)
from modelsearch.query import MATCH_ALL, And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from search.documents import COLUMNS, columns_for, document_columns
from search.engines import Engine
from search.models import IndexEntry, root_content_type
from search.ranking import RankedSearch
from search.service import analyse


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


class VietnameseIndex(BaseIndex):
    def add_items(self, model, items):
        """Analyse the objects and write their entries with multi-row upserts (update_index
        and bulk imports hand over a chunk at a time; a save, one object)."""
        content_type = root_content_type(model)
        entries = {
            obj.pk: IndexEntry(content_type=content_type, object_id=obj.pk, **document_columns(obj))
            for obj in items
            if isinstance(obj.pk, int)
        }
        IndexEntry.objects.bulk_create(
            entries.values(),
            update_conflicts=True,
            unique_fields=["content_type", "object_id"],
            update_fields=list(COLUMNS),
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
    def check(self):
        # Filters and ordering stay in Django: any queryset is acceptable.
        return None

    # Set by the first `ranked_by` call: this query's ranking.
    ranked: RankedSearch | None = None

    def ranked_by(self, engine: Engine) -> RankedSearch:
        """The query analysed once (search.service) and ranked over the queryset: slices
        of one result set share their compiler, so the count, a page and the next page
        share one ranking, and nothing outlives the request."""
        if self.ranked is not None:
            return self.ranked
        # A query without a language (the admin, API v2) asks for every language's terms.
        # English stems are marked and Khmer terms are in Khmer script, so Vietnamese
        # pages match exactly the terms a Vietnamese query gives them.
        analysis = analyse(query_text(self.query), getattr(self.query, "language", None))
        self.ranked = RankedSearch(
            engine, self.queryset, analysis.analysed, columns_for(self.fields)
        )
        return self.ranked

    @property
    def matches_everything(self) -> bool:
        return self.query is MATCH_ALL


class VietnameseSearchResults(BaseSearchResults):
    @property
    def ranked(self) -> RankedSearch:
        return self.query_compiler.ranked_by(self.backend.engine)

    @property
    def degraded(self) -> bool:
        """Whether these results came from the database because the engine could not answer."""
        return not self.query_compiler.matches_everything and self.ranked.degraded

    def _do_search(self):
        compiler = self.query_compiler
        queryset = compiler.queryset
        if compiler.matches_everything:
            return list(queryset[self.start : self.stop])
        if not compiler.order_by_relevance:
            ids = [pk for pk, _ in self.ranked.unranked()]
            return list(queryset.filter(pk__in=ids)[self.start : self.stop])
        limit = None if self.stop is None else self.stop - self.start
        ranked = self.ranked.slice(limit=limit, offset=self.start)
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
        count = self.ranked.count()
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

    def make_engine(self, params) -> Engine:
        raise NotImplementedError
