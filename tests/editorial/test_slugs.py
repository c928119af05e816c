"""Slugs of new pages are ASCII (đ→d, marks dropped), as Vietnamese sites write URLs;
pages that already have a slug with marks keep it, and every reader-facing list of URLs
(sitemap, feeds) writes such a slug the same way."""

import xml.etree.ElementTree as ET

from django.test import override_settings
from wagtail.test.utils.form_data import nested_form_data, streamfield

from articles.factories import ArticlePageFactory
from articles.models import StandardPage
from tests.articles.admin_forms import add_page_url, assert_saved, edit_page_url
from tests.editorial.page_forms import page_form
from tests.site_tree import add_published

TITLE = "Sở Tư pháp tập huấn Đảng viên mới"
FRONTEND = "https://stp.soctrang.gov.vn"


def add_standard_page(admin_client, parent, **fields) -> StandardPage:
    data = nested_form_data({"title": TITLE, "body": streamfield([])} | fields)
    assert_saved(admin_client.post(add_page_url(StandardPage, parent), data))
    return StandardPage.objects.get(title=TITLE)


def test_a_new_pages_slug_typed_with_marks_is_saved_without_them(admin_client, home_page):
    page = add_standard_page(admin_client, home_page, slug="sở-tư-pháp-tập-huấn-đảng-viên-mới")
    assert page.slug == "so-tu-phap-tap-huan-dang-vien-moi"


def test_an_existing_page_keeps_its_slug_with_marks(admin_client, home_page):
    page = add_published(home_page, StandardPage(title="Giới thiệu", slug="giới-thiệu"))
    response = admin_client.post(edit_page_url(page), page_form(page, title="Giới thiệu chung"))
    assert_saved(response)
    page.refresh_from_db()
    assert page.latest_revision.as_object().slug == "giới-thiệu"


@override_settings(FRONTEND_BASE_URL=FRONTEND)
def test_sitemap_and_feeds_write_a_slug_with_marks_alike(client, news_section):
    ArticlePageFactory(parent=news_section, title="Hội nghị", slug="hội-nghị")
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    [in_sitemap] = [url for url in locs if "/tin-tuc/h" in url]
    rss = ET.fromstring(client.get("/feeds/news.rss").content)
    [in_feed] = [item.findtext("link") for item in rss.iter("item")]
    atom = ET.fromstring(client.get("/feeds/news.atom").content)
    [in_atom] = [
        link.get("href")
        for link in atom.iter("{http://www.w3.org/2005/Atom}link")
        if "/tin-tuc/h" in link.get("href", "")
    ]
    assert in_sitemap == in_feed == in_atom == f"{FRONTEND}/tin-tuc/h%E1%BB%99i-ngh%E1%BB%8B/"
