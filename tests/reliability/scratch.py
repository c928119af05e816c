"""Migrated databases that subprocesses share with the test: the app as a server,
an import killed with SIGKILL, a restore.

Migrating a fresh database takes half a minute, so the test run's own migrated
test database is copied instead: SQLite's through its backup API (the test
database lives in memory), PostgreSQL's as a template. Each scratch database
is a copy of a template holding a small site (home page and a news section).
"""

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.db import connection, connections

REPO = Path(__file__).resolve().parents[2]

SITE_SETUP = """
from wagtail.models import Page
from tests.site_tree import create_home_page, create_news_section
home = create_home_page()
# Wagtail's welcome page (from its migration, never revised) is not part of the site.
Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
create_news_section(home)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ScratchDatabase:
    """A database of this run's engine, outside the test's transaction."""

    vendor: str
    name: str  # a file path (SQLite) or a database name (PostgreSQL)
    server: dict = field(default_factory=dict)  # PostgreSQL: USER, PASSWORD, HOST, PORT

    @property
    def url(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.name}"
        s = self.server
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{self.name}"

    def env(self, media_root: Path | None = None, **extra: str) -> dict:
        """The environment of a manage.py subprocess using this database."""
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            DATABASE_URL=self.url,
            PYTHONPATH=str(REPO),
            **extra,
        )
        env.pop("SEARCH_URL", None)
        if media_root is not None:
            env["MEDIA_ROOT"] = str(media_root)
        return env

    def manage(self, *args: str, media_root: Path | None = None, timeout=120, **popen):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env(media_root),
            capture_output=True,
            text=True,
            timeout=timeout,
            **popen,
        )

    def query(self, sql: str) -> list[tuple]:
        """Raw SQL against the copy (the test's own connection points elsewhere)."""
        if self.vendor == "sqlite":
            with sqlite3.connect(self.name, timeout=30) as db:
                return db.execute(sql).fetchall()
        with psycopg.connect(self.admin_dsn(self.name)) as db:
            return db.execute(sql).fetchall()

    def scalar(self, sql: str):
        return self.query(sql)[0][0]

    def admin_dsn(self, name: str) -> str:
        s = self.server
        return f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"

    def copy(self, directory: Path) -> "ScratchDatabase":
        if self.vendor == "sqlite":
            target = directory / f"copy-{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copyfile(self.name, target)
            return ScratchDatabase("sqlite", str(target))
        name = f"{self.name[:40]}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self.admin_dsn("postgres"), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')
        return ScratchDatabase("postgresql", name, self.server)

    def drop(self):
        if self.vendor == "sqlite":
            Path(self.name).unlink(missing_ok=True)
            return
        with psycopg.connect(self.admin_dsn("postgres"), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def template_from_test_database(directory: Path) -> ScratchDatabase:
    """A copy of the migrated test database (call with database access unblocked),
    with a home page and a news section."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = directory / "template.sqlite3"
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        template = ScratchDatabase("sqlite", str(target))
    else:
        settings = connection.settings_dict
        server = {key: settings[key] for key in ("USER", "PASSWORD", "HOST", "PORT")}
        test_name = settings["NAME"]
        # A template must have no other connection while it is copied.
        connections.close_all()
        source = ScratchDatabase("postgresql", test_name, server)
        template = source.copy(directory)
    result = template.manage("shell", "-c", SITE_SETUP)
    assert result.returncode == 0, result.stderr
    return template
