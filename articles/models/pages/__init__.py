"""Page types, a module per type. Migrations name `articles.models.pages.today` (a date
field's default), so it is reachable here."""

from articles.models.pages.article_page import (
    ArticleAttachment,
    ArticlePage,
    ArticleRelatedPage,
    ArticleTag,
)
from articles.models.pages.common import today
from articles.models.pages.directive_page import (
    DirectiveAttachment,
    DirectivePage,
    DirectiveRelation,
)
from articles.models.pages.document_library_page import DocumentLibraryEntry, DocumentLibraryPage
from articles.models.pages.gallery_page import GalleryPage, GalleryPhoto, GalleryVideo
from articles.models.pages.index_pages import (
    DirectiveIndexPage,
    GalleryIndexPage,
    SectionIndexPage,
)
from articles.models.pages.standard_page import StandardPage

__all__ = [
    "ArticleAttachment",
    "ArticlePage",
    "ArticleRelatedPage",
    "ArticleTag",
    "DirectiveAttachment",
    "DirectiveIndexPage",
    "DirectivePage",
    "DirectiveRelation",
    "DocumentLibraryEntry",
    "DocumentLibraryPage",
    "GalleryIndexPage",
    "GalleryPage",
    "GalleryPhoto",
    "GalleryVideo",
    "SectionIndexPage",
    "StandardPage",
    "today",
]
