"""Absolute URLs follow the address the server is reached at (issue #14 item 3).

Before: with `make run PORT=8200` every image, rendition, document and logo URL said
port 8000 (WAGTAILAPI_BASE_URL defaulted to the admin's :8000), and v2's `html_url`
said `http://localhost/…` (the Site row's root URL). Now one function
(`api.absolute_urls.public_base_url`) gives every one of them the request's scheme,
host and port, unless WAGTAILAPI_BASE_URL names a public base.

A real server on a port that is not 8000 (pytest-django's live server) answers here.
"""

import json
import urllib.request

import pytest
from django.test import override_settings
from wagtail.models import Site

from articles.factories import ArticlePageFactory, DocumentFactory, ImageFactory
from home.models import SiteSettings
from tests.site_tree import create_home_page, create_news_section

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def content():
    home = create_home_page()
    article = ArticlePageFactory(parent=create_news_section(home), slug="bai-viet")
    image = ImageFactory(title="Ảnh", file__width=400, file__height=300)
    document = DocumentFactory()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = image
    settings.save()
    return {"article": article, "image": image, "document": document}


def urls_in(data, keys=("url", "src", "detail_url", "download_url", "html_url")) -> list[str]:
    if isinstance(data, list):
        return [url for item in data for url in urls_in(item, keys)]
    if not isinstance(data, dict):
        return []
    found = [value for key, value in data.items() if key in keys and isinstance(value, str)]
    return found + [url for value in data.values() for url in urls_in(value, keys)]


def test_the_live_server_is_not_on_the_old_default_port(live_server):
    assert not live_server.url.endswith(":8000")


def test_typed_api_media_urls_carry_the_servers_host_and_port(live_server, content):
    base = live_server.url
    image = get_json(f"{base}/api/images/{content['image'].pk}/")
    document = get_json(f"{base}/api/documents/{content['document'].pk}/")
    logo = get_json(f"{base}/api/site/settings")["logo"]
    found = urls_in(image) + urls_in(document) + urls_in(logo)
    assert len(found) >= 3, found
    assert all(url.startswith(base + "/") for url in found), found


def test_v2_urls_carry_the_servers_host_and_port(live_server, content):
    base = live_server.url
    page = get_json(f"{base}/api/v2/pages/{content['article'].pk}/")
    assert page["meta"]["html_url"] == f"{base}/tin-tuc/bai-viet/"
    assert page["meta"]["detail_url"] == f"{base}/api/v2/pages/{content['article'].pk}/"
    documents = get_json(f"{base}/api/v2/documents/?fields=download_url")
    images = get_json(f"{base}/api/v2/images/")
    found = urls_in(page) + urls_in(documents) + urls_in(images)
    assert all(url.startswith(base + "/") for url in found), found


@override_settings(WAGTAILAPI_BASE_URL="https://cms.soctrang.gov.vn")
def test_a_configured_public_base_is_used_everywhere(live_server, content):
    base = live_server.url
    found = (
        urls_in(get_json(f"{base}/api/images/{content['image'].pk}/"))
        + urls_in(get_json(f"{base}/api/v2/pages/{content['article'].pk}/"))
        + urls_in(get_json(f"{base}/api/v2/documents/?fields=download_url"))
    )
    assert found
    assert all(url.startswith("https://cms.soctrang.gov.vn/") for url in found), found
