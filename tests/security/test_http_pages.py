"""Page URLs on the CMS host redirect to the frontend or answer 404, never 500.

The CMS renders no page HTML (the site is headless). Wagtail's catch-all page view
used to answer every live page with a 500 (its template does not exist) and would
have served a page past its expiry time until the scheduler swept it.
"""

import pytest
from django.test import override_settings

from articles.factories import ArticlePageFactory
from tests.hidden_pages import HIDDEN_STATES, make_hidden

FRONTEND = "https://www.example.gov.vn"


def get(client, url: str):
    # raise_request_exception=False: a crash must show as the 500 a reader would get.
    client.raise_request_exception = False
    return client.get(url)


@override_settings(FRONTEND_BASE_URL=FRONTEND)
def test_a_live_pages_url_redirects_to_its_frontend_address(client, news_section):
    """Before: GET /tin-tuc/<slug>/ answered 500 (TemplateDoesNotExist). Now it is a
    temporary redirect to FRONTEND_BASE_URL plus the page's frontend path."""
    article = ArticlePageFactory(parent=news_section, slug="hoi-nghi")
    response = get(client, article.url)
    assert response.status_code == 302
    assert response["Location"] == f"{FRONTEND}/tin-tuc/hoi-nghi/"


@override_settings(FRONTEND_BASE_URL=FRONTEND)
def test_the_site_root_redirects_to_the_frontends_home(client, home_page):
    response = get(client, "/")
    assert response.status_code == 302
    assert response["Location"] == f"{FRONTEND}/"


@override_settings(FRONTEND_BASE_URL=FRONTEND)
@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_a_hidden_pages_url_answers_404(client, news_section, state):
    """Before: an expired page (past expire_at, not yet swept by publish_scheduled) was
    still routed by Wagtail and answered 500 rather than 404; drafts, private pages and
    pages under a draft section must not reveal themselves either. Now all answer 404."""
    page = make_hidden(
        state, ArticlePageFactory, news_section, slug=f"an-{state}".replace("_", "-")
    )
    response = get(client, page.url or f"/tin-tuc/an-{state}/")
    assert response.status_code == 404


def test_without_a_frontend_address_a_live_pages_url_answers_404(client, news_section):
    """Without FRONTEND_BASE_URL there is nowhere to send the reader: 404, not a 500."""
    article = ArticlePageFactory(parent=news_section, slug="hoi-nghi")
    assert get(client, article.url).status_code == 404


@override_settings(FRONTEND_BASE_URL=FRONTEND)
def test_an_unknown_path_answers_404(client, home_page):
    assert get(client, "/khong-co-trang-nay/").status_code == 404


@override_settings(FRONTEND_BASE_URL=FRONTEND)
def test_the_admins_view_live_link_leads_to_the_frontend(admin_client, news_section):
    """Before: the editor's "View live" opened the CMS's own URL, which answered 500.
    Now following it lands on the page's frontend address."""
    article = ArticlePageFactory(parent=news_section, slug="hoi-nghi")
    edit = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200
    live_link = f'href="{article.url}"'
    assert live_link in edit.content.decode()
    response = get(admin_client, article.url)
    assert response.status_code == 302
    assert response["Location"] == f"{FRONTEND}/tin-tuc/hoi-nghi/"
