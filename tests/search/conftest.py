"""Search tests run once per backend: the database's own engine (SQLite or
PostgreSQL, whichever this run uses) and a real Elasticsearch when one is
running (`make test` starts it; see scripts/elasticsearch.sh)."""

import pytest
from django.test import override_settings
from wagtail.search.backends import get_search_backend

DATABASE = {"default": {"BACKEND": "search.backends.database"}}


def backend_settings() -> dict[str, dict]:
    return {"database": DATABASE}


@pytest.fixture(params=sorted(backend_settings()))
def search_backend(request, db):
    """The backend under test, configured as the default so every entry point uses it."""
    configuration = backend_settings()[request.param]
    with override_settings(WAGTAILSEARCH_BACKENDS=configuration):
        backend = get_search_backend()
        backend.reset_indexes()
        yield backend
