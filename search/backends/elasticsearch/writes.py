"""Keeping Elasticsearch's copy of IndexEntry up to date, and the updates it missed.

Writes never fail a save and wait at most WRITE_TIMEOUT: an object whose update
did not reach Elasticsearch is recorded as a PendingIndexUpdate. Recorded updates
are pushed, from IndexEntry (which the database always has), by
`manage.py sync_search_index` (cron) or by the task a later successful write
queues (search.tasks) — never by a search, which only reads.
"""

import hashlib
import json
import logging
from collections import defaultdict
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers

from search.backends.elasticsearch.aliases import Aliases
from search.backends.elasticsearch.client import ES_ERRORS, describe, unavailable
from search.backends.sql import chunks
from search.documents import COLUMNS
from search.models import IndexEntry, PendingIndexUpdate
from search.tasks import apply_missed_index_updates

logger = logging.getLogger("search.backends.elasticsearch")

BULK_CHUNK = 500
DB_CHUNK = 1000


class Fingerprint(NamedTuple):
    """How many search documents there are, and a checksum of all their text."""

    count: int
    checksum: str


def fingerprint(documents) -> Fingerprint:
    """Order-independent: the sum of each document's SHA-256, so the database and
    Elasticsearch can each be read in whatever order is cheap for them."""
    total, count = 0, 0
    for document in documents:
        encoded = json.dumps(list(document), ensure_ascii=False).encode()
        total += int.from_bytes(hashlib.sha256(encoded).digest(), "big")
        count += 1
    return Fingerprint(count, f"{total % 2**256:064x}")


def document_id(content_type_id: int, object_id: int) -> str:
    return f"{content_type_id}:{object_id}"


class IndexWrites:
    """Copies of IndexEntry rows into the index, keyed (content_type_id, object_id)."""

    def __init__(self, aliases: Aliases):
        self.aliases = aliases
        self.cluster = aliases.cluster
        self.settings = aliases.settings
        self.alias = aliases.alias

    @property
    def writer(self) -> Elasticsearch:
        """For writes made while an editor waits: a hung cluster must not hold the save."""
        return self.cluster.client.options(request_timeout=self.settings.write_timeout)

    def write(self, keys):
        """Bring Elasticsearch's copy of these objects up to date; never raises for it."""
        breaker = self.cluster.breaker
        if breaker.is_open():
            self.record_pending(keys)
            return
        try:
            # Also into an index being rebuilt, if any (missing alias errors are ignored).
            targets = [self.alias, self.aliases.rebuilding_alias]
            failed = self.push(keys, targets, client=self.writer)
        except ES_ERRORS as error:
            if unavailable(error):
                breaker.trip()
            logger.warning(
                "Elasticsearch (%s) missed %d update(s), recorded to apply later: %s",
                self.alias,
                len(keys),
                describe(error),
            )
            self.record_pending(keys)
            return
        breaker.reset()
        if failed:
            self.record_pending(failed)
        elif self.is_behind():
            # The cluster answers again: the worker replays what it missed meanwhile.
            apply_missed_index_updates.enqueue(self.alias)

    def push(self, keys, targets, raise_errors=False, client=None) -> set[tuple[int, int]]:
        """Copy the IndexEntry of each (content_type_id, object_id) to the targets, or
        delete the document where there is none. Returns the keys that failed on the
        first target (the others are best effort); raises on transport errors."""
        failed: set[tuple[int, int]] = set()
        for batch in chunks(sorted(set(keys)), BULK_CHUNK):
            entries = {}
            by_type = defaultdict(list)
            for content_type_id, object_id in batch:
                by_type[content_type_id].append(object_id)
            for content_type_id, object_ids in by_type.items():
                for entry in IndexEntry.objects.filter(
                    content_type_id=content_type_id, object_id__in=object_ids
                ):
                    entries[(entry.content_type_id, entry.object_id)] = entry
            operations, actions = [], []
            for key in batch:
                for target in targets:
                    operations.extend(self.actions(target, key, entries.get(key)))
                    actions.append((target, key))
            failed |= self.bulk(operations, actions, targets[0], raise_errors, client)
        return failed

    def actions(self, target, key, entry) -> list[dict]:
        _id = document_id(*key)
        if entry is None:
            return [{"delete": {"_index": target, "_id": _id}}]
        document = {"content_type": str(key[0]), "object_id": key[1]}
        document.update({column: getattr(entry, column) for column in COLUMNS})
        # require_alias: never let a write create an index with dynamic mappings.
        require_alias = target in (self.alias, self.aliases.rebuilding_alias)
        return [{"index": {"_index": target, "_id": _id, "require_alias": require_alias}}, document]

    def bulk(
        self, operations, actions, checked_target, raise_errors, client=None
    ) -> set[tuple[int, int]]:
        if not operations:
            return set()
        client = client or self.aliases.admin
        response = client.bulk(operations=operations)
        if self.settings.refresh_on_write:
            self.cluster.written(self.alias)
        failed = set()
        if not response.get("errors"):
            return failed
        errors = []
        for (target, key), item in zip(actions, response["items"], strict=True):
            result = next(iter(item.values()))
            if "error" not in result or target != checked_target:
                continue
            failed.add(key)
            errors.append(f"{document_id(*key)}: {result['error'].get('type')}")
        if failed:
            message = f"Elasticsearch ({checked_target}) refused {len(failed)} document(s): "
            message += ", ".join(errors[:5])
            if raise_errors:
                raise RuntimeError(message)
            logger.warning("%s; recorded to apply later", message)
        return failed

    # --- Updates missed while Elasticsearch was unavailable ---------------------------------

    def record_pending(self, keys):
        now = timezone.now()
        PendingIndexUpdate.objects.bulk_create(
            [
                PendingIndexUpdate(
                    index_name=self.alias,
                    content_type_id=content_type_id,
                    object_id=object_id,
                    recorded_at=now,
                )
                for content_type_id, object_id in sorted(set(keys))
            ],
            update_conflicts=True,
            unique_fields=["index_name", "content_type", "object_id"],
            update_fields=["recorded_at"],
        )

    def pending(self):
        return PendingIndexUpdate.objects.filter(index_name=self.alias)

    def is_behind(self) -> bool:
        """Whether some saves have not reached the index yet."""
        return self.pending().exists()

    def apply_pending(self, limit: int | None = None) -> int:
        """Push recorded updates (oldest first); returns how many were applied.
        Raises on transport errors; rows that Elasticsearch refused stay recorded."""
        rows = list(
            self.pending().order_by("pk")[:limit] if limit else self.pending().order_by("pk")
        )
        if not rows:
            return 0
        failed = self.push(
            [(row.content_type_id, row.object_id) for row in rows],
            [self.alias, self.aliases.rebuilding_alias],
        )
        done = [row for row in rows if (row.content_type_id, row.object_id) not in failed]
        for batch in chunks(done, DB_CHUNK):
            # Only rows not recorded again since they were read.
            condition = Q()
            for row in batch:
                condition |= Q(pk=row.pk, recorded_at=row.recorded_at)
            PendingIndexUpdate.objects.filter(condition).delete()
        return len(done)

    def catch_up(self) -> int:
        """Apply every pending update, batch by batch; returns how many were applied."""
        applied = 0
        while self.is_behind():
            done = self.apply_pending(limit=BULK_CHUNK)
            if not done:
                break
            applied += done
        return applied

    def sync(self, everything=False) -> tuple[str, int]:
        """What `sync_search_index` does: apply every pending update ("applied", n), or
        copy all of IndexEntry into a new index ("copied", n) when asked or when there
        is no index yet."""
        if everything or not self.aliases.concrete_indices():
            return "copied", self.copy_from_database()
        return "applied", self.catch_up()

    def copy_from_database(self) -> int:
        """A new index filled from IndexEntry (no re-analysis), swapped in atomically."""
        started = timezone.now()
        name = self.aliases.create_index(rebuilding=True)
        copied = 0
        try:
            keys = IndexEntry.objects.order_by("pk").values_list("content_type_id", "object_id")
            for batch in chunks(keys.iterator(chunk_size=DB_CHUNK), BULK_CHUNK):
                self.push(batch, [name], raise_errors=True)
                copied += len(batch)
        except BaseException:
            self.aliases.delete_index(name)
            raise
        self.aliases.swap_alias(name, started)
        return copied

    # --- Comparing the index with the database ------------------------------------------

    def database_fingerprint(self) -> Fingerprint:
        """What the index should hold: every IndexEntry."""
        rows = IndexEntry.objects.order_by().values_list("content_type_id", "object_id", *COLUMNS)
        return fingerprint(rows.iterator(chunk_size=DB_CHUNK))

    def index_fingerprint(self) -> Fingerprint:
        """What the index holds, read in full (a scroll over the alias)."""
        admin = self.aliases.admin
        admin.indices.refresh(index=self.alias)
        hits = helpers.scan(admin, index=self.alias, query={"query": {"match_all": {}}})
        return fingerprint(
            (
                int(hit["_source"]["content_type"]),
                hit["_source"]["object_id"],
                *(hit["_source"].get(column, "") for column in COLUMNS),
            )
            for hit in hits
        )
