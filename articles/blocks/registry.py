"""`body_blocks()`: the block choices of every body StreamField, and their API union."""

from functools import cache
from typing import Annotated, Union

from ninja import Field
from wagtail import blocks

from articles.blocks.citation import CitationBlock
from articles.blocks.document import DocumentDownloadBlock
from articles.blocks.embed import VideoEmbedBlock
from articles.blocks.gallery import ImageGalleryBlock
from articles.blocks.heading import HeadingBlock
from articles.blocks.image import ImageBlock
from articles.blocks.notice import NoticeBlock
from articles.blocks.paragraph import ParagraphBlock
from articles.blocks.quote import QuoteBlock
from articles.blocks.table import BodyTableBlock


def body_blocks() -> list[tuple[str, blocks.Block]]:
    """The block choices of every body StreamField, in the order editors see them."""
    return [
        ("paragraph", ParagraphBlock()),
        ("heading", HeadingBlock()),
        ("image", ImageBlock()),
        ("gallery", ImageGalleryBlock()),
        ("quote", QuoteBlock()),
        ("table", BodyTableBlock()),
        ("embed", VideoEmbedBlock()),
        ("document", DocumentDownloadBlock()),
        ("notice", NoticeBlock()),
        ("citation", CitationBlock()),
    ]


@cache
def body_block_schema():
    """Any body block in the API: a union discriminated by `type`, one member per block."""
    members = tuple(block.api_schema(name) for name, block in body_blocks())
    return Annotated[Union[members], Field(discriminator="type")]  # noqa: UP007
