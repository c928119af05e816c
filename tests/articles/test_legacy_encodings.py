"""Legacy Vietnamese encodings: TCVN3 (ABC) and VNI mojibake, windows-1258, UTF-8 read twice.

The phrases are the ones every Vietnamese office typed in these encodings for decades (the
national motto heads every official document), spelt as the published charts encode them.
"""

import unicodedata

import pytest

from articles.importing.legacy.encodings import (
    TCVN3,
    UNICODE,
    UTF8_AS_1252,
    VNI,
    WINDOWS_1258,
    TextRepair,
    TruncatedFile,
    candidate_words,
    choose_encoding,
    convert_text,
    decode_page,
    tcvn3_to_unicode,
    vni_to_unicode,
)

TCVN3_PHRASES = [
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Uû ban nh©n d©n tØnh Sãc Tr¨ng", "Uỷ ban nhân dân tỉnh Sóc Trăng"),
    # ư is the soft hyphen (0xAD), invisible in a windows-1252 font.
    ("Së T\u00ad ph¸p", "Sở Tư pháp"),
    ("Ban Th\u00adêng vô TØnh uû", "Ban Thường vụ Tỉnh uỷ"),
    ("§¶ng bé tØnh", "Đảng bộ tỉnh"),
]
VNI_PHRASES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("Baûo Thaéng", "Bảo Thắng"),
    ("Sôû Tö phaùp tænh Soùc Traêng", "Sở Tư pháp tỉnh Sóc Trăng"),
    ("ñöôïc hoøa giaûi thaønh", "được hòa giải thành"),
    ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
]


def to_windows_1258(text: str) -> bytes:
    """Encode as windows-1258 does: base letters precomposed, tone marks as combining bytes."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        marks = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
        out += base.encode("cp1258") + "".join(m for m in marks if m in tones).encode("cp1258")
    return out


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_PHRASES)
def test_tcvn3_table_decodes_real_phrases(legacy, expected):
    assert tcvn3_to_unicode(legacy) == expected


@pytest.mark.parametrize(("legacy", "expected"), VNI_PHRASES)
def test_vni_table_decodes_real_phrases(legacy, expected):
    assert vni_to_unicode(legacy) == expected


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_PHRASES)
def test_tcvn3_text_is_recognised_as_tcvn3(legacy, expected):
    assert choose_encoding(candidate_words(legacy)) == TCVN3


@pytest.mark.parametrize(("legacy", "expected"), VNI_PHRASES)
def test_vni_text_is_recognised_as_vni(legacy, expected):
    assert choose_encoding(candidate_words(legacy)) == VNI


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 23/9/2021, Ban Thường vụ Tỉnh ủy Sóc Trăng đã ban hành Chỉ thị số 05-CT/TU.",
        "Cà Mau",  # Vietnamese whose letters all exist in windows-1252
        "Hội nghị tại Sóc Trăng",
        "Société Générale à Paris",  # not Vietnamese, not mojibake either
        "© 2021 – “Thư viện ảnh”",
    ],
)
def test_unicode_text_is_left_alone(text):
    repair = TextRepair([text])

    assert repair.repair_text(text) == text
    assert repair.undecidable == []


def test_utf8_read_as_windows_1252_is_repaired():
    mojibake = "Bảo Thắng được".encode().decode("cp1252")

    assert choose_encoding(candidate_words(mojibake)) == UTF8_AS_1252
    assert convert_text(mojibake, UTF8_AS_1252) == "Bảo Thắng được"


def test_windows_1258_page_is_read_as_vietnamese():
    text = "Sở Tư pháp tỉnh Sóc Trăng tổ chức hội nghị tập huấn hòa giải"
    page = b'<meta charset="windows-1258"><p>' + to_windows_1258(text) + b"</p>"

    decoded = decode_page(page)
    body = decoded.text.split("<p>")[1].removesuffix("</p>")

    assert decoded.preferred == WINDOWS_1258
    assert TextRepair([body], decoded.preferred).repair_text(body) == text


def test_utf8_page_is_read_as_utf8():
    assert decode_page("<p>Thư viện ảnh</p>".encode()).text == "<p>Thư viện ảnh</p>"


def test_file_cut_inside_a_utf8_character_is_truncated():
    with pytest.raises(TruncatedFile):
        decode_page("<p>Hòa giải ở cơ sở".encode()[:-1])


def test_mixed_block_keeps_unicode_words_and_converts_tcvn3_ones():
    text = "Ngày 23/9/2021, B¶o Th¾ng tæ chøc héi nghÞ"

    assert TextRepair([text]).repair_text(text) == "Ngày 23/9/2021, Bảo Thắng tổ chức hội nghị"


def test_short_block_follows_the_page_majority():
    """ "tæ" alone is ambiguous; on a TCVN3 page it is TCVN3."""
    page = ["Céng hoµ x· héi chñ nghÜa ViÖt Nam", "§éc lËp - Tù do - H¹nh phóc", "tæ"]

    repair = TextRepair(page)

    assert repair.repair_text("tæ") == "tổ"


def test_font_hint_settles_a_word_both_tables_read():
    assert TextRepair([]).repair_text("Nghò", hint=VNI) == "Nghị"


def test_text_no_table_explains_is_reported_not_converted():
    """TCVN3 and VNI mixed in one sentence: neither reading makes it Vietnamese."""
    text = "B¶o Th¾ng Vieät Nam Coäng hoøa tæ chøc"

    repair = TextRepair([text])

    assert repair.repair_text(text) == text
    assert repair.undecidable == [text]


def test_converted_encodings_are_named_for_the_report():
    repair = TextRepair(["B¶o Th¾ng"])
    repair.repair_text("B¶o Th¾ng")

    assert repair.describe() == "TCVN3 (ABC)"


def test_ascii_text_needs_no_decision():
    assert choose_encoding(candidate_words("Phong PBGDPL 05-CT/TU")) == UNICODE
