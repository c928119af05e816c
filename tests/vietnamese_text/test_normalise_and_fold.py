"""Specification of normalising, folding and Telex/VNI decoding (vietnamese_text; pure Python)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vietnamese_text.folding import fold, strip_marks
from vietnamese_text.input_methods import decode_typing
from vietnamese_text.normalise import normalise, syllables
from vietnamese_text.syllable import is_vietnamese_syllable

TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]  # huyền sắc ngã hỏi nặng
MODIFIERS = ["\u0302", "\u0306", "\u031b"]  # circumflex breve horn
VOWELS = [
    unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in ["", *TONES]
]
VIETNAMESE_CHARS = (
    VOWELS
    + [vowel.upper() for vowel in VOWELS]
    + list("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX")
    + ["\u00d0", "\u0189", "\u00f0", "\u0256"]  # Đ/đ look-alikes
    + TONES
    + MODIFIERS
    + ["\u0308", "\u0345", " ", "-", "/", ".", "0", "9"]
)
texts = st.text(alphabet=st.one_of(st.sampled_from(VIETNAMESE_CHARS), st.characters()))

# New-style spelling (the canonical form) -> old-style spelling of the same word.
OLD_STYLE = {
    "hoà": "hòa",
    "thuỷ": "thủy",
    "uỷ": "ủy",
    "khoẻ": "khỏe",
    "toà": "tòa",
    "loè": "lòe",
    "thuý": "thúy",
    "đoá": "đóa",
    "hoạ": "họa",
    "xoá": "xóa",
    "thuỵ": "thụy",
    "loã": "lõa",
    "nhoè": "nhòe",
    "tuỳ": "tùy",
    "luỹ": "lũy",
}


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _eth(text: str) -> str:
    return text.replace("Đ", "\u00d0").replace("đ", "\u00f0")


def _african_d(text: str) -> str:
    return text.replace("Đ", "\u0189").replace("đ", "\u0256")


SPELLING_CHANGES = [_nfd, str.upper, str.title, str.capitalize, _eth, _african_d]


@st.composite
def spelling_variants(draw: st.DrawFn) -> tuple[str, str]:
    """A (canonical form, some other spelling of the same word) pair."""
    canonical, old = draw(st.sampled_from(sorted(OLD_STYLE.items())))
    variant = draw(st.sampled_from([canonical, old]))
    for change in draw(st.lists(st.sampled_from(SPELLING_CHANGES), max_size=4)):
        variant = change(variant)
    return canonical, variant


# --- normalise ----------------------------------------------------------------------------------


@given(texts)
def test_normalise_is_idempotent(text):
    assert normalise(normalise(text)) == normalise(text)


@given(texts)
def test_nfd_text_normalises_like_its_nfc_form(text):
    assert normalise(_nfd(text)) == normalise(unicodedata.normalize("NFC", text))


@given(spelling_variants())
def test_every_spelling_of_a_word_normalises_to_one_form(pair):
    canonical, variant = pair
    assert normalise(variant) == canonical


def test_old_and_new_tone_placement_normalise_to_one_form():
    for new, old in OLD_STYLE.items():
        assert normalise(old) == normalise(new) == new


def test_canonical_placement_is_the_new_style():
    assert normalise("Hòa giải ở cơ sở") == "hoà giải ở cơ sở"
    assert normalise("Ủy ban nhân dân") == normalise("Uỷ ban nhân dân") == "uỷ ban nhân dân"
    assert normalise("KHỎE") == "khoẻ"


def test_stray_combining_marks_compose():
    assert normalise("a\u0300") == "à"
    assert normalise("Vie\u0302\u0323t") == "việt"
    assert normalise("a\u0301\u0306") == "ắ"  # tone typed before the breve


@pytest.mark.parametrize("lookalike", ["\u00d0", "\u0189", "\u00f0", "\u0256"])
def test_d_lookalikes_become_d_with_stroke(lookalike):
    assert normalise(lookalike + "ảng") == "đảng"


@pytest.mark.parametrize("stroke", ["\u0335", "\u0336"])
def test_d_with_a_combining_stroke_becomes_d_with_stroke(stroke):
    assert normalise("D" + stroke + "ảng") == normalise("d" + stroke + "ảng") == "đảng"
    assert fold("D" + stroke + "ảng") == "dang"


def test_strip_marks_keeps_case_and_punctuation():
    assert strip_marks("Hòa giải, ĐÔNG Anh!") == "Hoa giai, DONG Anh!"


@pytest.mark.parametrize("word", ["quả", "quý", "quỹ", "quỳnh", "quá", "quyết", "quở"])
def test_qu_is_an_onset_so_the_mark_stays_on_the_following_vowel(word):
    assert normalise(word) == word
    assert normalise(word.upper()) == word


@pytest.mark.parametrize(
    "word", ["hoàng", "toán", "khuyến", "thuyết", "huỳnh", "hoạch", "khuýt", "xoèn"]
)
def test_closed_syllables_keep_their_mark(word):
    assert normalise(word) == word


@pytest.mark.parametrize("word", ["giữa", "giá", "giỏi", "gìn", "giường"])
def test_gi_is_an_onset(word):
    assert normalise(word) == word


@pytest.mark.parametrize(
    "word",
    ["hoa", "thuy", "uy", "khoe", "ngoài", "xoáy", "khuỷu", "thuế", "của", "kìa", "người", "hoá"],
)
def test_unmarked_words_and_words_marked_elsewhere_are_unchanged(word):
    assert normalise(word) == word


def test_marks_only_move_within_one_syllable():
    assert normalise("hò a") == "hò a"
    assert normalise("hò-a") == "hò-a"
    assert normalise("hò1a") == "hò1a"


# --- fold ---------------------------------------------------------------------------------------


@given(texts)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(texts)
def test_fold_does_not_depend_on_prior_normalisation(text):
    assert fold(text) == fold(normalise(text))


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng", "dang"),
        ("dang", "dang"),
        ("lợi", "loi"),
        ("loi", "loi"),
        ("Nghị định", "nghi dinh"),
        ("Hòa giải ở cơ sở", "hoa giai o co so"),
        ("ăn ấm ếch ôm ơn ưa", "an am ech om on ua"),
        ("\u00d0ÔNG", "dong"),
    ],
)
def test_fold_removes_every_diacritic_and_maps_d_with_stroke_to_d(text, folded):
    assert fold(text) == folded


# --- syllables ----------------------------------------------------------------------------------


def test_syllables_split_on_punctuation_and_keep_stop_words():
    assert syllables("Nghị định số 15/2020/NĐ-CP: không áp dụng.") == [
        "nghị",
        "định",
        "số",
        "15",
        "2020",
        "nđ",
        "cp",
        "không",
        "áp",
        "dụng",
    ]


def test_syllables_keep_decomposed_letters_together():
    assert syllables(_nfd("Thủy lợi")) == ["thuỷ", "lợi"]


@given(texts)
def test_syllables_are_normalised_and_never_empty(text):
    for syllable in syllables(text):
        assert syllable
        assert normalise(syllable) == syllable


# --- decode_typing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("hoaf giair", "hòa giải"),
        ("hoa2 giai3", "hòa giải"),
        ("nghij ddinhj", "nghị định"),
        ("chir thij", "chỉ thị"),
        ("tuw phaps", "tư pháp"),
        ("truwowngf", "trường"),
        ("truongwf", "trường"),
        ("nguwowif", "người"),
        ("nguoiwf", "người"),
        ("thuowr", "thuở"),
        ("tieengs vieetj", "tiếng việt"),
        ("quoocs hooij", "quốc hội"),
        ("ngu7o7i2 d9a3ng", "người đảng"),
        ("nguoi72 da6n", "người dân"),
        ("hofa", "hòa"),
    ],
)
def test_decode_typing_recovers_telex_and_vni(typed, meant):
    assert decode_typing(typed) == normalise(meant)


@pytest.mark.parametrize("token", ["covid", "ubnd", "2022", "05-ct/tu", "ok", "COVID-19", "hòaf"])
def test_decode_typing_leaves_tokens_that_are_not_typed_vietnamese_alone(token):
    assert decode_typing(token) == token


def test_decode_typing_keeps_separators_and_case():
    assert decode_typing("Ddangr, UBND tinhr!") == "Đảng, UBND tỉnh!"


REAL_WORDS = (
    ["hoà", "giải", "nghị", "định", "trường", "người", "thuở", "quốc", "việt", "uỷ", "ban"]
    + ["nhân", "dân", "tỉnh", "thành", "phố", "xã", "huyện", "khoẻ", "thuỷ", "lợi", "đảng"]
    + ["cộng", "sản", "chính", "phủ", "quyết", "thông", "tư", "chỉ", "thị", "pháp", "luật"]
    + ["giữa", "quỹ", "quỳnh", "huỳnh", "khuyến", "ngoài", "xoáy", "khuỷu", "tuần", "hoặc"]
    + ["thuế", "kìa", "của", "gì", "gìn", "yêu", "hưu", "cừu", "tiếng", "điều", "ươm"]
)
TELEX = {"ă": "aw", "â": "aa", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
TELEX_TONE = dict(zip(TONES, "fsxrj", strict=True))
VNI = {"ă": "a8", "â": "a6", "ê": "e6", "ô": "o6", "ơ": "o7", "ư": "u7", "đ": "d9"}
VNI_TONE = dict(zip(TONES, "21435", strict=True))


def _type_without_input_method(word: str, keys: dict[str, str], tone_keys: dict[str, str]) -> str:
    """Type `word` the way a user would in Telex/VNI, the tone key at the end of the word."""
    typed, tone = "", ""
    for ch in _nfd(word):
        if ch in tone_keys:
            tone = tone_keys[ch]
        elif unicodedata.combining(ch):
            typed = typed[:-1] + unicodedata.normalize("NFC", typed[-1] + ch)
        else:
            typed += ch
    return "".join(keys.get(letter, letter) for letter in typed) + tone


@given(st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=6))
def test_decode_typing_recovers_any_telex_phrase(words):
    typed = " ".join(_type_without_input_method(word, TELEX, TELEX_TONE) for word in words)
    assert decode_typing(typed) == " ".join(words)


@given(st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=6))
def test_decode_typing_recovers_any_vni_phrase(words):
    typed = " ".join(_type_without_input_method(word, VNI, VNI_TONE) for word in words)
    assert decode_typing(typed) == " ".join(words)


@given(st.text(alphabet=st.sampled_from("adefgijnoqrstuwxyADW0123456789 -/")))
def test_decode_typing_is_idempotent(text):
    assert decode_typing(decode_typing(text)) == decode_typing(text)


@pytest.mark.parametrize("token", ["hoà", "Thủy", "nghiêng", "quyết", "gì", "ươm", "ư", "khuỷu"])
def test_real_syllables_have_a_vietnamese_shape(token):
    assert is_vietnamese_syllable(token)


@pytest.mark.parametrize("token", ["covid", "ubnd", "2022", "ok", "ăn1", "hoá̀", "tiê", "áṕ", "ảc"])
def test_non_syllables_do_not(token):
    assert not is_vietnamese_syllable(token)
