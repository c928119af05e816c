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

Elasticsearch holds a copy of IndexEntry — the terms search.analysis built — in
one index behind an alias, with a strict mapping of our own. The package:

- `client`: configuration, one client and circuit breaker per cluster;
- `engine`: ranking (BM25F over the weighted columns), with the database's engine
  answering, flagged `degraded`, when Elasticsearch is down, slow (TIMEOUT),
  missing its index or behind;
- `writes`: copies of IndexEntry on save, the updates missed while the cluster
  was away (PendingIndexUpdate, replayed by `manage.py sync_search_index` or the
  task a later successful write queues — never by a search), and the
  comparison of the index with the database (`sync_search_index --check`);
- `aliases`: the index behind the alias and `manage.py update_index`, which fills
  a new index while the alias keeps answering from the old one, then swaps the
  alias atomically and deletes the old index.
"""

from elasticsearch import Elasticsearch

from search.backends.base import VietnameseIndex, VietnameseSearchBackend
from search.backends.elasticsearch.aliases import AliasSwapRebuilder
from search.backends.elasticsearch.engine import ElasticsearchEngine


class ElasticsearchIndex(VietnameseIndex):
    #: The concrete index a rebuild fills; None for the live alias.
    es_target = None

    def refresh(self):
        self.backend.engine.refresh(self)


class ElasticsearchSearchBackend(VietnameseSearchBackend):
    index_class = ElasticsearchIndex
    rebuilder_class = AliasSwapRebuilder

    def make_engine(self, params) -> ElasticsearchEngine:
        return ElasticsearchEngine(params)

    @property
    def es(self) -> Elasticsearch:
        """The client, for health checks."""
        return self.engine.es


SearchBackend = ElasticsearchSearchBackend
