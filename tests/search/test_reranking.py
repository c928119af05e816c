"""The second look at the best matches (search.reranking), on every backend."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Page

from articles.models import ArticlePage
from search.analysis import exact_term, is_exact_term
from search.documents import COLUMNS
from search.languages import analyse_query
from search.models import root_content_type
from search.reranking import RERANK_DEPTH, entries_of, rerank, reranked_slice
from tests.site_tree import add_published
from tests.vietnamese_text.test_normalise_and_fold import texts
from vietnamese_text.folding import fold
from vietnamese_text.normalise import syllables
from vietnamese_text.syllable import is_vietnamese_syllable

# A question that spells out one page's title, and a page that BM25 prefers: it
# repeats most of the question's words, in a title of its own.
QUESTION = "Hồ sơ đăng ký thường trú của công dân có chỗ ở hợp pháp gồm những gì?"


@pytest.fixture
def residence(search_backend, news_section):
    def article(title, lead, slug):
        return add_published(news_section, ArticlePage(title=title, lead=lead, slug=slug))

    return {
        "asked": article(
            "Hồ sơ đăng ký thường trú",
            "Hồ sơ của công dân gồm tờ khai thay đổi thông tin cư trú, giấy tờ khác.",
            "ho-so",
        ),
        "wordy": article(
            "Điều kiện đăng ký thường trú",
            "Công dân có chỗ ở hợp pháp được đăng ký thường trú tại chỗ ở đó.",
            "dieu-kien",
        ),
        "other": article("Tạm trú", "Công dân đăng ký tạm trú.", "tam-tru"),
        # Everyday words are in most pages, as on a real site.
        **{
            f"filler{n}": article(
                f"Tin tức số {n}", "Công dân có những ý kiến gì về việc của xã ở đó?", f"tin-{n}"
            )
            for n in range(8)
        },
    }


def engine_order(backend, query: str) -> list[int]:
    """The engine's BM25 order alone, before the second look."""
    pages = Page.objects.live()
    ranking = backend.engine.rank(pages, analyse_query(query), list(COLUMNS), None, 0)
    return [pk for pk, _ in ranking.hits]


def search(query: str) -> list[int]:
    return [page.pk for page in Page.objects.live().search(query)]


@pytest.mark.parametrize(
    "query", [QUESTION, "ho so dang ky thuong tru cua cong dan co cho o hop phap gom nhung gi"]
)
def test_a_query_that_spells_out_a_title_finds_that_page_first(residence, search_backend, query):
    # BM25 alone prefers the page that repeats the question's words...
    assert engine_order(search_backend, query)[0] == residence["wordy"].pk
    # ...the second look puts the page whose whole title was asked for first.
    assert search(query)[0] == residence["asked"].pk


def test_reranked_results_page_like_one_ranking(residence, search_backend, news_section):
    extra = [
        add_published(
            news_section,
            ArticlePage(title=f"Đăng ký thường trú, tin số {n}", lead="Công dân.", slug=f"t{n}"),
        )
        for n in range(RERANK_DEPTH + 5)
    ]
    results = Page.objects.live().search(QUESTION)
    everything = [page.pk for page in results]
    assert len(everything) == results.count() >= len(extra) + 2
    assert len(set(everything)) == len(everything)
    for size in (7, RERANK_DEPTH, 11):
        paged = []
        for start in range(0, len(everything), size):
            paged += [page.pk for page in results[start : start + size]]
        assert paged == everything


def test_equal_title_coverage_keeps_the_accent_exact_order(search_backend, news_section):
    pages = {
        word: add_published(
            news_section, ArticlePage(title=f"{word} tin tháng 9", lead="Tin.", slug=slug)
        )
        for word, slug in (("Bản", "a"), ("Bạn", "b"), ("Ban", "c"))
    }
    ranked = search("bản tin tháng 9")
    assert ranked.index(pages["Bản"].pk) < ranked.index(pages["Bạn"].pk)
    assert ranked.index(pages["Bản"].pk) < ranked.index(pages["Ban"].pk)


def test_rerank_never_lowers_a_score(residence):
    analysed = analyse_query(QUESTION)
    ranked = [(page.pk, 10.0 - n) for n, page in enumerate(residence.values())]
    entries = entries_of(root_content_type(Page).pk, [pk for pk, _ in ranked])
    reranked = dict(rerank(ranked, analysed, entries, ["title", "summary", "body"]))
    assert set(reranked) == {pk for pk, _ in ranked}
    assert all(reranked[pk] >= score for pk, score in ranked)


# --- slicing: the engine stands in as a list of (id, score), best first -----------------


def reverse_head(ranked):
    """A reranking that visibly reorders the head."""
    return list(reversed(ranked))


@given(
    total=st.integers(0, RERANK_DEPTH * 3),
    offset=st.integers(0, RERANK_DEPTH * 3),
    limit=st.one_of(st.none(), st.integers(1, RERANK_DEPTH * 2)),
)
def test_every_slice_is_a_slice_of_one_ranking(total, offset, limit):
    ranking = [(pk, float(total - pk)) for pk in range(total)]
    calls = []

    def engine(limit, offset):
        calls.append((limit, offset))
        return ranking[offset:] if limit is None else ranking[offset : offset + limit]

    def reranked_head():
        return reverse_head(engine(limit=RERANK_DEPTH, offset=0))

    whole = reverse_head(ranking[:RERANK_DEPTH]) + ranking[RERANK_DEPTH:]
    end = None if limit is None else offset + limit
    assert reranked_slice(engine, reranked_head, limit=limit, offset=offset) == whole[offset:end]
    # The engine is asked for at most the head and what the slice needs past it.
    assert len(calls) <= 2


# --- telling accent-exact terms from folded ones --------------------------------------


@given(texts)
def test_exact_terms_are_told_from_folded_ones(text):
    for word in syllables(text):
        if not any(char.isdigit() for char in word):
            assert not is_exact_term(fold(word))
        term = exact_term(word)
        if term and is_vietnamese_syllable(word):
            assert is_exact_term(term)


@pytest.mark.parametrize("term", ["hoa_giai", "2022", "h5n1", "covid19", "ubnd"])
def test_pairs_numbers_and_codes_are_not_exact_terms(term):
    assert not is_exact_term(term)


def test_the_search_api_reranks_once_per_request(residence, client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/search/", {"q": QUESTION})
    assert response.status_code == 200
    assert response.json()["items"][0]["id"] == residence["asked"].pk
    read_titles = '"vnsearch_indexentry"."title"'
    entry_reads = [query for query in queries.captured_queries if read_titles in query["sql"]]
    assert len(entry_reads) == 1
