from articles.models.import_record import ImportRecord
from articles.models.listing import PageSortDate
from articles.models.pages import (
    ArticleAttachment,
    ArticlePage,
    ArticleRelatedPage,
    ArticleTag,
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DirectiveRelation,
    DocumentLibraryEntry,
    DocumentLibraryPage,
    GalleryIndexPage,
    GalleryPage,
    GalleryPhoto,
    GalleryVideo,
    SectionIndexPage,
    StandardPage,
)
from articles.models.querysets import DirectivePageQuerySet
from articles.models.representations import PageRepresentation, RepresentationDependency
from articles.models.snippets import Byline, Category, DocumentType, IssuingBody, LegalField
from articles.models.validity import Validity

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "ArticleRelatedPage",
    "ArticleTag",
    "Byline",
    "Category",
    "DirectiveAttachment",
    "DirectiveIndexPage",
    "DirectivePage",
    "DirectivePageQuerySet",
    "DirectiveRelation",
    "DocumentLibraryEntry",
    "DocumentLibraryPage",
    "DocumentType",
    "GalleryIndexPage",
    "GalleryPage",
    "GalleryPhoto",
    "GalleryVideo",
    "ImportRecord",
    "IssuingBody",
    "LegalField",
    "PageRepresentation",
    "PageSortDate",
    "RepresentationDependency",
    "SectionIndexPage",
    "StandardPage",
    "Validity",
]
