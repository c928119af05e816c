"""English stemming for search in the `en` locale: "courts", "court" and "courting" meet.

The Porter2 ("English") algorithm of the Snowball project, from the `snowballstemmer` package
(the project's own generated Python). It expects one lower-case word of ASCII letters (search
folds accents first).
"""

import functools
import threading

import snowballstemmer

__all__ = ["stem"]

# A Snowball stemmer object keeps its working word in attributes, so one per thread.
_local = threading.local()


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Porter2 stem of a lower-case English word."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)
