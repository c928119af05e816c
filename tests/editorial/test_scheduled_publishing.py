"""Go-live and expiry times: `manage.py publish_scheduled` (run by cron) applies them.

The clock is moved with time-machine; the page API and the search API are asked as
readers ask them, before and after the command runs.
"""

import contextlib
import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry

from articles.factories import ArticlePageFactory
from tests.articles.admin_forms import PUBLISH, assert_saved, edit_page_url
from tests.editorial.page_forms import page_form

SITE_TIME = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Lịch tiếp công dân tháng sáu"
UNACCENTED_QUERY = "lich tiep cong dan"


def at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2024, 6, 3, hour, minute, tzinfo=SITE_TIME)


@contextlib.contextmanager
def cron_runs_at(moment: datetime.datetime):
    """The clock stands at `moment`; cron has just run `publish_scheduled`.

    Readers ask the APIs at the same moment: their visibility rule compares expiry
    times with the current time too.
    """
    with time_machine.travel(moment, tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        yield


def in_page_api(client, page: Page) -> bool:
    response = client.get("/api/v2/pages/", {"type": "articles.ArticlePage"})
    return page.pk in [item["id"] for item in response.json()["items"]]


def found_by_search(client, page: Page) -> bool:
    response = client.get("/api/search/", {"q": UNACCENTED_QUERY})
    return page.pk in [hit["id"] for hit in response.json()["items"]]


def published_by_moderator(moderator_client, news_section, **times: str) -> Page:
    """The head of the board presses Publish at 08:00 with go-live/expiry times set."""
    with time_machine.travel(at(8), tick=False):
        article = ArticlePageFactory(
            parent=news_section, live=False, title=TITLE, slug="lich-tiep-cong-dan"
        )
        response = moderator_client.post(
            edit_page_url(article), page_form(article, **times) | PUBLISH
        )
        assert_saved(response)
    return article


@pytest.fixture
def scheduled_article(moderator_client, news_section) -> Page:
    return published_by_moderator(moderator_client, news_section, go_live_at="03/06/2024 09:00")


@pytest.fixture
def expiring_article(moderator_client, news_section) -> Page:
    return published_by_moderator(moderator_client, news_section, expire_at="03/06/2024 17:00")


def test_a_scheduled_article_stays_hidden_before_its_time(client, scheduled_article):
    with cron_runs_at(at(8, 59)):
        assert not Page.objects.get(pk=scheduled_article.pk).live
        assert not in_page_api(client, scheduled_article)
        assert not found_by_search(client, scheduled_article)


def test_publish_scheduled_puts_the_article_in_both_apis_at_its_time(client, scheduled_article):
    with cron_runs_at(at(9, 1)):
        assert in_page_api(client, scheduled_article)
        assert found_by_search(client, scheduled_article)


def test_scheduled_publishing_is_in_the_audit_log(scheduled_article):
    with cron_runs_at(at(9, 1)):
        pass

    assert PageLogEntry.objects.filter(
        page=scheduled_article, action="wagtail.publish.scheduled"
    ).exists()


def test_an_article_stays_public_until_its_expiry(client, expiring_article):
    with cron_runs_at(at(16, 59)):
        assert in_page_api(client, expiring_article)
        assert found_by_search(client, expiring_article)


def test_expiry_unpublishes_the_article_and_removes_it_from_both_apis(client, expiring_article):
    with cron_runs_at(at(17, 1)):
        assert Page.objects.get(pk=expiring_article.pk).expired
        assert not in_page_api(client, expiring_article)
        assert not found_by_search(client, expiring_article)


def test_expiry_is_in_the_audit_log(expiring_article):
    with cron_runs_at(at(17, 1)):
        pass

    assert PageLogEntry.objects.filter(
        page=expiring_article, action="wagtail.unpublish.scheduled"
    ).exists()
