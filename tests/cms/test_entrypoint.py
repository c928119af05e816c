"""The container's entrypoint, run outside Docker against a throwaway database.

On the PostgreSQL run of the suite it uses a fresh database on the same server,
so the migrations are proven on the real engine the image is deployed with.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
ENTRYPOINT = REPO / "docker" / "entrypoint.sh"


@pytest.fixture
def fresh_database_url(tmp_path):
    """A database nobody has migrated yet, on the engine this test run uses."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'entrypoint.sqlite3'}"
        return
    name = f"entrypoint_{uuid.uuid4().hex[:8]}"
    admin_dsn = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def entrypoint_env(database_url: str, tmp_path: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="entrypoint-test-" + uuid.uuid4().hex * 2,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_ROOT=str(tmp_path / "static"),
        PYTHON=sys.executable,
        # Inside the image gunicorn is on PATH; here it sits beside this python.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **extra,
    )
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_entrypoint_migrates_then_runs_the_given_command(fresh_database_url, tmp_path):
    result = subprocess.run(
        [str(ENTRYPOINT), sys.executable, "manage.py", "showmigrations", "articles"],
        cwd=REPO,
        env=entrypoint_env(fresh_database_url, tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "[X] 0002_seed_document_types" in result.stdout


def test_entrypoint_refuses_to_start_without_a_secret_key(fresh_database_url, tmp_path):
    env = entrypoint_env(fresh_database_url, tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run(
        [str(ENTRYPOINT)], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "error: SECRET_KEY is not set: production settings need their own secret key"
    ]


def test_entrypoint_serves_health_probes_with_gunicorn(fresh_database_url, tmp_path):
    port = free_port()
    env = entrypoint_env(fresh_database_url, tmp_path, PORT=str(port), GUNICORN_WORKERS="1")
    server = subprocess.Popen(
        [str(ENTRYPOINT)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = wait_for(f"http://127.0.0.1:{port}/readyz", server)
        assert '"database": {"status": "ok"' in body
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, server: subprocess.Popen, timeout: float = 180) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"entrypoint exited early: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"{url} did not answer within {timeout} s")
