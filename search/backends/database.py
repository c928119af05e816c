"""The database search backend: Vietnamese search inside SQLite or PostgreSQL.

`WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}`.
SQLite matches with an FTS5 table and BM25 (search.backends.sqlite); PostgreSQL
with a GIN-indexed tsvector (search.backends.postgres). Both restrict matches
to the caller's queryset in the same SQL statement.
"""

from django.db import connection, transaction

from search.backends.base import VietnameseSearchBackend
from search.backends.postgres import PostgresEngine
from search.backends.sqlite import SQLiteEngine
from search.engines import Engine


def database_engine() -> Engine:
    """The engine for the database this process talks to."""
    if connection.vendor == "postgresql":
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

    def make_engine(self, params) -> Engine:
        return database_engine()


SearchBackend = DatabaseSearchBackend
