"""Go-live and expiry on the Publishing tab, where the README sends editors (#14 item 12)."""

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage, DirectivePage, GalleryPage, SectionIndexPage
from tests.articles.admin_forms import add_page_url


def tab_panels(html: bytes) -> dict[str, BeautifulSoup]:
    """Each tab's panel, by the tab's label as the editor reads it."""
    soup = BeautifulSoup(html, "html.parser")
    panels = {}
    for tab in soup.select('a[role="tab"]'):
        label = next(tab.stripped_strings)  # then the (empty) error count
        panels[label] = soup.find(id=tab["href"].removeprefix("#"))
    return panels


@pytest.mark.parametrize(
    "model, parent_fixture",
    [
        (ArticlePage, "news_section"),
        (DirectivePage, "directive_register"),
        (GalleryPage, "photo_library"),
    ],
)
def test_go_live_and_expiry_are_fields_on_the_publishing_tab(
    admin_client, request, model, parent_fixture
):
    parent = request.getfixturevalue(parent_fixture)
    response = admin_client.get(add_page_url(model, parent))
    assert response.status_code == 200

    publishing = tab_panels(response.content)["Xuất bản"]
    assert publishing.find("input", attrs={"name": "go_live_at"}) is not None
    assert publishing.find("input", attrs={"name": "expire_at"}) is not None
    # Not hidden in Wagtail's dialog, and no status-panel toggle pointing at a missing one.
    assert b"schedule-publishing-dialog" not in response.content


def test_page_types_with_wagtails_own_tabs_keep_the_scheduling_dialog(admin_client, home_page):
    response = admin_client.get(add_page_url(SectionIndexPage, home_page))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    dialog = soup.find(id="schedule-publishing-dialog")
    assert dialog is not None
    assert dialog.find("input", attrs={"name": "go_live_at"}) is not None
    assert soup.find(attrs={"data-a11y-dialog-show": "schedule-publishing-dialog"}) is not None
