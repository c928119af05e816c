"""Everything a response refers to — images, documents, other pages — loaded in bulk.

Serialising a page happens in two steps: first every image, document and page id
it mentions (in fields, child rows, StreamField blocks and rich text) is noted
here; then `load()` fetches each kind in one query, and the schemas read
from it. So the number of queries does not grow with the size of a body or of
a listing.

What is not public is simply absent: a link to a draft becomes plain text, an
image or document in a privacy-restricted collection is left out.
"""

import mimetypes
import re
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page, Site
from wagtail.rich_text.rewriters import extract_attrs

from api.absolute_urls import public_base_url
from api.bounds import is_id
from articles.api.rich_text import sanitised_html
from articles.renditions import rendition_specs
from public.memo import generation_of
from public.paths import FrontendPaths
from public.sites import current_site
from public.visibility import hidden_collection_ids, site_roots, visible_pages

# Draftail writes links as <a linktype="page" id="3">…</a> and never nests them.
LINK = re.compile(r"<a(\s[^>]*)?>(.*?)</a>", re.DOTALL | re.IGNORECASE)
EMBED = re.compile(r"<embed(\s[^>]*)?/?>", re.IGNORECASE)
# The fallback `src` a plain <img> gets: wide enough for an article column.
FALLBACK_WIDTH = 1024


def page_type_name(content_type_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model_class().__name__}"


class References:
    def __init__(self, request: HttpRequest | None = None, site: Site | None = None):
        self.site = site or current_site(request)
        # The request's content version: site-wide lookups are kept while it holds.
        self.generation = generation_of(request)
        self.base_url = public_base_url(request)
        self.image_ids: set[int] = set()
        self.document_ids: set[int] = set()
        self.page_ids: set[int] = set()
        self.images: dict[int, dict] = {}
        self.documents: dict[int, dict] = {}
        self.pages: dict[int, Page] = {}

    # --- noting what is referred to ------------------------------------------------

    def want_image(self, image_id) -> None:
        if is_row_id(image_id):
            self.image_ids.add(image_id)

    def want_document(self, document_id) -> None:
        if is_row_id(document_id):
            self.document_ids.add(document_id)

    def want_page(self, page_id) -> None:
        if is_row_id(page_id):
            self.page_ids.add(page_id)

    def want_rich_text(self, html: str) -> None:
        for match in LINK.finditer(html or ""):
            attrs = extract_attrs(match.group(1) or "")
            if attrs.get("id", "").isdigit():
                if attrs.get("linktype") == "page":
                    self.want_page(int(attrs["id"]))
                elif attrs.get("linktype") == "document":
                    self.want_document(int(attrs["id"]))

    # --- loading ------------------------------------------------------------------------

    def load(self) -> None:
        hidden = self.hidden_collection_ids
        if self.image_ids:
            images = (
                get_image_model()
                .objects.filter(pk__in=self.image_ids)
                .exclude(collection_id__in=hidden)
                .prefetch_renditions(*rendition_specs())
            )
            self.images = {image.pk: self.serialise_image(image) for image in images}
        if self.document_ids:
            documents = (
                get_document_model()
                .objects.filter(pk__in=self.document_ids)
                .exclude(collection_id__in=hidden)
            )
            self.documents = {doc.pk: self.serialise_document(doc) for doc in documents}
        if self.page_ids:
            linked = self.visible.filter(pk__in=self.page_ids)
            self.pages = {page.pk: page for page in linked}

    @cached_property
    def hidden_collection_ids(self) -> set[int]:
        return hidden_collection_ids(self.generation)

    @cached_property
    def paths(self) -> FrontendPaths:
        """The one page URL rule (public.paths), its lookups made once per response."""
        return FrontendPaths(self.site, roots=site_roots(self.site, self.generation))

    @property
    def locale_codes(self) -> dict[int, str]:
        return self.paths.locale_codes

    @property
    def root_paths(self) -> dict[int, str]:
        return self.paths.root_paths

    @property
    def roots(self) -> list[Page] | None:
        return self.paths.roots

    @cached_property
    def visible(self):
        """What the public may see (public.visibility), built once per response."""
        return visible_pages(self.site, roots=self.roots, generation=self.generation)

    # --- reading ------------------------------------------------------------------------

    def absolute(self, url: str) -> str:
        return url if "://" in url else f"{self.base_url}{url}"

    def page_url(self, page: Page) -> str:
        """The page's path on the frontend: /tin-tuc/bai-viet/, /en/about/ for other languages."""
        return self.paths.path(page)

    def page_link(self, page: Page) -> dict:
        return {
            "id": page.pk,
            "type": page_type_name(page.content_type_id),
            "title": page.title,
            "url": self.page_url(page),
            "locale": self.locale_codes.get(page.locale_id, ""),
        }

    def linked_page(self, page_id) -> dict | None:
        page = self.pages.get(page_id)
        return self.page_link(page) if page is not None else None

    def image(self, image_id) -> dict | None:
        return self.images.get(image_id)

    def document(self, document_id) -> dict | None:
        return self.documents.get(document_id)

    def rich_text(self, html: str) -> str:
        """Internal links resolved to frontend paths and download URLs, hidden ones unlinked;
        then sanitised (articles.api.rich_text), whatever the stored HTML held."""

        def link(match: re.Match) -> str:
            attrs = extract_attrs(match.group(1) or "")
            text = match.group(2)
            linktype = attrs.get("linktype")
            if linktype is None:
                return match.group(0)
            target_id = int(attrs["id"]) if attrs.get("id", "").isdigit() else None
            if linktype == "page" and target_id in self.pages:
                href = self.page_url(self.pages[target_id])
                return f'<a href="{href}" data-page-id="{target_id}">{text}</a>'
            if linktype == "document" and target_id in self.documents:
                href = self.documents[target_id]["url"]
                return f'<a href="{href}" data-document-id="{target_id}">{text}</a>'
            return text

        return sanitised_html(EMBED.sub("", LINK.sub(link, html or "")))

    # --- shapes -----------------------------------------------------------------------

    def serialise_image(self, image) -> dict:
        # Prefetched in load(): find_existing_renditions reads them and never makes one.
        found = image.find_existing_renditions(*[Filter(spec=s) for s in rendition_specs()])
        by_spec = {filter.spec: rendition for filter, rendition in found.items()}
        renditions = [
            {
                "url": self.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "format": file_format(rendition.file.name),
            }
            for spec in rendition_specs()
            if (rendition := by_spec.get(spec)) is not None
        ]
        fallback = by_spec.get(f"width-{FALLBACK_WIDTH}")
        src = fallback.url if fallback is not None else image.file.url
        focal = None
        if image.has_focal_point():
            focal = {
                "x": image.focal_point_x,
                "y": image.focal_point_y,
                "width": image.focal_point_width,
                "height": image.focal_point_height,
            }
        return {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text or "",
            "width": image.width,
            "height": image.height,
            "src": self.absolute(src),
            "renditions": renditions,
            "focal_point": focal,
        }

    def serialise_document(self, document) -> dict:
        filename = document.filename
        return {
            "id": document.pk,
            "title": document.title,
            "url": self.absolute(document.url),
            "filename": filename,
            "file_extension": document.file_extension.lower(),
            "content_type": guess_content_type(filename),
            "size": document.file_size if document.file_size is not None else stored_size(document),
        }


def is_row_id(value) -> bool:
    """An id a row can have: a stray or hostile one must not overflow the database."""
    return isinstance(value, int) and is_id(value)


def guess_content_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def stored_size(document) -> int | None:
    """Uploads through the admin record their size; files added otherwise may not have."""
    try:
        return document.file.size
    except (OSError, ValueError):
        return None


def file_format(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"jpg": "jpeg"}.get(extension, extension)
