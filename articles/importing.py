"""Import pages from JSON Lines: each row becomes a validated spec, then a created or updated page.

`manage.py import_content` is a thin command-line wrapper around this module; a legacy-site
importer can build :class:`PageSpec` objects itself and hand them to :class:`ContentImporter`.
The row format is described in docs/import_format.md.

Guarantees: a row is imported in its own transaction, so a bad row never leaves half a page and
never stops the rest; re-importing a ``source_id`` updates the page recorded in
:class:`~articles.models.ImportRecord` and publishes a new revision only when something changed.
"""

from __future__ import annotations

import datetime
import enum
import html
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Site
from wagtail.signals import page_published, published

from articles.blocks import PARAGRAPH_FEATURES
from articles.models import (
    ArticlePage,
    Byline,
    Category,
    DirectivePage,
    DocumentType,
    GalleryPage,
    ImportRecord,
    IssuingBody,
    StandardPage,
)
from vietnamese_text.document_numbers import canonical_type_code
from vietnamese_text.folding import fold

PAGE_TYPES: dict[str, type[Page]] = {
    "article": ArticlePage,
    "directive": DirectivePage,
    "standard": StandardPage,
    "gallery": GalleryPage,
}
TYPE_NAMES = {model: name for name, model in PAGE_TYPES.items()}
ROW_KEYS = frozenset({"source_id", "type", "parent", "title", "slug", "fields", "body", "live"})
# Page's own fields an import may set; the rest (path, live, owner...) belong to Wagtail.
PAGE_FIELDS = frozenset({"seo_title", "search_description"})
# Relations set by name; snippets named here are created when missing, document types are not
# (they are a curated national list, see migration 0002_seed_document_types).
NAMED_SNIPPETS: dict[str, type[models.Model]] = {"byline": Byline, "issuing_body": IssuingBody}
NAME_LISTS = frozenset({"categories", "tags"})
TITLE_MAX = 255
LEAD_MAX = 300
SLUG_MAX = 80
ROW_FORMATS = ("pages", "legal", "news")


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RowRejected(Exception):
    """A row that cannot be imported; `reason` is shown to the person running the import."""

    def __init__(self, reason: str, field: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.field = field

    @classmethod
    def from_validation_error(cls, error: ValidationError) -> RowRejected:
        if not hasattr(error, "error_dict"):
            return cls(" ".join(error.messages))
        details = {
            name: " ".join(errors_text(e) for e in errors)
            for name, errors in error.error_dict.items()
        }
        reason = "; ".join(
            text if name == "__all__" else f"{name}: {text}" for name, text in details.items()
        )
        return cls(reason, field=next((name for name in details if name != "__all__"), None))


@dataclass(frozen=True)
class PageSpec:
    """One page as a row describes it, already checked for everything that needs no database.

    `fields` holds converted values for plain model fields and names for relations
    (byline, issuing_body, document_type, categories, tags), resolved at import time.
    `body` is StreamField data in its stored form, or None to leave the body alone.
    """

    source_id: str
    model: type[Page]
    parent: str | int
    title: str
    slug: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    body: list[dict] | None = None
    live: bool = True


@dataclass
class Rejection:
    line: int
    reason: str
    source_id: str | None = None
    field: str | None = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: Outcome) -> None:
        setattr(self, outcome.value, getattr(self, outcome.value) + 1)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": len(self.rejected),
        }

    def as_dict(self) -> dict:
        return {
            "dry_run": self.dry_run,
            "counts": self.counts,
            "rejected": [asdict(rejection) for rejection in self.rejected],
        }


# --- Rows to specs (no database writes) -----------------------------------------------------


def spec_from_row(row: dict, default_parent: str | int | None = None) -> PageSpec:
    """Read a row of the project's own format (see docs/import_format.md)."""
    unknown = sorted(set(row) - ROW_KEYS)
    if unknown:
        raise RowRejected(f"unknown key(s): {', '.join(unknown)}")
    source_id = row.get("source_id")
    if isinstance(source_id, int) and not isinstance(source_id, bool):
        source_id = str(source_id)
    if not isinstance(source_id, str) or not source_id.strip():
        raise RowRejected("source_id: missing", field="source_id")
    source_id = source_id.strip()
    if len(source_id) > ImportRecord._meta.get_field("source_id").max_length:
        raise RowRejected("source_id: longer than 500 characters", field="source_id")
    model = PAGE_TYPES.get(row["type"]) if isinstance(row.get("type"), str) else None
    if model is None:
        raise RowRejected(
            f"type: unknown page type {row.get('type')!r}; expected one of {', '.join(PAGE_TYPES)}",
            field="type",
        )
    title = row.get("title")
    if not isinstance(title, str) or not title.strip():
        raise RowRejected("title: missing", field="title")
    slug = row.get("slug") or ""
    if not isinstance(slug, str):
        raise RowRejected("slug: must be a string", field="slug")
    live = row.get("live", True)
    if not isinstance(live, bool):
        raise RowRejected("live: must be true or false", field="live")
    fields = row.get("fields") or {}
    if not isinstance(fields, dict):
        raise RowRejected("fields: must be an object", field="fields")
    body = row.get("body")
    return PageSpec(
        source_id=source_id,
        model=model,
        parent=parent_reference(row.get("parent"), default_parent),
        title=title.strip(),
        slug=slug.strip(),
        fields=convert_fields(model, fields),
        body=None if body is None else stream_data(model, body),
        live=live,
    )


def spec_from_legal_article(row: dict, default_parent: str | int | None = None) -> PageSpec:
    """A row of legal_articles.jsonl: one article (Điều) of a law, imported as a news article.

    The text's first line repeats the heading, which is already in the title; every further
    line is a paragraph (the sources separate paragraphs by one or two line breaks).
    """
    source_id, law_title, heading, text = required_strings(row, "id", "law_title", "title", "text")
    paragraphs = [line.strip() for line in text.splitlines()[1:] if line.strip()]
    return PageSpec(
        source_id=source_id,
        model=ArticlePage,
        parent=parent_reference(None, default_parent),
        title=shorten(f"{law_title} – {heading}", TITLE_MAX),
        fields={"lead": shorten(paragraphs[0], LEAD_MAX) if paragraphs else ""},
        body=[paragraph_block(paragraph) for paragraph in paragraphs],
    )


def spec_from_news_article(row: dict, default_parent: str | int | None = None) -> PageSpec:
    """A row of news.jsonl: title, summary (the sapo, our lead) and body text."""
    source_id, title, summary, body = required_strings(row, "id", "title", "summary", "body")
    return PageSpec(
        source_id=source_id,
        model=ArticlePage,
        parent=parent_reference(None, default_parent),
        title=shorten(title, TITLE_MAX),
        fields={"lead": summary.strip()},
        body=paragraphs_from_text(body),
    )


ROW_READERS: dict[str, Callable[[dict, str | int | None], PageSpec]] = {
    "pages": spec_from_row,
    "legal": spec_from_legal_article,
    "news": spec_from_news_article,
}


def required_strings(row: dict, *keys: str) -> list[str]:
    missing = [key for key in keys if not isinstance(row.get(key), str) or not row[key].strip()]
    if missing:
        raise RowRejected(f"{missing[0]}: missing", field=missing[0])
    return [row[key].strip() for key in keys]


def parent_reference(value: Any, default: str | int | None) -> str | int:
    value = default if value in (None, "") else value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        value = value.strip()
        return int(value) if value.isdigit() else value
    raise RowRejected("parent: missing (give one in the row or with --parent)", field="parent")


def convert_fields(model: type[Page], raw: dict) -> dict[str, Any]:
    converted = {}
    for name, value in raw.items():
        if name in NAMED_SNIPPETS or name == "document_type":
            importable_relation(model, name)
            converted[name] = optional_name(name, value)
        elif name in NAME_LISTS:
            importable_relation(model, name)
            converted[name] = name_list(name, value)
        else:
            converted[name] = convert_value(importable_field(model, name), value)
    return converted


def importable_relation(model: type[Page], name: str) -> None:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        raise RowRejected(unknown_field_reason(model, name), field=name) from None


def importable_field(model: type[Page], name: str) -> models.Field:
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise RowRejected(unknown_field_reason(model, name), field=name) from None
    own = model_field.model is not Page or name in PAGE_FIELDS
    plain = getattr(model_field, "concrete", False) and not model_field.is_relation
    if name == "body" or not (own and plain and model_field.editable):
        raise RowRejected(f"{name}: cannot be set by an import", field=name)
    return model_field


def unknown_field_reason(model: type[Page], name: str) -> str:
    return f"{name}: not a field of {type_name(model)} pages"


def type_name(model: type[Page]) -> str:
    """The row's name for a page type ("article"); reasons name types as rows do."""
    return TYPE_NAMES.get(model, model._meta.model_name)


def convert_value(model_field: models.Field, value: Any) -> Any:
    name = model_field.name
    if value is None:
        if model_field.null:
            return None
        if isinstance(model_field, models.CharField | models.TextField):
            return ""
        raise RowRejected(f"{name}: may not be empty", field=name)
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        return parse_date(value, name)
    if isinstance(model_field, models.BooleanField) and not isinstance(value, bool):
        raise RowRejected(f"{name}: must be true or false", field=name)
    if isinstance(model_field, models.CharField | models.TextField) and not isinstance(value, str):
        raise RowRejected(f"{name}: must be a string", field=name)
    if isinstance(model_field, RichTextField):
        return EditorHTMLConverter(model_field.features).to_database_format(value)
    try:
        return model_field.to_python(value)
    except ValidationError as error:
        raise RowRejected(f"{name}: {' '.join(error.messages)}", field=name) from None


DMY_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(value: Any, name: str = "date") -> datetime.date:
    """ISO 8601 (2021-09-23) or the Vietnamese administrative dd/mm/yyyy (23/09/2021)."""
    if isinstance(value, str):
        text = value.strip()
        try:
            match = DMY_DATE.fullmatch(text)
            if match:
                day, month, year = (int(part) for part in match.groups())
                return datetime.date(year, month, day)
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise RowRejected(f"{name}: {value!r} is not a date (use YYYY-MM-DD or dd/mm/yyyy)", field=name)


def optional_name(name: str, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise RowRejected(f"{name}: must be a name (a string)", field=name)
    return value.strip()


def name_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RowRejected(f"{name}: must be a list of names", field=name)
    return list(dict.fromkeys(item.strip() for item in value if item.strip()))


# --- Body --------------------------------------------------------------------------------------

PARAGRAPH_HTML = EditorHTMLConverter(PARAGRAPH_FEATURES)


def paragraph_block(text: str) -> dict:
    """Plain text as a paragraph block: escaped, its line breaks kept as <br/>."""
    lines = (html.escape(line.strip(), quote=False) for line in text.strip().splitlines())
    return {"type": "paragraph", "value": f"<p>{'<br/>'.join(lines)}</p>"}


def paragraphs_from_text(text: str) -> list[dict]:
    """A plain-text body: paragraphs are separated by blank lines."""
    return [paragraph_block(chunk) for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]


def stream_data(model: type[Page], body: Any) -> list[dict]:
    """Validate a row's body and return it in the form StreamField stores (minus block ids).

    HTML in paragraphs goes through the editor's whitelist, so an import cannot store markup
    (scripts, inline styles, headings inside paragraphs) that an editor could not type.
    """
    try:
        stream_block = model._meta.get_field("body").stream_block
    except FieldDoesNotExist:
        raise RowRejected(f"body: {type_name(model)} pages have no body", field="body") from None
    if isinstance(body, str):
        return paragraphs_from_text(body)
    if not isinstance(body, list):
        raise RowRejected("body: must be a string or a list of blocks", field="body")
    return [stream_child(stream_block, number, item) for number, item in enumerate(body, 1)]


def stream_child(stream_block, number: int, item: Any) -> dict:
    if not isinstance(item, dict) or "type" not in item or "value" not in item:
        raise RowRejected(
            f"body: block {number} must be an object with type and value", field="body"
        )
    block_type, value = item["type"], item["value"]
    block = stream_block.child_blocks.get(block_type)
    if block is None:
        raise RowRejected(
            f"body: block {number} has unknown type {block_type!r}; expected one of "
            f"{', '.join(stream_block.child_blocks)}",
            field="body",
        )
    if block_type == "paragraph" and isinstance(value, str):
        value = PARAGRAPH_HTML.to_database_format(value)
    elif block_type == "notice" and isinstance(value, dict) and isinstance(value.get("text"), str):
        value = {**value, "text": PARAGRAPH_HTML.to_database_format(value["text"])}
    prefix = f"body: block {number} ({block_type})"
    try:
        prepared = block.get_prep_value(block.clean(block.to_python(value)))
    except ValidationError as error:
        raise RowRejected(f"{prefix}: {errors_text(error)}", field="body") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        raise RowRejected(f"{prefix}: the value has the wrong shape", field="body") from None
    return {"type": block_type, "value": prepared}


def errors_text(error: ValidationError) -> str:
    """Flatten a (block) validation error into one line, naming the sub-fields at fault."""
    as_json = getattr(error, "as_json_data", None)
    if as_json is None:
        return " ".join(error.messages)
    return "; ".join(_flatten_block_errors(as_json())) or " ".join(error.messages)


def _flatten_block_errors(data: Any, path: str = "") -> Iterator[str]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten_block_errors(item, path)
        return
    if not isinstance(data, dict):
        return
    for message in data.get("messages", []):
        yield f"{path}: {message}" if path else message
    children = data.get("blockErrors", {})
    items = children.items() if isinstance(children, dict) else enumerate(children)
    for key, child in items:
        if child is not None:
            yield from _flatten_block_errors(child, f"{path}.{key}" if path else str(key))


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return textwrap.shorten(text, width, placeholder=" …") if len(text) > width else text


def ascii_slug(title: str) -> str:
    """An unaccented slug ("tin-tuc-su-kien"), as editors write them, cut at a word boundary."""
    slug = slugify(fold(title))
    if len(slug) > SLUG_MAX:
        slug = slug[: SLUG_MAX + 1].rsplit("-", 1)[0]
    return slug or "trang"


# --- Specs to pages -----------------------------------------------------------------------------


class ContentImporter:
    """Creates or updates one page per spec, each in its own transaction.

    Parents and snippets are looked up once per key and kept in small dicts, so a large import
    makes the same few queries per row however big the tables grow. No page object is kept.
    """

    def __init__(self, default_parent: str | int | None = None, row_format: str = "pages"):
        self.default_parent = default_parent
        self.read_row = ROW_READERS[row_format]
        self.report = ImportReport()
        # Reference -> page id -> page: one object per parent page, however it is referred to,
        # so the child count treebeard keeps on it (to place the next child) stays right.
        self._parent_ids: dict[str | int, int] = {}
        self._parents: dict[int, Page] = {}
        self._snippets: dict[tuple, models.Model] = {}
        self._site_root: Page | None = None

    # The loop over a file ------------------------------------------------------------------

    def import_lines(
        self, lines: Iterable[bytes], on_line: Callable[[], None] | None = None
    ) -> ImportReport:
        for number, raw in enumerate(lines, 1):
            self.import_line(number, raw)
            if on_line is not None:
                on_line()
        return self.report

    def import_line(self, number: int, raw: bytes) -> Outcome | None:
        source_id = None
        try:
            row = decode_row(raw, first_line=number == 1)
            if row is None:
                return None
            source_id = row_source_id(row)
            spec = self.read_row(row, self.default_parent)
            outcome = self.import_spec(spec)
        except RowRejected as rejection:
            self.report.rejected.append(
                Rejection(number, rejection.reason, source_id, rejection.field)
            )
            return None
        except Exception as error:  # a row no check foresaw must not stop the rest either
            self.report.rejected.append(Rejection(number, unexpected(error), source_id))
            return None
        self.report.count(outcome)
        return outcome

    # One page ------------------------------------------------------------------------------

    def import_spec(self, spec: PageSpec) -> Outcome:
        """Create or update the page for `spec` in one transaction; raise RowRejected if not."""
        try:
            with transaction.atomic():
                return self._write(spec)
        except RowRejected:
            self._forget_cached()
            raise
        except ValidationError as error:
            self._forget_cached()
            raise RowRejected.from_validation_error(error) from None
        except Exception as error:  # e.g. a database error: still only this row's failure
            self._forget_cached()
            raise RowRejected(unexpected(error)) from None

    def _write(self, spec: PageSpec) -> Outcome:
        parent = self.parent_page(spec.parent)
        values = self._resolve_relations(spec.fields, parent.locale_id)
        record = (
            ImportRecord.objects.filter(source_id=spec.source_id)
            .select_related("page")
            .only("id", "page__id", "page__content_type")
            .first()
        )
        if record is None:
            return self._create(spec, parent, values)
        return self._update(spec, parent, values, record)

    def _create(self, spec: PageSpec, parent: Page, values: dict) -> Outcome:
        if not spec.model.can_create_at(parent):
            raise wrong_parent(spec.model, parent)
        page = spec.model(title=spec.title, slug=spec.slug or self._free_slug(parent, spec.title))
        apply_values(page, spec, values)
        page.live = spec.live
        page.has_unpublished_changes = not spec.live
        if spec.live:
            page.first_published_at = page.last_published_at = timezone.now()
        parent.add_child(instance=page)  # validates a live page (full_clean) before inserting
        if not spec.live:
            page.full_clean()  # Wagtail checks only title and slug of a draft it saves
        ImportRecord.objects.create(source_id=spec.source_id, page=page)
        publish_first_revision(page)
        return Outcome.CREATED

    def _update(self, spec: PageSpec, parent: Page, values: dict, record: ImportRecord) -> Outcome:
        if record.page.specific_class is not spec.model:
            raise RowRejected(
                f"type: this source_id was imported as a {type_name(record.page.specific_class)}"
                f" page, not a {type_name(spec.model)} page",
                field="type",
            )
        page = spec.model.objects.get(pk=record.page_id)
        moved = page.path[: -page.steplen] != parent.path
        if moved:
            if not page.can_move_to(parent):
                raise wrong_parent(spec.model, parent)
            page.move(parent, pos="last-child")
            # Moving changes paths and child counts that cached pages still hold.
            self._forget_cached()
            page = spec.model.objects.get(pk=page.pk)
        changed = apply_values(page, spec, values) or moved
        if not changed and page.live == spec.live:
            return Outcome.UNCHANGED
        page.full_clean()
        if spec.live:
            page.save_revision(clean=False).publish()
        else:
            if page.live:
                page.unpublish()
            # A draft's content lives in the page row too, so the next import compares with it.
            page.save(clean=False)
            page.save_revision(clean=False)
        record.save(update_fields=["imported_at"])
        return Outcome.UPDATED

    # Lookups, cached per key -------------------------------------------------------------

    def parent_page(self, reference: str | int) -> Page:
        if reference not in self._parent_ids:
            page = self._find_parent(reference)
            self._parent_ids[reference] = page.pk
            self._parents.setdefault(page.pk, page)
        return self._parents[self._parent_ids[reference]]

    def _find_parent(self, reference: str | int) -> Page:
        if isinstance(reference, int):
            parent = Page.objects.filter(pk=reference).first()
        else:
            root = self.site_root()
            relative = reference.strip("/")
            url_path = root.url_path + (f"{relative}/" if relative else "")
            parent = (
                root
                if url_path == root.url_path
                else Page.objects.filter(url_path=url_path).first()
            )
        if parent is None:
            raise RowRejected(f"parent: no page at {reference!r}", field="parent")
        return parent

    def site_root(self) -> Page:
        if self._site_root is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            if site is None:
                raise RowRejected("parent: there is no default site to resolve paths in")
            self._site_root = site.root_page
        return self._site_root

    def _free_slug(self, parent: Page, title: str) -> str:
        """The title's slug, numbered (-2, -3 ...) if a sibling has it, found by exact lookups."""
        base = ascii_slug(title)
        for start in range(1, 1000, 20):
            candidates = [base if n == 1 else f"{base}-{n}" for n in range(start, start + 20)]
            taken = set(
                parent.get_children().filter(slug__in=candidates).values_list("slug", flat=True)
            )
            free = [slug for slug in candidates if slug not in taken]
            if free:
                return free[0]
        raise RowRejected("slug: no free slug for this title; give one in the row", field="slug")

    def _resolve_relations(self, fields: dict, locale_id: int) -> dict:
        values = {}
        for name, value in fields.items():
            if name in NAMED_SNIPPETS:
                values[name] = value and self._named_snippet(NAMED_SNIPPETS[name], value, locale_id)
            elif name == "document_type":
                values[name] = value and self._document_type(value, locale_id)
            elif name == "categories":
                values[name] = [self._category(title, locale_id) for title in value]
            else:
                values[name] = value
        return values

    def _named_snippet(self, model: type[models.Model], name: str, locale_id: int):
        key = (model, locale_id, name)
        if key not in self._snippets:
            self._snippets[key], _ = model.objects.get_or_create(name=name, locale_id=locale_id)
        return self._snippets[key]

    def _document_type(self, value: str, locale_id: int) -> DocumentType:
        key = (DocumentType, locale_id, value)
        if key not in self._snippets:
            types = DocumentType.objects.filter(locale_id=locale_id)
            found = (
                types.filter(code=canonical_type_code(value) or value).first()
                or types.filter(name__iexact=value).first()
            )
            if found is None:
                raise RowRejected(
                    f"document_type: no document type with the code or name {value!r}",
                    field="document_type",
                )
            self._snippets[key] = found
        return self._snippets[key]

    def _category(self, name: str, locale_id: int) -> Category:
        key = (Category, locale_id, name)
        if key not in self._snippets:
            slug = ascii_slug(name)
            categories = Category.objects.filter(locale_id=locale_id)
            found = categories.filter(name=name).first() or categories.filter(slug=slug).first()
            self._snippets[key] = found or Category.objects.create(
                name=name, slug=slug, locale_id=locale_id
            )
        return self._snippets[key]

    def _forget_cached(self) -> None:
        """After a rolled-back row, cached objects may be ones that row created, or stale."""
        self._parent_ids.clear()
        self._parents.clear()
        self._snippets.clear()


def unexpected(error: Exception) -> str:
    return f"unexpected error: {type(error).__name__}: {error}"


def wrong_parent(model: type[Page], parent: Page) -> RowRejected:
    """Named as editors see them: the parent's title and its page type's verbose name."""
    parent_type = parent.specific_class._meta.verbose_name
    return RowRejected(
        f"parent: “{parent.title}” ({parent_type}) cannot hold {type_name(model)} pages",
        field="parent",
    )


def apply_values(page: Page, spec: PageSpec, values: dict) -> bool:
    """Set what the row describes on `page`; return whether anything differed."""
    changed = False

    def assign(attribute: str, value: Any) -> None:
        nonlocal changed
        if getattr(page, attribute) != value:
            setattr(page, attribute, value)
            changed = True

    assign("title", spec.title)
    if spec.slug:
        assign("slug", spec.slug)
    for name, value in values.items():
        if name in NAMED_SNIPPETS or name == "document_type":
            assign(f"{name}_id", value.pk if value else None)
        elif name == "categories":
            if {c.pk for c in page.categories.all()} != {c.pk for c in value}:
                page.categories.set(value)
                changed = True
        elif name == "tags":
            if {tag.name for tag in page.tags.all()} != set(value):
                page.tags.set(value)
                changed = True
        else:
            assign(name, value)
    if spec.body is not None and stored_body(page) != spec.body:
        page.body = spec.body
        changed = True
    return changed


def publish_first_revision(page: Page) -> None:
    """Record the new page's first revision and announce its publication, without saving it again.

    Wagtail's save_revision() and publish() would save the page twice more, and every save
    re-indexes it for search (the Vietnamese analysis of its whole text) and for references,
    the largest cost of an import. A new page has no aliases, workflow or scheduled revision,
    so what publish() does besides saving is logging and sending the signals, done here (the
    creation itself was logged by Page.save).
    """
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        latest_revision_created_at=revision.created_at,
        live_revision=revision if page.live else None,
    )
    if page.live:
        log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=type(page), instance=page, revision=revision)
        published.send(sender=type(page), instance=page, revision=revision)


def stored_body(page: Page) -> list[dict]:
    """The body as stored, without block ids, to compare with a row's body."""
    return [{"type": child["type"], "value": child["value"]} for child in page.body.raw_data]


# --- Reading files -------------------------------------------------------------------------


def decode_row(raw: bytes, first_line: bool = False) -> dict | None:
    """One line of JSON Lines as a dict; None for a blank line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RowRejected(f"not valid UTF-8 ({error.reason} at byte {error.start})") from None
    if first_line:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        row = json.loads(text)
    except json.JSONDecodeError as error:
        raise RowRejected(f"invalid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(row, dict):
        raise RowRejected("each line must hold one JSON object")
    return row


def row_source_id(row: dict) -> str | None:
    value = row.get("source_id", row.get("id"))
    return str(value) if isinstance(value, str | int) else None


def count_lines(path) -> int:
    """Lines in a file, read in blocks: for the progress bar's total, never the whole file."""
    lines, last = 0, b"\n"
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


@contextmanager
def external_search_updates_paused():
    """For dry runs: the database rolls back, an Elasticsearch index would keep the pages."""
    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    for conf in backends.values():
        if ".database" not in conf.get("BACKEND", ""):
            conf["AUTO_UPDATE"] = False
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield
