"""The typed shapes of the pages API: one schema per page type and per body block.

A frontend generates its client from `/api/openapi.json`, so every shape here is
part of the public contract (snapshot-tested in tests/cms). Rich text is HTML
whose links already point at frontend paths and document URLs.
"""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from api.parameters import page_types
from articles.api.reference_schemas import (
    CitedDocument,
    Document,
    Image,
    PageLink,
    html_field,
    plain_text_field,
)
from articles.api.rich_text import PLAIN_TEXT_DESCRIPTION
from articles.blocks import body_block_schema
from articles.models.validity import ValidityCode

# Body blocks: the union is derived from the blocks themselves (articles.blocks).
BodyBlock = body_block_schema()


class Translation(Schema):
    locale: str
    id: int
    title: str
    url: str


# --- Reference data ----------------------------------------------------------------


class Byline(Schema):
    id: int
    name: str
    kind: Literal["unit", "person"]
    full_name: str
    job_title: str


class Category(Schema):
    id: int
    name: str
    slug: str


class DocumentTypeOut(Schema):
    id: int
    code: str
    name: str


class IssuingBodyOut(Schema):
    id: int
    code: str
    name: str


class LegalFieldOut(Schema):
    id: int
    name: str
    slug: str
    path: list[str] = Field(description="Names from the top field down, e.g. Tư pháp › Hòa giải.")


class Validity(Schema):
    status: ValidityCode
    label: str


class Attachment(Schema):
    title: str
    document: Document


class Relation(Schema):
    relation: Literal["amends", "replaces", "guides", "repeals", "based_on"]
    direction: Literal["outgoing", "incoming"] = Field(
        description="outgoing: this document amends/replaces/... the other; incoming: the reverse."
    )
    label: str = Field(description="Read from this document's side, e.g. Amended by.")
    page: CitedDocument


class Photo(Schema):
    image: Image
    caption: str = plain_text_field()
    credit: str = plain_text_field()


class UploadedVideo(Schema):
    url: str
    content_type: str
    duration: float | None
    width: int | None
    height: int | None
    thumbnail: str | None


class Video(Schema):
    title: str
    caption: str
    url: str | None = Field(description="A video page URL to embed (YouTube, Facebook, ...).")
    file: UploadedVideo | None = Field(description="An uploaded video file.")


class LibraryEntry(Schema):
    title: str
    date: datetime.date
    description: str
    document: Document


class Meta(Schema):
    locale: str
    slug: str
    seo_title: str
    search_description: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    parent: PageLink | None
    breadcrumbs: list[PageLink] = Field(description="From the home page down to the parent.")
    translations: list[Translation] = Field(
        description="Published versions of this page in other languages."
    )
    is_fallback: bool = Field(
        False,
        description=(
            "True when the requested language has no version of this page and the "
            "default language's version is served instead (API_TRANSLATION_FALLBACK)."
        ),
    )
    preview: bool = Field(False, description="True for a draft served with a preview token.")


class PageBase(Schema):
    id: int
    title: str
    url: str = Field(description="Path on the frontend.")
    meta: Meta


# --- Listings ------------------------------------------------------------------------


class CardFields(Schema):
    """What a listing card shows. With `fields=`, only the named fields (and id, type)."""

    id: int
    type: str
    title: str | None = None
    url: str | None = None
    locale: str | None = None
    lead: str | None = Field(
        None, description="Lead, abstract or introduction. " + PLAIN_TEXT_DESCRIPTION
    )


class ArticleCard(CardFields):
    type: Literal["articles.ArticlePage"]
    date: datetime.date | None = Field(None, description="The date shown.")
    thumbnail: Image | None = None
    is_announcement: bool | None = None
    is_featured: bool | None = None


class DirectiveCard(CardFields):
    type: Literal["articles.DirectivePage"]
    date: datetime.date | None = Field(None, description="Issue date.")
    number: str | None = Field(None, description="Số ký hiệu as printed.")
    document_type: str | None = Field(None, description="Type name.")
    issuing_body: str | None = None
    validity: ValidityCode | None = None


class GalleryCard(CardFields):
    type: Literal["articles.GalleryPage"]
    date: datetime.date | None = Field(None, description="The date shown.")
    thumbnail: Image | None = None


CARDS = (ArticleCard, DirectiveCard, GalleryCard)
CARD_TYPES = {card.model_fields["type"].annotation.__args__[0] for card in CARDS}


class OtherPageCard(CardFields):
    """Sections, registers, libraries, standard and home pages: the shared fields only."""

    type: Literal[tuple(sorted(set(page_types()) - CARD_TYPES))]


# One card per page type, told apart by `type`: a typed client narrows on it.
PageCard = Annotated[
    ArticleCard | DirectiveCard | GalleryCard | OtherPageCard, Field(discriminator="type")
]


class PageList(Schema):
    count: int = Field(description="Total matching pages, for pagination.")
    limit: int
    offset: int
    items: list[PageCard]


# --- Page details, one per type ------------------------------------------------------


class HomePageDetail(PageBase):
    type: Literal["home.HomePage"]
    intro: str = html_field()
    highlights: dict[str, list[PageCard]] = Field(
        description=(
            "Cards per home page section (featured, announcements, directives, galleries): "
            "the editors' picks, else the latest."
        )
    )


class IndexDetailFields(PageBase):
    intro: str = html_field()


class SectionIndexPageDetail(IndexDetailFields):
    type: Literal["articles.SectionIndexPage"]


class DirectiveIndexPageDetail(IndexDetailFields):
    type: Literal["articles.DirectiveIndexPage"]


class GalleryIndexPageDetail(IndexDetailFields):
    type: Literal["articles.GalleryIndexPage"]


class StandardPageDetail(PageBase):
    type: Literal["articles.StandardPage"]
    body: list[BodyBlock]


class HeroImage(Schema):
    image: Image
    caption: str = plain_text_field()
    credit: str = plain_text_field()


class ArticlePageDetail(PageBase):
    type: Literal["articles.ArticlePage"]
    lead: str = Field(description="Sapo. " + PLAIN_TEXT_DESCRIPTION)
    display_date: datetime.date
    hero: HeroImage | None
    body: list[BodyBlock]
    byline: Byline | None
    source: str
    is_announcement: bool
    is_featured: bool
    categories: list[Category]
    tags: list[str]
    attachments: list[Attachment]
    related_pages: list[PageLink]


class DirectivePageDetail(PageBase):
    type: Literal["articles.DirectivePage"]
    number: str = Field(description="Số ký hiệu as printed, e.g. 05-CT/TU.")
    number_key: str = Field(description="Normalised number, for matching.")
    document_type: DocumentTypeOut | None
    issuing_body: IssuingBodyOut | None
    signer_name: str
    signer_title: str
    issue_date: datetime.date | None
    effective_date: datetime.date | None
    expiry_date: datetime.date | None
    validity: Validity
    legal_fields: list[LegalFieldOut]
    abstract: str = Field(description="Trích yếu nội dung. " + PLAIN_TEXT_DESCRIPTION)
    body: list[BodyBlock]
    attachments: list[Attachment]
    relations: list[Relation]


class GalleryPageDetail(PageBase):
    type: Literal["articles.GalleryPage"]
    media_type: Literal["photo", "video"]
    intro: str = html_field()
    display_date: datetime.date
    cover_image: Image | None
    photos: list[Photo]
    videos: list[Video]


class DocumentLibraryPageDetail(PageBase):
    type: Literal["articles.DocumentLibraryPage"]
    intro: str = html_field()
    entries: list[LibraryEntry]


PageDetail = Annotated[
    HomePageDetail
    | SectionIndexPageDetail
    | DirectiveIndexPageDetail
    | GalleryIndexPageDetail
    | StandardPageDetail
    | ArticlePageDetail
    | DirectivePageDetail
    | GalleryPageDetail
    | DocumentLibraryPageDetail,
    Field(discriminator="type"),
]
