"""The drift tests' portal, built once per module, and their clock."""

import pytest
import time_machine
from django.core.cache import caches
from django.db import transaction

from tests.drift import portal


@pytest.fixture(scope="module")
def portal_built_once(django_db_setup, django_db_blocker) -> portal.Portal:
    """tests/drift/portal.py's portal, built in a transaction rolled back after the module;
    each test (or each hypothesis sequence) runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(portal.START, tick=False):
            built = portal.build_portal()
        yield built
        transaction.set_rollback(True)
    caches["default"].clear()


@pytest.fixture
def built(portal_built_once, db) -> portal.Portal:
    caches["default"].clear()
    yield portal_built_once
    caches["default"].clear()


@pytest.fixture
def clock():
    """The clock stands at portal.START; `clock.move_to()` moves it."""
    with time_machine.travel(portal.START, tick=False) as traveller:
        yield traveller
