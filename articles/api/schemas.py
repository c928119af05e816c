"""The typed shapes of the pages API: one schema per page type and per body block.

A page detail schema is the one definition of what its type shows: fields read
the page (through a `LoadedPage`, articles/api/loading.py) and `resolve_*`
methods turn what was bulk-loaded into the served shape. A listing card schema
is likewise the one definition of a card: it reads a `CardSource`
(articles/api/cards.py), the page and its list's bulk-loaded references.

A frontend generates its client from `/api/openapi.json`, so every shape here is
part of the public contract (snapshot-tested in tests/cms). Rich text is HTML
whose links already point at frontend paths and document URLs.
"""

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import model_validator

from api.parameters import page_types
from articles.api.cards import card_image_id, plain_text
from articles.api.reference_schemas import (
    CitedDocument,
    Document,
    Image,
    PageLink,
    html_field,
    plain_text_field,
)
from articles.api.references import guess_content_type
from articles.api.rich_text import PLAIN_TEXT_DESCRIPTION
from articles.blocks import body_block_schema
from articles.models.pages import DirectiveRelation
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

    @staticmethod
    def resolve_path(field) -> list[str]:
        return [f.name for f in field.ancestors_and_self()]


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

    @staticmethod
    def resolve_locale(loaded) -> str:
        return loaded.refs.locale_codes.get(loaded.page.locale_id, "")

    @staticmethod
    def resolve_parent(loaded) -> dict | None:
        return loaded.refs.page_link(loaded.ancestors[-1]) if loaded.ancestors else None

    @staticmethod
    def resolve_breadcrumbs(loaded) -> list[dict]:
        return [loaded.refs.page_link(ancestor) for ancestor in loaded.ancestors]

    @staticmethod
    def resolve_translations(loaded) -> list[dict]:
        refs = loaded.refs
        return [
            {
                "locale": refs.locale_codes.get(other.locale_id, ""),
                "id": other.pk,
                "title": other.title,
                "url": refs.page_url(other),
            }
            for other in loaded.translations
        ]


class PageBase(Schema):
    id: int
    title: str
    url: str = Field(description="Path on the frontend.")
    meta: Meta

    @staticmethod
    def resolve_id(loaded) -> int:
        return loaded.page.pk

    @staticmethod
    def resolve_url(loaded) -> str:
        return loaded.refs.page_url(loaded.page)

    @staticmethod
    def resolve_meta(loaded):
        return loaded


def rich_intro(loaded) -> str:
    return loaded.refs.rich_text(loaded.page.intro)


def rendered_body(loaded) -> list[dict]:
    return loaded.body_blocks()


def attachments(loaded) -> list[dict]:
    refs = loaded.refs
    return [
        {"title": row.title or document["title"], "document": document}
        for row in loaded.attachment_rows
        if (document := refs.document(row.document_id)) is not None
    ]


# --- Listings ------------------------------------------------------------------------


class CardFields(Schema):
    """What a listing card shows. With `fields=`, only the named fields (and id, type).

    Fields read a `CardSource` (articles/api/cards.py). A field a page does not have
    raises AttributeError in its resolver, which leaves it unset: a listing (served
    with exclude_unset) omits it.
    """

    id: int
    type: str
    title: str | None = None
    url: str | None = None
    locale: str | None = None
    lead: str | None = Field(
        None, description="Lead, abstract or introduction. " + PLAIN_TEXT_DESCRIPTION
    )

    @model_validator(mode="wrap")
    @classmethod
    def _only_asked_fields(cls, source, handler):
        """`fields=`: what was not asked for is unset, so the listing omits it.

        A card already made (read from the stored JSON, articles/representations/) is
        served as it is: it was validated when it was stored."""
        if isinstance(source, CardFields):
            return source
        card = handler(source)
        fields = getattr(source, "fields", None)
        if fields is not None:
            card.__pydantic_fields_set__ &= fields | {"id", "type"}
        return card

    @staticmethod
    def resolve_id(card) -> int:
        return card.page.pk

    @staticmethod
    def resolve_title(card) -> str:
        return card.page.title

    @staticmethod
    def resolve_url(card) -> str:
        return card.refs.page_url(card.page)

    @staticmethod
    def resolve_locale(card) -> str:
        return card.refs.locale_codes.get(card.page.locale_id, "")

    @staticmethod
    def resolve_lead(card) -> str:
        intro = getattr(card.page, "intro", "")
        if not intro:
            raise AttributeError("lead")
        return plain_text(intro)


def card_date(card):
    return card.page.display_date


def card_thumbnail(card) -> dict | None:
    return card.refs.image(card_image_id(card.page))


class ArticleCard(CardFields):
    type: Literal["articles.ArticlePage"]
    date: datetime.date | None = Field(None, description="The date shown.")
    thumbnail: Image | None = None
    is_announcement: bool | None = None
    is_featured: bool | None = None

    resolve_date = staticmethod(card_date)
    resolve_thumbnail = staticmethod(card_thumbnail)

    @staticmethod
    def resolve_lead(card) -> str:
        return card.page.lead

    @staticmethod
    def resolve_is_announcement(card) -> bool:
        return card.page.is_announcement

    @staticmethod
    def resolve_is_featured(card) -> bool:
        return card.page.is_featured


class DirectiveCard(CardFields):
    type: Literal["articles.DirectivePage"]
    date: datetime.date | None = Field(None, description="Issue date.")
    number: str | None = Field(None, description="Số ký hiệu as printed.")
    document_type: str | None = Field(None, description="Type name.")
    issuing_body: str | None = None
    validity: ValidityCode | None = None

    @staticmethod
    def resolve_date(card):
        return card.page.issue_date

    @staticmethod
    def resolve_lead(card) -> str:
        return card.page.abstract

    @staticmethod
    def resolve_number(card) -> str:
        return card.page.number

    @staticmethod
    def resolve_document_type(card) -> str | None:
        return card.page.document_type.name if card.page.document_type else None

    @staticmethod
    def resolve_issuing_body(card) -> str | None:
        return card.page.issuing_body.name if card.page.issuing_body else None

    @staticmethod
    def resolve_validity(card) -> str:
        return card.page.validity_status


class GalleryCard(CardFields):
    type: Literal["articles.GalleryPage"]
    date: datetime.date | None = Field(None, description="The date shown.")
    thumbnail: Image | None = None

    resolve_date = staticmethod(card_date)
    resolve_thumbnail = staticmethod(card_thumbnail)

    @staticmethod
    def resolve_lead(card) -> str:
        return plain_text(card.page.intro)


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

    resolve_intro = staticmethod(rich_intro)

    @staticmethod
    def resolve_highlights(loaded) -> dict[str, list]:
        return loaded.sections


class IndexDetailFields(PageBase):
    intro: str = html_field()

    resolve_intro = staticmethod(rich_intro)


class SectionIndexPageDetail(IndexDetailFields):
    type: Literal["articles.SectionIndexPage"]


class DirectiveIndexPageDetail(IndexDetailFields):
    type: Literal["articles.DirectiveIndexPage"]


class GalleryIndexPageDetail(IndexDetailFields):
    type: Literal["articles.GalleryIndexPage"]


class StandardPageDetail(PageBase):
    type: Literal["articles.StandardPage"]
    body: list[BodyBlock]

    resolve_body = staticmethod(rendered_body)


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

    resolve_body = staticmethod(rendered_body)
    resolve_attachments = staticmethod(attachments)

    @staticmethod
    def resolve_hero(loaded) -> dict | None:
        page = loaded.page
        image = loaded.refs.image(page.hero_image_id)
        if not image:
            return None
        return {"image": image, "caption": page.hero_caption, "credit": page.hero_credit}

    @staticmethod
    def resolve_related_pages(loaded) -> list[dict]:
        links = (loaded.refs.linked_page(pk) for pk in loaded.related)
        return [link for link in links if link is not None]


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

    resolve_body = staticmethod(rendered_body)
    resolve_attachments = staticmethod(attachments)

    @staticmethod
    def resolve_validity(loaded) -> dict:
        return {"status": loaded.page.validity_status, "label": loaded.page.validity_label}

    @staticmethod
    def resolve_legal_fields(loaded) -> list:
        return loaded.fields

    @staticmethod
    def resolve_relations(loaded) -> list[dict]:
        rows = [
            (r, "outgoing", r.target_id, r.get_relation_type_display()) for r in loaded.outgoing
        ]
        rows += [
            (r, "incoming", r.source_id, DirectiveRelation.INVERSE_LABELS[r.relation_type])
            for r in loaded.incoming
        ]
        relations = []
        for relation, direction, other_id, label in rows:
            link = loaded.refs.linked_page(other_id)
            if link is None:
                continue
            link["number"] = loaded.cited_numbers.get(other_id, "")
            relations.append(
                {
                    "relation": relation.relation_type,
                    "direction": direction,
                    "label": str(label),
                    "page": link,
                }
            )
        return relations


class GalleryPageDetail(PageBase):
    type: Literal["articles.GalleryPage"]
    media_type: Literal["photo", "video"]
    intro: str = html_field()
    display_date: datetime.date
    cover_image: Image | None
    photos: list[Photo]
    videos: list[Video]

    resolve_intro = staticmethod(rich_intro)

    @staticmethod
    def resolve_cover_image(loaded) -> dict | None:
        return loaded.refs.image(loaded.page.cover_image_id)

    @staticmethod
    def resolve_photos(loaded) -> list[dict]:
        return [
            {"image": image, "caption": photo.caption, "credit": photo.credit}
            for photo in loaded.photo_rows
            if (image := loaded.refs.image(photo.image_id)) is not None
        ]

    @staticmethod
    def resolve_videos(loaded) -> list[dict]:
        return [video_of(video, loaded.refs) for video in loaded.video_rows]


def video_of(video, refs) -> dict:
    media = video.media
    uploaded = None
    if media is not None and media.collection_id not in refs.hidden_collection_ids:
        uploaded = {
            "url": refs.absolute(media.url),
            "content_type": guess_content_type(media.file.name),
            "duration": float(media.duration) if media.duration else None,
            "width": media.width,
            "height": media.height,
            "thumbnail": refs.absolute(media.thumbnail.url) if media.thumbnail else None,
        }
    return {
        "title": video.title or (media.title if media else ""),
        "caption": video.caption,
        "url": video.url or None,
        "file": uploaded,
    }


class DocumentLibraryPageDetail(PageBase):
    type: Literal["articles.DocumentLibraryPage"]
    intro: str = html_field()
    entries: list[LibraryEntry]

    resolve_intro = staticmethod(rich_intro)

    @staticmethod
    def resolve_entries(loaded) -> list[dict]:
        return [
            {
                "title": entry.title or document["title"],
                "date": entry.date,
                "description": entry.description,
                "document": document,
            }
            for entry in loaded.entry_rows
            if (document := loaded.refs.document(entry.document_id)) is not None
        ]


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
