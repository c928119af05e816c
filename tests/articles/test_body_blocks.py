"""Each body block owns its API value and its schema: declared once, on the block."""

import json

import pytest

from articles.blocks import body_blocks
from articles.blocks.heading import HEADING_LEVELS


def served_schemas(client) -> dict:
    return json.loads(client.get("/api/openapi.json").content)["components"]["schemas"]


def test_every_body_block_renders_its_api_value_and_names_its_schema():
    for name, block in body_blocks():
        schema = block.api_schema(name)
        assert schema.model_fields["type"].annotation.__args__ == (name,), name
        assert callable(block.get_api_representation), name


def test_heading_levels_in_the_schema_are_the_editors_choices(client, db):
    levels = served_schemas(client)["HeadingValue"]["properties"]["level"]["enum"]

    assert levels == [value for value, _label in HEADING_LEVELS]


def test_a_block_value_schema_follows_its_child_blocks(client, db):
    """A caption added to the image block would appear here without a second declaration."""
    image_block = dict(body_blocks())["image"]

    properties = served_schemas(client)["ImageValue"]["properties"]

    assert list(properties) == list(image_block.child_blocks)


def test_a_stored_heading_level_no_longer_offered_falls_back_to_the_default():
    heading = dict(body_blocks())["heading"]

    value = heading.get_api_representation({"text": "Mục 1", "level": "h6"}, {})

    assert value == {"text": "Mục 1", "level": "h2"}


@pytest.mark.parametrize("stored", [None, "text", []])
def test_a_malformed_stored_value_is_left_out(stored):
    for name, block in body_blocks():
        if name in ("paragraph", "table"):
            continue
        assert block.get_api_representation(stored, {"refs": None, "cited": {}}) is None, name
