"""The one way into search: a query analysed once, ranked once, its analysis reused.

    typed text ──analyse──▶ QueryAnalysis ──engine.rank()──▶ ids, scores, degraded
                                 │                 └─ the best reranked (search.reranking)
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
from search.documents import COLUMNS
from search.engines import Engine
from search.languages import STEM_MARK, VIETNAMESE, analyse_query
from search.ranking import RankedSearch
from search.suggest import PublicVocabulary, did_you_mean, recover_typing


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
    """Rank `pages` (a queryset of what may be found) for what was typed.

    `visible` are the pages the reader may see in this language: their words are the
    vocabulary of typing recovery and "did you mean", never a hidden page's.
    """
    # NFC first: keyboards that send decomposed marks must not split words.
    query = unicodedata.normalize("NFC", typed.replace("\x00", " ")).strip()
    engine = search_engine()
    vocabulary = PublicVocabulary(engine, visible)
    vietnamese = language == VIETNAMESE
    # Words the site has never used are typing accidents more often than not (Telex and
    # VNI are Vietnamese keyboards: other languages' queries are taken as typed).
    corrected = recover_typing(query, vocabulary) if query and vietnamese else None
    analysis = analyse(corrected or query, language)
    ranked = RankedSearch(engine, pages, analysis.analysed, list(COLUMNS), vocabulary.memo)
    total = ranked.count()
    promoted = query_log.promoted_pages(query, pages)[:limit] if offset == 0 else []
    ranked_ids = [pk for pk, _ in ranked.slice(limit=limit, offset=offset)]
    window = promoted + [pk for pk in ranked_ids if pk not in promoted][: limit - len(promoted)]
    query_log.record(query, total)
    return SearchResults(
        query=query,
        analysis=analysis,
        ranked=ranked,
        total=total,
        ids=window,
        promoted=set(promoted),
        corrected_query=corrected,
        suggestion=did_you_mean(analysis.text, analysis.analysed, vocabulary)
        if vietnamese
        else None,
    )
