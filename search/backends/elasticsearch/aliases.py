"""The index behind the alias: its mapping, creation, the atomic alias swap of a
rebuild (`manage.py update_index`), refreshes and clean-up.

Elasticsearch holds ONE index, `<INDEX_PREFIX>entries_<timestamp>_<random>`,
always reached through the alias `<INDEX_PREFIX>entries`. A rebuild fills a new
index (also reachable as `<alias>_rebuilding`, so saves during the rebuild reach
it too) while the alias keeps answering from the old one, then swaps the alias
in one step and deletes the old index.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.crypto import get_random_string
from elasticsearch import Elasticsearch, NotFoundError

from search.backends.elasticsearch.client import (
    ADMIN_TIMEOUT,
    DEFAULT_MAX_WINDOW,
    Cluster,
    ElasticsearchSettings,
)
from search.documents import COLUMNS
from search.models import PendingIndexUpdate

MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "content_type": {"type": "keyword"},
        "object_id": {"type": "long"},
        **{
            column: {
                "type": "text",
                # The terms are analysed already (search.analysis): split on spaces only.
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


class Aliases:
    """The alias, the indices behind it, and their lifecycle."""

    def __init__(self, settings: ElasticsearchSettings, cluster: Cluster):
        self.settings = settings
        self.cluster = cluster
        self.alias = settings.alias
        self.rebuilding_alias = settings.rebuilding_alias

    @property
    def admin(self) -> Elasticsearch:
        return self.cluster.client.options(
            request_timeout=max(self.settings.timeout, ADMIN_TIMEOUT)
        )

    def new_index_name(self) -> str:
        stamp = datetime.now().strftime("%Y%m%d%H%M%S")
        return f"{self.alias}_{stamp}_{get_random_string(6).lower()}"

    def create_index(self, rebuilding=False) -> str:
        name = self.new_index_name()
        aliases = {self.rebuilding_alias: {}} if rebuilding else {}
        self.admin.indices.create(
            index=name,
            settings=index_settings(self.settings.max_window),
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
        pending = PendingIndexUpdate.objects.filter(index_name=self.alias)
        if started is None:
            # A new empty index: nothing missed by the old one matters any more.
            pending.delete()
        else:
            # Whatever was missed before the new index started is in it now.
            pending.filter(recorded_at__lt=started).delete()

    def delete_index(self, name: str):
        self.admin.options(ignore_status=404).indices.delete(index=name)

    def delete_indices(self):
        """Delete the alias's indices and any left by interrupted rebuilds."""
        for name in self.admin.options(ignore_status=404).indices.get(index=f"{self.alias}_*"):
            self.delete_index(name)
        for name in self.concrete_indices():
            self.delete_index(name)

    def refresh(self, name: str | None = None):
        self.admin.indices.refresh(index=name or self.alias)

    def refresh_if_written(self):
        """With REFRESH_ON_WRITE, make the writes since the last search visible to this one."""
        if self.settings.refresh_on_write and self.cluster.take_unrefreshed(self.alias):
            self.cluster.client.indices.refresh(index=self.alias)


class AliasSwapRebuilder:
    """`update_index`: fill a new index while the alias answers from the old one,
    then swap the alias atomically and delete the old index."""

    def __init__(self, index):
        self.index = index
        self.aliases: Aliases = index.backend.engine.aliases

    def start(self):
        self.started = timezone.now()
        self.name = self.aliases.create_index(rebuilding=True)
        new_index = self.index.backend.index_class(self.index.backend)
        new_index.es_target = self.name
        return new_index

    def finish(self):
        self.aliases.swap_alias(self.name, self.started)
