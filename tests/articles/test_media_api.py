"""`/api/images/` and `/api/documents/`: typed, and never a restricted collection's file."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from articles.factories import DocumentFactory, ImageFactory
from tests.articles.pages_api import get


@pytest.fixture
def restricted(db):
    collection = Collection.get_first_root_node().add_child(name="Nội bộ")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection.add_child(name="Nội bộ › Hồ sơ")


def test_images_are_listed_with_renditions(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(title="Hội nghị")
    data = get(client, "/api/images/").json()
    assert data["count"] == 1
    assert data["items"][0]["id"] == image.pk
    assert data["items"][0]["renditions"]


def test_image_and_document_detail(client, db):
    image, document = ImageFactory(), DocumentFactory(title="Kế hoạch")
    assert get(client, f"/api/images/{image.pk}/").json()["width"] == image.width
    body = get(client, f"/api/documents/{document.pk}/").json()
    assert body["title"] == "Kế hoạch"
    assert body["file_extension"] == "pdf"


def test_media_inside_a_restricted_collection_is_hidden(client, restricted):
    image = ImageFactory(collection=restricted)
    document = DocumentFactory(collection=restricted)
    assert get(client, "/api/images/").json()["count"] == 0
    assert get(client, "/api/documents/").json()["count"] == 0
    assert get(client, f"/api/images/{image.pk}/").status_code == 404
    assert get(client, f"/api/documents/{document.pk}/").status_code == 404


def test_documents_search_by_title(client, db):
    wanted = DocumentFactory(title="Quyết định 12/QĐ-STP")
    DocumentFactory(title="Kế hoạch")
    items = get(client, "/api/documents/", search="quyết định").json()["items"]
    assert [item["id"] for item in items] == [wanted.pk]


@pytest.mark.parametrize("params", [{"limit": "0"}, {"offset": "-1"}, {"colour": "x"}])
def test_bad_media_parameters_are_400(client, db, params):
    response = get(client, "/api/images/", **params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
