"""Pages as the API shows them: a full detail per page type, and listing cards.

Page types of other apps add their serialiser with `register_serialiser`.

Each page type has a `collect` step (fetch its child rows, note what they refer
to) and a `render` step (build the JSON from what was loaded). Both run with a
fixed number of queries per page type, whatever the size of the content.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page

from articles.api.body import collect_body, render_body
from articles.api.references import References, guess_content_type, page_type_name
from articles.models import (
    ArticlePage,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveRelation,
    DocumentLibraryPage,
    GalleryIndexPage,
    GalleryPage,
    SectionIndexPage,
    StandardPage,
)
from articles.models.pages import DirectiveAttachment


def body_of(page: Page) -> StreamValue | None:
    return getattr(page, "body", None)


# --- detail --------------------------------------------------------------------------


class PageSerialiser:
    """The shared part of every page type's detail."""

    def __init__(self, page: Page, refs: References):
        self.page = page
        self.refs = refs

    def collect(self) -> None:
        collect_body(body_of(self.page), self.refs)
        for name in ("intro",):
            if hasattr(self.page, name):
                self.refs.want_rich_text(getattr(self.page, name))

    def render(self) -> dict:
        return {}

    def body(self) -> list[dict]:
        return render_body(body_of(self.page), self.refs, self.cited_numbers())

    def cited_numbers(self) -> dict[int, str]:
        if not self.refs.pages:
            return {}
        cited = DirectivePage.objects.filter(pk__in=list(self.refs.pages))
        return dict(cited.values_list("pk", "number"))


class IndexSerialiser(PageSerialiser):
    def render(self) -> dict:
        return {"intro": self.refs.rich_text(self.page.intro)}


class StandardSerialiser(PageSerialiser):
    def render(self) -> dict:
        return {"body": self.body()}


class ArticleSerialiser(PageSerialiser):
    def collect(self) -> None:
        super().collect()
        page = self.page
        self.categories = in_page_locale(list(page.categories.all()), page)
        self.tags = sorted(tag.name for tag in page.tags.all())
        self.attachments = list(page.attachments.all())
        self.related = [row.related_id for row in page.related_pages.all()]
        self.byline = first(in_page_locale([page.byline] if page.byline else [], page))
        self.refs.want_image(page.hero_image_id)
        for attachment in self.attachments:
            self.refs.want_document(attachment.document_id)
        for related_id in self.related:
            self.refs.want_page(related_id)

    def render(self) -> dict:
        page = self.page
        hero_image = self.refs.image(page.hero_image_id)
        byline = self.byline
        return {
            "lead": page.lead,
            "display_date": page.display_date,
            "hero": {"image": hero_image, "caption": page.hero_caption, "credit": page.hero_credit}
            if hero_image
            else None,
            "body": self.body(),
            "byline": {
                "id": byline.pk,
                "name": byline.name,
                "kind": byline.kind,
                "full_name": byline.full_name,
                "job_title": byline.job_title,
            }
            if byline
            else None,
            "source": page.source,
            "is_announcement": page.is_announcement,
            "is_featured": page.is_featured,
            "categories": [{"id": c.pk, "name": c.name, "slug": c.slug} for c in self.categories],
            "tags": self.tags,
            "attachments": attachments(self.attachments, self.refs),
            "related_pages": [
                link for pk in self.related if (link := self.refs.linked_page(pk)) is not None
            ],
        }


class DirectiveSerialiser(PageSerialiser):
    def collect(self) -> None:
        super().collect()
        page = self.page
        self.attachments = list(page.attachments.all())
        self.fields = in_page_locale(list(page.legal_fields.select_related("parent__parent")), page)
        self.document_type = first(
            in_page_locale([page.document_type] if page.document_type else [], page)
        )
        self.issuing_body = first(
            in_page_locale([page.issuing_body] if page.issuing_body else [], page)
        )
        self.outgoing = list(page.relations.all())
        self.incoming = list(DirectiveRelation.objects.filter(target=page))
        for attachment in self.attachments:
            self.refs.want_document(attachment.document_id)
        for relation in self.outgoing:
            self.refs.want_page(relation.target_id)
        for relation in self.incoming:
            self.refs.want_page(relation.source_id)

    def render(self) -> dict:
        page = self.page
        numbers = self.cited_numbers()
        document_type, body = self.document_type, self.issuing_body
        return {
            "number": page.number,
            "number_key": page.number_key,
            "document_type": {
                "id": document_type.pk,
                "code": document_type.code,
                "name": document_type.name,
            }
            if document_type
            else None,
            "issuing_body": {"id": body.pk, "code": body.code, "name": body.name} if body else None,
            "signer_name": page.signer_name,
            "signer_title": page.signer_title,
            "issue_date": page.issue_date,
            "effective_date": page.effective_date,
            "expiry_date": page.expiry_date,
            "validity": {"status": page.validity_status, "label": page.validity_label},
            "legal_fields": [
                {
                    "id": field.pk,
                    "name": field.name,
                    "slug": field.slug,
                    "path": [f.name for f in field.ancestors_and_self()],
                }
                for field in self.fields
            ],
            "abstract": page.abstract,
            "body": render_body(body_of(page), self.refs, numbers),
            "attachments": attachments(self.attachments, self.refs),
            "relations": self.relations(numbers),
        }

    def relations(self, numbers: dict[int, str]) -> list[dict]:
        rows = [(r, "outgoing", r.target_id, r.get_relation_type_display()) for r in self.outgoing]
        rows += [
            (r, "incoming", r.source_id, DirectiveRelation.INVERSE_LABELS[r.relation_type])
            for r in self.incoming
        ]
        relations = []
        for relation, direction, other_id, label in rows:
            link = self.refs.linked_page(other_id)
            if link is None:
                continue
            link["number"] = numbers.get(other_id, "")
            relations.append(
                {
                    "relation": relation.relation_type,
                    "direction": direction,
                    "label": str(label),
                    "page": link,
                }
            )
        return relations


class GallerySerialiser(PageSerialiser):
    def collect(self) -> None:
        super().collect()
        self.photos = list(self.page.photos.all())
        self.videos = list(self.page.videos.select_related("media"))
        self.refs.want_image(self.page.cover_image_id)
        for photo in self.photos:
            self.refs.want_image(photo.image_id)

    def render(self) -> dict:
        page = self.page
        return {
            "media_type": page.media_type,
            "intro": self.refs.rich_text(page.intro),
            "display_date": page.display_date,
            "cover_image": self.refs.image(page.cover_image_id),
            "photos": [
                {"image": image, "caption": photo.caption, "credit": photo.credit}
                for photo in self.photos
                if (image := self.refs.image(photo.image_id)) is not None
            ],
            "videos": [self.video(video) for video in self.videos],
        }

    def video(self, video) -> dict:
        media = video.media
        uploaded = None
        if media is not None and media.collection_id not in self.refs.hidden_collection_ids:
            uploaded = {
                "url": self.refs.absolute(media.url),
                "content_type": guess_content_type(media.file.name),
                "duration": float(media.duration) if media.duration else None,
                "width": media.width,
                "height": media.height,
                "thumbnail": self.refs.absolute(media.thumbnail.url) if media.thumbnail else None,
            }
        return {
            "title": video.title or (media.title if media else ""),
            "caption": video.caption,
            "url": video.url or None,
            "file": uploaded,
        }


class LibrarySerialiser(PageSerialiser):
    def collect(self) -> None:
        super().collect()
        self.entries = list(self.page.entries.all())
        for entry in self.entries:
            self.refs.want_document(entry.document_id)

    def render(self) -> dict:
        return {
            "intro": self.refs.rich_text(self.page.intro),
            "entries": [
                {
                    "title": entry.title or document["title"],
                    "date": entry.date,
                    "description": entry.description,
                    "document": document,
                }
                for entry in self.entries
                if (document := self.refs.document(entry.document_id)) is not None
            ],
        }


def in_page_locale(snippets: list, page: Page) -> list:
    """Reference-list entries in the page's language where translated, else as linked.

    A translated page keeps its Vietnamese byline, categories or issuing body
    (synchronised fields); readers of the translation should see their names in
    its language. One query per list, whatever its length.
    """
    foreign = [item for item in snippets if item.locale_id != page.locale_id]
    if not foreign:
        return snippets
    model = type(foreign[0])
    translated = {
        item.translation_key: item
        for item in model.objects.filter(
            translation_key__in=[item.translation_key for item in foreign],
            locale_id=page.locale_id,
        )
    }
    return [translated.get(item.translation_key, item) for item in snippets]


def first(items: list):
    return items[0] if items else None


def attachments(rows: list, refs: References) -> list[dict]:
    return [
        {"title": row.title or document["title"], "document": document}
        for row in rows
        if (document := refs.document(row.document_id)) is not None
    ]


SERIALISERS: dict[type[Page], type[PageSerialiser]] = {
    SectionIndexPage: IndexSerialiser,
    DirectiveIndexPage: IndexSerialiser,
    GalleryIndexPage: IndexSerialiser,
    StandardPage: StandardSerialiser,
    ArticlePage: ArticleSerialiser,
    DirectivePage: DirectiveSerialiser,
    GalleryPage: GallerySerialiser,
    DocumentLibraryPage: LibrarySerialiser,
}

# What a detail query joins or prefetches, per type, so that render() adds no query.
DETAIL_QUERIES: dict[type[Page], Callable] = {
    ArticlePage: lambda pages: pages.select_related("byline").prefetch_related(
        "categories", "tags", "attachments", "related_pages"
    ),
    DirectivePage: lambda pages: pages.select_related(
        "document_type", "issuing_body"
    ).prefetch_related(
        Prefetch("attachments", queryset=DirectiveAttachment.objects.all()), "relations"
    ),
    GalleryPage: lambda pages: pages.prefetch_related("photos"),
    DocumentLibraryPage: lambda pages: pages.prefetch_related("entries"),
}


def register_serialiser(
    model: type[Page], serialiser: type[PageSerialiser], detail_query: Callable | None = None
) -> None:
    """How another app's page type is shown (home registers its home page in ready())."""
    SERIALISERS[model] = serialiser
    if detail_query is not None:
        DETAIL_QUERIES[model] = detail_query


def load_specific(page: Page) -> Page:
    model = page.specific_class or type(page)
    pages = model.objects.filter(pk=page.pk)
    pages = DETAIL_QUERIES.get(model, lambda p: p)(pages)
    return pages.get()


def serialise_detail(page: Page, refs: References, *, draft: bool = False) -> dict:
    """A page's full JSON. `page` must be specific (a draft revision's object for previews)."""
    serialiser = SERIALISERS.get(type(page), PageSerialiser)(page, refs)
    serialiser.collect()
    ancestors, translations = page_context(page, refs, draft=draft)
    refs.load()
    return {
        "id": page.pk,
        "type": page_type_name(page.content_type_id),
        "title": page.title,
        "url": refs.page_url(page),
        "meta": {
            "locale": refs.locale_codes.get(page.locale_id, ""),
            "slug": page.slug,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
            "parent": refs.page_link(ancestors[-1]) if ancestors else None,
            "breadcrumbs": [refs.page_link(ancestor) for ancestor in ancestors],
            "translations": [
                {
                    "locale": refs.locale_codes.get(other.locale_id, ""),
                    "id": other.pk,
                    "title": other.title,
                    "url": refs.page_url(other),
                }
                for other in translations
            ],
            "is_fallback": False,
            "preview": draft,
        },
        **serialiser.render(),
    }


def page_context(page: Page, refs: References, *, draft: bool) -> tuple[list[Page], list[Page]]:
    """Visible ancestors from the locale's home page down, and visible translations."""
    visible = refs.visible
    ancestors = []
    if page.path:
        # visible_pages() holds nothing above the site's root, so this starts at home.
        ancestor_paths = [page.path[: i * Page.steplen] for i in range(1, page.depth)]
        ancestors = list(visible.filter(path__in=ancestor_paths).order_by("depth"))
    translations = []
    if page.translation_key:
        translations = list(
            visible.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .order_by("locale__language_code")
        )
    return ancestors, translations


# --- listing cards ---------------------------------------------------------------------

CARD_QUERIES: dict[type[Page], Callable] = {
    DirectivePage: lambda pages: pages.select_related("document_type", "issuing_body"),
}


def card_fields(page: Page, refs: References) -> dict:
    """Type-specific card fields; image ids are noted for the one bulk image query."""
    if isinstance(page, ArticlePage):
        refs.want_image(page.hero_image_id)
        return {
            "date": page.display_date,
            "lead": page.lead,
            "thumbnail": page.hero_image_id,
            "is_announcement": page.is_announcement,
            "is_featured": page.is_featured,
        }
    if isinstance(page, DirectivePage):
        return {
            "date": page.issue_date,
            "lead": page.abstract,
            "number": page.number,
            "document_type": page.document_type.name if page.document_type else None,
            "issuing_body": page.issuing_body.name if page.issuing_body else None,
            "validity": page.validity_status,
        }
    if isinstance(page, GalleryPage):
        refs.want_image(page.cover_image_id)
        return {
            "date": page.display_date,
            "lead": plain_text(page.intro),
            "thumbnail": page.cover_image_id,
        }
    intro = getattr(page, "intro", "")
    return {"lead": plain_text(intro)} if intro else {}


def plain_text(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def prepare_cards(pages: list[Page], refs: References) -> list[dict]:
    """Cards for specific pages, in order, with image ids noted but not yet loaded."""
    return [
        {
            "id": page.pk,
            "type": page_type_name(page.content_type_id),
            "title": page.title,
            "url": refs.page_url(page),
            "locale": refs.locale_codes.get(page.locale_id, ""),
            **card_fields(page, refs),
        }
        for page in pages
    ]


def finish_cards(cards: list[dict], refs: References, fields: set[str] | None = None) -> list[dict]:
    """Swap image ids for images (after refs.load()) and keep only the asked-for fields."""
    for card in cards:
        if "thumbnail" in card:
            card["thumbnail"] = refs.image(card["thumbnail"])
        if fields is not None:
            for key in list(card):
                if key not in fields and key not in ("id", "type"):
                    del card[key]
    return cards


def serialise_cards(pages: list[Page], refs: References, fields: set[str] | None) -> list[dict]:
    """Cards for already-fetched specific pages; one image query for all of them."""
    cards = prepare_cards(pages, refs)
    refs.load()
    return finish_cards(cards, refs, fields)


def fetch_specific(window: list[tuple[int, int]]) -> dict[int, Page]:
    """The specific objects of (id, content type id) pairs: one query per page type."""
    by_type: dict[int, list[int]] = {}
    for pk, content_type_id in window:
        by_type.setdefault(content_type_id, []).append(pk)
    found: dict[int, Page] = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        pages = model.objects.filter(pk__in=ids)
        pages = CARD_QUERIES.get(model, lambda p: p)(pages)
        found.update((page.pk, page) for page in pages)
    return found
