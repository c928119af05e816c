"""How Vietnamese queries match, on every backend."""

import pytest
from wagtail.models import Page

from articles.models import ArticlePage, DirectivePage
from tests.site_tree import add_published


@pytest.fixture
def corpus(search_backend, news_section, directive_register, directive_type):
    def article(title, lead="", slug=None):
        return add_published(news_section, ArticlePage(title=title, lead=lead, slug=slug))

    pages = {
        "hoa_giai": article(
            "Tập huấn hòa giải ở cơ sở năm 2021", "Hòa giải viên ở cơ sở được tập huấn.", "hg"
        ),
        "ban": article("Bản tin tư pháp tháng 9", "Bản tin định kỳ.", "ban-tin"),
        "ban_be": article("Bạn đọc hỏi về thủ tục", "Bạn đọc gửi câu hỏi.", "ban-doc"),
        "ban_plain": article("Ban chỉ đạo họp phiên thứ nhất", "Ban chỉ đạo tỉnh.", "ban-cd"),
        "dang": article("Đảng bộ tỉnh tổng kết", "Đảng ủy khối.", "dang-bo"),
        "loi": article("Quyền lợi của người lao động", "Lợi ích hợp pháp.", "quyen-loi"),
        "scattered": article("Giải thưởng cơ sở vật chất", "Hòa nhạc ở nhà văn hóa.", "scattered"),
        "directive": add_published(
            directive_register,
            DirectivePage(
                title="Chỉ thị về tăng cường lãnh đạo công tác hòa giải",
                number="05-CT/TU",
                document_type=directive_type,
                abstract="Tăng cường sự lãnh đạo của Đảng.",
                slug="ct-05",
            ),
        ),
        "decree": add_published(
            directive_register,
            DirectivePage(
                title="Nghị định quy định chi tiết Luật Tiếp cận thông tin",
                number="42/2022/NĐ-CP",
                slug="nd-42",
            ),
        ),
    }
    return pages


def search(query: str, model=Page) -> list[int]:
    return [page.pk for page in model.objects.live().search(query)]


def test_unaccented_query_finds_accented_title(corpus):
    assert search("hoa giai o co so")[0] == corpus["hoa_giai"].pk


@pytest.mark.parametrize("query", ["dang", "Đảng", "ĐẢNG", "Ðảng"])
def test_d_with_stroke_folds_to_d(corpus, query):
    assert corpus["dang"].pk in search(query)


def test_letters_with_two_marks_fold(corpus):
    assert corpus["loi"].pk in search("loi ich")


def test_old_and_new_tone_placement_find_the_same_pages(corpus):
    assert search("hoà giải") == search("hòa giải")


def test_decomposed_unicode_query_finds_the_same_pages(corpus):
    import unicodedata

    assert search(unicodedata.normalize("NFD", "hòa giải")) == search("hòa giải")


def test_accented_query_ranks_exact_accents_first(corpus):
    ranked = search("bản")
    assert ranked.index(corpus["ban"].pk) < ranked.index(corpus["ban_be"].pk)
    assert ranked.index(corpus["ban"].pk) < ranked.index(corpus["ban_plain"].pk)


def test_adjacent_syllables_rank_above_scattered_ones(corpus):
    ranked = search("hòa giải cơ sở")
    assert ranked.index(corpus["hoa_giai"].pk) < ranked.index(corpus["scattered"].pk)


@pytest.mark.parametrize("query", ["05-CT/TU", "05/CT-TU", "05 ct tu", "05-ct/tu", "chỉ thị 05"])
def test_document_number_variants_put_the_directive_first(corpus, query):
    assert search(query)[0] == corpus["directive"].pk


@pytest.mark.parametrize("query", ["42/2022/NĐ-CP", "42/2022/ND-CP", "nd 42 2022"])
def test_state_document_number_variants_put_the_decree_first(corpus, query):
    assert search(query)[0] == corpus["decree"].pk


def test_drafts_are_never_found(corpus, news_section):
    draft = ArticlePage(title="Bản nháp hòa giải bí mật", slug="draft", live=False)
    news_section.add_child(instance=draft)
    draft.save_revision()
    assert draft.pk not in search("bí mật")


def test_unpublished_page_disappears_from_results(corpus):
    corpus["dang"].unpublish()
    assert corpus["dang"].pk not in search("đảng bộ")


def test_deleted_page_leaves_the_index(corpus):
    from search.models import IndexEntry

    pk = corpus["dang"].pk
    corpus["dang"].delete()
    assert not IndexEntry.objects.filter(object_id=pk).exists()


def test_filters_on_the_queryset_are_respected(corpus):
    results = DirectivePage.objects.live().search("hòa giải")
    assert [page.pk for page in results] == [corpus["directive"].pk]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?",
        'title:* AND OR NOT "unbalanced',
        ".*[a-z]+(?=x)",
        "'; DROP TABLE wagtailcore_page; --",
        "😀 hòa giải",
        "a\x00b",
        "x" * 100_000,
        "ሰላም мир 和平 hòa",
    ],
)
def test_hostile_queries_never_fail(corpus, query):
    results = Page.objects.live().search(query)
    assert isinstance(list(results), list)
    assert results.count() >= 0


def test_count_matches_results(corpus):
    results = Page.objects.live().search("hòa giải")
    assert results.count() == len(list(results))


@pytest.fixture
def agencies(search_backend, news_section):
    return {
        "full": add_published(
            news_section,
            ArticlePage(title="Ủy ban nhân dân tỉnh họp thường kỳ", slug="ubnd-full"),
        ),
        "short": add_published(
            news_section, ArticlePage(title="UBND huyện Mỹ Xuyên tiếp dân", slug="ubnd-short")
        ),
        "party": add_published(
            news_section, ArticlePage(title="Tỉnh ủy ban hành nghị quyết", slug="tinh-uy")
        ),
        "justice": add_published(news_section, ArticlePage(title="Tư pháp cơ sở", slug="tu-phap")),
    }


def test_abbreviation_finds_the_full_name(agencies):
    assert agencies["full"].pk in search("UBND")


def test_full_name_finds_the_abbreviation(agencies):
    assert agencies["short"].pk in search("ủy ban nhân dân")


def test_an_abbreviation_that_is_also_a_syllable_expands_only_in_capitals(agencies):
    assert agencies["party"].pk in search("TU")
    assert agencies["party"].pk not in search("tư")


def test_an_abbreviation_added_by_an_editor_is_used_at_once(agencies, news_section):
    from search.models import Abbreviation

    page = add_published(news_section, ArticlePage(title="Sở Nội vụ tuyển dụng", slug="snv"))
    assert page.pk not in search("SNV")
    Abbreviation.objects.create(abbreviation="SNV", expansion="Sở Nội vụ")
    assert page.pk in search("SNV")


def test_at_least_forty_government_abbreviations_ship():
    from search.abbreviations import DEFAULT_ABBREVIATIONS

    assert len({abbreviation for abbreviation, _ in DEFAULT_ABBREVIATIONS}) >= 40
