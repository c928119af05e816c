"""A folder of saved pages -> news articles, through import_content's machinery.

Each file becomes a :class:`~articles.importing.rows.PageSpec` handed to
:class:`~articles.importing.writer.ContentImporter`, so a legacy page gets what a JSON Lines row
gets: an :class:`~articles.models.ImportRecord` keyed by its source URL (re-imports update the same
page, or change nothing), validation as in the admin, one published revision, and one
transaction per page. What is added here is reading the page, its images and its citations;
images are written inside the page's transaction and their files removed if it rolls back.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction

from articles.importing.body import stream_data
from articles.importing.legacy.article import Block, LegacyArticle, LegacyImage
from articles.importing.legacy.extract import read_article
from articles.importing.legacy.images import ImageProblem, LegacyImages
from articles.importing.report import ImportReport, RowRejected, unexpected
from articles.importing.rows import PageSpec
from articles.importing.writer import ContentImporter
from articles.models import ArticlePage, DirectivePage, ImportRecord
from vietnamese_text.document_numbers import find_document_numbers

PAGE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".php", ".txt"})
SOURCE_ID_MAX = ImportRecord._meta.get_field("source_id").max_length
REJECTED = "rejected"


@dataclass
class PageResult:
    """One line of the per-page report."""

    file: str
    outcome: str = REJECTED
    source_id: str | None = None
    title: str | None = None
    page_id: int | None = None
    reason: str | None = None
    #: What was imported differently from the page: missing images, converted text ...
    warnings: list[str] = field(default_factory=list)
    field: str | None = None  # declared last: it shadows dataclasses.field in the class body


@dataclass
class LegacyImportReport(ImportReport):
    """import_content's report, per file instead of per line."""

    pages: list[PageResult] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        rejected = sum(page.outcome == REJECTED for page in self.pages)
        return {**super().counts, "rejected": rejected}

    @property
    def rejected_pages(self) -> list[PageResult]:
        return [page for page in self.pages if page.outcome == REJECTED]

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts,
            "pages": [asdict(page) for page in self.pages],
        }


def page_files(folder: Path) -> list[Path]:
    """The saved pages under `folder`, in name order; "Trang_files/" folders hold their parts."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        hidden = any(part.startswith(".") for part in relative)
        in_parts_folder = any(part.endswith("_files") for part in relative[:-1])
        wanted = path.suffix.lower() in PAGE_SUFFIXES and not (hidden or in_parts_folder)
        if wanted and path.is_file():
            found.append(path)
    return sorted(found)


class LegacyImporter:
    """Imports saved pages under `folder` as news articles below `parent`."""

    def __init__(self, folder: Path, parent: str | int):
        self.folder = folder.resolve()
        self.parent = parent
        self.content = ContentImporter(default_parent=parent)
        self.images = LegacyImages(self.folder)
        self.report = LegacyImportReport()

    def import_files(
        self, paths: Iterable[Path], on_page: Callable[[], None] | None = None
    ) -> LegacyImportReport:
        for path in paths:
            self.import_file(path)
            if on_page is not None:
                on_page()
        return self.report

    def import_file(self, path: Path) -> PageResult:
        result = PageResult(file=path.resolve().relative_to(self.folder).as_posix())
        self.report.pages.append(result)
        written = len(self.images.written)
        try:
            article = read_article(path)
            result.source_id, result.title = self.source_id(article, result.file), article.title
            with transaction.atomic():
                outcome = self.content.import_spec(self.page_spec(article, path, result))
        except RowRejected as rejection:
            result.reason, result.field = rejection.reason, rejection.field
        except Exception as error:  # a page no check foresaw must not stop the rest
            result.reason = unexpected(error)
        else:
            result.outcome = outcome.value
            self.report.count(outcome)
            result.page_id = (
                ImportRecord.objects.filter(source_id=result.source_id)
                .values_list("page_id", flat=True)
                .first()
            )
        if result.outcome == REJECTED:
            self.images.discard(since=written)
        return result

    @staticmethod
    def source_id(article: LegacyArticle, relative_path: str) -> str:
        """The page's canonical URL, or its path in the folder when the page names none."""
        source_id = article.canonical_url or relative_path
        if len(source_id) > SOURCE_ID_MAX:
            raise RowRejected(
                f"source: the page's address is longer than {SOURCE_ID_MAX} characters",
                field="source_id",
            )
        return source_id

    # One page ---------------------------------------------------------------------------

    def page_spec(self, article: LegacyArticle, path: Path, result: PageResult) -> PageSpec:
        warnings = result.warnings
        if article.encoding_note:
            warnings.append(f"text converted to Unicode from {article.encoding_note}")
        hero_image = self._hero_image(article, path, warnings)
        body = [self._block(block, path, warnings) for block in article.blocks]
        body = [block for block in body if block is not None]
        body += self._citations(article, warnings)
        return PageSpec(
            source_id=result.source_id,
            model=ArticlePage,
            parent=self.parent,
            title=article.title,
            fields={
                "lead": article.lead,
                "display_date": article.date,
                "byline": article.byline or None,
                "source": article.source,
                "hero_image_id": hero_image.pk if hero_image else None,
                "hero_caption": article.hero.caption if article.hero else "",
            },
            body=stream_data(ArticlePage, body),
        )

    def _hero_image(self, article: LegacyArticle, path: Path, warnings: list[str]):
        hero = article.hero
        if hero is None:
            return None
        if hero.src is None:
            warnings.append(
                f"main image: the saved text has no picture, only its caption “{hero.caption}”"
            )
            return None
        return self._image(hero, path, warnings, "main image")

    def _image(self, image: LegacyImage, path: Path, warnings: list[str], what: str = "image"):
        try:
            return self.images.image_for(image.src, path, image.caption)
        except ImageProblem as problem:
            kept = "; its caption is kept" if image.caption else ""
            warnings.append(f"{what} {problem}{kept}")
            return None

    def _block(self, block: Block, path: Path, warnings: list[str]) -> dict | None:
        if block.kind == "paragraph":
            return {"type": "paragraph", "value": f"<p>{block.html}</p>"}
        if block.kind == "list":
            return {"type": "paragraph", "value": block.html}
        if block.kind == "heading":
            return {"type": "heading", "value": {"text": block.text[:255], "level": block.level}}
        if block.kind == "quote":
            return {"type": "quote", "value": {"text": block.text, "attribution": ""}}
        image = self._image(block.image, path, warnings) if block.image.src else None
        if image is None and not block.text:
            return None
        if image is None:
            # The words under a lost picture still belong to the article.
            caption = html.escape(block.text, quote=False)
            return {"type": "paragraph", "value": f"<p><i>{caption}</i></p>"}
        value = {"image": image.pk, "caption": block.text, "credit": "", "alignment": "full"}
        return {"type": "image", "value": value}

    def _citations(self, article: LegacyArticle, warnings: list[str]) -> list[dict]:
        """A citation block per document number the text cites that the register holds."""
        locale_id = self.content.parent_page(self.parent).locale_id
        blocks, seen = [], set()
        for number in find_document_numbers(article.plain_text()):
            if number.key in seen:
                continue
            seen.add(number.key)
            directive = self._directive(number.key, locale_id, article)
            if directive is None:
                warnings.append(f"cites {number.raw}, which is not in the document register")
                continue
            blocks.append(
                {"type": "citation", "value": {"directive": directive, "provision": "", "note": ""}}
            )
        return blocks

    @staticmethod
    def _directive(key: str, locale_id: int, article: LegacyArticle) -> int | None:
        """The document with this number; of several (numbers restart each term or year), the
        latest issued by the article's date."""
        candidates = list(
            DirectivePage.objects.filter(number_key=key, locale_id=locale_id)
            .order_by("-issue_date", "-pk")
            .values_list("pk", "issue_date")
        )
        issued_before = [pk for pk, issued in candidates if issued and issued <= article.date]
        return (issued_before or [pk for pk, _ in candidates] or [None])[0]
