"""Push to Elasticsearch the updates it missed while it was unavailable.

Saves never wait for Elasticsearch: a write or delete that could not reach it
is recorded (search.models.PendingIndexUpdate) and applied at the start of the
next successful write or search, or by this command — e.g. from cron, or once
after an outage. Copies come from IndexEntry, which the database always has.
Without an index yet, or with --all, it copies every IndexEntry into a new
index and swaps the alias to it (no re-analysis: `update_index` does that).
"""

from django.core.management.base import BaseCommand, CommandError
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config

from search.backends.elasticsearch import ES_ERRORS, ElasticsearchEngine, describe


class Command(BaseCommand):
    help = "Apply the search index updates Elasticsearch missed (or copy all with --all)."

    def add_arguments(self, parser):
        parser.add_argument("--backend", help="Only this WAGTAILSEARCH_BACKENDS entry.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Copy every IndexEntry into a new index instead of only the missed ones.",
        )

    def handle(self, *args, backend=None, everything=False, **options):
        names = [backend] if backend else list(get_app_config().get_search_backend_config())
        synced = 0
        for name in names:
            engine = getattr(get_search_backend(name), "engine", None)
            if not isinstance(engine, ElasticsearchEngine):
                if backend:
                    raise CommandError(f"Search backend '{name}' is not Elasticsearch.")
                continue
            try:
                done, count = engine.sync(everything=everything)
            except ES_ERRORS as error:
                raise CommandError(
                    f"{name}: Elasticsearch ({engine.alias}) unavailable: {describe(error)}"
                ) from error
            left = engine.pending().count()
            self.stdout.write(f"{name}: {done} {count} update(s) to {engine.alias}; {left} left.")
            synced += 1
        if not synced:
            self.stdout.write("No Elasticsearch search backend is configured.")
