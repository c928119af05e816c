"""The legal-field tree on the directive form filters as the editor types, accent-blind,
keeping the parent of every match (issue #14 item 12)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.factories import LegalFieldFactory
from articles.models import DirectivePage
from tests.articles.admin_forms import add_page_url
from tests.editorial.browser import click_tab_holding
from tests.editorial.conftest import PASSWORD

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_typing_without_accents_keeps_the_match_and_its_parent(log_in, directive_register):
    get_user_model().objects.create_superuser("quantri", "qt@example.gov.vn", PASSWORD)
    justice = LegalFieldFactory(name="Tư pháp")
    LegalFieldFactory(name="Hòa giải ở cơ sở", parent=justice)
    LegalFieldFactory(name="Hộ tịch", parent=justice)
    LegalFieldFactory(name="An ninh")
    tab = log_in("quantri")
    tab.goto(add_page_url(DirectivePage, directive_register))
    click_tab_holding(tab, "[data-tree-search]")

    tab.locator("[data-tree-search]").fill("hoa giai")

    chooser = tab.locator("[data-tree-chooser]")
    option = lambda label: chooser.locator("[data-tree-option]", has_text=label)  # noqa: E731
    expect(option("Hòa giải ở cơ sở")).to_be_visible()
    expect(option("Tư pháp")).to_be_visible()
    expect(option("Hộ tịch")).to_be_hidden()
    expect(option("An ninh")).to_be_hidden()
