"""The shapes of what a response refers to: images, documents, other pages.

Body blocks, page details, the media library and home's site API all show these
the same way. This module imports no model, so blocks can name these shapes.
"""

from typing import Literal

from ninja import Field, Schema

from articles.api.rich_text import HTML_DESCRIPTION, PLAIN_TEXT_DESCRIPTION

# Every string a frontend might put into a page says which it is: HTML (already
# sanitised by the API) or plain text (to be escaped by the frontend).


def html_field():
    return Field(description=HTML_DESCRIPTION)


def plain_text_field():
    return Field(description=PLAIN_TEXT_DESCRIPTION)


# A WebP rendition of every width, and a fallback in the upload's own format
# (WAGTAILIMAGES_EXTENSIONS; Wagtail turns a still GIF into PNG).
RenditionFormat = Literal["webp", "jpeg", "png", "gif", "avif"]


class Rendition(Schema):
    url: str
    width: int
    height: int
    format: RenditionFormat


class FocalPoint(Schema):
    x: int
    y: int
    width: int
    height: int


class Image(Schema):
    id: int
    title: str
    alt: str = Field(description="Alternative text for screen readers.")
    width: int = Field(description="Of the original upload.")
    height: int
    src: str = Field(description="A medium-width fallback rendition, for a plain <img src>.")
    renditions: list[Rendition] = Field(
        description="Every width in WebP and in a fallback format; build a srcset from them."
    )
    focal_point: FocalPoint | None = Field(
        description="Where to crop around, if the editor set it."
    )


class Document(Schema):
    id: int
    title: str
    url: str = Field(description="Download URL.")
    filename: str
    file_extension: str
    content_type: str
    size: int | None = Field(description="In bytes.")


class PageLink(Schema):
    id: int
    type: str
    title: str
    url: str = Field(description="Path on the frontend, e.g. /tin-tuc/bai-viet/.")
    locale: str


class CitedDocument(PageLink):
    number: str
