"""Test settings for a `db_worker` process a test starts: the test settings, with tasks
queued in the database (the tests' default runs them immediately, and has no queue)."""

from cms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
