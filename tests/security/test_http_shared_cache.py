"""Rate limits hold across server processes: the default cache is shared (the database).

The image runs several gunicorn workers. With a per-process cache each worker counted
its own requests, so a client got the limit once per worker.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
LIMIT = 3
# Served from code alone (no content tables), so a bare database with the cache table will do.
URL_PATH = "/api/openapi.json"


def production_env(tmp_path: Path) -> dict:
    """Production settings as an operator sets them, without CACHE_URL: the default applies."""
    environment = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "SECRET_KEY"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        API_RATE_LIMIT_PER_MINUTE=str(LIMIT),
        API_RATE_LIMIT_EXEMPT="",  # the test's requests come from loopback
    )
    return environment


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_of(url: str) -> int:
    try:
        # A worker's first answer imports every URL module and builds the schema: seconds
        # on a loaded machine, so the timeout allows for it.
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_serving(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited early: {server.stderr.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn on port {port} did not start within {timeout} s")


@pytest.fixture
def two_servers(tmp_path):
    """Two gunicorn processes on one database, as two workers of the image would be."""
    environment = production_env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=REPO,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    servers, ports = [], []
    try:
        for _ in range(2):
            port = free_port()
            command = [str(GUNICORN), "cms.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            servers.append(
                subprocess.Popen(
                    [*command, "--workers", "1"],
                    cwd=REPO,
                    env=environment,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
            ports.append(port)
        for port, server in zip(ports, servers, strict=True):
            wait_until_serving(port, server)
        yield [f"http://127.0.0.1:{port}{URL_PATH}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def test_two_server_processes_share_one_rate_limit(two_servers):
    """Before: CACHE_URL defaulted to `locmemcache://`, one cache per process, so a client
    spreading its requests over two workers got twice the limit (all four answered).
    Now the default is the database cache both processes read: the fourth request of the
    minute is refused, whichever process answers it."""
    first, second = two_servers
    statuses = [status_of(first), status_of(second), status_of(first), status_of(second)]
    assert statuses == [200, 200, 200, 429]
