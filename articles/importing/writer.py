"""Page specs to pages: each created or updated, published and recorded in its own transaction."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from contextlib import contextmanager
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Site
from wagtail.signals import page_published, published

from articles.importing.report import ImportReport, Outcome, Rejection, RowRejected, unexpected
from articles.importing.rows import ROW_READERS, PageSpec, decode_row, row_source_id
from articles.importing.values import NAMED_SNIPPETS, import_slug, type_name
from articles.models import Category, DocumentType, ImportRecord
from vietnamese_text.document_numbers import canonical_type_code


class ReadLine(NamedTuple):
    """A line read and checked: its number, the source id as written, and its spec."""

    number: int
    source_id: str | None
    spec: PageSpec


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
        read = self.read_line(number, raw)
        return None if read is None else self.import_read_line(read)

    def read_line(self, number: int, raw: bytes) -> ReadLine | None:
        """The line's spec, or None for a blank or rejected line (its rejection reported)."""
        source_id = None
        try:
            row = decode_row(raw, first_line=number == 1)
            if row is None:
                return None
            source_id = row_source_id(row)
            return ReadLine(number, source_id, self.read_row(row, self.default_parent))
        except RowRejected as rejection:
            self.reject(number, rejection, source_id)
        except Exception as error:  # a row no check foresaw must not stop the rest either
            self.reject(number, RowRejected(unexpected(error)), source_id)
        return None

    def import_read_line(self, read: ReadLine) -> Outcome | None:
        """Write one line's page in its own transaction; report the outcome or the rejection."""
        try:
            outcome = self.import_spec(read.spec)
        except RowRejected as rejection:
            self.reject(read.number, rejection, read.source_id)
            return None
        except Exception as error:
            self.reject(read.number, RowRejected(unexpected(error)), read.source_id)
            return None
        self.report.count(outcome)
        return outcome

    def reject(self, number: int, rejection: RowRejected, source_id: str | None) -> None:
        self.report.rejected.append(Rejection(number, rejection.reason, source_id, rejection.field))

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

    def _free_slug(self, parent: Page, title: str, reserved: Container[str] = ()) -> str:
        """The title's slug, numbered (-2, -3 ...) if a sibling (or `reserved`) has it, found
        by exact lookups."""
        base = import_slug(title)
        for start in range(1, 1000, 20):
            candidates = [base if n == 1 else f"{base}-{n}" for n in range(start, start + 20)]
            taken = set(
                parent.get_children().filter(slug__in=candidates).values_list("slug", flat=True)
            )
            free = [slug for slug in candidates if slug not in taken and slug not in reserved]
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
            slug = import_slug(name)
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

    Measured (issue #13 item 6), importing 150 new articles with a 3,600-character body,
    test settings, on a loaded 2-core machine: SQLite 33 s here against 80 s with
    `save_revision().publish()`; PostgreSQL 67-127 s against 166 s. Updates do use
    `Revision.publish` (`_update`): they save the page once anyway.
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


@contextmanager
def external_search_updates_paused():
    """For dry runs: the database rolls back, an Elasticsearch index would keep the pages."""
    backends = {name: dict(conf) for name, conf in settings.WAGTAILSEARCH_BACKENDS.items()}
    for conf in backends.values():
        if ".database" not in conf.get("BACKEND", ""):
            conf["AUTO_UPDATE"] = False
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        yield
