"""The OpenAPI schema is a contract with frontends: a change to it must be deliberate.

Every check reads the bytes `/api/openapi.json` serves, parsed with duplicated keys
refused: `json.loads` silently keeps the last of two "400" keys, so a test of the
parsed dict once passed while client generators (openapi-typescript, Swagger UI)
refused the served document ("duplicated mapping key").

After an intended change, regenerate the snapshot with
`UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/cms/test_openapi_schema.py`
and commit it with the change.
"""

import json
import os
from pathlib import Path

import pytest
from openapi_spec_validator import validate

SNAPSHOT = Path(__file__).with_name("openapi.snapshot.json")


class DuplicatedKey(ValueError):
    pass


def refuse_duplicated_keys(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise DuplicatedKey(f"duplicated mapping keys: {', '.join(duplicated)}")
    return dict(pairs)


def served_schema(client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content, object_pairs_hook=refuse_duplicated_keys)


def test_schema_matches_the_committed_snapshot(client, db):
    schema = served_schema(client)
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    assert schema == json.loads(SNAPSHOT.read_text())


def test_served_schema_has_no_duplicated_key(client, db):
    """Before: 14 operations served two "400" keys (ninja's int key beside our str key)
    and one two "429" keys; client generators refused the document."""
    served_schema(client)  # raises DuplicatedKey


def test_served_schema_is_valid_openapi_3_1(client, db):
    schema = served_schema(client)
    assert schema["openapi"].startswith("3.1")
    validate(schema)  # raises on the first error


def test_every_operation_documents_its_responses(client, db):
    schema = served_schema(client)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "200" in operation["responses"], f"{method.upper()} {path}"


# --- which strings are HTML, which plain text -----------------------------------------------

HTML_FIELDS = [
    ("ParagraphBlock", "value"),
    ("NoticeValue", "text"),
    ("HomePageDetail", "intro"),
    ("SectionIndexPageDetail", "intro"),
    ("DirectiveIndexPageDetail", "intro"),
    ("GalleryIndexPageDetail", "intro"),
    ("GalleryPageDetail", "intro"),
    ("DocumentLibraryPageDetail", "intro"),
]
PLAIN_TEXT_FIELDS = [
    ("HeadingValue", "text"),
    ("QuoteValue", "text"),
    ("QuoteValue", "attribution"),
    ("TableValue", "rows"),
    ("NoticeValue", "title"),
    ("ImageValue", "caption"),
    ("ArticlePageDetail", "lead"),
    ("DirectivePageDetail", "abstract"),
    ("ArticleCard", "lead"),
    ("DirectiveCard", "lead"),
    ("GalleryCard", "lead"),
    ("OtherPageCard", "lead"),
]


def field_description(client, component: str, field: str) -> str:
    return served_schema(client)["components"]["schemas"][component]["properties"][field].get(
        "description", ""
    )


@pytest.mark.parametrize("component, field", HTML_FIELDS)
def test_an_html_field_says_it_is_sanitised_html_and_what_is_allowed(client, db, component, field):
    """Before: "HTML." at most; nothing said which tags a frontend could receive."""
    description = field_description(client, component, field)
    assert description.startswith("HTML (sanitised: allowed tags "), description
    assert "a, b, br," in description


@pytest.mark.parametrize("component, field", PLAIN_TEXT_FIELDS)
def test_a_plain_text_field_says_it_is_plain_text(client, db, component, field):
    """Before: no description; a frontend could not tell plain text from HTML."""
    assert "plain text" in field_description(client, component, field).lower()
