"""The admin's document register and `/api/pages/` filter documents alike.

Both go through `DirectivePageQuerySet`, so each filter below must list the same
documents on the admin screen and in the API.
"""

import datetime

import pytest
from django.urls import reverse

from articles.factories import DirectivePageFactory, DocumentTypeFactory, IssuingBodyFactory
from tests.articles.pages_api import get

ON = datetime.date(2024, 12, 20)


@pytest.fixture
def documents(directive_register, monkeypatch) -> dict:
    """On 20/12/2024: a directive in force, an expired decision, a resolution to come."""
    monkeypatch.setattr("articles.models.validity.today", lambda: ON)
    make = DirectivePageFactory
    return {
        "directive": make(
            parent=directive_register,
            document_type=DocumentTypeFactory(code="CT"),
            number="05-CT/TU",
            issuing_body=IssuingBodyFactory(code="TU"),
            issue_date=datetime.date(2023, 3, 1),
            effective_date=datetime.date(2023, 3, 1),
        ),
        "decision": make(
            parent=directive_register,
            document_type=DocumentTypeFactory(code="QĐ"),
            number="123/QĐ-UBND",
            issuing_body=IssuingBodyFactory(code="UBND"),
            issue_date=datetime.date(2022, 5, 4),
            effective_date=datetime.date(2022, 5, 4),
            expiry_date=datetime.date(2023, 1, 1),
        ),
        "resolution": make(
            parent=directive_register,
            document_type=DocumentTypeFactory(code="NQ"),
            number="15/2024/NQ-HĐND",
            issuing_body=IssuingBodyFactory(code="HĐND"),
            issue_date=datetime.date(2024, 12, 10),
            effective_date=datetime.date(2025, 1, 1),
        ),
    }


def in_admin(admin_client, **filters) -> set[int]:
    response = admin_client.get(reverse("directives:index"), filters)
    assert response.status_code == 200
    return {page.pk for page in response.context["object_list"]}


def in_api(client, **filters) -> set[int]:
    response = get(client, "/api/pages/", type="articles.DirectivePage", **filters)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("05-ct/tu", {"directive"}),  # recognised: any spelling of one number
        ("05/CT-TU", {"directive"}),
        ("QĐ-UBND", {"decision"}),  # a fragment clerks type: numbers containing it
        ("06-CT/TU", set()),
    ],
)
def test_number_filter_agrees(admin_client, client, documents, number, expected):
    wanted = {documents[name].pk for name in expected}

    assert in_admin(admin_client, number=number) == wanted
    assert in_api(client, number=number) == wanted


@pytest.mark.parametrize("status", ["in_force", "expired", "not_yet", "partly_expired"])
def test_validity_filter_agrees(admin_client, client, documents, status):
    assert in_admin(admin_client, validity=status) == in_api(client, validity=status)


def test_year_filter_agrees(admin_client, client, documents):
    assert in_admin(admin_client, issue_year=2022) == in_api(client, year=2022)
    assert in_api(client, year=2022) == {documents["decision"].pk}


def test_document_type_filter_agrees(admin_client, client, documents):
    decision_type = documents["decision"].document_type

    assert in_admin(admin_client, document_type=decision_type.pk) == in_api(
        client, document_type="qđ"
    )
    assert in_api(client, document_type="qđ") == {documents["decision"].pk}


def test_issuing_body_filter_agrees(admin_client, client, documents):
    council = documents["resolution"].issuing_body

    assert in_admin(admin_client, issuing_body=council.pk) == in_api(
        client, issuing_body=council.pk
    )
    assert in_api(client, issuing_body=council.pk) == {documents["resolution"].pk}
