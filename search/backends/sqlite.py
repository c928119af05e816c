"""The SQLite engine: Vietnamese search over an FTS5 table, ranked by FTS5's BM25.

`vnsearch_fts` indexes IndexEntry's columns (external content, kept in step by
triggers, migration 0002); matches are restricted to the caller's queryset in
the same statement.
"""

from django.db import connection

from search.analysis import AnalysedQuery
from search.backends.sql import COLUMN_WEIGHTS, chunks, restrict_sql
from search.documents import COLUMNS
from search.engines import Counted, Ranking
from search.models import root_content_type

# Each term's count or presence among the allowed entries, from its FTS5 posting list.
PER_TERM = {
    "count": "SELECT %s, (SELECT count(*) FROM vnsearch_fts "
    "WHERE vnsearch_fts MATCH %s AND rowid IN allowed)",
    "present": "SELECT %s WHERE EXISTS (SELECT 1 FROM vnsearch_fts "
    "WHERE vnsearch_fts MATCH %s AND rowid IN allowed)",
}


def fts_phrase(term: str) -> str:
    """One term as an FTS5 query: a quoted string, so "_" and digits stay inside it."""
    return '"' + term.replace('"', '""') + '"'


class SQLiteEngine:
    """FTS5 over `vnsearch_indexentry`. Stateless: what one result set computes lives in
    the `memo` its caller hands in."""

    def match_expression(self, analysed: AnalysedQuery, columns: list[str]) -> str:
        terms = " OR ".join(f'"{term}"' for term in analysed.terms)
        if columns != list(COLUMNS):
            return f"{{{' '.join(columns)}}} : ({terms})"
        return terms

    def base_sql(self, queryset, analysed, columns) -> tuple[str, list]:
        restrict, restrict_params = restrict_sql(queryset)
        # CROSS JOIN keeps FTS5 the outer loop: left to choose, SQLite counts by walking
        # every allowed entry and running the whole MATCH again for each (minutes for a
        # question over 10,000 entries).
        sql = (
            "FROM vnsearch_fts CROSS JOIN vnsearch_indexentry e ON e.id = vnsearch_fts.rowid "
            "WHERE vnsearch_fts MATCH %s AND e.content_type_id = %s "
            f"AND e.object_id IN ({restrict})"
        )
        params = [
            self.match_expression(analysed, columns),
            root_content_type(queryset.model).pk,
            *restrict_params,
        ]
        return sql, params

    def rank(self, queryset, analysed, columns, limit, offset, memo=None) -> Ranking:
        """A slice of the ranking; `memo` (the result set's) keeps the whole ranking, so
        the count, the reranked head, the page and the facets of a request share one
        statement (FTS5 scores every match to sort them, whatever the LIMIT)."""
        ranking = self._ranking(queryset, analysed, columns, memo)
        return Ranking(ranking[offset:] if limit is None else ranking[offset : offset + limit])

    def _ranking(self, queryset, analysed, columns, memo) -> list[tuple[int, float]]:
        memo = {} if memo is None else memo
        sql, params = self.base_sql(queryset, analysed, columns)
        key = ("ranking", sql, repr(params))
        if key not in memo:
            memo[key] = self._rank(sql, params)
        return memo[key]

    def _rank(self, sql: str, params: list) -> list[tuple[int, float]]:
        weights = ", ".join(str(COLUMN_WEIGHTS[column]) for column in COLUMNS)
        query = (
            f"SELECT e.object_id, bm25(vnsearch_fts, {weights}) AS score {sql} "
            "ORDER BY score, e.object_id"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            # FTS5's bm25() is negative: lower is better.
            return [(pk, -score) for pk, score in cursor.fetchall()]

    def count(self, queryset, analysed, columns, memo=None) -> Counted:
        # The length of the (memoised) ranking: a result set is counted and then sliced.
        return Counted(len(self._ranking(queryset, analysed, columns, memo)))

    def document_frequencies(self, terms: list[str], pages) -> dict[str, int]:
        """How many index entries of `pages` hold each term (0 for unknown ones)."""
        frequencies = dict.fromkeys(dict.fromkeys(terms), 0)
        frequencies.update(self.per_term("count", terms, pages))
        return frequencies

    def terms_present(self, terms: list[str], pages) -> set[str]:
        """The terms some index entry of `pages` holds (each look-up stops at the first)."""
        return {term for (term,) in self.per_term("present", terms, pages)}

    def per_term(self, kind: str, terms: list[str], pages) -> list[tuple]:
        """One row per indexed term, from PER_TERM[kind], among the entries of `pages`.

        The whole index's vocabulary (fts5vocab, a cheap look-up) first narrows the terms
        to those indexed at all: typo correction asks hundreds of candidates, a handful
        exist. The allowed entries are found once, then each term's postings checked
        against them; FTS5 stays the outer loop of each look-up.
        """
        unique = list(dict.fromkeys(terms))
        indexed = [term for term, count in self.index_frequencies(unique).items() if count]
        restrict, restrict_params = restrict_sql(pages)
        rows = []
        with connection.cursor() as cursor:
            for chunk in chunks(indexed, 200):
                lookups = " UNION ALL ".join([PER_TERM[kind]] * len(chunk))
                cursor.execute(
                    "WITH allowed(id) AS MATERIALIZED (SELECT e.id FROM vnsearch_indexentry e "
                    f"WHERE e.content_type_id = %s AND e.object_id IN ({restrict})) {lookups}",
                    [
                        root_content_type(pages.model).pk,
                        *restrict_params,
                        *(value for term in chunk for value in (term, fts_phrase(term))),
                    ],
                )
                rows.extend(cursor.fetchall())
        return rows

    def index_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many entries of the whole index hold each term: never shown to anyone."""
        frequencies = dict.fromkeys(terms, 0)
        with connection.cursor() as cursor:
            for chunk in chunks(terms, 500):  # within SQLite's variable limit
                placeholders = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT term, doc FROM vnsearch_vocab WHERE term IN ({placeholders})", chunk
                )
                frequencies.update(cursor.fetchall())
        return frequencies

    def after_write(self, index, model, items):
        """Triggers keep FTS5 in step with the table."""

    def after_delete(self, index, item):
        """Triggers keep FTS5 in step with the table."""

    def after_reset(self, index):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO vnsearch_fts(vnsearch_fts) VALUES('rebuild')")
