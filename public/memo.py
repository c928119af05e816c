"""A per-process memo of what every public request would recompute although it changes
only with content: the request's site, the site's roots, the privacy-restricted paths,
the hidden branches (`public.sites`, `public.visibility`).

Keyed on a `generation`: the content version the request read first (`home.http_caching`
puts it on the request as `request.content_version`, so nothing reads it twice). Every
change that can change visibility bumps that version (home.signal_handlers), so a new
version empties the memo. Time alone changes visibility too (a page with children
expiring hides its branch), so the memo also ends at the earliest future expiry, which
it reads when it starts (`set_expiry`). A value read for version N may be newer than
N (it is read after the version), never older, so nothing stale is served.

Without a generation (no request, a management command, a test calling directly)
nothing is kept: every call reads the database.
"""

import threading
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

# Where the request's content version is, once read (set by home.http_caching).
REQUEST_ATTRIBUTE = "content_version"


class _State:
    def __init__(self, generation: Hashable, until: datetime | None):
        self.generation = generation
        self.until = until
        self.values: dict[Hashable, Any] = {}


_state: _State | None = None
_lock = threading.Lock()
_expiry: Callable[[], datetime | None] = lambda: None  # noqa: E731


def set_expiry(reader: Callable[[], datetime | None]) -> None:
    """The function giving the next moment time alone changes the memo's values."""
    global _expiry
    _expiry = reader


def generation_of(request: HttpRequest | None) -> Hashable | None:
    return getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None


def get(generation: Hashable | None, key: Hashable, read: Callable[[], Any]) -> Any:
    """The value for `key` in this generation, read (and kept) if not known yet."""
    global _state
    if generation is None:
        return read()
    state = _state
    now = timezone.now()
    if state is None or state.generation != generation or (state.until and now >= state.until):
        state = _State(generation, _expiry())
        with _lock:
            _state = state
    try:
        return state.values[key]
    except KeyError:
        value = state.values[key] = read()
        return value


def forget() -> None:
    """Empty the memo (tests: a rolled-back transaction can bring an old version back)."""
    global _state
    with _lock:
        _state = None
