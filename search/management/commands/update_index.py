"""`manage.py update_index`: Wagtail's (modelsearch's) index rebuild, read in keyset pages.

modelsearch reads each model's objects with OFFSET slices, so every chunk re-reads all
the rows before it (quadratic: a 100,000-page site reads five million rows). Here a chunk
is the next `--chunk_size` objects after the last primary key seen, an indexed range
read; memory holds one chunk at a time. Everything else (options, output, rebuilders)
is modelsearch's.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import (
    DEFAULT_CHUNK_SIZE,
)
from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildIndexCommand,
)


class Command(RebuildIndexCommand):
    help = "Rebuild the search index of every backend (or --backend), a chunk at a time."

    def queryset_chunks(self, qs, chunk_size=DEFAULT_CHUNK_SIZE):
        qs = qs.order_by("pk")
        last = None
        while True:
            chunk = list((qs if last is None else qs.filter(pk__gt=last))[:chunk_size])
            if not chunk:
                return
            yield chunk
            last = chunk[-1].pk
