"""Accent-blind keys: Vietnamese text with every diacritic removed and đ written d.

Users often type without accents ("nghi dinh" for "Nghị định"), slugs and codes must be ASCII,
and "QĐ" typed as "QD" must still find its type code: all of these fold through here.
"""

import functools
import unicodedata

from vietnamese_text.normalise import normalise

__all__ = ["fold", "strip_marks"]


@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Return `normalise(text)` (lower case) without any diacritic and with đ as d.

    "Nghị định", "NGHỊ ĐỊNH" and "nghi dinh" all fold to "nghi dinh".
    """
    return strip_marks(normalise(text))


def strip_marks(text: str) -> str:
    """Remove every nonspacing mark and write Đ/đ as D/d, keeping case: "Hòa Đồng" → "Hoa Dong".

    No other normalisation: use `fold` to compare texts, this where case must survive.
    """
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare.replace("\u0111", "d").replace("\u0110", "D"))
