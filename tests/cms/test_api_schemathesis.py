"""Schemathesis against `/api/openapi.json`: no 5xx, and every answer as the schema says.

Every operation of the typed API is called in-process (the real Django WSGI
application, the test database) with requests generated from its schema —
valid ones and deliberately invalid ones — and each response is checked: no
server error, a documented status code and content type, a body and headers
that match the documented schema. A frontend generates its client from this
schema, so an answer the schema does not describe is a bug in one or the other.

The site is the demo portal (`load_demo`) plus a fully filled article, a draft
with a preview link and two redirects. Generated ids and paths rarely exist, so
hooks mix real page ids, frontend paths, menu handles and a valid preview token
into the generated requests: the 200 answers are checked, not only the 404s.

The run is deterministic (fixed seed, derandomised Hypothesis, no example
database) so that CI fails on a change, not on luck. One operation's failure
prints the request as a curl command and the response.
"""

from dataclasses import dataclass

import pytest
import schemathesis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import TestCase
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from articles.factories import ArticlePageFactory, CategoryFactory
from articles.models import DirectivePage, SectionIndexPage
from articles.preview import make_preview_token
from home.models import Menu
from tests.articles.pages_api import every_block, media

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20210923,
        # A busy CI machine must not fail the run for being slow.
        "suppress-health-check": ["too_slow"],
        "generation": {
            # Per operation: the coverage phase's boundary cases, then 25 generated requests.
            "max-examples": 25,
            "deterministic": True,
            "database": "none",
        },
    }
)

pytestmark = pytest.mark.slow
API = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=CONFIG)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


# Ids just past what the databases store (int4, int8): a 400 or a 404, never a 500.
OUT_OF_RANGE_IDS = [2**31, 2**63, 10**30]


@dataclass(frozen=True)
class KnownSite:
    """What exists in the test site, for the hooks to put into generated requests."""

    page_ids: list[int]
    image_ids: list[int]
    document_ids: list[int]
    paths: list[str]
    menu_handles: list[str]
    locales: list[str]
    preview: dict[str, object]


# Hooks cannot take fixtures: the module's fixture leaves the site here for them.
KNOWN: dict[str, KnownSite] = {}


def frontend_path(page: Page, home: Page) -> str:
    return page.url_path[len(home.url_path) - 1 :]


def build_site() -> KnownSite:
    """The demo portal, a page with every block type, a draft to preview, redirects."""
    call_command("load_demo", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    news = SectionIndexPage.objects.get(slug="tin-tuc-su-kien")
    directive = DirectivePage.objects.get(slug="chi-thi-05-ct-tu")
    linked = news.get_children().live().first()
    image, document = media()
    body = every_block(
        image_id=image.pk, document_id=document.pk, linked_page=linked, cited=directive
    )
    full = ArticlePageFactory(
        parent=news, title="Bài viết đầy đủ các khối", slug="day-du", body=body, hero_image=image
    )
    full.categories.add(CategoryFactory(name="Tuyên truyền", slug="tuyen-truyen"))
    full.tags.add("hòa giải", "pháp luật")
    full.save_revision().publish()
    draft = ArticlePageFactory(parent=news, title="Bản nháp", slug="ban-nhap", live=False)
    Redirect.add_redirect("/tin-cu/", redirect_to=full, is_permanent=True)
    Redirect.add_redirect("/lien-ket-ngoai/", redirect_to="https://moj.gov.vn/", is_permanent=False)
    live = Page.objects.live().filter(path__startswith=home.path)
    return KnownSite(
        page_ids=sorted(live.values_list("pk", flat=True)),
        image_ids=sorted(get_image_model().objects.values_list("pk", flat=True)),
        document_ids=sorted(get_document_model().objects.values_list("pk", flat=True)),
        paths=sorted(frontend_path(page, home) for page in live),
        menu_handles=sorted(set(Menu.objects.values_list("handle", flat=True))),
        locales=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
        preview={"id": draft.pk, "token": make_preview_token(draft.pk, draft.latest_revision_id)},
    )


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """One site for every operation, rolled back at the end of the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Renditions are made on commit, which a test transaction never reaches.
        with TestCase.captureOnCommitCallbacks(execute=True):
            KNOWN["site"] = build_site()
        yield KNOWN["site"]
        transaction.set_rollback(True)
    KNOWN.clear()
    cache.clear()


@pytest.fixture(autouse=True)
def in_process(demo_site, db, settings):
    """The WSGI app in the test's transaction, and the fuzzer not limited as one client.

    Django's handler closes the database connection at the end of each request;
    Django's test client unhooks that signal for the same reason.
    """
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    cache.clear()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def real_or_generated(generated: dict | None, real: dict[str, list]) -> st.SearchStrategy:
    """The generated parameters, or the same with one of them set to a known value."""
    if not isinstance(generated, dict):
        return st.just(generated)
    choices = [st.just(generated)]
    for name, values in real.items():
        if name in generated:
            choices.append(
                st.sampled_from(values).map(lambda value, n=name: {**generated, n: value})
            )
    return st.one_of(choices)


@API.hook
def flatmap_path_parameters(context, path_parameters):
    site = KNOWN["site"]
    return real_or_generated(
        path_parameters,
        {
            "page_id": site.page_ids + OUT_OF_RANGE_IDS,
            "image_id": site.image_ids + OUT_OF_RANGE_IDS,
            "document_id": site.document_ids + OUT_OF_RANGE_IDS,
            "handle": site.menu_handles,
        },
    )


@API.hook
def flatmap_query(context, query):
    site = KNOWN["site"]
    if isinstance(query, dict) and context.operation.path == "/api/pages/preview/":
        return st.one_of(st.just(query), st.just({**query, **site.preview}))
    return real_or_generated(
        query,
        {
            "path": site.paths,
            "child_of": site.page_ids,
            "descendant_of": site.page_ids,
            "section": site.page_ids,
            "locale": site.locales,
        },
    )


@API.parametrize()
def test_every_answer_is_documented_and_none_is_a_server_error(case):
    case.call_and_validate(checks=CHECKS)
