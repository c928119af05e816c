"""The database search backend: Vietnamese search inside SQLite or PostgreSQL.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}`.
SQLite matches with an FTS5 table and BM25; PostgreSQL with a GIN-indexed
tsvector (search.backends.postgres). Both restrict matches to the caller's
queryset in the same SQL statement.
"""

from django.db import connection, transaction

from search.analysis import AnalysedQuery
from search.backends.base import VietnameseSearchBackend, root_content_type
from search.documents import COLUMNS, columns_for

# Relative weights of the columns (title, number, summary, body). The number weighs
# most: people search for "05-CT/TU" to find exactly that. The title weighs less than
# it did before search.reranking, which rewards a query that spells out a title: on
# the dev legal questions title 6 gave MRR@10 91.1 after reranking, 10 gave 90.8, 4 90.9.
COLUMN_WEIGHTS = {"title": 6.0, "number": 10.0, "summary": 3.0, "body": 1.0}


def chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fts_phrase(term: str) -> str:
    """One term as an FTS5 query: a quoted string, so "_" and digits stay inside it."""
    return '"' + term.replace('"', '""') + '"'


def restrict_sql(queryset) -> tuple[str, tuple]:
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


class SQLiteEngine:
    """FTS5 over `vnsearch_indexentry` (external content, kept in sync by triggers)."""

    def match_expression(self, analysed: AnalysedQuery, fields) -> str:
        terms = " OR ".join(f'"{term}"' for term in analysed.terms)
        columns = columns_for(fields)
        if columns != list(COLUMNS):
            return f"{{{' '.join(columns)}}} : ({terms})"
        return terms

    def base_sql(self, queryset, analysed, fields) -> tuple[str, list]:
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
            self.match_expression(analysed, fields),
            root_content_type(queryset.model).pk,
            *restrict_params,
        ]
        return sql, params

    def search(self, queryset, analysed, fields, limit, offset, memo=None):
        # FTS5 answers each slice fast: nothing to keep in `memo`.
        weights = ", ".join(str(COLUMN_WEIGHTS[column]) for column in COLUMNS)
        sql, params = self.base_sql(queryset, analysed, fields)
        query = (
            f"SELECT e.object_id, bm25(vnsearch_fts, {weights}) AS score {sql} "
            "ORDER BY score, e.object_id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [*params, -1 if limit is None else limit, offset])
            # FTS5's bm25() is negative: lower is better.
            return [(pk, -score) for pk, score in cursor.fetchall()]

    def count(self, queryset, analysed, fields, memo=None) -> int:
        sql, params = self.base_sql(queryset, analysed, fields)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) {sql}", params)
            return cursor.fetchone()[0]

    def document_frequencies(self, terms: list[str], pages) -> dict[str, int]:
        """How many index entries of `pages` hold each term (0 for unknown ones).

        The whole index's vocabulary (fts5vocab, a cheap look-up) first narrows the terms
        to those indexed at all: typo correction asks hundreds of candidates, a handful
        exist. Only those are counted within `pages`, from their FTS5 posting lists.
        """
        unique = list(dict.fromkeys(terms))
        frequencies = dict.fromkeys(unique, 0)
        indexed = [term for term, count in self.index_frequencies(unique).items() if count]
        restrict, restrict_params = restrict_sql(pages)
        with connection.cursor() as cursor:
            for chunk in chunks(indexed, 200):
                # The allowed entries are found once, then each term's postings checked
                # against them; FTS5 stays the outer loop of each count.
                counts = " UNION ALL ".join(
                    [
                        "SELECT %s, (SELECT count(*) FROM vnsearch_fts "
                        "WHERE vnsearch_fts MATCH %s AND rowid IN allowed)"
                    ]
                    * len(chunk)
                )
                cursor.execute(
                    "WITH allowed(id) AS MATERIALIZED (SELECT e.id FROM vnsearch_indexentry e "
                    f"WHERE e.content_type_id = %s AND e.object_id IN ({restrict})) {counts}",
                    [
                        root_content_type(pages.model).pk,
                        *restrict_params,
                        *(value for term in chunk for value in (term, fts_phrase(term))),
                    ],
                )
                frequencies.update(cursor.fetchall())
        return frequencies

    def terms_present(self, terms: list[str], pages) -> set[str]:
        """The terms some index entry of `pages` holds (each search stops at the first)."""
        unique = list(dict.fromkeys(terms))
        indexed = [term for term, count in self.index_frequencies(unique).items() if count]
        restrict, restrict_params = restrict_sql(pages)
        present = set()
        with connection.cursor() as cursor:
            for chunk in chunks(indexed, 200):
                lookups = " UNION ALL ".join(
                    [
                        "SELECT %s WHERE EXISTS (SELECT 1 FROM vnsearch_fts "
                        "WHERE vnsearch_fts MATCH %s AND rowid IN allowed)"
                    ]
                    * len(chunk)
                )
                cursor.execute(
                    "WITH allowed(id) AS MATERIALIZED (SELECT e.id FROM vnsearch_indexentry e "
                    f"WHERE e.content_type_id = %s AND e.object_id IN ({restrict})) {lookups}",
                    [
                        root_content_type(pages.model).pk,
                        *restrict_params,
                        *(value for term in chunk for value in (term, fts_phrase(term))),
                    ],
                )
                present.update(term for (term,) in cursor.fetchall())
        return present

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


def database_engine():
    """The engine for the database this process talks to."""
    if connection.vendor == "postgresql":
        from search.backends.postgres import PostgresEngine

        return PostgresEngine()
    if connection.vendor == "sqlite":
        return SQLiteEngine()
    raise RuntimeError(f"No Vietnamese search engine for the {connection.vendor} database")


class DatabaseRebuilder:
    """`update_index`: empty and refill the index in one transaction, so searches
    see the old index until the new one is complete."""

    def __init__(self, index):
        self.index = index
        self.transaction = transaction.atomic()

    def start(self):
        self.transaction.__enter__()
        self.index.reset()
        return self.index

    def finish(self):
        self.transaction.__exit__(None, None, None)


class DatabaseSearchBackend(VietnameseSearchBackend):
    rebuilder_class = DatabaseRebuilder

    def make_engine(self, params):
        return database_engine()


SearchBackend = DatabaseSearchBackend
