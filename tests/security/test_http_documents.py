"""Documents leave only through Wagtail's serve view, which checks collection privacy.

A reverse proxy (or `runserver` in DEBUG) serves MEDIA_URL straight from MEDIA_ROOT,
asking no one; documents are therefore stored outside it (cms/storage.py).
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.views import static
from wagtail.models import Collection, CollectionViewRestriction

from articles.factories import PDF_BYTES, DocumentFactory


@pytest.fixture
def staff_only(db) -> Collection:
    collection = Collection.get_first_root_node().add_child(name="Hồ sơ nội bộ")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def download(client, url: str):
    return client.get(urlsplit(url).path)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def served_from_media_root(name: str):
    """What anything serving MEDIA_URL from MEDIA_ROOT hands out: `runserver` uses this view,
    an nginx `location /media/ { alias MEDIA_ROOT/; }` does the same."""
    request = RequestFactory().get(f"{settings.MEDIA_URL}{name}")
    return static.serve(request, name, document_root=settings.MEDIA_ROOT)


def test_a_restricted_document_is_not_in_the_public_media_folder(staff_only):
    """Before: documents were written under MEDIA_ROOT/documents/, so the proxy (or the
    development server) handed `/media/documents/<name>` to anyone, bypassing the
    collection's login restriction. Now the file is not there: 404."""
    document = DocumentFactory(collection=staff_only)
    with pytest.raises(Http404):
        served_from_media_root(document.file.name)


def test_a_documents_media_url_answers_404_from_the_app(client, staff_only):
    document = DocumentFactory(collection=staff_only)
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404


def test_a_restricted_documents_download_url_asks_for_a_login(client, staff_only):
    document = DocumentFactory(collection=staff_only)
    response = download(client, document.url)
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login.status_code == 200
    assert b'name="password"' in login.content


def test_a_signed_in_editor_downloads_a_restricted_document(client, staff_only, django_user_model):
    document = DocumentFactory(collection=staff_only)
    client.force_login(django_user_model.objects.create_user("bien-tap", password="x"))
    response = download(client, document.url)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES


def test_a_public_document_downloads_from_the_apis_url(client, db):
    document = DocumentFactory()
    url = client.get(f"/api/documents/{document.pk}/").json()["url"]
    response = download(client, url)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Security-Policy"] == "default-src 'none'"
