"""Fixtures shared by every test: a small site tree, built per test, never a big fixture."""

import pytest
from wagtail.models import Locale, Page, Site

from articles.models import DirectiveIndexPage, DocumentType, GalleryIndexPage, SectionIndexPage
from home.models import HomePage


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
    root = Page.get_first_root_node()
    home = HomePage(title="Sở Tư pháp (thử nghiệm)", slug="trang-chu", locale=Locale.get_default())
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Thử nghiệm"},
    )
    return home


def add_published(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def news_section(home_page) -> SectionIndexPage:
    return add_published(home_page, SectionIndexPage(title="Tin tức – Sự kiện", slug="tin-tuc"))


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
