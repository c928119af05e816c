"""Bad configuration ends with one line naming the culprit, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *expected: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in expected:
        assert word in lines[0]


@pytest.mark.parametrize(
    "url",
    ["not a url", "mysqlx://user@host/db", "postgres://user:pass@host:notaport/db"],
)
def test_malformed_database_url_names_the_variable(url):
    result = run_manage("check", DATABASE_URL=url, DJANGO_SETTINGS_MODULE="cms.settings.dev")
    assert_one_line_error(result, "DATABASE_URL")


def test_production_without_secret_key_refuses_to_start():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="cms.settings.production")
    assert_one_line_error(result, "SECRET_KEY")


def test_unreachable_database_names_the_host():
    result = run_manage(
        "migrate",
        DATABASE_URL="postgres://govcms:govcms@127.0.0.1:1/govcms",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
    )
    assert_one_line_error(result, "127.0.0.1:1")


def test_development_settings_start_without_any_variable(tmp_path):
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
