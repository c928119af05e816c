"""Khmer normalisation and word segmentation for search (search.khmer).

The Khmer strings here are our own test material, written for these tests.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search import khmer

COENG = "\u17d2"
LAW = "ច្បាប់"  # ច + COENG + ប + ា + ប + ់


def test_a_vowel_typed_before_the_subscript_goes_after_it():
    careless = "ច" + "\u17b6" + COENG + "ប" + "ប់"
    assert khmer.normalise(careless) == LAW


def test_subscript_ro_goes_after_the_other_subscript():
    woman = "ស" + COENG + "ត" + COENG + "រ" + "\u17b8"  # ស្ត្រី
    assert khmer.normalise("ស" + COENG + "រ" + COENG + "ត" + "\u17b8") == woman


def test_a_split_vowel_is_joined():
    assert khmer.normalise("ដ\u17c1\u17b8ម") == "ដើម"  # េ + ី → ើ


def test_register_shifter_goes_before_the_vowel():
    assert khmer.normalise("ម\u17b6\u17c9ក") == "ម\u17c9\u17b6ក"  # ម៉ាក


def test_zero_width_spaces_are_removed():
    assert khmer.normalise("ការ\u200bផ្សះផ្សា") == "ការផ្សះផ្សា"


def test_a_mark_typed_twice_counts_once():
    assert khmer.normalise("ក\u17b6\u17b6") == "ក\u17b6"


def test_text_without_khmer_is_only_composed():
    assert khmer.normalise("ho\u0300a giải") == "hòa giải"


def test_subscript_da_and_subscript_ta_search_alike():
    assert khmer.search_form("បណ្ដាល") == khmer.search_form("បណ្តាល")


def test_khmer_digits_search_as_ascii_digits():
    assert khmer.search_form("លេខ ០៥") == "លេខ 05"


@given(st.text(alphabet=[chr(c) for c in range(0x1780, 0x17DE)] + ["\u200b", " "], max_size=30))
def test_normalising_twice_changes_nothing(text):
    once = khmer.normalise(text)
    assert khmer.normalise(once) == once


@given(st.text(alphabet=[chr(c) for c in range(0x1780, 0x17DE)], max_size=30))
def test_normalising_keeps_every_letter(text):
    # Only the order of marks in a cluster changes (and a doubled mark or split vowel).
    letters = [ch for ch in text if "\u1780" <= ch <= "\u17b3"]
    assert [ch for ch in khmer.normalise(text) if "\u1780" <= ch <= "\u17b3"] == letters


def test_words_are_cut_out_of_unspaced_text():
    assert khmer.words("ការផ្សព្វផ្សាយច្បាប់") == ["ការផ្សព្វផ្សាយ", LAW]


def test_words_of_carelessly_typed_text_are_the_same_words():
    careless = "ការ\u200bផ្សព្វផ្សាយ" + "ច" + "\u17b6" + COENG + "ប" + "ប់"
    assert khmer.words(careless) == khmer.words("ការផ្សព្វផ្សាយច្បាប់")


def test_words_leave_out_punctuation_and_latin_text():
    assert khmer.words("ច្បាប់។ UBND") == [LAW]


@pytest.mark.parametrize("text", ["", "   ", "UBND tỉnh", "០៥"])
def test_text_with_no_khmer_letters_has_no_khmer_words(text):
    assert khmer.words(text) == []


def test_clusters_keep_subscripts_with_their_base():
    assert khmer.clusters(LAW) == ["ច្បា", "ប់"]
