"""Push to Elasticsearch the updates it missed while it was unavailable.

Saves never wait for Elasticsearch: a write or delete that could not reach it
is recorded (search.models.PendingIndexUpdate) and applied by the task the next
successful write queues (search.tasks), or by this command — from cron every
minute, or once after an outage; searches answer from the database until then. Copies come
from IndexEntry, which the database always has. Without an index yet, or with
--all, it copies every IndexEntry into a new index and swaps the alias to it
(no re-analysis: `update_index` does that).

--check only compares: the number of documents and a checksum of their text in
the index against the database's IndexEntry; it fails when they differ.
"""

from django.core.management.base import BaseCommand, CommandError
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config

from search.backends.elasticsearch.client import ES_ERRORS, describe
from search.backends.elasticsearch.engine import ElasticsearchEngine


class Command(BaseCommand):
    help = "Apply the search index updates Elasticsearch missed (or copy all with --all)."

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="Only this WAGTAILSEARCH_BACKENDS entry.")
        action = parser.add_mutually_exclusive_group()
        action.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Copy every IndexEntry into a new index instead of only the missed ones.",
        )
        action.add_argument(
            "--check",
            action="store_true",
            help="Change nothing: compare the index's count and checksum with the database's.",
        )

    def handle(self, *args, backend=None, everything=False, check=False, **options):
        names = [backend] if backend else list(get_app_config().get_search_backend_config())
        engines = []
        for name in names:
            engine = getattr(get_search_backend(name), "engine", None)
            if isinstance(engine, ElasticsearchEngine):
                engines.append((name, engine))
            elif backend:
                raise CommandError(f"Search backend '{name}' is not Elasticsearch.")
        if not engines:
            self.stdout.write("No Elasticsearch search backend is configured.")
        for name, engine in engines:
            try:
                if check:
                    self.compare(name, engine)
                else:
                    self.sync(name, engine, everything)
            except ES_ERRORS as error:
                raise CommandError(
                    f"{name}: Elasticsearch ({engine.alias}) unavailable: {describe(error)}"
                ) from error

    def sync(self, name: str, engine: ElasticsearchEngine, everything: bool):
        done, count = engine.writes.sync(everything=everything)
        left = engine.writes.pending().count()
        self.stdout.write(f"{name}: {done} {count} update(s) to {engine.alias}; {left} left.")

    def compare(self, name: str, engine: ElasticsearchEngine):
        database, index = engine.writes.database_fingerprint(), engine.writes.index_fingerprint()
        report = (
            f"{name}: database {database.count} document(s), checksum {database.checksum[:16]}; "
            f"{engine.alias} {index.count} document(s), checksum {index.checksum[:16]}"
        )
        if database != index:
            pending = engine.writes.pending().count()
            raise CommandError(f"{report}: DIFFERENT ({pending} pending update(s)).")
        self.stdout.write(f"{report}: equal.")
