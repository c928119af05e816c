"""`/api/images/` and `/api/documents/`: the media library, as typed as the pages.

Images and documents in a privacy-restricted collection (and the collections
inside it) are not listed and answer 404, as Wagtail's own document view would
refuse them to an anonymous reader.
"""

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.pagination import paginate
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from api.bounds import MAX_ID
from api.pagination import LimitOffset
from api.problems import Problem
from articles.api.pages import not_found
from articles.api.reference_schemas import Document, Image
from articles.api.references import References
from public.sites import current_site

router = Router(tags=["media"])


class MediaListParams(Schema):
    search: str | None = Field(None, max_length=255, description="Words in the title.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


class ImageList(Schema):
    count: int
    limit: int
    offset: int
    items: list[Image]


class DocumentList(Schema):
    count: int
    limit: int
    offset: int
    items: list[Document]


def public(model, refs: References):
    return model.objects.exclude(collection_id__in=refs.hidden_collection_ids).order_by(
        "-created_at", "-pk"
    )


class MediaListing:
    """Public images or documents (`api.pagination.Listing`): only the window is loaded."""

    def __init__(self, request: HttpRequest, model, params: MediaListParams, kind: str):
        self.refs = References(request, current_site(request))
        self.kind = kind
        self.items = public(model, self.refs)
        if params.search:
            self.items = self.items.filter(title__icontains=params.search.strip())

    def count(self) -> int:
        return self.items.count()

    def __getitem__(self, window: slice) -> list[dict]:
        ids = list(self.items.values_list("pk", flat=True)[window])
        for pk in ids:
            getattr(self.refs, f"want_{self.kind}")(pk)
        self.refs.load()
        loaded = self.refs.images if self.kind == "image" else self.refs.documents
        return [loaded[pk] for pk in ids if pk in loaded]


def detail(request: HttpRequest, item_id: int, kind: str):
    refs = References(request, current_site(request))
    getattr(refs, f"want_{kind}")(item_id)
    refs.load()
    found = refs.image(item_id) if kind == "image" else refs.document(item_id)
    return found if found is not None else not_found(f"No public {kind} with id {item_id}.")


@router.get("/images/", response={200: ImageList, 400: Problem}, summary="List images")
@paginate(LimitOffset, params=MediaListParams, pass_parameter="params")
def list_images(request: HttpRequest, **kwargs):
    return MediaListing(request, get_image_model(), kwargs["params"], "image")


@router.get(
    "/images/{signed_int:image_id}/",
    response={200: Image, 400: Problem, 404: Problem},
    summary="An image",
)
def image_detail(request: HttpRequest, image_id: int = Path(..., ge=1, le=MAX_ID)):
    return detail(request, image_id, "image")


@router.get("/documents/", response={200: DocumentList, 400: Problem}, summary="List documents")
@paginate(LimitOffset, params=MediaListParams, pass_parameter="params")
def list_documents(request: HttpRequest, **kwargs):
    return MediaListing(request, get_document_model(), kwargs["params"], "document")


@router.get(
    "/documents/{signed_int:document_id}/",
    response={200: Document, 400: Problem, 404: Problem},
    summary="A document",
)
def document_detail(request: HttpRequest, document_id: int = Path(..., ge=1, le=MAX_ID)):
    return detail(request, document_id, "document")
