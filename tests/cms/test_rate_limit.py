"""Rate limiting per client on the whole API: 429 problem+json with Retry-After."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

CLIENT = "203.0.113.7"


@pytest.fixture(autouse=True)
def forget_recent_clients():
    """The counters live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


def get(client, url: str = "/api/v2/pages/", address: str = CLIENT, **headers):
    return client.get(url, REMOTE_ADDR=address, **headers)


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_requests_within_the_limit_are_answered(client, home_page):
    assert [get(client).status_code for _ in range(3)] == [200, 200, 200]


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_a_request_past_the_limit_gets_429_problem_with_retry_after(client, home_page):
    for _ in range(3):
        get(client)
    refused = get(client)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Cache-Control"] == "no-store"


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_every_api_endpoint_counts_towards_one_limit(client, home_page):
    for url in ("/api/v2/pages/", "/api/site/menus/", "/api/search/?q=tin"):
        assert get(client, url).status_code == 200
    assert get(client, "/api/pages/").status_code == 429


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_the_limit_is_per_client(client, home_page):
    for _ in range(4):
        get(client)
    assert get(client, address="198.51.100.9").status_code == 200


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_a_new_minute_starts_a_new_count(client, home_page):
    with time_machine.travel(datetime.datetime(2025, 1, 1, 8, 0, tzinfo=datetime.UTC)) as clock:
        for _ in range(4):
            get(client)
        clock.shift(datetime.timedelta(seconds=61))
        assert get(client).status_code == 200


@override_settings(API_RATE_LIMIT_PER_MINUTE=3, API_RATE_LIMIT_EXEMPT=["10.0.0.0/8"])
def test_an_exempt_client_is_never_limited(client, home_page):
    statuses = {get(client, address="10.1.2.3").status_code for _ in range(6)}
    assert statuses == {200}


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_loopback_is_exempt_by_default(client, home_page):
    statuses = {get(client, address="127.0.0.1").status_code for _ in range(6)}
    assert statuses == {200}


@override_settings(API_RATE_LIMIT_PER_MINUTE=0)
def test_zero_turns_the_limit_off(client, home_page):
    statuses = {get(client).status_code for _ in range(10)}
    assert statuses == {200}


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_pages_outside_the_api_are_not_limited(client, home_page):
    statuses = {get(client, "/sitemap.xml").status_code for _ in range(6)}
    assert statuses == {200}


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_cors_preflights_are_not_counted(client, home_page):
    for _ in range(6):
        client.options("/api/v2/pages/", REMOTE_ADDR=CLIENT)
    assert get(client).status_code == 200


@override_settings(API_RATE_LIMIT_PER_MINUTE=3, TRUSTED_PROXIES=["192.0.2.1"])
def test_behind_a_proxy_each_forwarded_client_has_its_own_count(client, home_page):
    proxy = "192.0.2.1"
    for _ in range(4):
        get(client, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50")
    other = get(client, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other.status_code == 200
    assert get(client, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.50").status_code == 429


@override_settings(API_RATE_LIMIT_PER_MINUTE=3)
def test_forwarded_for_is_ignored_without_trusted_proxies(client, home_page):
    for n in range(4):
        get(client, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert get(client, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429
