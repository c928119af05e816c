"""Completions as people type: "nghi d" and "nghị đ" both offer "nghị định".

Candidates come from the index's own title and number terms (a prefix match on
the stored, folded terms — the same table on every backend), then the phrase
is cut out of the page's original title so that it shows with its accents.
"""

import re

from search import khmer
from search.analysis import PAIR_JOINER
from search.models import IndexEntry
from vietnamese_text.folding import fold
from vietnamese_text.normalise import normalise

WORD = re.compile(r"\w+")
CANDIDATES = 50


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def typed_words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def term_prefix(words: list[str]) -> str:
    """The stored term that the last one or two typed words must begin."""
    folded = [fold(word) for word in words]
    if len(folded) >= 2:
        return f"{folded[-2]}{PAIR_JOINER}{folded[-1]}"
    return folded[-1]


def phrase_in(title: str, words: list[str]) -> str | None:
    """The words of `title` that the typed words start, the last one completed."""
    title_words = list(WORD.finditer(title))
    wanted = [fold(word) for word in words]
    for start in range(len(title_words) - len(words) + 1):
        window = title_words[start : start + len(words)]
        folded = [fold(match.group()) for match in window]
        if folded[:-1] != wanted[:-1] or not folded[-1].startswith(wanted[-1]):
            continue
        # An accented word that was typed must match its accents too.
        originals = [normalise(match.group()) for match in window]
        if any(
            typed != fold(typed) and not original.startswith(typed)
            for typed, original in zip(words, originals, strict=True)
        ):
            continue
        # Vietnamese words are mostly two syllables: complete a lone one with the next.
        end = window[-1].end()
        if len(words) == 1 and start + 1 < len(title_words):
            end = title_words[start + 1].end()
        return title[window[0].start() : end]
    return None


def complete(text: str, pages, limit: int, numbers=None) -> list[str]:
    """Completions of `text` from the titles of `pages`, then from their document numbers:
    `numbers` is a queryset of (id, number) pairs of the pages that carry one."""
    if khmer.has_khmer(text):
        return khmer_titles(text, pages, limit)
    words = typed_words(text)[-6:]
    if not words:
        return []
    prefix = like_escape(term_prefix(words))
    entries = IndexEntry.objects.filter(
        object_id__in=pages.values("pk"),
    ).extra(  # noqa: S610 - parameters are bound, the pattern is escaped above
        where=["(' ' || title || ' ' || number) LIKE %s ESCAPE '\\'"],
        params=[f"% {prefix}%"],
    )
    ids = list(entries.values_list("object_id", flat=True)[:CANDIDATES])
    titles = dict(pages.filter(pk__in=ids).values_list("pk", "title"))
    phrases: dict[str, int] = {}
    shown: dict[str, str] = {}
    matching_titles = []
    for pk in ids:
        title = titles.get(pk)
        if not title:
            continue
        phrase = phrase_in(title, words)
        if phrase is None:
            continue
        key = normalise(phrase)
        phrases[key] = phrases.get(key, 0) + 1
        shown.setdefault(key, phrase)
        matching_titles.append(title)
    ranked = [shown[key] for key in sorted(phrases, key=lambda p: (-phrases[p], p))]
    numbered = matching_numbers(ids, words, numbers) if numbers is not None else []
    return list(dict.fromkeys(ranked + numbered + matching_titles))[:limit]


def matching_numbers(ids: list[int], words: list[str], numbers) -> list[str]:
    """Document numbers that begin with what was typed, however it was punctuated."""
    typed = "".join(fold(word) for word in words)
    return [
        number
        for _, number in numbers.filter(pk__in=ids)
        if number and "".join(fold(part) for part in WORD.findall(number)).startswith(typed)
    ]


def khmer_titles(text: str, pages, limit: int) -> list[str]:
    """Titles holding the Khmer typed so far (Khmer has no spaces to find a word's start)."""
    typed = "".join(khmer.KHMER_RUN.findall(khmer.search_form(text)))
    clusters = khmer.clusters(typed)
    if not typed or not khmer.has_khmer(clusters[0]):
        return []
    # Titles are indexed with their clusters and pairs of clusters (search.languages).
    term = "".join(clusters[:2])
    entries = IndexEntry.objects.filter(object_id__in=pages.values("pk")).extra(  # noqa: S610
        where=["(' ' || title || ' ') LIKE %s ESCAPE '\\'"],
        params=[f"% {like_escape(term)} %"],
    )
    ids = list(entries.values_list("object_id", flat=True)[:CANDIDATES])
    titles = pages.filter(pk__in=ids).order_by("title").values_list("title", flat=True)
    return [title for title in titles if typed in khmer.search_form(title)][:limit]
