"""An editor's day in a real browser: Debian's Chromium, headless, driven by Playwright.

A writer writes a news article (paragraph, image with caption, quote) and submits it;
the head of the editorial board approves it from the dashboard; a reader's frontend
then finds it in the page API and, typed without accents, in the search API. Then the
writer gets a date wrong on a directive and reads why, in Vietnamese, on the field.

The browser and the people's logged-in tabs are fixtures of tests/editorial/conftest.py.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from articles.factories import ImageFactory
from articles.models import DirectiveIndexPage, SectionIndexPage
from tests.articles.test_directive_validation import EFFECTIVE_BEFORE_ISSUE, EXPECTED_VI_MESSAGES
from tests.editorial.browser import click_tab_holding, open_footer_menu
from tests.site_tree import add_published

# The live server needs the data the migrations made (root page, locale, groups and
# workflows): restore it for these transactional tests, and leave it for the next.
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Hội nghị tập huấn nghiệp vụ hòa giải ở cơ sở năm 2024"
UNACCENTED_QUERY = "hoi nghi tap huan hoa giai"
PARAGRAPH = "Sáng 15/3, Sở Tư pháp tổ chức hội nghị tập huấn cho hòa giải viên."
CAPTION = "Quang cảnh hội nghị tập huấn"
QUOTE = "Hòa giải ở cơ sở góp phần giữ gìn đoàn kết trong cộng đồng."


@pytest.fixture
def site(home_page):
    news = add_published(home_page, SectionIndexPage(title="Tin tức – Sự kiện", slug="tin-tuc"))
    register = add_published(
        home_page, DirectiveIndexPage(title="Văn bản chỉ đạo, điều hành", slug="van-ban")
    )
    photo = ImageFactory(title="Ảnh hội nghị tập huấn")
    return {"news": news, "register": register, "photo": photo}


def add_block(tab: Page, icon: str) -> None:
    """Append a block to the body: the last "+" button, then the block type by its icon."""
    tab.locator(".c-sf-add-button").last.click()
    tab.locator(f".w-combobox__option:has(.icon-{icon})").click()


def write_and_submit_article(tab: Page, section, photo) -> None:
    tab.goto(f"/admin/pages/add/articles/articlepage/{section.pk}/")
    tab.fill("#id_title", TITLE)
    add_block(tab, "pilcrow")
    tab.locator(".public-DraftEditor-content").last.click()
    tab.keyboard.type(PARAGRAPH)
    add_block(tab, "image")
    tab.locator("[data-contentpath='image'] [data-chooser-action-choose]").last.click()
    tab.locator(f".modal-content a[data-chooser-modal-choice][title='{photo.title}']").click()
    expect(tab.locator(".modal-content")).to_have_count(0)
    tab.locator("input[name$='-value-caption']").last.fill(CAPTION)
    add_block(tab, "openquote")
    tab.locator("textarea[name$='-value-text']").last.fill(QUOTE)
    open_footer_menu(tab)
    tab.click("button[name=action-submit]")
    tab.wait_for_url(f"**/admin/pages/{section.pk}/")


def approve_from_the_dashboard(tab: Page) -> None:
    tab.goto("/admin/")
    tab.locator("#editorial-awaiting-my-approval-section td.title a", has_text=TITLE).click()
    open_footer_menu(tab)
    tab.click("button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    tab.wait_for_url(re.compile(r"/admin/pages/\d+/$"))


def test_a_news_article_goes_from_the_writer_through_approval_to_the_apis(
    log_in, site, writer, moderator, csp_violations
):
    writer = log_in(writer.username)
    write_and_submit_article(writer, site["news"], site["photo"])

    moderator = log_in(moderator.username)
    approve_from_the_dashboard(moderator)

    listing = moderator.request.get("/api/v2/pages/", params={"type": "articles.ArticlePage"})
    [item] = [i for i in listing.json()["items"] if i["title"] == TITLE]
    body = moderator.request.get(f"/api/pages/{item['id']}/").json()["body"]
    assert [block["type"] for block in body] == ["paragraph", "image", "quote"]
    assert PARAGRAPH in body[0]["value"]
    image = body[1]["value"]
    assert (image["image"]["id"], image["caption"]) == (site["photo"].pk, CAPTION)
    assert body[2]["value"]["text"] == QUOTE
    search = moderator.request.get("/api/search/", params={"q": UNACCENTED_QUERY}).json()
    assert item["id"] in [hit["id"] for hit in search["items"]]
    assert csp_violations == []


def test_a_directive_taking_effect_before_its_issue_reads_the_error_in_vietnamese(
    log_in, site, writer, csp_violations
):
    writer = log_in(writer.username)
    writer.goto(f"/admin/pages/add/articles/directivepage/{site['register'].pk}/")
    writer.fill("#id_title", "Chỉ thị về tăng cường công tác hòa giải ở cơ sở")
    click_tab_holding(writer, "#id_issue_date")
    writer.fill("#id_number", "06-CT/TU")
    writer.fill("#id_issue_date", "10/01/2024")
    writer.fill("#id_effective_date", "09/01/2024")
    writer.keyboard.press("Escape")  # close the date picker
    writer.click("footer button.action-save")

    error = writer.locator("[data-contentpath=effective_date] .error-message")
    error.wait_for(state="attached")
    click_tab_holding(writer, "#id_effective_date")  # the form comes back on the first tab
    expect(error).to_be_visible()
    expect(error).to_contain_text(EXPECTED_VI_MESSAGES[EFFECTIVE_BEFORE_ISSUE])
    assert csp_violations == []
