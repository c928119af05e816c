"""Test settings for a `db_worker` process a test starts: the test settings, with tasks
queued in the database (the tests' default runs them immediately, and has no queue)."""

from cms.settings.base import TASKS as DEPLOYED_TASKS
from cms.settings.test import *  # noqa: F403

TASKS = DEPLOYED_TASKS
