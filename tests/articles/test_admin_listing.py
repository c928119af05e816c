"""The document register in the admin, filtered as clerks look documents up, and the
reference-list screens behind it."""

import datetime

import pytest
from django.urls import reverse

from articles.factories import (
    BylineFactory,
    CategoryFactory,
    DirectivePageFactory,
    DocumentTypeFactory,
    IssuingBodyFactory,
    LegalFieldFactory,
)
from articles.models import Byline, Category, DocumentType, IssuingBody, LegalField, Validity


@pytest.fixture
def frozen_today(monkeypatch) -> datetime.date:
    """The day the register below describes, so validity never depends on the clock."""
    day = datetime.date(2024, 12, 20)
    monkeypatch.setattr("articles.models.validity.today", lambda: day)
    return day


@pytest.fixture
def register(directive_register) -> dict:
    """On 20/12/2024: a Party directive in force, an expired decision, a resolution to come."""
    party_committee = IssuingBodyFactory(name="Tỉnh ủy Sóc Trăng", code="TU")
    province = IssuingBodyFactory(name="UBND tỉnh Sóc Trăng", code="UBND")
    council = IssuingBodyFactory(name="HĐND tỉnh Sóc Trăng", code="HĐND")
    return {
        "directive": DirectivePageFactory(
            parent=directive_register,
            title="Chỉ thị về công tác hòa giải",
            document_type=DocumentTypeFactory(code="CT"),
            number="05-CT/TU",
            issuing_body=party_committee,
            issue_date=datetime.date(2023, 3, 1),
            effective_date=datetime.date(2023, 3, 1),
        ),
        "decision": DirectivePageFactory(
            parent=directive_register,
            title="Quyết định ban hành kế hoạch",
            document_type=DocumentTypeFactory(code="QĐ"),
            number="123/QĐ-UBND",
            issuing_body=province,
            issue_date=datetime.date(2022, 5, 4),
            effective_date=datetime.date(2022, 5, 4),
            expiry_date=datetime.date(2023, 1, 1),
        ),
        "resolution": DirectivePageFactory(
            parent=directive_register,
            title="Nghị quyết về mức chi",
            document_type=DocumentTypeFactory(code="NQ"),
            number="15/2024/NQ-HĐND",
            issuing_body=council,
            issue_date=datetime.date(2024, 12, 10),
            effective_date=datetime.date(2025, 1, 1),
        ),
    }


def listed(admin_client, **filters) -> set[str]:
    response = admin_client.get(reverse("directives:index"), filters)
    assert response.status_code == 200
    return {page.title for page in response.context["object_list"]}


def titles(register: dict, *names: str) -> set[str]:
    return {register[name].title for name in names}


def test_register_lists_every_document_unfiltered(admin_client, register):
    assert listed(admin_client) == titles(register, "directive", "decision", "resolution")


def test_register_filters_by_document_type(admin_client, register):
    decision_type = register["decision"].document_type

    assert listed(admin_client, document_type=decision_type.pk) == titles(register, "decision")


def test_register_filters_by_issuing_body(admin_client, register):
    council = register["resolution"].issuing_body

    assert listed(admin_client, issuing_body=council.pk) == titles(register, "resolution")


def test_register_filters_by_year_of_issue(admin_client, register):
    assert listed(admin_client, issue_year=2022) == titles(register, "decision")


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Validity.IN_FORCE, "directive"),
        (Validity.EXPIRED, "decision"),
        (Validity.NOT_YET, "resolution"),
    ],
)
def test_register_filters_by_validity(admin_client, register, frozen_today, status, expected):
    assert listed(admin_client, validity=status) == titles(register, expected)


def test_number_typed_in_lower_case_finds_the_document(admin_client, register):
    assert listed(admin_client, number="05-ct/tu") == titles(register, "directive")


def test_part_of_a_number_finds_the_documents_containing_it(admin_client, register):
    assert listed(admin_client, number="QĐ-UBND") == titles(register, "decision")


def test_number_of_no_document_finds_nothing(admin_client, register):
    assert listed(admin_client, number="06-CT/TU") == set()


# --- Reference lists --------------------------------------------------------------------


REFERENCE_LISTS = {
    Category: CategoryFactory,
    Byline: BylineFactory,
    IssuingBody: IssuingBodyFactory,
    DocumentType: DocumentTypeFactory,
    LegalField: LegalFieldFactory,
}


@pytest.mark.parametrize("model", REFERENCE_LISTS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["list", "add"])
def test_reference_list_screen_loads(admin_client, model, view):
    REFERENCE_LISTS[model]()

    response = admin_client.get(reverse(model.snippet_viewset.get_url_name(view)))

    assert response.status_code == 200


@pytest.mark.parametrize("model", REFERENCE_LISTS, ids=lambda m: m.__name__)
def test_reference_list_item_opens_for_editing(admin_client, model):
    item = REFERENCE_LISTS[model]()

    response = admin_client.get(reverse(model.snippet_viewset.get_url_name("edit"), args=[item.pk]))

    assert response.status_code == 200
    assert response.context["object"] == item
