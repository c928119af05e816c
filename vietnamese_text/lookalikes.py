"""Letters that people and word processors type for Đ/đ but are other code points.

Defined once: the normaliser and the document-number parser both repair them, and the
document-number finder must also recognise them inside running text.
"""

import re
from typing import Final

__all__ = ["COMBINING_STROKES", "D_LOOKALIKES_LOWER", "D_LOOKALIKES_UPPER", "repair_d"]

D_LOOKALIKES_UPPER: Final = "\u00d0\u0189"  # Ð (Icelandic eth), Ɖ (African D)
D_LOOKALIKES_LOWER: Final = "\u00f0\u0256"  # ð, ɖ
COMBINING_STROKES: Final = "\u0335\u0336"  # D + overlay stroke, typed to fake Đ

_TRANSLATION: Final = str.maketrans(
    {
        **dict.fromkeys(D_LOOKALIKES_UPPER, "\u0110"),
        **dict.fromkeys(D_LOOKALIKES_LOWER, "\u0111"),
    }
)
_STROKED_D_RE: Final = re.compile(f"([Dd])[{COMBINING_STROKES}]")


def repair_d(text: str) -> str:
    """Write every Đ/đ look-alike (Ð, Ɖ, ð, ɖ, D + combining stroke) as the real Đ/đ."""
    text = _STROKED_D_RE.sub(lambda match: "\u0110" if match[1] == "D" else "\u0111", text)
    return text.translate(_TRANSLATION)
