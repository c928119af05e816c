"""Page slugs as Vietnamese sites write them: without marks ("so-tu-phap", not "sở-tư-pháp").

One home for the rule, used by the page form and by the importers."""

from django.utils.text import slugify

from vietnamese_text.folding import fold


def ascii_slug(text: str) -> str:
    """`text` as a slug with its Vietnamese marks folded away ("đ" → "d"); may be empty."""
    return slugify(fold(text))
