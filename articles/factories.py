"""Factories for tests and local fixtures: the smallest valid object of each kind.

Pages need a ``parent``. They are saved with a revision and published unless
created with ``live=False``, which leaves a draft as an editor would.
"""

import datetime

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection
from wagtailmedia import get_media_model

from articles.models import (
    ArticlePage,
    Byline,
    Category,
    DirectivePage,
    DocumentType,
    GalleryPage,
    IssuingBody,
    LegalField,
)

# The smallest file that filetype (and so the upload form) recognises as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def root_collection() -> Collection:
    return Collection.get_first_root_node()


class CategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")

    class Meta:
        model = Category


class BylineFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Phòng {n}")

    class Meta:
        model = Byline


class IssuingBodyFactory(DjangoModelFactory):
    name = "Ban Thường vụ Tỉnh ủy Sóc Trăng"
    code = "TU"

    class Meta:
        model = IssuingBody


class DocumentTypeFactory(DjangoModelFactory):
    """The national types are seeded by a migration: reuse them by code."""

    code = "CT"
    name = factory.LazyAttribute(lambda o: f"Loại {o.code}")

    class Meta:
        model = DocumentType
        django_get_or_create = ("code",)


class LegalFieldFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")

    class Meta:
        model = LegalField


class ImageFactory(wagtail_factories.ImageFactory):
    # wagtail-factories would add a new root collection per image.
    collection = factory.LazyFunction(root_collection)


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Tệp đính kèm {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(data=PDF_BYTES, filename="van-ban.pdf")


class VideoFactory(DjangoModelFactory):
    """An uploaded video (wagtailmedia); the bytes only need to be stored, never played."""

    title = factory.Sequence(lambda n: f"Phóng sự {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(data=b"\x00\x00\x00\x18ftypmp42", filename="phong-su.mp4")
    type = "video"
    duration = 60

    class Meta:
        model = get_media_model()


class PublishedPageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def revision(page, create, extracted, **kwargs):
        """Publish as the admin does, so that live pages have a live revision."""
        if not create:
            return
        revision = page.save_revision()
        if page.live:
            revision.publish()
            page.refresh_from_db()


class ArticlePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Bài viết {n}")
    lead = "Tóm tắt bài viết."
    display_date = datetime.date(2024, 3, 1)

    class Meta:
        model = ArticlePage


class DirectivePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Chỉ thị {n}")
    document_type = factory.SubFactory(DocumentTypeFactory)
    number = factory.Sequence(lambda n: f"{n + 1:02d}-CT/TU")
    issue_date = datetime.date(2024, 3, 1)

    class Meta:
        model = DirectivePage


class GalleryPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Thư viện {n}")
    media_type = GalleryPage.MediaType.PHOTO
    display_date = datetime.date(2024, 3, 1)

    class Meta:
        model = GalleryPage
