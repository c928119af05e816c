"""HTTP caching of the read endpoints: validators, 304s, lifetimes, invalidation, purge.

Every ETag is keyed by the content version, so these tests change content the way
editors do (publish, unpublish, move, delete, snippets, settings, redirects, media)
and check that a revalidation then gets the new content, never a 304.
"""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from django.utils.http import http_date
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from articles.factories import ArticlePageFactory, DocumentFactory, ImageFactory
from articles.models import SectionIndexPage
from articles.preview import make_preview_token
from home.content_version import current
from home.models import Menu, SiteSettings
from tests.site_tree import add_published

READ_ENDPOINTS = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/pages/",
    "/api/search/?q=tin",
    "/api/site/settings",
    "/api/site/menus/",
    "/api/site/redirects",
    "/sitemap.xml",
    "/feeds/news.rss",
    "/feeds/legal.atom",
]


@pytest.fixture(autouse=True)
def no_rate_limit_left_over():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(news_section):
    return ArticlePageFactory(parent=news_section, title="Bài đầu", slug="bai-dau")


def revalidate(client, url: str, etag: str):
    return client.get(url, HTTP_IF_NONE_MATCH=etag)


@pytest.mark.parametrize("url", READ_ENDPOINTS)
def test_every_read_endpoint_gets_etag_last_modified_and_cache_control(client, article, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, no-cache"


@pytest.mark.parametrize("url", READ_ENDPOINTS)
def test_unchanged_content_revalidates_to_304(client, article, url):
    etag = client.get(url)["ETag"]
    response = revalidate(client, url, etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_304_is_answered_without_running_the_view(client, article, django_assert_num_queries):
    etag = client.get("/api/v2/pages/")["ETag"]
    with django_assert_num_queries(1):  # the content version, nothing else
        assert revalidate(client, "/api/v2/pages/", etag).status_code == 304


def test_if_modified_since_the_last_change_gets_304(client, article):
    last_modified = client.get("/api/site/menus/")["Last-Modified"]
    response = client.get("/api/site/menus/", HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304


def test_if_modified_since_before_the_last_change_gets_the_content(client, article):
    long_ago = http_date((timezone.now() - datetime.timedelta(days=400)).timestamp())
    response = client.get("/api/site/menus/", HTTP_IF_MODIFIED_SINCE=long_ago)
    assert response.status_code == 200


def test_if_none_match_decides_when_both_are_sent(client, article):
    last_modified = client.get("/api/v2/pages/")["Last-Modified"]
    response = client.get(
        "/api/v2/pages/", HTTP_IF_NONE_MATCH='W/"other"', HTTP_IF_MODIFIED_SINCE=last_modified
    )
    assert response.status_code == 200


def test_each_url_has_its_own_etag(client, article):
    first = client.get("/api/v2/pages/", {"limit": 1})["ETag"]
    second = client.get("/api/v2/pages/", {"limit": 2})["ETag"]
    assert first != second
    assert revalidate(client, "/api/v2/pages/?limit=2", first).status_code == 200


def test_responses_vary_on_accept_and_language(client, article):
    vary = client.get("/api/v2/pages/")["Vary"]
    assert "Accept" in vary
    assert "Accept-Language" in vary


# --- Invalidation --------------------------------------------------------------------------


def publish_new_article(section, article):
    ArticlePageFactory(parent=section, title="Bài mới", slug="bai-moi")


def unpublish(section, article):
    article.unpublish()


def republish_edit(section, article):
    article.title = "Bài đầu (sửa)"
    article.save_revision().publish()


def move(section, article):
    other = add_published(section.get_parent(), SectionIndexPage(title="Khác", slug="khac"))
    article.move(other, pos="last-child")


def delete(section, article):
    article.delete()


def save_menu(section, article):
    Menu.objects.create(title="Chính", handle="main", locale=article.locale)


def save_site_settings(section, article):
    found = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    found.phone = "0299 3822 642"
    found.save()


def add_redirect(section, article):
    Redirect.objects.create(old_path="/cu", redirect_page=article)


def upload_image(section, article):
    ImageFactory()


def upload_document(section, article):
    DocumentFactory()


def restrict_a_page(section, article):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)


def restrict_a_collection(section, article):
    CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node(),
        restriction_type=CollectionViewRestriction.LOGIN,
    )


CHANGES = [
    publish_new_article,
    unpublish,
    republish_edit,
    move,
    delete,
    save_menu,
    save_site_settings,
    add_redirect,
    upload_image,
    upload_document,
    restrict_a_page,
    restrict_a_collection,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_every_public_change_invalidates_the_etag(client, news_section, article, change):
    etag = client.get("/api/v2/pages/")["ETag"]
    change(news_section, article)
    response = revalidate(client, "/api/v2/pages/", etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_after_a_publish_the_revalidated_content_is_the_new_one(client, news_section, article):
    etag = client.get(f"/api/pages/{article.pk}/")["ETag"]
    article.title = "Tiêu đề mới"
    article.save_revision().publish()
    response = revalidate(client, f"/api/pages/{article.pk}/", etag)
    assert response.json()["title"] == "Tiêu đề mới"


def test_saving_a_draft_keeps_the_etag(client, article):
    etag = client.get("/api/v2/pages/")["ETag"]
    article.title = "Bản nháp"
    article.save_revision()
    assert revalidate(client, "/api/v2/pages/", etag).status_code == 304


def test_a_visit_keeps_the_etag(client, article):
    etag = client.get("/api/v2/pages/")["ETag"]
    client.post(f"/api/visits/pages/{article.pk}/")
    assert revalidate(client, "/api/v2/pages/", etag).status_code == 304


def test_the_version_only_grows(article):
    before = current().number
    article.save_revision().publish()
    assert current().number > before


def test_the_etag_changes_at_midnight(client, article):
    """A directive's validity is derived from today's date: a new day is a new version."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        etag = client.get("/api/v2/pages/")["ETag"]
        traveller.shift(datetime.timedelta(days=1))
        assert revalidate(client, "/api/v2/pages/", etag).status_code == 200


@override_settings(CORS_ALLOWED_ORIGINS=["https://www.soctrang.gov.vn"])
def test_a_browser_frontend_on_an_allowed_origin_may_read_the_etag(client, article):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://www.soctrang.gov.vn")
    assert response["Access-Control-Allow-Origin"] == "https://www.soctrang.gov.vn"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    not_modified = client.get(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://www.soctrang.gov.vn",
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert not_modified.status_code == 304
    assert not_modified["Access-Control-Allow-Origin"] == "https://www.soctrang.gov.vn"


@override_settings(CORS_ALLOWED_ORIGINS=["https://www.soctrang.gov.vn"])
def test_another_origin_gets_no_cors_permission(client, article):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example")
    assert not response.has_header("Access-Control-Allow-Origin")


# --- What is left alone -------------------------------------------------------------------


def test_a_views_own_cache_control_is_kept_and_gets_no_validators(client, article):
    response = client.get("/api/visits/")
    assert response["Cache-Control"] == "no-cache"
    assert not response.has_header("ETag")
    assert not response.has_header("Last-Modified")


def test_a_draft_preview_stays_private_and_unvalidated(client, article):
    article.title = "Bản nháp xem trước"
    revision = article.save_revision()
    token = make_preview_token(article.pk, revision.pk)
    response = client.get("/api/pages/preview/", {"id": article.pk, "token": token})
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("ETag")


def test_a_post_is_never_cached(client, article):
    response = client.post(f"/api/visits/pages/{article.pk}/")
    assert response.status_code == 200
    assert not response.has_header("ETag")
    assert "public" not in response.get("Cache-Control", "")


def test_an_error_is_not_kept(client, home_page):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-cache"
    assert not response.has_header("ETag")


@override_settings(API_CACHE_MAX_AGE=60, API_CACHE_SHARED_MAX_AGE=300)
def test_lifetimes_come_from_the_settings(client, article):
    assert client.get("/api/v2/pages/")["Cache-Control"] == "public, max-age=60, s-maxage=300"


# --- Frontend cache purge -------------------------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in for Varnish: records every PURGE it receives."""

    received: list[tuple[str, str]] = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def frontend_cache():
    """A real HTTP server on a free local port, configured as the frontend cache."""
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    location = f"http://127.0.0.1:{server.server_address[1]}"
    backends = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    with override_settings(
        WAGTAILFRONTENDCACHE=backends, WAGTAILAPI_BASE_URL="https://cms.soctrang.gov.vn"
    ):
        yield PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_pages_api_urls(
    frontend_cache, news_section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = ArticlePageFactory(parent=news_section, title="Mới", slug="moi")
    paths = {path for host, path in frontend_cache if host == "cms.soctrang.gov.vn"}
    assert {
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/",
        f"/api/pages/{page.pk}/",
        "/api/pages/",
        "/api/pages/find/?path=/tin-tuc/moi/",
        "/sitemap.xml",
        "/feeds/news.rss",
    } <= paths


def test_unpublishing_purges_the_page_too(
    frontend_cache, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert ("cms.soctrang.gov.vn", f"/api/pages/{article.pk}/") in frontend_cache


def test_a_menu_change_purges_the_site_data_urls(
    frontend_cache, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Menu.objects.create(title="Chính", handle="main", locale=home_page.locale)
    paths = {path for _host, path in frontend_cache}
    assert {
        "/api/site/settings",
        "/api/site/menus/",
        "/api/site/menus/main",
        "/api/site/redirects",
    } <= paths


def test_nothing_is_purged_before_the_change_commits(frontend_cache, home_page):
    Menu.objects.create(title="Chính", handle="main", locale=home_page.locale)
    assert frontend_cache == []  # the test's transaction never commits


def test_if_match_with_another_etag_is_412_before_the_view(client, article):
    """Django's conditional-request rules (get_conditional_response) answer all preconditions."""
    response = client.get("/api/pages/", HTTP_IF_MATCH='"another"')
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
