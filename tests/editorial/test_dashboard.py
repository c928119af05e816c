"""The editors' dashboard: what waits for me, my drafts, most read pages, failed searches."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from articles.factories import ArticlePageFactory
from editorial.charts import CHART_WIDTH, VALUE_MARGIN, horizontal_bar_chart
from editorial.workflows import EDITORIAL_REVIEW
from home.models import PageVisits
from search import query_log
from tests.articles.admin_forms import in_admin_language

# Wagtail's {% panel %} suffixes the ids it is given with "-section".
AWAITING = "editorial-awaiting-my-approval-section"
DRAFTS = "editorial-my-recent-drafts-section"
MOST_READ = "editorial-most-read-this-week-section"
SEARCHES = "editorial-searches-without-results-section"

HEADINGS_IN_VIETNAMESE = {
    AWAITING: "Chờ tôi duyệt",
    DRAFTS: "Bản nháp gần đây của tôi",
    MOST_READ: "Đọc nhiều nhất tuần này",
    SEARCHES: "Tìm kiếm không có kết quả",
}


def dashboard(client) -> BeautifulSoup:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def panel(page: BeautifulSoup, panel_id: str):
    return page.find(id=panel_id)


def panel_text(client, panel_id: str) -> str:
    found = panel(dashboard(client), panel_id)
    assert found is not None, f"no panel {panel_id}"
    return " ".join(found.get_text(" ").split())


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def submitted_article(writer, news_section):
    article = ArticlePageFactory(parent=news_section, live=False, title="Hội nghị sơ kết 6 tháng")
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)
    return article


# --- Who sees which panel ------------------------------------------------------------------


def test_the_head_of_the_board_sees_every_panel_in_vietnamese(moderator_client):
    page = dashboard(moderator_client)

    headings = {
        panel_id: " ".join(panel(page, panel_id).find("h2").get_text().split())
        for panel_id in HEADINGS_IN_VIETNAMESE
    }
    assert headings == HEADINGS_IN_VIETNAMESE


def test_a_writer_sees_neither_approvals_nor_readers_searches(writer_client):
    page = dashboard(writer_client)

    assert panel(page, AWAITING) is None
    assert panel(page, SEARCHES) is None
    assert panel(page, DRAFTS) is not None


def test_wagtails_panels_for_the_same_pages_are_replaced(moderator_client):
    page = dashboard(moderator_client)

    assert page.find(id="awaiting-review-section") is None
    assert page.find(id="recent-edits-section") is None


# --- Awaiting my approval -------------------------------------------------------------------


def test_the_head_of_the_board_sees_the_article_waiting_for_them(
    moderator_client, submitted_article
):
    text = panel_text(moderator_client, AWAITING)

    assert submitted_article.title in text
    assert EDITORIAL_REVIEW in text
    assert "Nguyễn Thị Lan" in text  # the writer who submitted it


def test_an_approved_article_no_longer_waits(moderator, moderator_client, submitted_article):
    state = submitted_article.current_workflow_task_state
    state.task.specific.on_action(state, moderator, "approve")

    assert submitted_article.title not in panel_text(moderator_client, AWAITING)


# --- My recent drafts -----------------------------------------------------------------------


def test_the_writer_sees_their_submitted_draft_and_its_step(writer_client, submitted_article):
    text = panel_text(writer_client, DRAFTS)

    expected_status = in_admin_language("Awaiting approval: %(step)s", step=EDITORIAL_REVIEW)
    assert submitted_article.title in text
    assert expected_status in text


def test_someone_elses_draft_is_not_in_my_drafts(moderator_client, submitted_article):
    assert submitted_article.title not in panel_text(moderator_client, DRAFTS)


# --- Most read this week --------------------------------------------------------------------


@pytest.fixture
def read_pages(news_section):
    popular = ArticlePageFactory(parent=news_section, title="Thủ tục đăng ký khai sinh")
    less_read = ArticlePageFactory(parent=news_section, title="Lịch tiếp công dân")
    last_month = ArticlePageFactory(parent=news_section, title="Tin cũ tháng trước")
    PageVisits.objects.create(page=popular, date=days_ago(0), count=30)
    PageVisits.objects.create(page=popular, date=days_ago(6), count=10)
    PageVisits.objects.create(page=less_read, date=days_ago(2), count=20)
    PageVisits.objects.create(page=last_month, date=days_ago(7), count=500)
    return popular, less_read, last_month


def test_most_read_pages_are_listed_by_views_this_week(moderator_client, read_pages):
    popular, less_read, _ = read_pages
    rows = panel(dashboard(moderator_client), MOST_READ).find("tbody").find_all("tr")

    cells = [[" ".join(td.get_text().split()) for td in row.find_all("td")] for row in rows]
    assert cells == [[popular.title, "40"], [less_read.title, "20"]]


def test_most_read_pages_are_drawn_as_bars(moderator_client, read_pages):
    popular, less_read, _ = read_pages
    chart = panel(dashboard(moderator_client), MOST_READ).find("svg", role="img")

    widths = [int(rect["width"]) for rect in chart.find_all("rect")]
    labels = [title.get_text() for title in chart.find_all("title")]
    assert labels == [f"{popular.title}: 40", f"{less_read.title}: 20"]
    assert widths == [CHART_WIDTH - VALUE_MARGIN, (CHART_WIDTH - VALUE_MARGIN) // 2]


def test_bars_are_proportional_and_never_vanish():
    chart = horizontal_bar_chart([("a", 1000), ("b", 250), ("c", 1)])

    assert [bar.width for bar in chart.bars] == [540, 135, 2]
    assert chart.height == 3 * (chart.bars[1].bar_y - chart.bars[0].bar_y)


# --- Searches that found nothing ------------------------------------------------------------


def test_searches_that_found_nothing_are_counted_for_the_head_of_the_board(moderator_client):
    for _ in range(3):
        query_log.record("thủ tục ly hôn thuận tình", found=0)
    query_log.record("đăng ký kết hôn", found=4)

    text = panel_text(moderator_client, SEARCHES)

    assert "thủ tục ly hôn thuận tình 3" in text
    assert "đăng ký kết hôn" not in text
