"""The one way into search: a query analysed once, ranked once, its analysis reused.

    typed text ──analyse──▶ QueryAnalysis ──engine.rank()──▶ ids, scores, degraded
                                 │                 └─ the best reranked (search.reranking)
                                 │                 └─ count, facets, "did you mean" evidence:
                                 │                    the same ranking, never asked again
                                 └──▶ highlighting, "did you mean" (the same analysis)

A caller (the content API) says which pages may be found — a queryset, so
visibility and filters stay in the database — and which pages' words may be
suggested back; search knows no page model.
"""

import unicodedata
from dataclasses import dataclass, field

from wagtail.search.backends import get_search_backend

from search import query_log
from search.abbreviations import expand as expand_abbreviations
from search.analysis import AnalysedQuery
from search.documents import COLUMNS, field_texts
from search.engines import Engine
from search.languages import STEM_MARK, VIETNAMESE, analyse_query
from search.ranking import RankedSearch
from search.suggest import (
    EVIDENCE_PAGES,
    MAX_WORDS,
    WORD,
    PublicVocabulary,
    did_you_mean,
    recover_typing,
)
from vietnamese_text.folding import fold


@dataclass(frozen=True)
class QueryAnalysis:
    """What a query asks for: its terms (abbreviations expanded) in one language."""

    text: str  # what is searched: as typed, or as recovered from a typing accident
    language: str | None  # None: every content language (the admin, API v2)
    analysed: AnalysedQuery

    @property
    def folded(self) -> set[str]:
        """Folded syllables (and Khmer words), for highlighting."""
        return set(self.analysed.folded)

    @property
    def stems(self) -> set[str]:
        """Marked English stems, for highlighting "courts" for "court"."""
        return {term for term in self.analysed.extra if term.startswith(STEM_MARK)}


def analyse(text: str, language: str | None) -> QueryAnalysis:
    return QueryAnalysis(
        text=text,
        language=language,
        analysed=expand_abbreviations(analyse_query(text, language), text),
    )


def search_engine() -> Engine:
    """The default backend's engine (search.backends.*)."""
    return get_search_backend().engine


@dataclass
class SearchResults:
    """One search request's answer: the window of hits asked for and what the
    caller needs around it."""

    query: str  # as typed, NFC
    analysis: QueryAnalysis
    ranked: RankedSearch  # the whole ranking, for facets over its best matches
    total: int
    ids: list[int]  # the window asked for, promoted pages first
    promoted: set[int] = field(default_factory=set)
    corrected_query: str | None = None
    suggestion: str | None = None

    @property
    def degraded(self) -> bool:
        return self.ranked.degraded


def search(pages, visible, typed: str, language: str, offset: int, limit: int) -> SearchResults:
    """Rank `pages` (a queryset of what may be found, among `visible`) for what was typed.

    `visible` are the pages the reader may see in this language: their words are the
    vocabulary of typing recovery and "did you mean", never a hidden page's.

    One ranked query answers the request: the window, the count, the caller's facets
    and the evidence of "did you mean" are all read from it. The whole visible
    vocabulary is consulted only when a query word is held by none of the best
    matches (a typing accident, or a word only lesser matches hold): typing recovery.
    """
    # NFC first: keyboards that send decomposed marks must not split words.
    query = unicodedata.normalize("NFC", typed.replace("\x00", " ")).strip()
    engine = search_engine()
    vietnamese = language == VIETNAMESE
    analysis = analyse(query, language)
    ranked = RankedSearch(engine, pages, analysis.analysed, list(COLUMNS))
    corrected = None
    # Words the site has never used are typing accidents more often than not (Telex and
    # VNI are Vietnamese keyboards: other languages' queries are taken as typed).
    if query and vietnamese:
        unheld = words_not_held(query, ranked)
        if unheld:
            vocabulary = PublicVocabulary(engine, visible)
            vocabulary.present.update(
                (word, True) for word in {fold(w) for w in WORD.findall(query)} - unheld
            )
            corrected = recover_typing(query, vocabulary)
    if corrected:
        analysis = analyse(corrected, language)
        ranked = RankedSearch(engine, pages, analysis.analysed, list(COLUMNS))
    total = ranked.count()
    promoted = query_log.promoted_pages(query, pages)[:limit] if offset == 0 else []
    ranked_ids = [pk for pk, _ in ranked.slice(limit=limit, offset=offset)]
    window = promoted + [pk for pk in ranked_ids if pk not in promoted][: limit - len(promoted)]
    query_log.record_later(query, total)
    return SearchResults(
        query=query,
        analysis=analysis,
        ranked=ranked,
        total=total,
        ids=window,
        promoted=set(promoted),
        corrected_query=corrected,
        suggestion=did_you_mean(analysis.text, lambda: evidence(ranked, visible))
        if vietnamese
        else None,
    )


def words_not_held(query: str, ranked: RankedSearch) -> set[str]:
    """The query's folded words (numbers aside) that none of its best matches holds.

    The best matches are pages the reader may find, so a word they hold is known to
    the visible vocabulary: typing recovery would leave it as typed. Read from the
    index entries the reranker reads anyway (`RankedSearch.head_entries`, one read).
    """
    words = {fold(word) for word in WORD.findall(query)[:MAX_WORDS] if not word.isdigit()}
    held: set[str] = set()
    for entry in ranked.head_entries().values():
        held.update(entry.title.terms, entry.summary.terms, entry.body.terms)
    return words - held


def evidence(ranked: RankedSearch, visible) -> list[str]:
    """The searchable texts of the best matches (only those the reader may see): how
    the site spells the words of the query, for "did you mean"."""
    ids = [pk for pk, _ in ranked.slice(limit=EVIDENCE_PAGES)]
    pages = visible.filter(pk__in=ids).specific()
    return [text for page in pages for _, text in field_texts(page, page.get_search_fields())]
