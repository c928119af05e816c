"""Site data for frontends: settings, menus, redirects (`/api/site/`) and the XML sitemap.

Links resolve to frontend paths; anything pointing at a page the public may not see
is dropped, in every hidden state.
"""

import pytest
from django.test import override_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Site

from articles.factories import ArticlePageFactory, ImageFactory
from home.models import Menu, SiteSettings
from tests.hidden_pages import HIDDEN_STATES, make_hidden
from tests.problems import assert_problem

# The tests add pages to the small site and read the API: its sections are built once.
pytestmark = pytest.mark.usefixtures("site_built_once")


def frontend_path(page) -> str:
    """url_path is /trang-chu/<section>/<slug>/; the frontend path drops the home page."""
    return "/" + page.url_path.split("/", 2)[2]


def link(label: str, page=None, url: str = "", children=()) -> dict:
    value = {"label": label, "page": page.pk if page else None, "url": url}
    if children:
        value["children"] = [{"type": "item", "value": child["value"]} for child in children]
    return {"type": "item", "value": value}


def make_menu(handle: str = "main", items=(), locale: Locale | None = None, **fields) -> Menu:
    return Menu.objects.create(
        title=fields.pop("title", f"Menu {handle}"),
        handle=handle,
        items=list(items),
        locale=locale or Locale.get_default(),
        **fields,
    )


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(parent=news_section, title="Công khai", slug="cong-khai")


@pytest.fixture
def site_settings(home_page) -> SiteSettings:
    found = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    found.organisation_name = "Sở Tư pháp tỉnh Sóc Trăng"
    found.address = "Số 19 Trần Hưng Đạo, Phường 2, TP Sóc Trăng"
    found.phone = "0299 3822 642"
    found.email = "stp@soctrang.gov.vn"
    found.save()
    return found


# --- Settings ----------------------------------------------------------------------------


def test_settings_give_the_organisation_and_its_contacts(client, site_settings):
    data = client.get("/api/site/settings").json()
    assert data["organisation_name"] == "Sở Tư pháp tỉnh Sóc Trăng"
    assert data["address"] == "Số 19 Trần Hưng Đạo, Phường 2, TP Sóc Trăng"
    assert data["phone"] == "0299 3822 642"
    assert data["email"] == "stp@soctrang.gov.vn"
    assert data["site_name"] == "Thử nghiệm"
    assert data["locale"] == "vi"


def test_settings_without_a_logo_say_null(client, site_settings):
    assert client.get("/api/site/settings").json()["logo"] is None


def test_logo_comes_as_renditions_with_url_width_height_and_alt(
    client, site_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # renditions are made on upload
        logo = ImageFactory(
            title="Biểu trưng",
            description="Biểu trưng Sở Tư pháp",
            file__width=400,
            file__height=400,
        )
    site_settings.logo = logo
    site_settings.save()
    data = client.get("/api/site/settings").json()["logo"]
    assert data["id"] == logo.pk
    assert data["alt"] == "Biểu trưng Sở Tư pháp"
    assert (data["width"], data["height"]) == (400, 400)
    assert data["renditions"], "renditions made on upload are offered"
    for rendition in data["renditions"]:
        assert rendition["url"].startswith("http")
        assert rendition["width"] > 0 and rendition["height"] > 0
    assert {r["format"] for r in data["renditions"]} >= {"webp"}


def test_footer_link_to_a_page_resolves_to_its_frontend_path(client, site_settings, article):
    site_settings.footer_links = [
        {"type": "link", "value": {"label": "Tin nổi bật", "page": article.pk, "url": ""}},
        {
            "type": "link",
            "value": {"label": "Bộ Tư pháp", "page": None, "url": "https://moj.gov.vn"},
        },
    ]
    site_settings.save()
    links = client.get("/api/site/settings").json()["footer_links"]
    assert [(link["label"], link["url"]) for link in links] == [
        ("Tin nổi bật", "/tin-tuc/cong-khai/"),
        ("Bộ Tư pháp", "https://moj.gov.vn"),
    ]
    assert links[0]["page"]["id"] == article.pk
    assert links[1]["page"] is None


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_footer_link_to_a_hidden_page_is_dropped(client, site_settings, news_section, state):
    hidden = make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    site_settings.footer_links = [
        {"type": "link", "value": {"label": "Ẩn", "page": hidden.pk, "url": ""}}
    ]
    site_settings.save()
    assert client.get("/api/site/settings").json()["footer_links"] == []


# --- Menus -------------------------------------------------------------------------------


def test_menu_items_resolve_pages_to_frontend_paths_and_keep_outside_urls(
    client, news_section, article
):
    make_menu(
        items=[
            link("Tin tức", news_section, children=[link("Bài", article)]),
            link("Cổng Chính phủ", url="https://chinhphu.vn"),
        ]
    )
    data = client.get("/api/site/menus/main").json()
    assert data["handle"] == "main"
    assert [(item["label"], item["url"]) for item in data["items"]] == [
        ("Tin tức", "/tin-tuc/"),
        ("Cổng Chính phủ", "https://chinhphu.vn"),
    ]
    assert data["items"][0]["children"][0]["url"] == "/tin-tuc/cong-khai/"
    assert data["items"][0]["page"]["id"] == news_section.pk


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_menu_item_linking_to_a_hidden_page_is_dropped(client, news_section, article, state):
    hidden = make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    make_menu(items=[link("Ẩn", hidden), link("Công khai", article)])
    items = client.get("/api/site/menus/main").json()["items"]
    assert [item["label"] for item in items] == ["Công khai"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_sub_item_linking_to_a_hidden_page_is_dropped(client, news_section, article, state):
    hidden = make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    make_menu(
        items=[link("Tin tức", news_section, children=[link("Ẩn", hidden), link("Bài", article)])]
    )
    children = client.get("/api/site/menus/main").json()["items"][0]["children"]
    assert [child["label"] for child in children] == ["Bài"]


def test_item_whose_page_is_hidden_goes_with_its_sub_items(client, news_section, article):
    news_section.unpublish()
    make_menu(items=[link("Tin tức", news_section, children=[link("Bài", article)])])
    assert client.get("/api/site/menus/main").json()["items"] == []


def test_menus_list_gives_every_menu_once(client, home_page, english):
    make_menu("main")
    make_menu("footer")
    make_menu("main", locale=english, title="Main menu")
    handles = [menu["handle"] for menu in client.get("/api/site/menus/").json()["items"]]
    assert handles == ["footer", "main"]


def test_unknown_menu_handle_is_a_404_naming_the_menus(client, home_page):
    make_menu("main")
    body = assert_problem(client.get("/api/site/menus/khong-co"), 404)
    assert "main" in body["detail"]


def test_menu_in_a_language_is_served_in_that_language(client, home_page, english):
    main = make_menu("main", title="Menu chính")
    make_menu("main", locale=english, title="Main menu", translation_key=main.translation_key)
    data = client.get("/api/site/menus/main", {"locale": "en"}).json()
    assert (data["title"], data["locale"]) == ("Main menu", "en")


def test_menu_missing_in_a_language_falls_back_to_the_default_one(client, home_page, english):
    make_menu("main", title="Menu chính")
    data = client.get("/api/site/menus/main", {"locale": "en"}).json()
    assert (data["title"], data["locale"]) == ("Menu chính", "vi")


def test_fallback_menu_links_to_the_pages_live_translation(client, news_section, english):
    home_en = news_section.get_parent().specific.copy_for_translation(english)
    home_en.save_revision().publish()
    news_en = news_section.copy_for_translation(english)
    news_en.title = "News"
    news_en.save_revision().publish()
    make_menu("main", items=[link("Tin tức", news_section)])
    item = client.get("/api/site/menus/main", {"locale": "en"}).json()["items"][0]
    assert item["page"]["id"] == news_en.pk
    assert item["url"] == "/en/tin-tuc/"


# --- Redirects ---------------------------------------------------------------------------


def test_redirect_to_a_page_gives_its_frontend_path(client, article):
    Redirect.objects.create(old_path="/tin-cu/bai-1", redirect_page=article)
    data = client.get("/api/site/redirects").json()
    assert data["items"] == [
        {
            "old_path": "/tin-cu/bai-1",
            "new_url": "/tin-tuc/cong-khai/",
            "page": data["items"][0]["page"],
            "is_permanent": True,
        }
    ]
    assert data["items"][0]["page"]["id"] == article.pk


def test_redirect_to_an_outside_url_keeps_it_and_its_permanence(client, home_page):
    Redirect.objects.create(
        old_path="/van-ban-cu", redirect_link="https://vbpl.vn/", is_permanent=False
    )
    item = client.get("/api/site/redirects").json()["items"][0]
    assert (item["new_url"], item["page"], item["is_permanent"]) == (
        "https://vbpl.vn/",
        None,
        False,
    )


def test_redirects_are_paginated_with_a_total(client, home_page):
    for n in range(5):
        Redirect.objects.create(old_path=f"/cu-{n}", redirect_link=f"https://example.vn/{n}")
    data = client.get("/api/site/redirects", {"limit": 2, "offset": 2}).json()
    assert (data["total"], data["limit"], data["offset"]) == (5, 2, 2)
    assert [item["old_path"] for item in data["items"]] == ["/cu-2", "/cu-3"]


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_redirect_to_a_hidden_page_is_left_out(client, news_section, state):
    hidden = make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    Redirect.objects.create(old_path="/an-cu", redirect_page=hidden)
    data = client.get("/api/site/redirects").json()
    assert (data["total"], data["items"]) == (0, [])


def test_redirects_of_another_site_are_left_out(client, home_page, article):
    other = Site.objects.create(hostname="khac.example.vn", root_page=home_page)
    Redirect.objects.create(old_path="/cua-trang-khac", redirect_link="https://a.vn", site=other)
    Redirect.objects.create(old_path="/moi-trang", redirect_link="https://b.vn")
    paths = [item["old_path"] for item in client.get("/api/site/redirects").json()["items"]]
    assert paths == ["/moi-trang"]


# --- Parameters --------------------------------------------------------------------------

SITE_ENDPOINTS = [
    "/api/site/settings",
    "/api/site/menus/",
    "/api/site/menus/main",
    "/api/site/redirects",
]


@pytest.mark.parametrize("url", SITE_ENDPOINTS)
def test_unknown_locale_is_a_400_listing_the_valid_ones(client, home_page, url):
    make_menu("main")
    body = assert_problem(client.get(url, {"locale": "fr"}), 400)
    assert body["errors"][0]["parameter"] == "locale"
    assert "vi" in body["detail"]


@pytest.mark.parametrize("url", SITE_ENDPOINTS)
def test_unknown_parameter_is_a_400_naming_it(client, home_page, url):
    make_menu("main")
    body = assert_problem(client.get(url, {"date": "abc"}), 400)
    assert body["errors"][0]["parameter"] == "date"


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"limit": "-1"}, "limit"),
        ({"limit": "1000000"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"offset": str(10**12)}, "offset"),
        ({"offset": "-5"}, "offset"),
        ({"locale": "v" * 5000}, "locale"),
    ],
)
def test_bad_paging_and_long_values_are_400s_naming_the_parameter(
    client, home_page, params, parameter
):
    body = assert_problem(client.get("/api/site/redirects", params), 400)
    assert body["errors"][0]["parameter"] == parameter


def test_site_endpoints_are_listed_in_the_api_index(client, home_page):
    site = client.get("/api/").json()["site"]
    assert site["settings"].endswith("/api/site/settings")
    assert site["menus"].endswith("/api/site/menus/")
    assert site["redirects"].endswith("/api/site/redirects")


# --- Sitemap -----------------------------------------------------------------------------


@override_settings(FRONTEND_BASE_URL="https://stp.soctrang.gov.vn")
def test_sitemap_lists_pages_at_their_frontend_urls(client, article):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://stp.soctrang.gov.vn/tin-tuc/cong-khai/</loc>" in xml
    assert "<loc>https://stp.soctrang.gov.vn/</loc>" in xml


@override_settings(FRONTEND_BASE_URL="")
def test_sitemap_without_a_frontend_url_uses_the_sites_own(client, article):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/tin-tuc/cong-khai/</loc>" in xml


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_sitemap_leaves_out_a_hidden_page(client, news_section, article, state):
    make_hidden(state, ArticlePageFactory, news_section, title="Ẩn", slug="an")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/cong-khai/</loc>" in xml
    assert "/an/</loc>" not in xml
