"""The client's address: X-Forwarded-For counts only when a trusted proxy hands it over.

Rate limits and the visit counter key on `api.rate_limit.client_address`. Anyone can
write an X-Forwarded-For header; only the entries a proxy we run appended are true.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.test import override_settings

REPO = Path(__file__).resolve().parents[2]
PROXY = "192.0.2.1"
ATTACKER = "203.0.113.9"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()
    yield
    cache.clear()


def api_get(client, remote_addr: str, forwarded_for: str):
    return client.get("/api/v2/pages/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=forwarded_for)


# NUM_PROXIES=1 is how the old code was configured behind one proxy; it is no setting now.
@override_settings(API_RATE_LIMIT_PER_MINUTE=3, NUM_PROXIES=1, TRUSTED_PROXIES=[f"{PROXY}/32"])
def test_a_forwarded_for_from_an_untrusted_sender_does_not_change_its_rate_limit(client, home_page):
    """Before: with NUM_PROXIES=1, X-Forwarded-For was believed from whoever sent it, so a
    client reaching the app port directly got a fresh rate limit for every made-up address.
    Now a sender that is not one of TRUSTED_PROXIES is its own REMOTE_ADDR, whatever the
    header says: the fourth request in the minute is refused."""
    statuses = [api_get(client, ATTACKER, f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


@override_settings(API_RATE_LIMIT_PER_MINUTE=3, TRUSTED_PROXIES=[f"{PROXY}/32"])
def test_a_trusted_proxy_forwards_each_readers_own_identity(client, home_page):
    for _ in range(3):
        api_get(client, PROXY, "198.51.100.1")
    assert api_get(client, PROXY, "198.51.100.1").status_code == 429
    assert api_get(client, PROXY, "198.51.100.2").status_code == 200


@override_settings(API_RATE_LIMIT_PER_MINUTE=3, NUM_PROXIES=2, TRUSTED_PROXIES=[f"{PROXY}/32"])
def test_addresses_a_reader_prepends_behind_a_trusted_proxy_are_ignored(client, home_page):
    """Before: with NUM_PROXIES=2 but one proxy really in front, the reader's own first
    entry was taken as its address. Now the chain is read from the right only through
    trusted proxies: the address the proxy saw is the client, whatever precedes it."""
    statuses = [api_get(client, PROXY, f"10.9.9.{n}, 198.51.100.7").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


@override_settings(NUM_PROXIES=1, TRUSTED_PROXIES=[f"{PROXY}/32"])
def test_a_spoofed_forwarded_for_does_not_count_a_second_visit(client, news_section):
    """Before: a direct client varying X-Forwarded-For was a new visitor each time and
    inflated a page's views. Now it stays one visitor."""
    url = f"/api/visits/pages/{news_section.pk}/"
    client.post(url, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = client.post(url, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert again.json()["counted"] is False


@pytest.mark.slow
def test_the_retired_num_proxies_setting_refuses_to_start_in_one_line(tmp_path):
    """Before: NUM_PROXIES=1 trusted the header from anyone. Now it is refused with one
    line pointing at TRUSTED_PROXIES, rather than silently making every reader one client."""
    environment = {k: v for k, v in os.environ.items() if k != "TRUSTED_PROXIES"}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        NUM_PROXIES="1",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TRUSTED_PROXIES" in lines[0]


def test_the_compose_file_publishes_the_app_port_on_loopback_only():
    """Before: compose published 8000 on every interface, so the app, meant to sit behind
    a proxy, was reachable directly from the network. Now only the host itself reaches it."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)
