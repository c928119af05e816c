"""The per-process memo of the site and its visibility (public.memo): a warm detail is
the content version and one read of the stored JSON; every change that can change what
the public sees is seen by the very next request, never a stale answer."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from articles.factories import ArticlePageFactory
from articles.models import SectionIndexPage
from home.content_version import current
from public import memo
from tests.site_tree import add_published


@pytest.fixture
def article(news_section):
    page = ArticlePageFactory(parent=news_section, title="Bài nhớ", slug="bai-nho")
    call_command("rebuild_representations", f"--page={page.pk}", verbosity=0)
    return page


def detail(client, page):
    return client.get(f"/api/pages/{page.pk}/")


def find(client, path="/tin-tuc/bai-nho/"):
    return client.get("/api/pages/find/", {"path": path})


def version():
    return current().number


def test_a_warm_stored_detail_is_two_statements(client, article, django_assert_num_queries):
    assert detail(client, article).status_code == 200
    with django_assert_num_queries(2):  # the content version, the stored JSON if visible
        assert detail(client, article).status_code == 200


def test_a_cold_detail_reads_the_site_and_visibility_once(
    client, article, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert detail(client, article).status_code == 200


def test_warm_find_and_list_read_no_site_or_visibility(client, article, django_assert_num_queries):
    assert find(client).status_code == 200
    assert client.get("/api/pages/", {"type": "articles.ArticlePage"}).status_code == 200
    with django_assert_num_queries(3):  # version, the page at the path, its stored JSON
        assert find(client).status_code == 200
    with django_assert_num_queries(4):  # version, count, the window, its stored cards
        assert client.get("/api/pages/", {"type": "articles.ArticlePage"}).status_code == 200


def test_a_304_is_the_version_alone(client, article, django_assert_num_queries):
    etag = detail(client, article)["ETag"]
    with django_assert_num_queries(1):
        assert client.get(f"/api/pages/{article.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_no_request_attribute_means_nothing_kept(article, django_assert_num_queries):
    from public.visibility import hidden_branch_paths

    with django_assert_num_queries(2):
        hidden_branch_paths()
        hidden_branch_paths()


def test_unpublish_is_seen_by_the_next_request(client, article):
    assert detail(client, article).status_code == 200
    article.unpublish()
    assert detail(client, article).status_code == 404


def test_unpublishing_a_parent_hides_its_branch_at_once(client, article, news_section):
    assert detail(client, article).status_code == 200
    news_section.unpublish()
    assert detail(client, article).status_code == 404
    assert find(client).status_code == 404


def test_a_parent_made_a_draft_directly_hides_its_branch(client, article, news_section):
    """A script writing `live` without publish signals still bumps the version."""
    assert detail(client, article).status_code == 200
    before = version()
    news_section.live = False
    news_section.save(update_fields=["live"])
    assert version() > before
    assert detail(client, article).status_code == 404


def test_a_draft_save_does_not_bump(article):
    before = version()
    article.title = "Bản nháp"
    article.save_revision()
    assert version() == before


def test_a_new_page_bumps(news_section):
    before = version()
    ArticlePageFactory(parent=news_section, title="Mới", slug="moi", live=False)
    assert version() > before


def test_a_view_restriction_added_edited_removed_is_seen_at_once(client, article, news_section):
    assert detail(client, article).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=news_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert detail(client, article).status_code == 404
    restriction.restriction_type = PageViewRestriction.LOGIN
    restriction.save()
    assert detail(client, article).status_code == 404
    restriction.delete()
    assert detail(client, article).status_code == 200


def test_a_move_out_of_the_site_is_seen_at_once(client, article, home_page):
    assert detail(client, article).status_code == 200
    outside = Page.get_first_root_node().add_child(
        instance=SectionIndexPage(title="Ngoài", slug="ngoai", live=True)
    )
    article.move(outside, pos="last-child")
    assert detail(client, article).status_code == 404


def test_a_deleted_page_is_gone_at_once(client, article):
    assert detail(client, article).status_code == 200
    page_id = article.pk
    article.delete()
    assert client.get(f"/api/pages/{page_id}/").status_code == 404


def test_a_site_change_is_seen_at_once(client, article, home_page):
    assert detail(client, article).status_code == 200
    other_home = Page.get_first_root_node().add_child(
        instance=SectionIndexPage(title="Trang khác", slug="trang-khac", live=True)
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_home
    site.save()
    assert detail(client, article).status_code == 404
    site.root_page = home_page
    site.save()
    assert detail(client, article).status_code == 200


def test_a_new_locale_bumps(db):
    before = version()
    Locale.objects.create(language_code="fr")
    assert version() > before


def test_a_branch_expiring_is_seen_when_the_time_comes(client, news_section, home_page):
    """No content change, no bump: the memo ends at the earliest future expiry."""
    soon = timezone.now() + datetime.timedelta(hours=1)
    section = add_published(
        home_page, SectionIndexPage(title="Hết hạn", slug="het-han", expire_at=soon)
    )
    child = ArticlePageFactory(parent=section, title="Con", slug="con")
    with time_machine.travel(soon - datetime.timedelta(minutes=1), tick=False):
        memo.forget()
        assert detail(client, child).status_code == 200
        assert detail(client, child).status_code == 200  # warm
    with time_machine.travel(soon + datetime.timedelta(seconds=1), tick=False):
        assert detail(client, child).status_code == 404
