"""Bulk mode of the import (`import_content --bulk`): new pages written a batch at a time.

The row-by-row importer spends ~40 ms a page on things done once per page: treebeard
reads and updates the parent to place each child, Page.save checks the slug, logs and
fires post_save (search indexing, the reference index), the revision is saved and the
page updated again. Here a batch of new pages under known parents is written with one
multi-row INSERT per table: tree paths allocated in a run after the parent's last child
(treebeard's materialised path: `_get_path(parent.path, depth, position)`) and the
parent's `numchild` raised once; url_path, locale and draft title set as Page.save would;
revisions, log entries, import records, reference index rows and search documents
inserted in bulk.

What stays as in the row-by-row mode, row by row: reading and checking each row, the
model's full_clean (a bad row is rejected with the same reason and nothing of it is
written), and every row the bulk path cannot write exactly as Page.save would: updates
of an imported source_id, page types with their own save() or full_clean() (directives),
rows naming categories or tags, and rows whose slug is already taken (they get -2, -3 …
exactly as before). Such a row is written by the row-by-row importer at its place in the
file, so sibling order and slugs are the same in both modes.

What differs: a batch of new pages shares one transaction (a database error in it is
retried row by row, so it still costs only the failing row); Django's post_save and
Wagtail's page_published and published are not sent per page. Instead
`articles.signals.pages_imported` is sent for each batch, in its transaction, with the
batch's pages (home bumps the content version and purges the site's cached data on it;
no webhook is sent per page: frontends re-read the site after a bulk import), and the
renditions of every image the new pages show are queued once, at the end. The stored
page JSON of the new pages (articles/representations/) is built afterwards by
`manage.py rebuild_representations`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from modelsearch.backends import get_search_backends
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from articles import renditions
from articles.importing.report import ImportReport, Outcome, RowRejected, unexpected
from articles.importing.values import NAME_LISTS, NAMED_SNIPPETS, import_slug
from articles.importing.writer import ContentImporter, ReadLine, apply_values, wrong_parent
from articles.models import ImportRecord
from articles.signals import pages_imported

# Rows read before they are written: large enough that each INSERT carries many rows,
# small enough that a batch's pages (with their bodies) stay a few megabytes.
BATCH_SIZE = 500


class BulkContentImporter(ContentImporter):
    """Writes new pages in batches; every other row as ContentImporter does."""

    def __init__(self, *args, batch_size: int = BATCH_SIZE, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch_size = batch_size
        self._image_ids: set[int] = set()
        self._locales: dict[int, models.Model] = {}

    def import_lines(
        self, lines: Iterable[bytes], on_line: Callable[[int], None] | None = None
    ) -> ImportReport:
        advance = on_line or (lambda count: None)
        batch: list[ReadLine] = []
        for number, raw in enumerate(lines, 1):
            read = self.read_line(number, raw)
            if read is None:
                advance(1)
                continue
            batch.append(read)
            if len(batch) >= self.batch_size:
                self.import_batch(batch)
                advance(len(batch))
                batch = []
        if batch:
            self.import_batch(batch)
            advance(len(batch))
        self.announce()
        self.report.rejected.sort(key=lambda rejection: rejection.line)
        return self.report

    # Sorting a batch into runs of new pages and the rows between them ---------------------

    def import_batch(self, batch: list[ReadLine]) -> None:
        source_ids = [read.spec.source_id for read in batch]
        imported = set(
            ImportRecord.objects.filter(source_id__in=source_ids).values_list(
                "source_id", flat=True
            )
        )
        run: list[ReadLine] = []
        for read in batch:
            source_id = read.spec.source_id
            if source_id in imported or not bulk_writable(read.spec):
                self.write_run(run)
                run = []
                self.import_read_line(read)
                imported.add(source_id)
                continue
            run.append(read)
            imported.add(source_id)  # a second row with this id updates the page: row by row
        self.write_run(run)

    def write_run(self, run: list[ReadLine]) -> None:
        """Write new pages in file order; a row whose slug is taken goes row by row."""
        while run:
            pages, stop = self.prepare(run)
            self.insert(pages)
            if stop is None:
                return
            self.import_read_line(run[stop])
            run = run[stop + 1 :]

    # Pages built and checked in memory ------------------------------------------------------

    def prepare(self, run: list[ReadLine]) -> tuple[list[tuple[ReadLine, Page]], int | None]:
        """Pages for the run's rows, validated, up to the first row to write row by row
        (its index, or None); rejected rows are reported and left out."""
        taken = self.taken_slugs(run)
        prepared = []
        for index, read in enumerate(run):
            try:
                parent = self.parent_page(read.spec.parent)
                page = self.build_page(read.spec, parent, taken)
            except SlugTaken:
                return prepared, index
            except RowRejected as rejection:
                self.reject(read.number, rejection, read.source_id)
                continue
            except ValidationError as error:
                self.reject(read.number, RowRejected.from_validation_error(error), read.source_id)
                continue
            except Exception as error:  # as in the row-by-row mode: only this row fails
                self.reject(read.number, RowRejected(unexpected(error)), read.source_id)
                continue
            taken[parent.pk].add(page.slug)
            page._import_parent = parent  # both travel with the page to insert()
            page._import_source_id = read.spec.source_id
            prepared.append((read, page))
        return prepared, None

    def taken_slugs(self, run: list[ReadLine]) -> dict[int, set[str]]:
        """Per parent id, which of the run's slugs its children already have."""
        wanted: dict[int, set[str]] = defaultdict(set)
        for read in run:
            try:
                parent = self.parent_page(read.spec.parent)
            except RowRejected:
                continue  # rejected when its page is built
            wanted[parent.pk].add(read.spec.slug or import_slug(read.spec.title))
        taken: dict[int, set[str]] = defaultdict(set)
        for parent_id, slugs in wanted.items():
            parent = self._parents[parent_id]
            taken[parent_id] = set(
                parent.get_children().filter(slug__in=slugs).values_list("slug", flat=True)
            )
        return taken

    def build_page(self, spec, parent: Page, taken: dict[int, set[str]]) -> Page:
        """The page as Page.save and add_child would fill it, checked by its full_clean."""
        if not spec.model.can_create_at(parent):
            raise wrong_parent(spec.model, parent)
        slug = spec.slug or import_slug(spec.title)
        if slug in taken[parent.pk] and spec.slug:
            raise SlugTaken  # the row-by-row path rejects it with Wagtail's own message
        if slug in taken[parent.pk]:
            slug = self._free_slug(parent, spec.title, reserved=taken[parent.pk])
        values = self._resolve_relations(spec.fields, parent.locale_id)
        page = spec.model(title=spec.title, slug=slug, draft_title=spec.title)
        for relation in get_all_child_relations(spec.model):
            setattr(page, relation.get_accessor_name(), [])  # none yet: no query to learn it
        for field in get_all_child_m2m_relations(spec.model):
            setattr(page, field.name, [])
        apply_values(page, spec, values)
        for name, value in values.items():
            if name in NAMED_SNIPPETS or name == "document_type":
                setattr(page, name, value)  # the object, not only its id: indexing reads it
        page.live = spec.live
        page.has_unpublished_changes = not spec.live
        if spec.live:
            page.first_published_at = page.last_published_at = timezone.now()
        page.locale = self.locale_of(parent)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.set_url_path(parent)
        # The sibling check of Page.clean is done for the whole run (taken_slugs) instead
        # of one query a page; everything else of full_clean runs as in Page.save.
        page._check_slug_is_unique = lambda: None
        page.full_clean(
            exclude=not_validated(spec.model), validate_unique=False, validate_constraints=False
        )
        del page._check_slug_is_unique
        return page

    def locale_of(self, parent: Page):
        if parent.locale_id not in self._locales:
            self._locales[parent.locale_id] = parent.locale
        return self._locales[parent.locale_id]

    # One transaction per run: pages, revisions, records, log, references, search ----------

    def insert(self, prepared: list[tuple[ReadLine, Page]]) -> None:
        if not prepared:
            return
        try:
            with transaction.atomic():
                self.insert_pages([page for _, page in prepared])
        except Exception:
            # A database error (e.g. a row too long for a column on PostgreSQL): find which
            # row it was by writing each row of the run on its own, as the normal mode does.
            self._forget_cached()
            for read, _ in prepared:
                self.import_read_line(read)
            return
        for _, page in prepared:
            self.report.count(Outcome.CREATED)
            if page.live:
                self._image_ids |= renditions.images_of_page(page)

    def insert_pages(self, pages: list[Page]) -> None:
        self.allocate_paths(pages)
        insert_page_rows(pages)
        ImportRecord.objects.bulk_create(
            ImportRecord(source_id=page._import_source_id, page_id=page.pk) for page in pages
        )
        revisions = create_first_revisions(pages)
        log_creation(pages, revisions)
        index_references(pages)
        index_for_search(pages)
        pages_imported.send(sender=type(self), pages=pages)

    def allocate_paths(self, pages: list[Page]) -> None:
        """Paths after each parent's last child, in file order; numchild raised once."""
        children: dict[int, list[Page]] = defaultdict(list)
        for page in pages:
            children[page._import_parent.pk].append(page)
        for parent_id, new_children in children.items():
            parent = self._parents[parent_id]
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            position = Page._str2int(last[-Page.steplen :]) if last else 0
            for offset, page in enumerate(new_children, 1):
                page.path = Page._get_path(parent.path, parent.depth + 1, position + offset)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(new_children))
            parent.numchild += len(new_children)

    def announce(self) -> None:
        """Once, after the last batch: the renditions page_published queues per page."""
        renditions.schedule_renditions(self._image_ids)
        self._image_ids = set()


@functools.cache
def not_validated(model: type[Page]) -> list[str]:
    """Fields full_clean leaves alone here: the path, allocated when the run is written
    (after the rows rejected here), and the foreign keys, which all point at objects this
    import has just read or created (the parent's locale, snippets found by name): their
    validation would ask the database, one query a key and a page, if they exist."""
    return ["path"] + [field.name for field in model._meta.concrete_fields if field.many_to_one]


class SlugTaken(Exception):
    """The row names a slug a sibling has: the row-by-row path rejects it, with its message."""


def bulk_writable(spec) -> bool:
    """Whether the bulk path writes this row exactly as Page.save and add_child would."""
    return (
        spec.model.save is Page.save
        and spec.model.full_clean is Page.full_clean
        and not NAME_LISTS & spec.fields.keys()
    )


def insert_rows(model: type[models.Model], objects: list, fields: list, returning: bool):
    """One multi-row INSERT per batch the database accepts; the new ids when `returning`."""
    if returning and not connection.features.can_return_rows_from_bulk_insert:
        raise RuntimeError("bulk import needs a database that returns ids from a bulk insert")
    size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
    returned = []
    for start in range(0, len(objects), size):
        rows = model._base_manager._insert(
            objects[start : start + size],
            fields=fields,
            returning_fields=model._meta.db_returning_fields if returning else None,
        )
        returned.extend(rows or [])
    return returned


def insert_page_rows(pages: list[Page]) -> None:
    """The wagtailcore_page rows, then each specific table's, as multi-table inheritance
    saves them (Django's bulk_create refuses inherited models)."""
    page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    for page, (page_id,) in zip(pages, insert_rows(Page, pages, page_fields, True), strict=True):
        page.id = page_id
    by_model: dict[type[Page], list[Page]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, objects in by_model.items():
        chain = [m for m in reversed(model._meta.get_parent_list()) if m is not Page] + [model]
        for concrete in chain:
            for page in objects:
                for link in concrete._meta.parents.values():
                    setattr(page, link.attname, page.id)
            insert_rows(concrete, objects, list(concrete._meta.local_concrete_fields), False)
    for page in pages:
        page._state.adding = False
        page._state.db = connection.alias


def create_first_revisions(pages: list[Page]) -> list[Revision]:
    """Each page's first revision (its content as Page.save_revision stores it), set as its
    latest, and live revision when it is live: see writer.publish_first_revision."""
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        Revision(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
            created_at=now,
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.latest_revision_created_at = revision.created_at
        page.live_revision = revision if page.live else None
    # Two UPDATEs (live pages, drafts), each page's revision found by its indexed key:
    # bulk_update's CASE over hundreds of ids costs more to build than to run.
    revision_of_page = Subquery(
        Revision.objects.filter(
            base_content_type=pages[0].get_base_content_type(),
            object_id=Cast(OuterRef("pk"), models.CharField()),
        ).values("pk")[:1]
    )
    for live in (True, False):
        ids = [page.pk for page in pages if page.live is live]
        if ids:
            Page.objects.filter(pk__in=ids).update(
                latest_revision=revision_of_page,
                latest_revision_created_at=now,
                live_revision=revision_of_page if live else None,
            )
    return revisions


def log_creation(pages: list[Page], revisions: list[Revision]) -> None:
    """The 'wagtail.create' entry Page.save logs, and 'wagtail.publish' for a live page."""
    now = timezone.now()
    uuid = get_active_log_context().uuid
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        common = {
            "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
            "label": page.get_admin_display_title(),
            "timestamp": now,
            "data": {},
            "uuid": uuid,
            "page_id": page.pk,
            "content_changed": True,
        }
        entries.append(PageLogEntry(action="wagtail.create", **common))
        if page.live:
            entries.append(PageLogEntry(action="wagtail.publish", revision=revision, **common))
    PageLogEntry.objects.bulk_create(entries)


def index_references(pages: list[Page]) -> None:
    """Wagtail's reference index rows of new pages (there are none to compare with)."""
    rows = []
    for page in pages:
        if not ReferenceIndex.is_indexed(type(page)):
            continue
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        base_content_type = ReferenceIndex._get_base_content_type(page)
        for to_type_id, to_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base_content_type,
                    object_id=page.pk,
                    to_content_type_id=to_type_id,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)


def index_for_search(pages: list[Page]) -> None:
    """Every auto-updated search backend indexes the pages in one call per page type (the
    project's backends write their documents with multi-row inserts and send Elasticsearch
    one _bulk request a chunk)."""
    by_model: dict[type[Page], list[Page]] = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_model.items():
            backend.get_index_for_model(model).add_items(model, objects)
