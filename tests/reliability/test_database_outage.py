"""Which database errors the API reports as an outage (503, come back) and which as a
bug (500), on a real PostgreSQL connection the server has dropped."""

import pytest
from django.db import OperationalError, ProgrammingError, connection

from api.errors import is_database_outage

# serialized_rollback, as the other transactional reliability tests: a plain transactional
# test leaves content types with new ids, and the next serialized test could not restore.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def drop_own_connection():
    """The server ends this session, as `pg_ctl restart -m fast` does to every session."""
    with pytest.raises(OperationalError), connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        cursor.fetchall()


def test_a_wrong_query_on_a_live_connection_is_a_bug_not_an_outage():
    with pytest.raises(ProgrammingError) as wrong, connection.cursor() as cursor:
        cursor.execute("SELECT no_such_column FROM wagtailcore_page")
    assert not is_database_outage(wrong.value)


def test_any_database_error_while_the_connection_is_lost_is_an_outage():
    """A query cut off by a server shutdown can surface as a ProgrammingError ("the last
    operation didn't produce a result"); what counts is that the server went away."""
    connection.ensure_connection()
    drop_own_connection()
    assert is_database_outage(ProgrammingError("the last operation didn't produce a result"))
    connection.close()
    connection.ensure_connection()  # a new request reconnects
    assert not is_database_outage(ProgrammingError("a real bug"))


def test_an_error_raised_while_handling_a_lost_connection_is_an_outage():
    connection.ensure_connection()
    try:
        drop_own_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as lost:
        try:
            raise RuntimeError("a library wrapped it") from lost
        except RuntimeError as wrapped:
            assert is_database_outage(wrapped)
    else:
        pytest.fail("a query on a dropped connection succeeded")
    finally:
        connection.close()


def test_an_error_unrelated_to_the_database_is_not_an_outage():
    assert not is_database_outage(ValueError("not the database"))
