"""PostgreSQL restarted under steady API traffic: only the requests in flight while
it is down fail; the next ones succeed, without restarting the app.

The test starts a throwaway PostgreSQL of its own (the shared one is never
restarted), fills it from a copy of the migrated test database, serves the app
with gunicorn under production settings, sends requests to /api/pages/ from a
thread, and restarts PostgreSQL with `pg_ctl restart -m fast`.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.reliability.scratch import REPO, free_port, template_from_test_database

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.django_db]

REQUEST_TIMEOUT = 10
PAUSE = 0.02  # seconds between two requests


def pg_bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    assert found, "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"
    return found[0].parent


def as_postgres(*command: str) -> list[str]:
    """initdb and postgres refuse to run as root (scripts/postgres.sh does the same)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else list(command)


class ThrowawayPostgres:
    def __init__(self):
        self.bindir = pg_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="govcms-pg-restart-"))
        self.data = self.root / "data"
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def run(self, tool: str, *args: str):
        result = subprocess.run(
            as_postgres(str(self.bindir / tool), *args),
            capture_output=True,
            text=True,
            timeout=120,
            cwd="/",
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def pg_ctl(self, action: str, *args: str):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            " -c fsync=off"
        )
        log = str(self.root / "server.log")
        self.run("pg_ctl", action, "-D", str(self.data), "-w", "-l", log, "-o", options, *args)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self):
        subprocess.run(
            as_postgres(
                str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"
            ),
            capture_output=True,
            cwd="/",
        )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def database_url(tmp_path, django_db_setup, django_db_blocker):
    """A throwaway server holding a copy of the migrated test database and a small site."""
    with django_db_blocker.unblock():
        template = template_from_test_database(tmp_path)
    server = ThrowawayPostgres()
    server.pg_ctl("start")
    try:
        dump = tmp_path / "site.dump"
        bindir = server.bindir
        dump_command = [str(bindir / "pg_dump"), "--format=custom", "--no-owner", "-f", str(dump)]
        subprocess.run([*dump_command, template.admin_dsn(template.name)], check=True)
        url = server.url()
        restore = [str(bindir / "pg_restore"), "--no-owner", "--exit-on-error", "-d"]
        subprocess.run(
            [*restore, url.replace("postgres://", "postgresql://"), str(dump)], check=True
        )
        yield server, url
    finally:
        template.drop()
        server.stop()


def gunicorn(url: str, port: int, tmp_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SEARCH_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="restart-test-" + uuid.uuid4().hex * 2,
        DATABASE_URL=url,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        CACHE_URL="locmemcache://",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
    )
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, "--workers", "2", "--timeout", "60"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )


@dataclass
class Answer:
    started: float
    ended: float
    status: int | None  # None: no HTTP answer at all
    content_type: str = ""
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


def ask(url: str) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return Answer(started, time.monotonic(), response.status)
    except urllib.error.HTTPError as error:
        headers = error.headers
        content_type = headers.get("Content-Type", "")
        return Answer(started, time.monotonic(), error.code, content_type, headers["Retry-After"])
    except (urllib.error.URLError, OSError):
        return Answer(started, time.monotonic(), None)


def get(url: str) -> bool:
    return ask(url).ok


def wait_until_serving(url: str, server: subprocess.Popen, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        if get(url):
            return
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {timeout} s")


def workers_of(server: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return {int(pid) for pid in children}


def every_worker_connected(url: str):
    """Parallel requests, so that every worker holds a persistent connection."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(get, [url] * 40))


def steady_traffic(url: str, answers: list[Answer], stop: threading.Event):
    while not stop.is_set():
        answers.append(ask(url))
        time.sleep(PAUSE)


def test_requests_after_a_postgres_restart_succeed_without_restarting_the_app(
    database_url, tmp_path
):
    """Promise: while PostgreSQL restarts (`pg_ctl restart -m fast`) under steady
    traffic, only requests in flight during the restart fail; every request that
    starts after it is back succeeds, served by the same gunicorn workers. After a
    restart nobody noticed (no request in between), the first requests succeed too:
    a worker's stale persistent connection is checked and replaced before use
    (CONN_HEALTH_CHECKS; without it each worker's first request failed). A request
    that fails is a 503 problem+json with Retry-After, not a 500 (before: 500)."""
    postgres, url = database_url
    port = free_port()
    server = gunicorn(url, port, tmp_path)
    api = f"http://127.0.0.1:{port}/api/pages/?limit=5"
    try:
        wait_until_serving(api, server)
        every_worker_connected(api)
        workers = workers_of(server)
        answers: list[Answer] = []
        stop = threading.Event()
        traffic = threading.Thread(target=steady_traffic, args=(api, answers, stop))
        traffic.start()
        time.sleep(1.0)
        restart_began = time.monotonic()
        postgres.pg_ctl("restart", "-m", "fast")
        restart_ended = time.monotonic()
        time.sleep(2.0)
        stop.set()
        traffic.join(timeout=REQUEST_TIMEOUT + 5)

        # Only requests in flight while PostgreSQL was down may fail.
        before = [a for a in answers if a.ended < restart_began]
        after = [a for a in answers if a.started > restart_ended]
        assert before and after, (len(before), len(after))
        assert all(a.ok for a in before)
        assert all(a.ok for a in after), [a for a in after if not a.ok]
        # Those that failed were told to come back, not that the app broke.
        failed = [a for a in answers if not a.ok]
        assert all(
            (a.status, a.content_type, a.retry_after) == (503, "application/problem+json", "5")
            for a in failed
        ), (failed, (tmp_path / "gunicorn.log").read_text()[-6000:])

        # A quiet moment: no request notices the restart, every worker keeps a dead
        # connection; the first requests afterwards must not be the ones that fail.
        every_worker_connected(api)
        postgres.pg_ctl("restart", "-m", "fast")
        assert [get(api) for _ in range(10)] == [True] * 10

        assert server.poll() is None
        assert workers_of(server) == workers  # no worker restarted
    finally:
        server.terminate()
        server.wait(timeout=30)
