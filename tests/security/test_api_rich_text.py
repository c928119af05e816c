"""Stored text never reaches a reader's browser as code, through any path that serves it.

Before: the API served rich text exactly as stored. Draftail writes harmless HTML,
but HTML saved through the model (an import, a migration, a shell) reached
`/api/pages/` with `<script>`, `onerror=` and `javascript:` links intact, body
blocks' plain-text fields carried any markup, and the feeds put a lead's `<script>`
into a description that feed readers render as HTML.

Promise: every HTML string is cleaned with an allow-list (articles.api.rich_text),
every plain-text string carries no markup, and the feeds escape plain text; the
harmless text around an attack is kept. Each case saves the page straight through
the model, not the admin, and reads the served JSON or XML.
"""

import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from articles.factories import ArticlePageFactory, DirectivePageFactory
from articles.models import SectionIndexPage
from tests.articles.pages_api import get
from tests.site_tree import add_published

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "onerror": "<img src=x onerror=alert(1)>",
    "javascript_link": '<a href="javascript:alert(1)">bấm</a>',
    "javascript_link_disguised": '<a href=" JaVaScRiPt:alert(1)">bấm</a>',
    "svg_onload": "<svg onload=alert(1)>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style_attribute": '<b style="background:url(javascript:alert(1))">đậm</b>',
    "data_url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
}
BEFORE, AFTER = "Hòa giải", "cơ sở"
RUNNABLE_TAGS = {"script", "iframe", "svg", "style", "img", "object", "embed", "math", "base"}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


class RunnableMarkup(HTMLParser):
    """What a browser rendering the string as HTML could run or load."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in RUNNABLE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction") and has_unsafe_scheme(value):
                self.found.append(f"{tag}[{name}={value}]")


def has_unsafe_scheme(url: str | None) -> bool:
    squeezed = re.sub(r"[\x00-\x20]", "", url or "").lower()
    has_scheme = re.match(r"^[a-z][a-z0-9+.-]*:", squeezed) is not None
    return has_scheme and not squeezed.startswith(SAFE_SCHEMES)


def runnable_markup(html: str) -> list[str]:
    parser = RunnableMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


def wrapped(payload: str) -> str:
    return f"{BEFORE} {payload} {AFTER}"


# --- every path that serves stored text ---------------------------------------------------


def body_page(client, news_section, payload: str) -> dict:
    text = wrapped(payload)
    body = [
        {"type": "paragraph", "value": f"<p>{text}</p>"},
        {"type": "heading", "value": {"text": text, "level": "h2"}},
        {"type": "quote", "value": {"text": text, "attribution": text}},
        {
            "type": "table",
            "value": {
                "data": [["Năm", text], ["2024", "12"]],
                "first_row_is_header": True,
                "first_col_is_header": False,
            },
        },
        {"type": "notice", "value": {"title": text, "text": f"<p>{text}</p>", "tone": "info"}},
    ]
    page = ArticlePageFactory(parent=news_section, title="Bài", slug="bai", body=body)
    blocks = get(client, f"/api/pages/{page.pk}/").json()["body"]
    return {block["type"]: block["value"] for block in blocks}


def section(home_page, payload: str) -> SectionIndexPage:
    return add_published(
        home_page, SectionIndexPage(title="Mục", slug="muc", intro=f"<p>{wrapped(payload)}</p>")
    )


def rss_description(client, url: str) -> str:
    channel = ElementTree.fromstring(client.get(url).content).find("channel")
    return channel.find("item").findtext("description")


# Where each body block field is in the served block values.
BODY_FIELDS = {
    "paragraph": ("paragraph",),
    "heading": ("heading", "text"),
    "quote_text": ("quote", "text"),
    "quote_attribution": ("quote", "attribution"),
    "table_cell": ("table", "rows", 0, 1),
    "notice_text": ("notice", "text"),
    "notice_title": ("notice", "title"),
}


def served_body_field(client, request, payload: str, path: tuple) -> str:
    value = body_page(client, request.getfixturevalue("news_section"), payload)
    for key in path:
        value = value[key]
    return value


def served_intro(client, request, payload: str) -> str:
    page = section(request.getfixturevalue("home_page"), payload)
    return get(client, f"/api/pages/{page.pk}/").json()["intro"]


def served_card_lead(client, request, payload: str) -> str:
    page = section(request.getfixturevalue("home_page"), payload)
    return get(client, "/api/pages/", child_of=page.get_parent().pk).json()["items"][0]["lead"]


def served_news_description(client, request, payload: str) -> str:
    ArticlePageFactory(parent=request.getfixturevalue("news_section"), lead=wrapped(payload))
    return rss_description(client, "/feeds/news.rss")


def served_legal_description(client, request, payload: str) -> str:
    register = request.getfixturevalue("directive_register")
    DirectivePageFactory(parent=register, abstract=wrapped(payload))
    return rss_description(client, "/feeds/legal.rss")


SERVED_TEXT = {
    **{
        name: lambda c, r, p, path=path: served_body_field(c, r, p, path)
        for name, path in BODY_FIELDS.items()
    },
    "section_intro": served_intro,
    "section_card_lead": served_card_lead,
    "news_feed_description": served_news_description,
    "legal_feed_description": served_legal_description,
}


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("path", SERVED_TEXT)
def test_stored_markup_is_never_served_runnable(client, request, db, path, payload):
    served = SERVED_TEXT[path](client, request, PAYLOADS[payload])
    assert runnable_markup(served) == [], served
    assert BEFORE in served and AFTER in served, served


def test_editors_internal_block_keys_are_not_served(client, news_section):
    body = [{"type": "paragraph", "value": '<p data-block-key="x7f2a">Hòa giải</p>'}]
    page = ArticlePageFactory(parent=news_section, body=body)
    html = get(client, f"/api/pages/{page.pk}/").json()["body"][0]["value"]
    assert html == "<p>Hòa giải</p>"


def test_the_html_draftail_writes_is_served_unchanged(client, news_section):
    html = (
        '<p><b>Đậm</b> <i>nghiêng</i> <a href="https://moj.gov.vn/">Bộ Tư pháp</a> '
        '<a href="mailto:stp@example.gov.vn">thư</a> x<sup>2</sup></p>'
        "<ul><li>một</li></ul><ol><li>hai</li></ol>"
    )
    page = ArticlePageFactory(parent=news_section, body=[{"type": "paragraph", "value": html}])
    assert get(client, f"/api/pages/{page.pk}/").json()["body"][0]["value"] == html
