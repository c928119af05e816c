"""Backups of a site: its database and its uploaded files, restored together.

A backup is a folder: `database.dump` (PostgreSQL, pg_dump's custom format) or
`database.sqlite3` (SQLite, through its online backup API), `media.tar.gz`
(MEDIA_ROOT: images, renditions, videos) and `documents.tar.gz` (DOCUMENTS_ROOT,
where documents are kept apart from public media), with `manifest.json` naming
them and their SHA-256.

The database is copied first, then the files: every file a copied row names was
written before that row was committed, so it is in the archive (a file uploaded
in between is merely extra).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
FILE_FOLDERS = {"media": "MEDIA_ROOT", "documents": "DOCUMENTS_ROOT"}


class BackupError(Exception):
    """Why a backup or restore cannot go on, in one line."""


def database_engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else connection.vendor


def pg_tool(name: str) -> str:
    """pg_dump / pg_restore: PG_BIN_DIR's, or the newest server's, or the one on PATH."""
    candidates = [Path(os.environ["PG_BIN_DIR"]) / name] if os.environ.get("PG_BIN_DIR") else []
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (set PG_BIN_DIR to its folder).")
    return found


def pg_arguments() -> tuple[list[str], dict]:
    db = connection.settings_dict
    arguments = ["--host", str(db["HOST"] or "localhost"), "--username", str(db["USER"])]
    if db["PORT"]:
        arguments += ["--port", str(db["PORT"])]
    env = dict(os.environ, PGPASSWORD=str(db["PASSWORD"] or ""))
    return [*arguments, "--dbname", str(db["NAME"])], env


def run(command: list[str], env: dict):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{Path(command[0]).name} failed: {reason[-1] if reason else '?'}")


def file_roots() -> dict[str, Path]:
    roots = {}
    for name, setting in FILE_FOLDERS.items():
        value = getattr(settings, setting, None)
        if value:
            roots[name] = Path(value)
    return roots


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- Backing up ------------------------------------------------------------------------


def back_up(target: Path) -> dict:
    """Write a backup of this site into `target`, a new or empty folder."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: back up into a new folder.")
    target.mkdir(parents=True, exist_ok=True)
    files = {"database": dump_database(target)}
    for name, root in file_roots().items():
        files[name] = archive_folder(root, target / f"{name}.tar.gz")
    manifest = {
        "engine": database_engine(),
        "files": {name: {"file": f, "sha256": sha256(target / f)} for name, f in files.items()},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def dump_database(target: Path) -> str:
    if database_engine() == "sqlite":
        name = "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target / name) as copy:
            connection.connection.backup(copy)
        copy.close()
        return name
    if database_engine() != "postgresql":
        raise BackupError(f"cannot back up a {connection.vendor} database.")
    name = "database.dump"
    arguments, env = pg_arguments()
    # No comments: COMMENT ON EXTENSION needs its owner, a superuser, on restore.
    dump = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--no-comments"]
    run([*dump, "--file", str(target / name), *arguments], env)
    return name


def archive_folder(root: Path, archive: Path) -> str:
    with tarfile.open(archive, "w:gz") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
    return archive.name


# --- Restoring -------------------------------------------------------------------------


def restore(source: Path) -> dict:
    """Restore a backup into this site's (empty) database and (empty) file folders."""
    manifest = read_manifest(source)
    if manifest["engine"] != database_engine():
        raise BackupError(
            f"the backup is of a {manifest['engine']} database, this site uses "
            f"{database_engine()}: restore it on the same engine."
        )
    if connection.introspection.table_names():
        raise BackupError(f"the database {connection.settings_dict['NAME']} is not empty.")
    roots = file_roots()
    for name in manifest["files"]:
        root = roots.get(name)
        if name != "database" and root and root.is_dir() and any(root.iterdir()):
            raise BackupError(f"{root} is not empty.")
    load_database(source / manifest["files"]["database"]["file"])
    for name, entry in manifest["files"].items():
        if name != "database" and name in roots:
            extract(source / entry["file"], roots[name])
    return manifest


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup: {error}") from None
    for entry in manifest["files"].values():
        if sha256(source / entry["file"]) != entry["sha256"]:
            raise BackupError(f"{entry['file']} does not match its checksum: the copy is damaged.")
    return manifest


def load_database(dump: Path):
    if database_engine() == "sqlite":
        connection.close()
        target = Path(connection.settings_dict["NAME"])
        with sqlite3.connect(dump) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return
    arguments, env = pg_arguments()
    restore_command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
    connection.close()
    run([*restore_command, *arguments, str(dump)], env)


def extract(archive: Path, root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        # "data": no absolute paths, no links or paths leading out of the folder.
        tar.extractall(root, filter="data")
