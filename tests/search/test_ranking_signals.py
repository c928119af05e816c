"""The reranker's signals (search.features, weighed by search.learned's model file) do what
they are for, on every backend, with small pages built here."""

import json
import unicodedata

import pytest
from wagtail.models import Page

from articles.models import ArticlePage
from search.analysis import index_terms
from search.documents import COLUMNS
from search.features import (
    FEATURES,
    Boilerplate,
    Entry,
    Field,
    QueryTerms,
    best_window,
    features,
)
from search.languages import analyse_query
from search.learned import MODEL_PATH, Model, model
from tests.site_tree import add_published


def article(section, title: str, lead: str, slug: str, body: str = "") -> ArticlePage:
    page = ArticlePage(title=title, lead=lead, slug=slug)
    if body:
        page.body = [("paragraph", f"<p>{body}</p>")]
    return add_published(section, page)


def engine_scores(backend, query: str) -> dict[int, float]:
    """The engine's BM25 alone, before the second look."""
    ranking = backend.engine.rank(Page.objects.live(), analyse_query(query), list(COLUMNS), None, 0)
    return dict(ranking.hits)


def search(query: str) -> list[int]:
    return [page.pk for page in Page.objects.live().search(query)]


def fillers(section, count: int = 6):
    """Everyday words are in most pages, as on a real site."""
    return [
        article(section, f"Tin tức số {n}", "Người dân hỏi về việc của xã, có được không?", f"t{n}")
        for n in range(count)
    ]


# --- Question boilerplate -------------------------------------------------------------------


def test_boilerplate_words_weigh_less_than_topic_words():
    boilerplate = model().boilerplate
    asked = QueryTerms.of(
        analyse_query("Người lao động được nghỉ hằng năm, đúng hay sai?"), boilerplate
    )
    assert asked.pairs["dung_hay"] < 0.5 and asked.pairs["hay_sai"] < 0.5
    assert asked.pairs["nghi_hang"] == 1.0
    assert asked.syllables["nghi"] > 2 * asked.syllables["dung"]


def test_boilerplate_words_do_not_decide_a_ranking(search_backend, news_section):
    query = "Người lao động có được nghỉ hằng năm hưởng nguyên lương không, đúng hay sai?"
    boilerplate = article(
        news_section,
        "Đúng hay sai: người lao động có được không",
        "Đúng hay sai? Người lao động có được không? Đúng hay sai thì người lao động được "
        "hỏi ý kiến.",
        "dung-hay-sai",
    )
    topic = article(
        news_section,
        "Nghỉ hằng năm",
        "Người lao động làm đủ 12 tháng được nghỉ hằng năm, hưởng nguyên lương.",
        "nghi-hang-nam",
    )
    fillers(news_section)
    # Holds through the title and pair coverage of the shipped weights: the topic's pairs
    # ("nghỉ hằng năm", "nguyên lương") are held by one page only.
    assert search(query)[0] == topic.pk
    assert search(query).index(boilerplate.pk) > 0


# --- Proximity ------------------------------------------------------------------------------


def test_proximity_breaks_a_tie(search_backend, news_section):
    # The same words, so the same BM25: in one page the question's words meet in one
    # clause, in the other they are far apart. The far page is older (a lower id, which
    # the engines' own tie-break prefers).
    filler = "các bên cùng thống nhất ký kết văn bản này để thực hiện lâu dài"
    far = article(
        news_section,
        "Thông báo",
        f"Giấy phép {filler} xây dựng {filler} nhà ở {filler} riêng lẻ.",
        "far",
    )
    near = article(
        news_section,
        "Thông báo",
        f"Giấy phép {filler} {filler} {filler} xây dựng riêng lẻ nhà ở.",
        "near",
    )
    query = "giấy phép cho nhà ở riêng lẻ cần gì"
    scores = engine_scores(search_backend, query)
    assert scores[far.pk] == pytest.approx(scores[near.pk])
    ranked = search(query)
    assert ranked.index(near.pk) < ranked.index(far.pk)


# --- The features themselves ----------------------------------------------------------------


def entry(title: str = "", summary: str = "", body: str = "") -> Entry:
    return Entry.of(*(" ".join(index_terms(text)) for text in (title, summary, body)))


def test_a_field_reads_back_its_folded_syllables_in_order():
    field = Field.of(" ".join(index_terms("Hồ sơ đăng ký thường trú")))
    assert field.sequence == ("ho", "so", "dang", "ky", "thuong", "tru")
    assert "dang_ky" in field.terms and "d9a8ng" not in field.terms
    assert Field.of(" ".join(index_terms("Đất"))).sequence == ("dat",)
    assert Field.of("").sequence == ()


def test_best_window_counts_distinct_weighted_syllables():
    weights = {"a": 1.0, "b": 1.0, "c": 2.0}
    assert best_window(("a", "x", "b", "x", "c"), weights, 5) == 1.0
    assert best_window(("a", "x", "b", "x", "c"), weights, 3) == pytest.approx(3 / 4)
    assert best_window(("a", "a", "a"), weights, 10) == pytest.approx(1 / 4)
    assert best_window((), weights, 10) == 0.0


QUESTION = "Hồ sơ đăng ký thường trú gồm những gì, đúng hay sai?"


@pytest.mark.parametrize(
    "spelling",
    [
        QUESTION,
        "Ho so dang ky thuong tru gom nhung gi, dung hay sai?",
        unicodedata.normalize("NFD", QUESTION),
        "hồ sơ đăng ký thường trú gồm những gì, ĐÚNG HAY SAI?",
    ],
)
def test_features_are_the_same_for_every_spelling(spelling):
    page = entry("Luật Cư trú – Hồ sơ đăng ký thường trú", "Hồ sơ gồm tờ khai.", "Gồm tờ khai.")
    boilerplate = model().boilerplate
    written = QueryTerms.of(analyse_query(QUESTION), boilerplate)
    other = QueryTerms.of(analyse_query(spelling), boilerplate)
    assert other == written
    assert features(other, page, 0.5) == features(written, page, 0.5)


def test_the_shipped_model_loads_and_names_only_known_features():
    saved = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    loaded = Model.from_dict(saved)
    assert set(loaded.weights) <= set(FEATURES) and loaded.depth >= 10
    assert loaded.weights.get("bm25", 0) > 0
    with pytest.raises(ValueError, match="unknown features"):
        Model.from_dict({**saved, "weights": {"colour": 1.0}})
    assert Boilerplate({"dung": 1.0}, 0.02).weight("dung") == 0.0
