"""Editors publishing at the same moment on SQLite all succeed; none gets a 500.

Before: SQLite ran with Django's defaults (deferred transactions, rollback journal). Two
workers publishing at once both read, then both tried to write: SQLite answers that
deadlock with "database is locked" at once, whatever the timeout, so one editor got a 500
after the revision was written — an orphaned revision, the page's latest revision no
longer its live one. Now (cms/settings/base.py, sqlite_options_for_concurrent_writers)
transactions take the write lock when they begin, a writer waits up to
SQLITE_BUSY_TIMEOUT for it, and WAL lets readers go on meanwhile.

The editors are real processes on a real SQLite file, posting to the admin's edit view.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
EDITORS = 3
ROUNDS = 6

# pytest-django migrates the test database only when a collected test asks for it.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def run_worker(database: Path, *arguments, wait: bool = True):
    environment = os.environ | {
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    environment.pop("SEARCH_URL", None)  # the database's own search, on the same file
    command = [sys.executable, "-m", "tests.reliability.publishing_worker", *map(str, arguments)]
    process = subprocess.Popen(
        command, cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    return finish(process) if wait else process


def finish(process: subprocess.Popen) -> dict:
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr.decode()[-3000:]
    return json.loads(stdout.decode().strip().splitlines()[-1])


def copy_test_database(target: Path) -> None:
    """The migrated test database, copied with SQLite's backup API (seconds, not a migrate)."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)


def migrate(target: Path) -> None:
    environment = os.environ | {"DATABASE_URL": f"sqlite:///{target}"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=REPO,
        env=environment | {"DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        check=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    """A migrated SQLite file: copied from the test database, or (PostgreSQL run) migrated."""
    path = tmp_path_factory.mktemp("concurrent-publishing") / "db.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            copy_test_database(path)
        else:
            migrate(path)
    return path


@pytest.fixture(scope="module")
def published_at_once(database, tmp_path_factory) -> dict:
    editors = run_worker(database, "seed", EDITORS)["editors"]
    barrier = tmp_path_factory.mktemp("barrier")
    workers = [
        run_worker(
            database, "publish", e["page"], e["username"], ROUNDS, barrier, EDITORS, wait=False
        )
        for e in editors
    ]
    results = [finish(worker) for worker in workers]
    return {"editors": editors, "statuses": [r["statuses"] for r in results]}


def rows(database: Path, sql: str, *parameters) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return db.execute(sql, parameters).fetchall()


def test_every_simultaneous_publish_succeeds(published_at_once):
    assert published_at_once["statuses"] == [[302] * ROUNDS] * EDITORS


def test_each_page_is_live_at_its_latest_revision(published_at_once, database):
    pages = [e["page"] for e in published_at_once["editors"]]

    found = rows(
        database,
        "SELECT id, latest_revision_id = live_revision_id, title FROM wagtailcore_page "
        f"WHERE id IN ({','.join('?' * len(pages))}) ORDER BY id",
        *pages,
    )

    assert [(page_id, bool(same)) for page_id, same, _ in found] == [(p, True) for p in pages]
    assert all(title.endswith(f"lần {ROUNDS - 1}") for _, _, title in found)


def test_no_revision_is_left_without_its_publish(published_at_once, database):
    """One revision from the seed and one per publish: none written by a failed request."""
    pages = [e["page"] for e in published_at_once["editors"]]

    counts = [
        rows(database, "SELECT COUNT(*) FROM wagtailcore_revision WHERE object_id = ?", str(p))[0][
            0
        ]
        for p in pages
    ]

    assert counts == [1 + ROUNDS] * EDITORS
