""" "Did you mean": marks restored from whole phrases of the site's public text.

Per syllable, "ky nang" became "kỳ nâng" (kỳ and nâng are each the commonest
spelling on the site); the pair's own commonest spelling is "kỹ năng". Document
numbers typed with spaces ("05 ct tu") are never given marks ("05 ct tư").
"""

import pytest

from articles.factories import ArticlePageFactory, DirectivePageFactory
from search.suggest import document_number_words, restore_marks
from tests.hidden_pages import make_hidden


@pytest.fixture
def site(search_backend, news_section, directive_register):
    def article(title, lead):
        return ArticlePageFactory(parent=news_section, title=title, lead=lead)

    # Each syllable alone is commonest with other marks: kỳ (3 pages), nâng (3 pages).
    article("Kỳ họp thứ nhất Hội đồng nhân dân", "Kỳ họp bàn về nâng cao chất lượng.")
    article("Kỳ thi tuyển công chức", "Nâng ngạch công chức kỳ này.")
    article("Nâng cao hiệu quả tư vấn", "Thông tin về kỳ báo cáo.")
    # The pair is always "kỹ năng".
    article("Bồi dưỡng kỹ năng hòa giải", "Kỹ năng hòa giải ở cơ sở cho hòa giải viên.")
    article("Kỹ năng tuyên truyền pháp luật", "Tập huấn kỹ năng cho báo cáo viên.")
    # "tư" is everywhere (Tư pháp, tư vấn); the directive's number is 05-CT/TU.
    article("Sở Tư pháp tư vấn pháp luật", "Tư vấn miễn phí tại Sở Tư pháp.")
    DirectivePageFactory(
        parent=directive_register,
        title="Chỉ thị về tăng cường công tác hòa giải",
        number="05-CT/TU",
        abstract="Chỉ thị của Tỉnh ủy về hòa giải ở cơ sở.",
    )
    return news_section


def suggestion(client, query: str) -> str | None:
    response = client.get("/api/search/", {"q": query})
    assert response.status_code == 200, response.content
    return response.json()["suggestion"]


def test_pair_takes_its_own_commonest_spelling_not_each_syllables(client, site):
    assert suggestion(client, "ky nang") == "kỹ năng"


def test_longer_phrase_is_restored_as_the_site_writes_it(client, site):
    assert suggestion(client, "ky nang hoa giai") == "kỹ năng hoà giải"  # new-style tone


def test_single_word_takes_its_commonest_spelling(client, site):
    assert suggestion(client, "ky") == "kỳ"


def test_words_the_site_never_uses_are_left_as_typed(client, site):
    assert suggestion(client, "ky nang xyz") == "kỹ năng xyz"


@pytest.mark.parametrize("query", ["05 ct tu", "05 CT TU", "05 ct/tu", "42 2022 nd cp"])
def test_document_number_gets_no_suggestion(client, site, query):
    assert suggestion(client, query) is None


def test_words_around_a_document_number_are_restored_and_the_number_kept(client, site):
    assert suggestion(client, "chi thi 05 ct tu") == "chỉ thị 05 ct tu"


def test_accented_query_gets_no_suggestion(client, site):
    assert suggestion(client, "kỹ năng") is None


@pytest.mark.parametrize("state", ["draft", "expired", "private"])
def test_hidden_pages_spelling_never_wins(client, site, state):
    for number in range(3):
        make_hidden(
            state,
            ArticlePageFactory,
            site,
            title=f"Kỷ năng số {number}",
            lead="Kỷ năng kỷ năng kỷ năng.",
        )
    assert suggestion(client, "ky nang") == "kỹ năng"


# --- the rules, without a site ---------------------------------------------------------------


def test_restore_marks_prefers_the_pairs_spelling_to_each_syllables():
    texts = ["Kỳ họp", "kỳ thi", "Nâng cao", "nâng ngạch", "Kỹ năng mềm"]
    assert restore_marks(["ky", "nang"], texts) == ["kỹ", "năng"]
    assert restore_marks(["ky"], texts) == ["kỳ"]


def test_restore_marks_counts_texts_before_repetitions():
    texts = ["kỷ năng kỷ năng kỷ năng", "kỹ năng", "Kỹ năng"]
    assert restore_marks(["ky", "nang"], texts) == ["kỹ", "năng"]


@pytest.mark.parametrize(
    ("words", "number"),
    [
        (["05", "ct", "tu"], {0, 1, 2}),
        (["chi", "thi", "05", "ct", "tu", "ve", "hoa", "giai"], {2, 3, 4}),
        (["42", "2022", "nd", "cp"], {0, 1, 2, 3}),
        (["5", "nguoi", "chet"], set()),  # a number and words, not a document number
        (["nam", "2021"], set()),
    ],
)
def test_document_number_words_are_found_by_the_one_parser(words, number):
    assert document_number_words(words) == number
