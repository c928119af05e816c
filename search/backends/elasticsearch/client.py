"""The connection to a cluster, its configuration, and the circuit breaker.

One `Cluster` per configuration and process holds everything that must outlive a
backend object (Wagtail makes a new backend per `get_search_backend()` call): the
client and its connection pool, when the cluster failed last, and which aliases
were written to since their last refresh.
"""

import functools
import threading
import time
from dataclasses import dataclass, field

from elasticsearch import ApiError, Elasticsearch, TransportError

DEFAULT_TIMEOUT = 5
DEFAULT_WRITE_TIMEOUT = 1
DEFAULT_MAX_RETRIES = 1
DEFAULT_RETRY_AFTER = 30
DEFAULT_MAX_WINDOW = 10_000
# Administrative calls (create, swap, delete, bulk loads) may take longer than a search.
ADMIN_TIMEOUT = 60

ES_ERRORS = (ApiError, TransportError)


@dataclass(frozen=True)
class ElasticsearchSettings:
    """One WAGTAILSEARCH_BACKENDS entry, read once (see search.backends.elasticsearch)."""

    urls: tuple[str, ...]
    alias: str
    timeout: float
    write_timeout: float
    max_retries: int
    retry_after: float
    max_window: int
    refresh_on_write: bool
    options: tuple[tuple[str, object], ...]

    @classmethod
    def from_params(cls, params: dict) -> "ElasticsearchSettings":
        timeout = float(params.get("TIMEOUT", DEFAULT_TIMEOUT))
        return cls(
            urls=tuple(params.get("URLS") or ["http://localhost:9200"]),
            alias=f"{params.get('INDEX_PREFIX', '')}entries".lower(),
            timeout=timeout,
            write_timeout=min(timeout, float(params.get("WRITE_TIMEOUT", DEFAULT_WRITE_TIMEOUT))),
            max_retries=int(params.get("MAX_RETRIES", DEFAULT_MAX_RETRIES)),
            retry_after=float(params.get("RETRY_AFTER", DEFAULT_RETRY_AFTER)),
            max_window=int(params.get("MAX_WINDOW", DEFAULT_MAX_WINDOW)),
            refresh_on_write=bool(params.get("REFRESH_ON_WRITE", False)),
            options=tuple(sorted(dict(params.get("OPTIONS") or {}).items(), key=repr)),
        )

    def __hash__(self) -> int:
        # OPTIONS may hold lists (ca_certs, hosts): hash what they say, not what they are.
        return hash(repr(self))

    @property
    def rebuilding_alias(self) -> str:
        """The alias of an index being filled by a rebuild, written to alongside."""
        return f"{self.alias}_rebuilding"


class CircuitBreaker:
    """After a failure, leave a cluster alone for a while: answer from the database at once."""

    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        self.unavailable_until = 0.0
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        with self.lock:
            return time.monotonic() < self.unavailable_until

    def trip(self):
        if self.retry_after > 0:
            with self.lock:
                self.unavailable_until = time.monotonic() + self.retry_after

    def reset(self):
        with self.lock:
            self.unavailable_until = 0.0


@dataclass
class Cluster:
    """A cluster as this process sees it: shared by every backend object of one configuration."""

    client: Elasticsearch
    breaker: CircuitBreaker
    # Aliases written to since their last refresh (only with REFRESH_ON_WRITE).
    unrefreshed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def written(self, alias: str):
        with self.lock:
            self.unrefreshed.add(alias)

    def take_unrefreshed(self, alias: str) -> bool:
        """Whether `alias` was written to since the last call (and forget it)."""
        with self.lock:
            written = alias in self.unrefreshed
            self.unrefreshed.discard(alias)
            return written


@functools.cache
def cluster_for(settings: ElasticsearchSettings) -> Cluster:
    """One client (and connection pool) and one breaker per configuration and process."""
    client = Elasticsearch(
        list(settings.urls),
        request_timeout=settings.timeout,
        max_retries=settings.max_retries,
        retry_on_timeout=False,
        **dict(settings.options),
    )
    return Cluster(client=client, breaker=CircuitBreaker(settings.retry_after))


def unavailable(error: Exception) -> bool:
    """Whether an error says the cluster is down or overloaded (not, e.g., a missing index)."""
    if isinstance(error, TransportError):
        return True
    return isinstance(error, ApiError) and (error.status_code or 0) in (429, 500, 502, 503, 504)


def describe(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
