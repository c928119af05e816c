"""The StreamField blocks every page type shares: one module per block.

Each block's JSON shape in the API is documented in the README ("Body blocks")
and is part of the public contract: change a block, change the docs and the
schema snapshot together.
"""

from articles.blocks.paragraph import PARAGRAPH_FEATURES, ParagraphBlock
from articles.blocks.registry import body_block_schema, body_blocks
from articles.blocks.table import BodyTableBlock

__all__ = [
    "PARAGRAPH_FEATURES",
    "BodyTableBlock",
    "ParagraphBlock",
    "body_block_schema",
    "body_blocks",
]
