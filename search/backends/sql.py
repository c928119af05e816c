"""What the two database engines (SQLite, PostgreSQL) share: column weights and how a
queryset's rows restrict a statement."""

import itertools

from django.core.exceptions import EmptyResultSet

# Relative weights of the columns (title, number, summary, body), on every engine. The
# number weighs most: people search for "05-CT/TU" to find exactly that. The title
# weighs less than it did before search.reranking, which rewards a query that spells
# out a title: on the dev legal questions title 6 gave MRR@10 91.1 after reranking, 10
# gave 90.8, 4 90.9.
COLUMN_WEIGHTS = {"title": 6.0, "number": 10.0, "summary": 3.0, "body": 1.0}


def chunks(items, size: int):
    """Lists of at most `size` items, read lazily: an iterator over a million rows is
    never held whole."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def restrict_sql(queryset) -> tuple[str, tuple]:
    """The queryset's primary keys as a subquery, to restrict matches in the same statement.

    A queryset Django knows to be empty (a filter on `pk__in=[]`) has no SQL: it becomes
    a subquery of no rows (0 is never a primary key).
    """
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return "SELECT 0 WHERE 1 = 0", ()
    return sql, tuple(params)
