"""What the admin accepts for a directive's number and dates, and what it derives from them.

The admin speaks Vietnamese by default. Errors are checked on the field they belong to and
against the message catalogue of the active language, so these tests hold while the
``EXPECTED_VI_MESSAGES`` is what a Vietnamese editor reads for each rule.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from articles.factories import DirectivePageFactory
from articles.models import DirectivePage, DirectiveRelation, Validity
from tests.articles.admin_forms import (
    PUBLISH,
    add_page_url,
    assert_saved,
    edit_page_url,
    form_errors,
    in_admin_language,
    messages_of,
)
from vietnamese_text.document_numbers import parse_document_number

EFFECTIVE_BEFORE_ISSUE = "The effective date cannot be before the issue date."
EXPIRY_NOT_AFTER_EFFECTIVE = "The expiry date must be after the effective date."
DUPLICATE_NUMBER = (
    "Another document already has this number from the same issuer, type and year: “%(title)s”."
)
UNRECOGNISED_NUMBER = (
    "The number “%(number)s” does not follow the national conventions "
    "(e.g. 05-CT/TU or 42/2022/NĐ-CP). It was saved as typed; check it."
)

# msgid -> text a Vietnamese editor must read (a part of it).
EXPECTED_VI_MESSAGES = {
    EFFECTIVE_BEFORE_ISSUE: "Ngày có hiệu lực không được trước ngày ban hành",
    EXPIRY_NOT_AFTER_EFFECTIVE: "Ngày hết hiệu lực phải sau ngày có hiệu lực",
    DUPLICATE_NUMBER: "Đã có văn bản khác cùng số",
    UNRECOGNISED_NUMBER: "không đúng thể thức",
}


def directive_form(**fields) -> dict:
    """The directive add/edit form as the browser posts it; dates as editors type them."""
    data = {
        "title": "Chỉ thị về công tác hòa giải ở cơ sở",
        "slug": "chi-thi-hoa-giai",
        "abstract": "Về tăng cường công tác hòa giải ở cơ sở.",
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "relations": inline_formset([]),
        "number": "06-CT/TU",
        "issue_date": "10/01/2024",
        "effective_date": "",
        "expiry_date": "",
        "validity_override": "",
    }
    return nested_form_data(data | fields)


TODAY = datetime.date(2024, 6, 1)


@pytest.fixture
def frozen_today(monkeypatch) -> datetime.date:
    """Validity depends on the date: fix it, so no test changes its mind at midnight."""
    monkeypatch.setattr("articles.models.validity.today", lambda: TODAY)
    return TODAY


def days_from_today(days: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=days)


# --- Dates ----------------------------------------------------------------------------


def test_effective_date_before_issue_date_is_refused_on_the_effective_date(
    admin_client, directive_register
):
    data = directive_form(issue_date="10/01/2024", effective_date="09/01/2024")

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert form_errors(response).get("effective_date") == [
        in_admin_language(EFFECTIVE_BEFORE_ISSUE)
    ]
    assert not DirectivePage.objects.filter(slug="chi-thi-hoa-giai").exists()


@pytest.mark.parametrize("msgid, vietnamese", EXPECTED_VI_MESSAGES.items())
def test_validation_messages_are_translated_into_vietnamese(msgid, vietnamese):
    with translation.override("vi"):
        assert vietnamese in translation.gettext(msgid)


def test_the_editor_reads_the_date_error_in_vietnamese_on_the_page(
    admin_client, directive_register
):
    data = directive_form(issue_date="10/01/2024", effective_date="09/01/2024")

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert response.status_code == 200
    assert "Ngày có hiệu lực không được trước ngày ban hành." in response.content.decode()


def test_editing_a_directive_to_take_effect_before_its_issue_date_saves_nothing(
    admin_client, directive_register
):
    directive = DirectivePageFactory(
        parent=directive_register,
        slug="chi-thi-hoa-giai",
        issue_date=datetime.date(2024, 1, 10),
        effective_date=datetime.date(2024, 1, 10),
    )
    revision_before = directive.latest_revision_id
    data = directive_form(number=directive.number, effective_date="01/01/2024")

    response = admin_client.post(edit_page_url(directive), data | PUBLISH)

    assert "effective_date" in form_errors(response)
    directive.refresh_from_db()
    assert directive.effective_date == datetime.date(2024, 1, 10)
    assert directive.latest_revision_id == revision_before


@pytest.mark.parametrize("expiry_date", ["01/02/2024", "31/01/2024"], ids=["same-day", "before"])
def test_expiry_on_or_before_the_effective_date_is_refused_on_the_expiry_date(
    admin_client, directive_register, expiry_date
):
    data = directive_form(effective_date="01/02/2024", expiry_date=expiry_date)

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data)

    assert form_errors(response).get("expiry_date") == [
        in_admin_language(EXPIRY_NOT_AFTER_EFFECTIVE)
    ]
    assert not DirectivePage.objects.filter(slug="chi-thi-hoa-giai").exists()


# --- Numbers --------------------------------------------------------------------------


def test_unrecognised_number_is_saved_as_typed_with_a_warning(admin_client, directive_register):
    data = directive_form(number="số abc")

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert_saved(response)
    directive = DirectivePage.objects.get(slug="chi-thi-hoa-giai")
    assert (directive.number, directive.number_key) == ("số abc", "")
    assert [
        text for level, text in messages_of(response) if level == "warning" and "số abc" in text
    ] == [in_admin_language(UNRECOGNISED_NUMBER, number="số abc")]


def test_recognised_number_gives_no_warning(admin_client, directive_register):
    response = admin_client.post(
        add_page_url(DirectivePage, directive_register), directive_form() | PUBLISH
    )

    assert_saved(response)
    assert [level for level, _ in messages_of(response) if level == "warning"] == []


def test_duplicate_number_is_refused_on_the_number_naming_the_other_document(
    admin_client, directive_register
):
    DirectivePageFactory(
        parent=directive_register,
        title="Chỉ thị số 05 về phòng, chống tham nhũng",
        number="05-CT/TU",
        issue_date=datetime.date(2024, 3, 1),
    )
    # Typed differently, but the same document number in the same term.
    data = directive_form(number="05/ct-tu", issue_date="15/06/2024")

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert form_errors(response).get("number") == [
        in_admin_language(DUPLICATE_NUMBER, title="Chỉ thị số 05 về phòng, chống tham nhũng")
    ]
    assert not DirectivePage.objects.filter(slug="chi-thi-hoa-giai").exists()


def test_administrative_number_reused_in_another_year_is_not_a_duplicate(
    admin_client, directive_register
):
    # State administrative documents restart their numbering every year.
    DirectivePageFactory(
        parent=directive_register, number="123/QĐ-UBND", issue_date=datetime.date(2022, 5, 4)
    )
    data = directive_form(number="123/QĐ-UBND", issue_date="04/05/2023")

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert_saved(response)
    assert DirectivePage.objects.filter(number="123/QĐ-UBND").count() == 2


def test_parsed_parts_of_the_number_are_stored_on_save(admin_client, directive_register):
    data = directive_form(number="42/2022/NĐ-CP", issue_date="30/06/2022")

    response = admin_client.post(add_page_url(DirectivePage, directive_register), data | PUBLISH)

    assert_saved(response)
    directive = DirectivePage.objects.get(slug="chi-thi-hoa-giai")
    assert directive.number_key == parse_document_number("42/2022/NĐ-CP").key != ""
    assert (directive.number_year, directive.type_code, directive.issuer_code) == (
        2022,
        "NĐ",
        "CP",
    )


def test_model_clean_refuses_a_duplicate_outside_the_admin(directive_register):
    DirectivePageFactory(parent=directive_register, number="07-CT/TU")

    with pytest.raises(ValidationError) as refused:
        DirectivePageFactory(parent=directive_register, number="07-CT/TU")

    assert "number" in refused.value.message_dict


# --- Validity -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective_in", "expires_in", "expected"),
    [
        (10, None, Validity.NOT_YET),
        (-10, None, Validity.IN_FORCE),
        (0, None, Validity.IN_FORCE),
        (-10, 10, Validity.IN_FORCE),
        (-10, 0, Validity.EXPIRED),
        (-10, -1, Validity.EXPIRED),
        (None, None, Validity.IN_FORCE),
    ],
)
def test_validity_is_derived_from_the_dates(frozen_today, effective_in, expires_in, expected):
    directive = DirectivePage(
        effective_date=None if effective_in is None else days_from_today(effective_in),
        expiry_date=None if expires_in is None else days_from_today(expires_in),
    )

    assert directive.validity_status == expected


def test_validity_set_by_the_editor_wins_over_the_dates(frozen_today):
    directive = DirectivePage(
        effective_date=days_from_today(-10),
        validity_override=Validity.PARTLY_EXPIRED,
    )

    assert directive.validity_status == Validity.PARTLY_EXPIRED


@pytest.fixture
def directives_by_validity(directive_register) -> dict[str, DirectivePage]:
    """One document in each state on 1 June 2024."""

    def directive(**dates) -> DirectivePage:
        return DirectivePageFactory(
            parent=directive_register, issue_date=datetime.date(2023, 12, 1), **dates
        )

    return {
        "not_yet": directive(effective_date=datetime.date(2024, 7, 1)),
        "in_force": directive(effective_date=datetime.date(2024, 1, 1)),
        "expired": directive(
            effective_date=datetime.date(2024, 1, 1), expiry_date=datetime.date(2024, 5, 1)
        ),
        "declared_expired": directive(
            effective_date=datetime.date(2024, 1, 1), validity_override=Validity.EXPIRED
        ),
    }


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Validity.NOT_YET, {"not_yet"}),
        (Validity.IN_FORCE, {"in_force"}),
        (Validity.EXPIRED, {"expired", "declared_expired"}),
        (Validity.PARTLY_EXPIRED, set()),
    ],
)
def test_with_validity_filters_by_the_derived_or_declared_status(
    directives_by_validity, status, expected
):
    found = DirectivePage.objects.with_validity(status, on=datetime.date(2024, 6, 1))

    names = {name for name, page in directives_by_validity.items() if page in found}
    assert names == expected


# --- Relations ------------------------------------------------------------------------


def test_amendment_is_shown_from_both_documents_with_the_inverse_label(directive_register):
    amended = DirectivePageFactory(parent=directive_register, title="Chỉ thị gốc")
    amending = DirectivePageFactory(parent=directive_register, title="Chỉ thị sửa đổi")
    DirectiveRelation.objects.create(
        source=amending, relation_type=DirectiveRelation.RelationType.AMENDS, target=amended
    )

    with translation.override("en"):
        from_amending = [(str(r["label"]), r["page"].pk) for r in amending.relations_both_ways()]
        from_amended = [(str(r["label"]), r["page"].pk) for r in amended.relations_both_ways()]

    assert from_amending == [("Amends", amended.pk)]
    assert from_amended == [("Amended by", amending.pk)]
