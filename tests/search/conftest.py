"""Search tests run once per backend: the database's own engine (SQLite or
PostgreSQL, whichever this run uses) and a real Elasticsearch when one is
running (`make test` starts it and sets SEARCH_TEST_ELASTICSEARCH_URL; see
scripts/elasticsearch.sh)."""

import os

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.search.backends import get_search_backend

DATABASE = {"default": {"BACKEND": "search.backends.database"}}
ELASTICSEARCH_URL = os.environ.get("SEARCH_TEST_ELASTICSEARCH_URL", "")
# Unique per test process, so parallel runs never share (or delete) each other's indexes.
TEST_INDEX_PREFIX = f"test_{os.getpid()}_"


def elasticsearch_backend(url: str = ELASTICSEARCH_URL, **params) -> dict:
    return {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": [url],
        "INDEX_PREFIX": TEST_INDEX_PREFIX,
        "TIMEOUT": 5,
        # Tests search right after writing: make every write visible at once.
        "REFRESH_ON_WRITE": True,
        **params,
    }


def backend_settings() -> dict[str, dict]:
    backends = {"database": DATABASE}
    if ELASTICSEARCH_URL:
        backends["elasticsearch"] = {"default": elasticsearch_backend()}
    return backends


@pytest.fixture(scope="session", autouse=True)
def delete_test_indexes():
    """Leave no test index behind in Elasticsearch."""
    yield
    if ELASTICSEARCH_URL:
        from elasticsearch import Elasticsearch

        client = Elasticsearch(ELASTICSEARCH_URL, request_timeout=30)
        found = client.options(ignore_status=404).indices.get(index=f"{TEST_INDEX_PREFIX}*")
        for name in found:
            client.options(ignore_status=404).indices.delete(index=name)
        client.close()


@pytest.fixture(params=sorted(backend_settings()))
def search_backend(request, db):
    """The backend under test, configured as the default so every entry point uses it."""
    configuration = backend_settings()[request.param]
    with override_settings(WAGTAILSEARCH_BACKENDS=configuration):
        backend = get_search_backend()
        backend.reset_indexes()
        # Cached reference data must not outlive the rolled-back test that wrote it.
        cache.clear()
        yield backend
