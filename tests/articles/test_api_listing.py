"""`/api/pages/` reads the date readers see from a stored, indexed sort date.

These tests check that the stored date follows the content through what editors do
(publish, save a draft, move), and that the listing's envelope comes from the one
pagination class (api/pagination.py).
"""

import datetime

import pytest
from ninja import Schema

from api.pagination import LimitOffset
from articles.factories import ArticlePageFactory, DirectivePageFactory
from articles.models import PageSortDate
from tests.articles.test_import_content import article_row, run_import, write_lines

# Every test marked as a database test, so pytest-django keeps the module's tests together:
# one that asks for no database would run after the transactional tests of other
# modules, whose flush leaves no default locale for the site built once.
pytestmark = [pytest.mark.usefixtures("site_built_once"), pytest.mark.django_db]


def listed_titles(client, **params) -> list[str]:
    response = client.get("/api/pages/", params, HTTP_HOST="localhost")
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def stored_date(page) -> datetime.date | None:
    return PageSortDate.objects.get(page=page).sort_date


def test_every_new_page_gets_its_sort_date(news_section, directive_register):
    article = ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 5, 2))
    directive = DirectivePageFactory(
        parent=directive_register, issue_date=datetime.date(2023, 1, 9)
    )
    assert stored_date(article) == datetime.date(2024, 5, 2)
    assert stored_date(directive) == datetime.date(2023, 1, 9)
    # A section has no date of its own: the day it was first published.
    assert stored_date(news_section) == news_section.first_published_at.date()


def test_publishing_a_new_display_date_reorders_the_list(client, news_section):
    older = ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 1, 1))
    ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 6, 1))
    older.display_date = datetime.date(2025, 1, 1)
    older.save_revision().publish()
    assert listed_titles(client, type="articles.ArticlePage")[0] == older.title


def test_a_draft_date_does_not_move_the_live_page(client, news_section):
    page = ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 1, 1))
    newer = ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 6, 1))
    page.display_date = datetime.date(2025, 1, 1)
    page.save_revision()
    assert stored_date(page) == datetime.date(2024, 1, 1)
    assert listed_titles(client, type="articles.ArticlePage")[0] == newer.title


def test_a_moved_page_keeps_its_display_date(news_section, directive_register):
    # Wagtail's move saves the page through the generic Page, without the type's fields.
    page = ArticlePageFactory(parent=news_section, display_date=datetime.date(2020, 2, 2))
    page.move(directive_register, pos="last-child")
    assert stored_date(page) == datetime.date(2020, 2, 2)


def test_date_filters_read_the_stored_date(client, news_section, directive_register):
    ArticlePageFactory(
        parent=news_section, title="Tháng ba", display_date=datetime.date(2024, 3, 5)
    )
    DirectivePageFactory(
        parent=directive_register, title="Tháng tư", issue_date=datetime.date(2024, 4, 5)
    )
    titles = listed_titles(client, date_from="2024-03-01", date_to="2024-03-31")
    assert titles == ["Tháng ba"]


def test_oldest_first_lists_the_reverse_of_newest_first(client, news_section):
    for day in (3, 1, 2):
        ArticlePageFactory(
            parent=news_section, title=f"Ngày {day}", display_date=datetime.date(2024, 1, day)
        )
    newest = listed_titles(client, type="articles.ArticlePage", order="-date")
    assert newest == ["Ngày 3", "Ngày 2", "Ngày 1"]
    assert listed_titles(client, type="articles.ArticlePage", order="date") == newest[::-1]


def test_the_envelope_counts_every_match_and_returns_the_window(client, news_section):
    for day in range(1, 6):
        ArticlePageFactory(parent=news_section, display_date=datetime.date(2024, 1, day))
    response = client.get(
        "/api/pages/",
        {"type": "articles.ArticlePage", "limit": 2, "offset": 3},
        HTTP_HOST="localhost",
    )
    data = response.json()
    assert (data["count"], data["limit"], data["offset"]) == (5, 2, 3)
    assert [item["date"] for item in data["items"]] == ["2024-01-02", "2024-01-01"]


def test_a_limit_past_its_bound_is_a_400_naming_it(client):
    response = client.get("/api/images/", {"limit": 101}, HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "limit" in response.content.decode()


def test_pagination_needs_the_endpoints_limit_and_offset():
    class NoOffset(Schema):
        limit: int = 20

    with pytest.raises(TypeError, match="offset"):
        LimitOffset(params=NoOffset)


def test_pages_of_a_bulk_import_are_listed_by_their_date(client, news_section, tmp_path):
    rows = [
        article_row(f"bulk-{day}", f"Nhập {day}", fields={"display_date": f"2024-02-0{day}"})
        for day in (1, 3, 2)
    ]
    report, status = run_import(write_lines(tmp_path / "rows.jsonl", rows), "--bulk")
    assert status == 0, report
    assert listed_titles(client, type="articles.ArticlePage") == ["Nhập 3", "Nhập 2", "Nhập 1"]
