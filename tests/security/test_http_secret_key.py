"""Production refuses to start with a SECRET_KEY anyone can know: it signs preview tokens."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def check_production(secret_key: str, tmp_path: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="cms.example.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def compose_secret_key() -> str:
    """The value docker-compose.yml ships, if it still ships one."""
    for line in (REPO / "docker-compose.yml").read_text().splitlines():
        if line.strip().startswith("SECRET_KEY:"):
            return line.split(":", 1)[1].strip()
    return ""


@pytest.mark.slow
@pytest.mark.parametrize(
    "placeholder", ["change-me-to-a-long-random-value", "a-long-random-string", "build-only"]
)
def test_a_placeholder_secret_key_refuses_to_start_in_one_line(placeholder, tmp_path):
    """Before: the compose file's `change-me-to-a-long-random-value` (and .env.example's
    example) started production, so anyone who read the repository could sign preview
    tokens. Now such a key ends `manage.py` with one line naming SECRET_KEY."""
    result = check_production(placeholder, tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: SECRET_KEY is a known placeholder")


@pytest.mark.slow
def test_a_short_secret_key_refuses_to_start_in_one_line(tmp_path):
    """Before: any non-empty key started production, even a 10-character one that can be
    brute-forced offline from one signed token. Now fewer than 50 characters is refused."""
    result = check_production(secrets.token_urlsafe(8), tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY is too weak" in lines[0]


@pytest.mark.slow
def test_a_long_random_secret_key_starts(tmp_path):
    result = check_production(secrets.token_urlsafe(50), tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_compose_file_ships_no_usable_secret_key():
    """Before: docker-compose.yml set SECRET_KEY to a fixed placeholder that started. Now
    it asks the operator for one (`${SECRET_KEY:?…}`): compose itself refuses to run
    without it."""
    value = compose_secret_key()
    assert value.startswith("${SECRET_KEY:?"), value
