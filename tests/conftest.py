"""Fixtures shared by every test: a small site tree, built per test, never a big fixture."""

import pytest

from articles.models import DirectiveIndexPage, DocumentType, GalleryIndexPage, SectionIndexPage
from home.models import HomePage
from tests import webhook_receiver
from tests.site_tree import add_published, create_home_page, create_news_section


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


@pytest.fixture
def home_page(db) -> HomePage:
    return create_home_page()


@pytest.fixture
def news_section(home_page) -> SectionIndexPage:
    return create_news_section(home_page)


@pytest.fixture
def directive_register(home_page) -> DirectiveIndexPage:
    return add_published(
        home_page, DirectiveIndexPage(title="Văn bản chỉ đạo, điều hành", slug="van-ban")
    )


@pytest.fixture
def photo_library(home_page) -> GalleryIndexPage:
    return add_published(home_page, GalleryIndexPage(title="Thư viện ảnh", slug="thu-vien-anh"))


@pytest.fixture
def directive_type(db) -> DocumentType:
    """Seeded by a data migration; editors may edit the list."""
    return DocumentType.objects.get(code="CT")


@pytest.fixture
def receiver():
    """A frontend's webhook endpoint, a real HTTP server (tests/webhook_receiver.py)."""
    with webhook_receiver.running_receiver() as running:
        yield running


@pytest.fixture
def closed_port_url() -> str:
    return webhook_receiver.closed_port_url()
