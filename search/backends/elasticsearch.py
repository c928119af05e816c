"""The Elasticsearch backend: the same Vietnamese search, ranked by Elasticsearch.

    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "search.backends.elasticsearch",
        "URLS": ["http://127.0.0.1:9200"],
        "INDEX_PREFIX": "govcms_",
        "TIMEOUT": 5,                # seconds per request; searches fall back after it
        "WRITE_TIMEOUT": 1,          # seconds a save waits before recording the update for later
    }}

Optional: MAX_RETRIES (1), RETRY_AFTER (30 s during which a failed cluster is
not asked again), MAX_WINDOW (10,000), OPTIONS (extra keyword arguments for the
`elasticsearch` client: basic_auth, ca_certs...), and for tests REFRESH_ON_WRITE:
writes are visible to the very next search (the index is refreshed before a
search that follows writes, once, rather than after each write) instead of
within Elasticsearch's refresh interval (1 s).

Elasticsearch holds a copy of IndexEntry — the terms search.analysis built —
in ONE index, `<INDEX_PREFIX>entries_<timestamp>_<random>`, always reached
through the alias `<INDEX_PREFIX>entries`. Its mapping is ours and strict; the
columns use the core `whitespace` analyzer, since the terms are analysed
already. A query is one BM25F `combined_fields` query over the columns, weighted
like the database engines (search.backends.database.COLUMN_WEIGHTS), with every
analysed term a separate OR clause. The best matches are then reranked as on every
backend (search.reranking).

Matches are restricted to the queryset's root content type in Elasticsearch,
then intersected with the caller's queryset in the database, keeping
Elasticsearch's order. LIMIT: only the best MAX_WINDOW (10,000, the index's
max_result_window) matches are considered, so a filtered queryset whose matches
all rank beyond them finds nothing more, and its count stops there too.

Resilience: when Elasticsearch is down, slow (TIMEOUT) or missing its index,
`search()` and `count()` answer from the database engine and set
`last_search_degraded` (also `results.degraded`); the cluster is then left
alone for RETRY_AFTER seconds. Writes never fail a save and wait at most
WRITE_TIMEOUT: an object whose update did not reach Elasticsearch is recorded
as a PendingIndexUpdate and pushed, from IndexEntry, at the start of the next
successful write or by `manage.py sync_search_index` (cron) — never by a
search, which only reads. While updates are pending the index is known to be
behind, so searches answer from the database (degraded) until they are applied.
`sync_search_index --check` compares the index with the database (count and
checksum of every document).

`manage.py update_index` fills a new index while the alias keeps answering
from the old one, then swaps the alias atomically and deletes the old index.
"""

import contextvars
import hashlib
import json
import logging
import threading
import time
from collections import defaultdict
from datetime import datetime
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from modelsearch.backends.base import get_model_root

from search.backends.base import (
    VietnameseIndex,
    VietnameseSearchBackend,
    VietnameseSearchResults,
    root_content_type,
)
from search.backends.database import COLUMN_WEIGHTS, database_engine
from search.documents import COLUMNS, columns_for
from search.models import IndexEntry, PendingIndexUpdate

logger = logging.getLogger(__name__)

#: True when the last search or count in this context answered from the database
#: because Elasticsearch could not. Read it right after evaluating the results.
last_search_degraded: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "last_search_degraded", default=False
)

DEFAULT_TIMEOUT = 5
DEFAULT_WRITE_TIMEOUT = 1
DEFAULT_MAX_RETRIES = 1
DEFAULT_RETRY_AFTER = 30
DEFAULT_MAX_WINDOW = 10_000
# Administrative calls (create, swap, delete, bulk loads) may take longer than a search.
ADMIN_TIMEOUT = 60
BULK_CHUNK = 500
# Pending updates pushed at the start of one write; the rest wait for the next, or the command.
PENDING_BATCH = 100
DB_CHUNK = 1000
# Ids in one `terms` filter: under the index's max_terms_count (65,536 by default).
MAX_TERMS_PER_FILTER = 50_000

ES_ERRORS = (ApiError, TransportError)

MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "content_type": {"type": "keyword"},
        "object_id": {"type": "long"},
        **{
            column: {
                "type": "text",
                "analyzer": "whitespace",
                # Only BM25 over term frequencies is asked for: no positions needed.
                "index_options": "freqs",
            }
            for column in COLUMNS
        },
    },
}


def index_settings(max_window: int) -> dict:
    return {
        # One shard: BM25 statistics over the whole index, so the ranking is the
        # same as the database's; a portal's pages fit easily.
        "number_of_shards": 1,
        "auto_expand_replicas": "0-1",
        "max_result_window": max(max_window, DEFAULT_MAX_WINDOW),
        "similarity": {"default": {"type": "BM25", "k1": 1.2, "b": 0.75}},
    }


_clients: dict[tuple, Elasticsearch] = {}
_clients_lock = threading.Lock()


def client_for(urls, timeout: float, max_retries: int, options: dict) -> Elasticsearch:
    """One client (and connection pool) per configuration, shared by the process."""
    key = (tuple(urls), timeout, max_retries, repr(sorted(options.items())))
    with _clients_lock:
        if key not in _clients:
            _clients[key] = Elasticsearch(
                list(urls),
                request_timeout=timeout,
                max_retries=max_retries,
                retry_on_timeout=False,
                **options,
            )
        return _clients[key]


class CircuitBreaker:
    """After a failure, leave a cluster alone for a while: answer from the database at once."""

    _unavailable_until: dict[tuple, float] = {}
    _lock = threading.Lock()

    def __init__(self, key: tuple, retry_after: float):
        self.key = key
        self.retry_after = retry_after

    def is_open(self) -> bool:
        with self._lock:
            return time.monotonic() < self._unavailable_until.get(self.key, 0.0)

    def trip(self):
        if self.retry_after > 0:
            with self._lock:
                self._unavailable_until[self.key] = time.monotonic() + self.retry_after

    def reset(self):
        with self._lock:
            self._unavailable_until.pop(self.key, None)


def unavailable(error: Exception) -> bool:
    """Whether an error says the cluster is down or overloaded (not, e.g., a missing index)."""
    if isinstance(error, TransportError):
        return True
    return isinstance(error, ApiError) and (error.status_code or 0) in (429, 500, 502, 503, 504)


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"


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


def chunks(items, size):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def is_unfiltered(queryset) -> bool:
    """A root model's whole table: Elasticsearch's order needs no window to page."""
    query = queryset.query
    return get_model_root(queryset.model) is queryset.model and not query.where


class ElasticsearchEngine:
    # Aliases written to since their last refresh, with REFRESH_ON_WRITE.
    _unrefreshed: set[tuple] = set()
    _unrefreshed_lock = threading.Lock()

    def __init__(self, params):
        self.urls = list(params.get("URLS") or ["http://localhost:9200"])
        self.alias = f"{params.get('INDEX_PREFIX', '')}entries".lower()
        self.rebuilding_alias = f"{self.alias}_rebuilding"
        self.timeout = float(params.get("TIMEOUT", DEFAULT_TIMEOUT))
        self.write_timeout = min(
            self.timeout, float(params.get("WRITE_TIMEOUT", DEFAULT_WRITE_TIMEOUT))
        )
        self.max_window = int(params.get("MAX_WINDOW", DEFAULT_MAX_WINDOW))
        self.refresh_on_write = bool(params.get("REFRESH_ON_WRITE", False))
        self.es = client_for(
            self.urls,
            self.timeout,
            int(params.get("MAX_RETRIES", DEFAULT_MAX_RETRIES)),
            dict(params.get("OPTIONS") or {}),
        )
        self.breaker = CircuitBreaker(
            (tuple(self.urls),), float(params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        )

    @property
    def admin(self) -> Elasticsearch:
        return self.es.options(request_timeout=max(self.timeout, ADMIN_TIMEOUT))

    @property
    def writer(self) -> Elasticsearch:
        """For writes made while an editor waits: a hung cluster must not hold the save."""
        return self.es.options(request_timeout=self.write_timeout)

    # --- Searching ---------------------------------------------------------------------

    def query(self, queryset, analysed, fields) -> dict:
        columns = columns_for(fields)
        return {
            "bool": {
                "must": {
                    "combined_fields": {
                        "query": " ".join(analysed.terms),
                        "fields": [f"{column}^{COLUMN_WEIGHTS[column]:g}" for column in columns],
                        "operator": "or",
                    }
                },
                "filter": {"term": {"content_type": str(root_content_type(queryset.model).pk)}},
            }
        }

    def ranked(self, queryset, analysed, fields, wanted: int | None) -> list[tuple[int, float]]:
        """The queryset's matches in Elasticsearch's order: the first `wanted`, or all
        within the window. Asks for growing batches until enough survive the queryset."""
        query = self.query(queryset, analysed, fields)
        if wanted is None:
            batch = self.max_window
        elif is_unfiltered(queryset):
            batch = max(wanted, 10)
        else:
            batch = max(4 * wanted, 200)
        restrict = queryset.order_by().values_list("pk", flat=True)
        results: list[tuple[int, float]] = []
        fetched = 0
        while fetched < self.max_window:
            size = min(batch, self.max_window - fetched)
            response = self.es.search(
                index=self.alias,
                query=query,
                from_=fetched,
                size=size,
                sort=[{"_score": "desc"}, {"object_id": "asc"}],
                source=False,
                track_total_hits=False,
            )
            hits = [(hit["sort"][1], hit["sort"][0]) for hit in response["hits"]["hits"]]
            fetched += len(hits)
            allowed = set()
            for ids in chunks([pk for pk, _ in hits], DB_CHUNK):
                allowed.update(restrict.filter(pk__in=ids))
            results.extend((pk, score) for pk, score in hits if pk in allowed)
            if len(hits) < size or (wanted is not None and len(results) >= wanted):
                break
            batch *= 2
        return results

    def search(self, queryset, analysed, fields, limit, offset, memo=None):
        def from_elasticsearch():
            wanted = None if limit is None else offset + limit
            ranked = self.ranked(queryset, analysed, fields, wanted)
            return ranked[offset:wanted]

        return self.answer(
            from_elasticsearch,
            lambda engine: engine.search(
                queryset, analysed, fields, limit=limit, offset=offset, memo=memo
            ),
        )

    def count(self, queryset, analysed, fields, memo=None) -> int:
        def from_elasticsearch():
            if is_unfiltered(queryset):
                query = self.query(queryset, analysed, fields)
                return self.es.count(index=self.alias, query=query)["count"]
            return len(self.ranked(queryset, analysed, fields, None))

        return self.answer(
            from_elasticsearch, lambda engine: engine.count(queryset, analysed, fields, memo=memo)
        )

    def document_frequencies(self, terms, pages) -> dict[str, int]:
        """How many indexed objects of `pages` hold each term, in any column.

        Visibility is the database's to decide, at query time: `pages`' ids are sent
        as a filter (in batches within Elasticsearch's max_terms_count).
        """
        terms = list(dict.fromkeys(terms))

        def from_elasticsearch():
            frequencies = dict.fromkeys(terms, 0)
            if not terms:
                return frequencies
            filters = {
                term: {"bool": {"should": [{"term": {column: term}} for column in COLUMNS]}}
                for term in terms
            }
            content_type = {"term": {"content_type": str(root_content_type(pages.model).pk)}}
            ids = pages.order_by().values_list("pk", flat=True)
            for batch in chunks(ids.iterator(chunk_size=DB_CHUNK), MAX_TERMS_PER_FILTER):
                response = self.es.search(
                    index=self.alias,
                    size=0,
                    track_total_hits=False,
                    query={"bool": {"filter": [content_type, {"terms": {"object_id": batch}}]}},
                    aggregations={"df": {"filters": {"filters": filters}}},
                )
                buckets = response["aggregations"]["df"]["buckets"]
                for term in terms:
                    frequencies[term] += buckets[term]["doc_count"]
            return frequencies

        return self.answer(
            from_elasticsearch, lambda engine: engine.document_frequencies(terms, pages)
        )

    def terms_present(self, terms, pages) -> set[str]:
        """The terms some indexed object of `pages` holds (one aggregation counts them all)."""
        return {term for term, count in self.document_frequencies(terms, pages).items() if count}

    def answer(self, from_elasticsearch, from_database):
        """Elasticsearch's answer, or the database's when Elasticsearch cannot give one."""
        last_search_degraded.set(False)
        # Missed updates are applied by writes and the command, not here: a search only reads.
        if not self.breaker.is_open() and not self.is_behind():
            try:
                self.refresh_if_written()
                answer = from_elasticsearch()
            except ES_ERRORS as error:
                if unavailable(error):
                    self.breaker.trip()
                logger.warning(
                    "Elasticsearch (%s) did not answer a search, the database does: %s",
                    self.alias,
                    describe(error),
                )
            else:
                self.breaker.reset()
                return answer
        last_search_degraded.set(True)
        return from_database(database_engine())

    # --- Writing -----------------------------------------------------------------------

    def after_write(self, index, model, items):
        content_type_id = root_content_type(model).pk
        keys = [(content_type_id, obj.pk) for obj in items if isinstance(obj.pk, int)]
        if not keys:
            return
        target = getattr(index, "es_target", None)
        if target:
            # Filling a new index in a rebuild: a failure must stop the rebuild.
            self.push(keys, [target], raise_errors=True)
            return
        self.write(keys)

    def after_delete(self, index, item):
        if isinstance(item.pk, int):
            self.write([(root_content_type(type(item)).pk, item.pk)])

    def write(self, keys):
        """Bring Elasticsearch's copy of these objects up to date; never raises for it."""
        if self.breaker.is_open():
            self.record_pending(keys)
            return
        try:
            self.apply_pending(limit=PENDING_BATCH, client=self.writer)
            # Also into an index being rebuilt, if any (missing alias errors are ignored).
            failed = self.push(keys, [self.alias, self.rebuilding_alias], client=self.writer)
        except ES_ERRORS as error:
            if unavailable(error):
                self.breaker.trip()
            logger.warning(
                "Elasticsearch (%s) missed %d update(s), recorded to apply later: %s",
                self.alias,
                len(keys),
                describe(error),
            )
            self.record_pending(keys)
            return
        self.breaker.reset()
        if failed:
            self.record_pending(failed)

    def push(self, keys, targets, raise_errors=False, client=None) -> set[tuple[int, int]]:
        """Copy the IndexEntry of each (content_type_id, object_id) to the targets, or
        delete the document where there is none. Returns the keys that failed on the
        first target (the others are best effort); raises on transport errors."""
        keys = set(keys)
        failed: set[tuple[int, int]] = set()
        for batch in chunks(sorted(keys), BULK_CHUNK):
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
        require_alias = target in (self.alias, self.rebuilding_alias)
        return [{"index": {"_index": target, "_id": _id, "require_alias": require_alias}}, document]

    def bulk(
        self, operations, actions, checked_target, raise_errors, client=None
    ) -> set[tuple[int, int]]:
        if not operations:
            return set()
        client = client or self.admin
        response = client.bulk(operations=operations)
        if self.refresh_on_write:
            with self._unrefreshed_lock:
                self._unrefreshed.add((tuple(self.urls), self.alias))
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

    def apply_pending(self, limit: int | None = None, client=None) -> int:
        """Push recorded updates (oldest first); returns how many were applied.
        Raises on transport errors; rows that Elasticsearch refused stay recorded."""
        rows = list(
            self.pending().order_by("pk")[:limit] if limit else self.pending().order_by("pk")
        )
        if not rows:
            return 0
        failed = self.push(
            [(row.content_type_id, row.object_id) for row in rows],
            [self.alias, self.rebuilding_alias],
            client=client,
        )
        done = [row for row in rows if (row.content_type_id, row.object_id) not in failed]
        for batch in chunks(done, DB_CHUNK):
            # Only rows not recorded again since they were read.
            condition = Q()
            for row in batch:
                condition |= Q(pk=row.pk, recorded_at=row.recorded_at)
            PendingIndexUpdate.objects.filter(condition).delete()
        return len(done)

    def sync(self, everything=False) -> tuple[str, int]:
        """What `sync_search_index` does: apply every pending update ("applied", n), or
        copy all of IndexEntry into a new index ("copied", n) when asked or when there
        is no index yet."""
        if everything or not self.concrete_indices():
            return "copied", self.copy_from_database()
        applied = 0
        while self.pending().exists():
            done = self.apply_pending(limit=BULK_CHUNK)
            if not done:
                break
            applied += done
        return "applied", applied

    def copy_from_database(self) -> int:
        """A new index filled from IndexEntry (no re-analysis), swapped in atomically."""
        started = timezone.now()
        name = self.create_index(rebuilding=True)
        copied = 0
        try:
            keys = IndexEntry.objects.order_by("pk").values_list("content_type_id", "object_id")
            for batch in chunks(keys.iterator(chunk_size=DB_CHUNK), BULK_CHUNK):
                self.push(batch, [name], raise_errors=True)
                copied += len(batch)
        except BaseException:
            self.admin.options(ignore_status=404).indices.delete(index=name)
            raise
        self.swap_alias(name, started)
        return copied

    # --- Comparing the index with the database ------------------------------------------

    def database_fingerprint(self) -> Fingerprint:
        """What the index should hold: every IndexEntry."""
        rows = IndexEntry.objects.order_by().values_list("content_type_id", "object_id", *COLUMNS)
        return fingerprint(rows.iterator(chunk_size=DB_CHUNK))

    def index_fingerprint(self) -> Fingerprint:
        """What the index holds, read in full (a scroll over the alias)."""
        self.admin.indices.refresh(index=self.alias)
        hits = helpers.scan(self.admin, index=self.alias, query={"query": {"match_all": {}}})
        return fingerprint(
            (
                int(hit["_source"]["content_type"]),
                hit["_source"]["object_id"],
                *(hit["_source"].get(column, "") for column in COLUMNS),
            )
            for hit in hits
        )

    # --- Index lifecycle ------------------------------------------------------------------

    def new_index_name(self) -> str:
        stamp = datetime.now().strftime("%Y%m%d%H%M%S")
        return f"{self.alias}_{stamp}_{get_random_string(6).lower()}"

    def create_index(self, rebuilding=False) -> str:
        name = self.new_index_name()
        aliases = {self.rebuilding_alias: {}} if rebuilding else {}
        self.admin.indices.create(
            index=name,
            settings=index_settings(self.max_window),
            mappings=MAPPINGS,
            aliases=aliases,
        )
        return name

    def concrete_indices(self) -> list[str]:
        """The indices behind the alias (or an index with the alias's own name)."""
        try:
            return sorted(self.admin.indices.get(index=self.alias))
        except NotFoundError:
            return []

    def swap_alias(self, name: str, started=None):
        """Point the alias at `name` in one atomic step, then delete the old indices."""
        self.admin.indices.refresh(index=name)
        old = [index for index in self.concrete_indices() if index != name]
        actions = [{"remove": {"index": name, "alias": self.rebuilding_alias, "must_exist": False}}]
        for index in old:
            if index == self.alias:  # an index where the alias should be: replaced at once
                actions.append({"remove_index": {"index": index}})
            else:
                actions.append({"remove": {"index": index, "alias": self.alias}})
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.admin.indices.update_aliases(actions=actions)
        for index in old:
            if index != self.alias:
                self.admin.options(ignore_status=404).indices.delete(index=index)
        if started is not None:
            # Whatever was missed before the new index started is in it now.
            self.pending().filter(recorded_at__lt=started).delete()

    def after_reset(self, index):
        name = self.create_index()
        self.swap_alias(name)
        self.pending().delete()

    def refresh_if_written(self):
        if not self.refresh_on_write:
            return
        key = (tuple(self.urls), self.alias)
        with self._unrefreshed_lock:
            if key not in self._unrefreshed:
                return
            self._unrefreshed.discard(key)
        self.es.indices.refresh(index=self.alias)

    def refresh(self, index=None):
        self.admin.indices.refresh(index=getattr(index, "es_target", None) or self.alias)

    def delete_indices(self):
        """Delete the alias's indices and any left by interrupted rebuilds."""
        for name in self.admin.options(ignore_status=404).indices.get(index=f"{self.alias}_*"):
            self.admin.options(ignore_status=404).indices.delete(index=name)
        for name in self.concrete_indices():
            self.admin.options(ignore_status=404).indices.delete(index=name)


class ElasticsearchIndex(VietnameseIndex):
    #: The concrete index a rebuild fills; None for the live alias.
    es_target = None

    def refresh(self):
        self.backend.engine.refresh(self)


class AliasSwapRebuilder:
    """`update_index`: fill a new index while the alias answers from the old one,
    then swap the alias atomically and delete the old index."""

    def __init__(self, index):
        self.index = index
        self.engine = index.backend.engine

    def start(self):
        self.started = timezone.now()
        self.name = self.engine.create_index(rebuilding=True)
        new_index = self.index.backend.index_class(self.index.backend)
        new_index.es_target = self.name
        return new_index

    def finish(self):
        self.engine.swap_alias(self.name, self.started)


class ElasticsearchSearchResults(VietnameseSearchResults):
    #: Whether these results came from the database because Elasticsearch could not answer.
    degraded = False

    def _do_search(self):
        last_search_degraded.set(False)
        results = super()._do_search()
        self.degraded = last_search_degraded.get()
        return results

    def _do_count(self):
        last_search_degraded.set(False)
        count = super()._do_count()
        self.degraded = self.degraded or last_search_degraded.get()
        return count


class ElasticsearchSearchBackend(VietnameseSearchBackend):
    index_class = ElasticsearchIndex
    results_class = ElasticsearchSearchResults
    rebuilder_class = AliasSwapRebuilder

    def make_engine(self, params):
        return ElasticsearchEngine(params)

    @property
    def es(self) -> Elasticsearch:
        """The client, for health checks."""
        return self.engine.es


SearchBackend = ElasticsearchSearchBackend
