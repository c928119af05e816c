"""Signal handlers live in `<app>/signal_handlers.py` and are connected in the app's
`ready()`, so none depends on which module happened to be imported first."""

import re
from pathlib import Path

from django.core.signals import got_request_exception
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

ROOT = Path(__file__).resolve().parents[2]
APPS = ["cms", "home", "articles", "editorial", "search", "api", "public", "vietnamese_text"]
# A signal's connect(), not a database driver's (sqlite3.connect, psycopg.connect).
CONNECTION = re.compile(r"(?<!sqlite3)(?<!psycopg)\.connect\(|@receiver\b")


def connected(signal) -> set[str]:
    return {key[0] for key, *_ in signal.receivers if isinstance(key[0], str)}


def test_signals_are_connected_only_in_signal_handlers_modules():
    elsewhere = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if path.name != "signal_handlers.py"
        and "migrations" not in path.parts
        and CONNECTION.search(path.read_text())
    ]
    assert elsewhere == []


def test_every_apps_handlers_are_connected_once_django_is_set_up():
    assert {
        "content-version-page-published",
        "webhooks-page-published",
        "page-renditions",
    } <= connected(page_published)
    assert {"content-version-page-unpublished", "webhooks-page-unpublished"} <= connected(
        page_unpublished
    )
    assert {"content-version-page-moved", "webhooks-page-moved"} <= connected(post_page_move)
    assert {
        "content-version-model-saved",
        "image-renditions",
        "editorial-workflow-sectionindexpage",
        "editorial-workflow-directiveindexpage",
        "abbreviations-saved",
        "vnsearch-locale-saved",
    } <= connected(post_save)
    assert {"webhooks-page-deleted", "abbreviations-deleted"} <= connected(post_delete)
    assert "editorial-administrators" in connected(post_migrate)
    assert "database_unavailable" in connected(got_request_exception)
