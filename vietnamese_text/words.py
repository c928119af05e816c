"""Splitting text into runs of word characters and the rest, keeping every character.

Normalising and Telex/VNI decoding both rewrite words in place and leave punctuation and
spacing exactly as they were.
"""

import unicodedata
from collections.abc import Callable
from itertools import groupby

__all__ = ["is_letter", "is_word_char", "map_runs", "runs"]


def is_letter(ch: str) -> bool:
    """A letter or a combining mark on one."""
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


def is_word_char(ch: str) -> bool:
    """A letter, a digit or a combining mark."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def runs(text: str, predicate: Callable[[str], bool]) -> list[tuple[bool, str]]:
    """Split text into maximal runs where `predicate` holds or fails, keeping every character."""
    return [(key, "".join(group)) for key, group in groupby(text, key=predicate)]


def map_runs(text: str, predicate: Callable[[str], bool], transform: Callable[[str], str]) -> str:
    """Apply `transform` to the runs where `predicate` holds, leaving the rest as it was."""
    return "".join(transform(run) if key else run for key, run in runs(text, predicate))
