"""Fixtures shared by every test: a small site tree built per test, the demo portal loaded
once per module for the tests that only read it, and a webhook receiver."""

import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from wagtail.models import Locale, Page

from articles.models import DirectiveIndexPage, DocumentType, GalleryIndexPage, SectionIndexPage
from home.models import HomePage
from tests import webhook_receiver
from tests.site_tree import (
    create_directive_register,
    create_home_page,
    create_news_section,
    create_photo_library,
)


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres` tests run on the PostgreSQL run of the suite only: on
    SQLite they are deselected (not skipped: there is nothing there for them to test)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture(autouse=True)
def forget_visibility_memo():
    """public.memo is keyed on the content version, which a rolled-back test can bring
    back with other content: each test starts with an empty memo."""
    from public import memo

    memo.forget()
    yield
    memo.forget()


@dataclass(frozen=True)
class SiteTree:
    """Ids of the small site's pages."""

    home_page: int
    news_section: int
    directive_register: int
    photo_library: int


@pytest.fixture(scope="module")
def site_built_once(django_db_setup, django_db_blocker) -> SiteTree:
    """The small site built once for a module whose tests add pages to it but never change it:
    `pytestmark = pytest.mark.usefixtures("site_built_once")`. The page fixtures below then
    hand out fresh copies of its pages instead of building them for each test.

    Built in a transaction rolled back after the module; each test runs in a savepoint inside
    it, so the pages a test adds are gone before the next test. Not for transactional tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        home = create_home_page()
        yield SiteTree(
            home_page=home.pk,
            news_section=create_news_section(home).pk,
            directive_register=create_directive_register(home).pk,
            photo_library=create_photo_library(home).pk,
        )
        transaction.set_rollback(True)


def built_once(request, model: type[Page], name: str) -> Page | None:
    """The page `name` of the module's site_built_once, or None if the module has none."""
    if "site_built_once" not in request.fixturenames:
        return None
    return model.objects.get(pk=getattr(request.getfixturevalue("site_built_once"), name))


@pytest.fixture
def home_page(request, db) -> HomePage:
    return built_once(request, HomePage, "home_page") or create_home_page()


@pytest.fixture
def news_section(request, home_page) -> SectionIndexPage:
    return built_once(request, SectionIndexPage, "news_section") or create_news_section(home_page)


@pytest.fixture
def directive_register(request, home_page) -> DirectiveIndexPage:
    return built_once(request, DirectiveIndexPage, "directive_register") or (
        create_directive_register(home_page)
    )


@pytest.fixture
def photo_library(request, home_page) -> GalleryIndexPage:
    return built_once(request, GalleryIndexPage, "photo_library") or (
        create_photo_library(home_page)
    )


@pytest.fixture
def english(db) -> Locale:
    """The English content locale (vi, en and km are created by home's migration 0006)."""
    return Locale.objects.get(language_code="en")


@pytest.fixture
def directive_type(db) -> DocumentType:
    """Seeded by a data migration; editors may edit the list."""
    return DocumentType.objects.get(code="CT")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo portal (`load_demo`, about ten seconds), loaded once for a module of tests.

    It is loaded in a transaction rolled back after the module; each test runs in a savepoint
    inside it, so what a test writes is still undone after that test. Every test of such a
    module sees the demo, so a module using this holds demo tests only.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        # wagtail-localize publishes translations when the command's transaction commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def receiver():
    """A frontend's webhook endpoint, a real HTTP server (tests/webhook_receiver.py)."""
    with webhook_receiver.running_receiver() as running:
        yield running


@pytest.fixture
def closed_port_url() -> str:
    return webhook_receiver.closed_port_url()


@pytest.fixture(autouse=True)
def search_log_buffer_emptied():
    """Each test counts only its own searches: search.query_log buffers them per process
    (emptied after the test too, so no batch is sent at exit to a dropped test database)."""
    from search import query_log

    query_log.buffer.take()
    yield
    query_log.buffer.take()
