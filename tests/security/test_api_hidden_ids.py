"""A hidden page's id answers exactly like an id no page has: no parameter confirms it exists.

Before: `/api/pages/?child_of=` and `?descendant_of=` looked their page up among all
pages, so a draft's, a private or a scheduled page's id gave a 200 (an empty list)
where a missing id gave a 400 "No page with id …": an oracle for hidden pages.

Promise: for every hidden state, on every endpoint that takes a page id (as a tree
filter or in the path), the answer for the hidden page's id is byte for byte the
answer for a missing id, the ids aside.
"""

import re

import pytest
from django.core.cache import cache
from wagtail.models import Page

from articles.factories import ArticlePageFactory
from tests.hidden_pages import HIDDEN_STATES, make_hidden

ENDPOINTS = [
    "/api/pages/?child_of={id}",
    "/api/pages/?descendant_of={id}",
    "/api/pages/{id}/",
    "/api/v2/pages/?child_of={id}",
    "/api/v2/pages/?descendant_of={id}",
    "/api/v2/pages/?ancestor_of={id}",
    "/api/v2/pages/?translation_of={id}",
    "/api/v2/pages/{id}/",
    "/api/v2/pages/find/?id={id}",
    "/api/visits/pages/{id}/",
]


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=HIDDEN_STATES)
def hidden(request, news_section):
    ArticlePageFactory(parent=news_section, title="Công khai", slug="cong-khai")
    return make_hidden(request.param, ArticlePageFactory, news_section, title="Ẩn", slug="an")


def answer(client, url: str, page_id: int) -> tuple[int, str, bytes]:
    response = client.get(url.format(id=page_id))
    # The id itself may appear in the message; nothing else may differ.
    body = re.sub(rb"(?<!\d)%d(?!\d)" % page_id, b"<id>", response.content)
    return response.status_code, response["Content-Type"], body


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_hidden_page_id_answers_as_a_missing_one(client, hidden, url):
    missing = Page.objects.order_by("-pk").first().pk + 1000
    assert answer(client, url, hidden.pk) == answer(client, url, missing)
