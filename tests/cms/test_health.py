import pytest
from django.test import override_settings

UNREACHABLE_ELASTICSEARCH = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        # Nothing listens on port 1: a real connection failure, not a stand-in.
        "URLS": ["http://127.0.0.1:1"],
        "TIMEOUT": 1,
    }
}


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["search"]["status"] == "ok"


@pytest.mark.django_db
@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE_ELASTICSEARCH)
def test_readyz_stays_ready_but_reports_search_degraded(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["search"]["status"] == "degraded"


def test_probes_are_never_cached(client, db):
    for path in ("/healthz", "/readyz"):
        assert "no-cache" in client.get(path)["Cache-Control"]
