"""The small site every test starts from: a home page at the default site's root, and sections.

Used by the fixtures in tests/conftest.py, and run in a subprocess to fill the scratch
databases of tests/reliability (scratch.py), so both start from the same tree.
"""

from wagtail.models import Locale, Page, Site

from articles.models import DirectiveIndexPage, GalleryIndexPage, SectionIndexPage
from home.models import HomePage


def add_published(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def create_home_page() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage(title="Sở Tư pháp (thử nghiệm)", slug="trang-chu", locale=Locale.get_default())
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Thử nghiệm"},
    )
    return home


def create_news_section(home: HomePage) -> SectionIndexPage:
    return add_published(home, SectionIndexPage(title="Tin tức – Sự kiện", slug="tin-tuc"))


def create_directive_register(home: HomePage) -> DirectiveIndexPage:
    return add_published(
        home, DirectiveIndexPage(title="Văn bản chỉ đạo, điều hành", slug="van-ban")
    )


def create_photo_library(home: HomePage) -> GalleryIndexPage:
    return add_published(home, GalleryIndexPage(title="Thư viện ảnh", slug="thu-vien-anh"))
