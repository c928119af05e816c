"""A page and everything its API detail refers to, loaded before it is shown.

The detail schemas (articles/api/schemas.py) are the one definition of what a
page shows; their resolvers read a `LoadedPage`. Loading it runs a fixed number
of queries per page type, whatever the size of the content: each page type has
a `collect` step that fetches its child rows and notes what they refer to, then
`References.load()` fetches every image, document and linked page at once.

Page types of other apps add theirs with `register_page_type`.
"""

from collections.abc import Callable
from functools import cached_property

from django.db.models import Prefetch
from wagtail.blocks import StreamValue
from wagtail.models import Page

from articles.api.body import collect_body, render_body
from articles.api.references import References, page_type_name
from articles.models import (
    ArticlePage,
    DirectivePage,
    DirectiveRelation,
    DocumentLibraryPage,
    GalleryPage,
)
from articles.models.pages import DirectiveAttachment


class LoadedPage:
    """A specific page, its context and its collected child rows, for the detail schemas.

    Attributes the schemas read and this object does not have are the page's own.
    """

    def __init__(self, page: Page, refs: References, *, draft: bool = False):
        self.page = page
        self.refs = refs
        self.type = page_type_name(page.content_type_id)
        self.preview = draft
        self.is_fallback = False
        self.ancestors: list[Page] = []
        self.translations: list[Page] = []

    def __getattr__(self, name: str):
        return getattr(self.page, name)

    @cached_property
    def cited_numbers(self) -> dict[int, str]:
        """Document numbers of the directives the page cites (one query, if any)."""
        if not self.refs.pages:
            return {}
        cited = DirectivePage.objects.filter(pk__in=list(self.refs.pages))
        return dict(cited.values_list("pk", "number"))

    def body_blocks(self) -> list[dict]:
        return render_body(body_of(self.page), self.refs, self.cited_numbers)


def body_of(page: Page) -> StreamValue | None:
    return getattr(page, "body", None)


# --- collect steps, per page type --------------------------------------------------------


def collect_common(loaded: LoadedPage) -> None:
    collect_body(body_of(loaded.page), loaded.refs)
    if hasattr(loaded.page, "intro"):
        loaded.refs.want_rich_text(loaded.page.intro)


def collect_article(loaded: LoadedPage) -> None:
    page, refs = loaded.page, loaded.refs
    loaded.categories = in_page_locale(list(page.categories.all()), page)
    loaded.tags = sorted(tag.name for tag in page.tags.all())
    loaded.attachment_rows = list(page.attachments.all())
    loaded.related = [row.related_id for row in page.related_pages.all()]
    loaded.byline = first(in_page_locale([page.byline] if page.byline else [], page))
    refs.want_image(page.hero_image_id)
    for attachment in loaded.attachment_rows:
        refs.want_document(attachment.document_id)
    for related_id in loaded.related:
        refs.want_page(related_id)


def collect_directive(loaded: LoadedPage) -> None:
    page, refs = loaded.page, loaded.refs
    loaded.attachment_rows = list(page.attachments.all())
    loaded.fields = in_page_locale(list(page.legal_fields.select_related("parent__parent")), page)
    loaded.document_type = first(
        in_page_locale([page.document_type] if page.document_type else [], page)
    )
    loaded.issuing_body = first(
        in_page_locale([page.issuing_body] if page.issuing_body else [], page)
    )
    loaded.outgoing = list(page.relations.all())
    loaded.incoming = list(DirectiveRelation.objects.filter(target=page))
    for attachment in loaded.attachment_rows:
        refs.want_document(attachment.document_id)
    for relation in loaded.outgoing:
        refs.want_page(relation.target_id)
    for relation in loaded.incoming:
        refs.want_page(relation.source_id)


def collect_gallery(loaded: LoadedPage) -> None:
    page, refs = loaded.page, loaded.refs
    loaded.photo_rows = list(page.photos.all())
    loaded.video_rows = list(page.videos.select_related("media"))
    refs.want_image(page.cover_image_id)
    for photo in loaded.photo_rows:
        refs.want_image(photo.image_id)


def collect_library(loaded: LoadedPage) -> None:
    loaded.entry_rows = list(loaded.page.entries.all())
    for entry in loaded.entry_rows:
        loaded.refs.want_document(entry.document_id)


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


COLLECTORS: dict[type[Page], Callable[[LoadedPage], None]] = {
    ArticlePage: collect_article,
    DirectivePage: collect_directive,
    GalleryPage: collect_gallery,
    DocumentLibraryPage: collect_library,
}

# What a detail query joins or prefetches, per type, so that the schemas add no query.
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


# Page types whose detail lists the latest pages (the home page's highlights): any
# publication may change it (articles/representations/ rebuilds them on every one).
LISTS_LATEST: set[type[Page]] = set()


def register_page_type(
    model: type[Page],
    collect: Callable[[LoadedPage], None],
    detail_query: Callable | None = None,
    *,
    lists_latest: bool = False,
) -> None:
    """How another app's page type is loaded (home registers its home page in ready())."""
    COLLECTORS[model] = collect
    if detail_query is not None:
        DETAIL_QUERIES[model] = detail_query
    if lists_latest:
        LISTS_LATEST.add(model)


def shows_latest_pages(page: Page) -> bool:
    return type(page) in LISTS_LATEST


def load_specific(page: Page) -> Page:
    model = page.specific_class or type(page)
    pages = model.objects.filter(pk=page.pk)
    pages = DETAIL_QUERIES.get(model, lambda p: p)(pages)
    return pages.get()


def load_detail(page: Page, refs: References, *, draft: bool = False) -> LoadedPage:
    """A page ready for its detail schema; `page` is specific (for previews, a draft object)."""
    loaded = LoadedPage(page, refs, draft=draft)
    collect_common(loaded)
    collector = COLLECTORS.get(type(page))
    if collector is not None:
        collector(loaded)
    loaded.ancestors, loaded.translations = page_context(page, refs)
    refs.load()
    return loaded


def page_context(page: Page, refs: References) -> tuple[list[Page], list[Page]]:
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
