"""Legal fields and categories on the page form: each option under its parent, indented,
in the order of the tree (issue #14 item 12)."""

import re

from articles.factories import LegalFieldFactory
from articles.models import DirectivePage
from tests.articles.admin_forms import add_page_url

OPTION = re.compile(
    r'data-tree-option data-tree-path="(?P<path>[^"]*)" style="padding-inline-start: (?P<depth>\d)'
)


def test_legal_fields_are_listed_as_a_tree_children_under_their_parent(
    admin_client, directive_register
):
    justice = LegalFieldFactory(name="Tư pháp")
    LegalFieldFactory(name="Hòa giải ở cơ sở", parent=justice)
    LegalFieldFactory(name="Hộ tịch", parent=justice)
    LegalFieldFactory(name="An ninh")

    html = admin_client.get(add_page_url(DirectivePage, directive_register)).content.decode()

    options = [(m["path"], int(m["depth"])) for m in OPTION.finditer(html)]
    assert options == [
        ("an ninh", 0),
        ("tu phap", 0),
        ("tu phap › ho tich", 1),
        ("tu phap › hoa giai o co so", 1),
    ]
    assert 'data-tree-search placeholder="Tìm trong danh sách…"' in " ".join(html.split())
