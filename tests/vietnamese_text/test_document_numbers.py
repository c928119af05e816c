"""Specification of the Vietnamese document number (số ký hiệu) parser.

Pure Python: run with ``pytest tests/vietnamese_text/test_document_numbers.py -p no:django``.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vietnamese_text.document_numbers import (
    DOCUMENT_TYPE_CODES,
    DocumentNumber,
    canonical_type_code,
    find_document_numbers,
    parse_document_number,
)

# (text, number, year, type_code, issuer_code, convention)
REAL_NUMBERS = [
    # Party convention (Quy định 66-QĐ/TW): number-TYPE/ISSUER, no year.
    ("05-CT/TU", "05", None, "CT", "TU", "party"),
    ("12-NQ/TW", "12", None, "NQ", "TW", "party"),
    ("35-KL/TW", "35", None, "KL", "TW", "party"),
    ("01-QĐi/TW", "01", None, "QĐi", "TW", "party"),
    ("15-QĐ/TU", "15", None, "QĐ", "TU", "party"),
    ("218-QĐ/TW", "218", None, "QĐ", "TW", "party"),
    ("102-HD/BTGTU", "102", None, "HD", "BTGTU", "party"),
    ("09-CT/TW", "09", None, "CT", "TW", "party"),
    ("25-NQ/HU", "25", None, "NQ", "HU", "party"),
    ("123-TB/VPTU", "123", None, "TB", "VPTU", "party"),
    ("07-KH/ĐU", "07", None, "KH", "ĐU", "party"),
    # A Party number typed with state punctuation is still a Party number.
    ("05/CT-TU", "05", None, "CT", "TU", "party"),
    # State legal normative documents (Nghị định 30/2020/NĐ-CP): number/year/TYPE-ISSUER.
    ("42/2022/NĐ-CP", "42", 2022, "NĐ", "CP", "state"),
    ("15/2020/NĐ-CP", "15", 2020, "NĐ", "CP", "state"),
    ("134/2016/NĐ-CP", "134", 2016, "NĐ", "CP", "state"),
    ("36/2021/NĐ-CP", "36", 2021, "NĐ", "CP", "state"),
    ("01/2021/TT-BTP", "01", 2021, "TT", "BTP", "state"),
    ("11/2017/TT-BTP", "11", 2017, "TT", "BTP", "state"),
    ("02/2023/TT-BTP", "02", 2023, "TT", "BTP", "state"),
    ("10/2023/QĐ-UBND", "10", 2023, "QĐ", "UBND", "state"),
    ("03/2021/QĐ-UBND", "03", 2021, "QĐ", "UBND", "state"),
    ("05/2019/NQ-HĐND", "05", 2019, "NQ", "HĐND", "state"),
    ("05/2021/NQ-HĐND", "05", 2021, "NQ", "HĐND", "state"),
    ("01/2014/TTLT-BTP-BCA", "01", 2014, "TTLT", "BTP-BCA", "state"),
    # Laws: number/year/QH<term>; no type code, the National Assembly term is the issuer.
    ("59/2020/QH14", "59", 2020, None, "QH14", "state"),
    ("45/2019/QH14", "45", 2019, None, "QH14", "state"),
    ("24/2018/QH14", "24", 2018, None, "QH14", "state"),
    ("52/2015/QH13", "52", 2015, None, "QH13", "state"),
    ("100/2015/QH13", "100", 2015, None, "QH13", "state"),
    ("91/2015/QH13", "91", 2015, None, "QH13", "state"),
    # Consolidated text: number/VBHN-ISSUER.
    ("01/VBHN-VPQH", "01", None, "VBHN", "VPQH", "state"),
    # Administrative documents: number/TYPE-ISSUER, no year.
    ("05/CT-UBND", "05", None, "CT", "UBND", "state"),
    ("2345/QĐ-UBND", "2345", None, "QĐ", "UBND", "state"),
    ("123/KH-STP", "123", None, "KH", "STP", "state"),
    ("45/TB-VPUBND", "45", None, "TB", "VPUBND", "state"),
    ("678/BC-UBND", "678", None, "BC", "UBND", "state"),
    ("12/HD-STP", "12", None, "HD", "STP", "state"),
    ("1520/QĐ-TTg", "1520", None, "QĐ", "TTg", "state"),
    ("317/QĐ-TTg", "317", None, "QĐ", "TTg", "state"),
    ("08/CT-TTg", "08", None, "CT", "TTg", "state"),
    ("1000/QĐ-BTP", "1000", None, "QĐ", "BTP", "state"),
    ("2999/QĐ-UBND.NC", "2999", None, "QĐ", "UBND.NC", "state"),
    # Công văn: number/ISSUER-UNIT; what follows the slash is not a type code.
    ("1234/UBND-NC", "1234", None, None, "UBND-NC", "state"),
]


@pytest.mark.parametrize(
    ("text", "number", "year", "type_code", "issuer_code", "convention"), REAL_NUMBERS
)
def test_real_document_numbers_parse_into_their_parts(
    text: str,
    number: str,
    year: int | None,
    type_code: str | None,
    issuer_code: str | None,
    convention: str,
) -> None:
    parsed = parse_document_number(text)

    assert parsed is not None
    assert (parsed.number, parsed.year, parsed.type_code, parsed.issuer_code) == (
        number,
        year,
        type_code,
        issuer_code,
    )
    assert parsed.convention == convention
    assert parsed.raw == text


@pytest.mark.parametrize("text", [row[0] for row in REAL_NUMBERS])
def test_every_type_code_parsed_from_a_real_number_is_a_known_code(text: str) -> None:
    parsed = parse_document_number(text)

    assert parsed is not None
    assert parsed.type_code is None or parsed.type_code in DOCUMENT_TYPE_CODES


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (
            [
                "05-CT/TU",
                "05-ct/tu",
                "05 - CT / TU",
                "05–CT/TU",
                "05—CT/TU",
                "5-CT/TU",
                "Số 05-CT/TU",
                "số: 05-CT/TU",
                "  05-CT/TU.",
                "05/CT-TU",
                "05/CT/TU",
            ],
            "5-CT/TU",
        ),
        (
            [
                "42/2022/NĐ-CP",
                "42/2022/ND-CP",
                "42/2022/nđ-cp",
                "42/2022/nd-cp",
                "42/2022/N\u00d0-CP",  # Ð, the Icelandic eth, looks like Đ
                "42/2022/ND\u0335-CP",  # D with a combining stroke overlay
                "42 / 2022 / NĐ - CP",
                "42∕2022∕NĐ‑CP",  # division slash, non-breaking hyphen
                "Số hiệu: 42/2022/NĐ-CP",
                "No. 42/2022/NĐ-CP",
            ],
            "42/2022/ND-CP",
        ),
        (
            [
                "05/CT-UBND",
                "05/ CT-UBND",
                "05/ct-ubnd",
                "5/CT-UBND",
                "Số 05/CT-UBND",
                unicodedata.normalize("NFD", "Số 05/CT-UBND"),
            ],
            "5/CT-UBND",
        ),
        (["01-QĐi/TW", "01-QDi/TW", "01-qđi/tw", "1-QĐI/TW"], "1-QDI/TW"),
        (["2999/QĐ-UBND.NC", "2999/QD-UBND.NC", "2999/qđ-ubnd.nc"], "2999/QD-UBND.NC"),
        (["05/2019/NQ-HĐND", "05/2019/NQ-HDND", "05/2019/nq-hđnd"], "5/2019/NQ-HDND"),
        (["1520/QĐ-TTg", "1520/QD-TTG", "1520/qđ-ttg"], "1520/QD-TTG"),
        (["59/2020/QH14", "59/2020/qh14", "Số: 59/2020/QH14"], "59/2020/QH14"),
    ],
)
def test_typing_variants_of_one_number_share_one_key(variants: list[str], key: str) -> None:
    keys = {variant: _parse(variant).key for variant in variants}

    assert keys == dict.fromkeys(variants, key)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("05-CT/TU", "05/CT-UBND"),  # Party and state conventions, different issuers
        ("12-NQ/TW", "12-KL/TW"),  # different type
        ("05/CT-UBND", "05/CT-HĐND"),  # different issuer
        ("59/2020/QH14", "59/2019/QH14"),  # different year
        ("10/2023/QĐ-UBND", "10/QĐ-UBND"),  # normative versus administrative numbering
        ("1234/UBND-NC", "1234/UBND-KT"),  # different drafting unit
        ("05-CT/TU", "50-CT/TU"),  # leading zeros are dropped, trailing ones are not
    ],
)
def test_different_documents_get_different_keys(first: str, second: str) -> None:
    assert _parse(first).key != _parse(second).key


def test_parsed_state_law_has_year_and_issuer_but_no_type() -> None:
    law = _parse("59/2020/QH14")

    assert law.type_name is None
    assert law.canonical == "59/2020/QH14"


def test_hd_stays_huong_dan_and_hd_with_stroke_is_hop_dong() -> None:
    assert canonical_type_code("HD") == "HD"
    assert canonical_type_code("hđ") == "HĐ"
    assert canonical_type_code("ND") == "NĐ"
    assert canonical_type_code("qdi") == "QĐi"
    assert canonical_type_code("XYZ") is None


def test_type_name_reads_tt_as_thong_tri_in_party_documents() -> None:
    assert _parse("03-TT/TW").type_name == "Thông tri"
    assert _parse("01/2021/TT-BTP").type_name == "Thông tư"
    assert _parse("01-QĐi/TW").type_name == "Quy định"


def test_canonical_form_restores_official_spelling_and_punctuation() -> None:
    assert _parse("05 - ct / tu").canonical == "05-CT/TU"
    assert _parse("05/CT-TU").canonical == "05-CT/TU"
    assert _parse("42/2022/nd-cp").canonical == "42/2022/NĐ-CP"
    assert _parse("1520/qd-ttg").canonical == "1520/QĐ-TTg"
    assert str(_parse("05/2019/nq-hdnd")) == "05/2019/NQ-HĐND"


def test_number_keeps_leading_zeros_as_typed_and_exposes_an_integer() -> None:
    parsed = _parse("05-CT/TU")

    assert parsed.number == "05"
    assert parsed.number_int == 5


def test_search_tokens_are_folded_lower_case_parts_with_and_without_leading_zero() -> None:
    assert _parse("05-CT/TU").search_tokens == ["05", "5", "ct", "tu"]
    assert _parse("42/2022/NĐ-CP").search_tokens == ["42", "2022", "nd", "cp"]
    assert _parse("2999/QĐ-UBND.NC").search_tokens == ["2999", "qd", "ubnd.nc", "ubnd", "nc"]


def test_state_numbers_with_a_non_party_issuer_but_neither_punctuation_are_unknown() -> None:
    parsed = _parse("05/CT/UBND")

    assert parsed.convention == "unknown"
    assert parsed.key == _parse("05/CT-UBND").key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "hello world",
        "Chỉ thị",
        "Số",
        "Số:",
        "05",
        "05/",
        "05-CT",
        "05/CT",  # a type with no issuer is incomplete
        "42/2022/NĐ",
        "23/9/2021",  # a date
        "9/2021",
        "05/1234/QĐ-UBND",  # 1234 is not a plausible year
        "05-XYZ/TU",  # Party numbers need a known type code
        "CT-TU/05",
        "Chỉ thị số 05-CT/TU",  # prose belongs to find_document_numbers
        "١٢/QĐ-UBND",  # non-ASCII digits
    ],
)
def test_unrecognisable_text_returns_none_instead_of_raising(text: str) -> None:
    assert parse_document_number(text) is None


def test_finds_party_number_in_prose_but_not_the_date_before_it() -> None:
    text = (
        "Ngày 23/9/2021, Ban Thường vụ Tỉnh ủy Sóc Trăng đã ban hành "
        "Chỉ thị số 05-CT/TU về tăng cường công tác..."
    )

    assert [found.raw for found in find_document_numbers(text)] == ["05-CT/TU"]


def test_finds_every_cited_number_in_order() -> None:
    text = "căn cứ Nghị định số 42/2022/NĐ-CP và Luật số 59/2020/QH14"

    found = find_document_numbers(text)

    assert [number.key for number in found] == ["42/2022/ND-CP", "59/2020/QH14"]


def test_found_number_excludes_sentence_punctuation_and_keeps_dotted_issuer() -> None:
    text = "Thực hiện Quyết định 2999/QĐ-UBND.NC. Các sở, ngành (05–CT/TU; 1234/UBND-NC)."

    assert [found.raw for found in find_document_numbers(text)] == [
        "2999/QĐ-UBND.NC",
        "05–CT/TU",
        "1234/UBND-NC",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ngày 23/09/2021 và ngày 1/1/2022",
        "giai đoạn 2021-2025, năng suất 10/ha, tỷ lệ 3/4",
        "kế hoạch 2021-2025/KH-UBND",  # a range is not a number
        "mã 12/qđ-ubnd viết thường",  # lower-case codes in prose are too ambiguous
        "COVID-19/SARS",
    ],
)
def test_prose_without_document_numbers_finds_nothing(text: str) -> None:
    assert find_document_numbers(text) == []


# Property-based checks over generated numbers of both conventions.

_numbers = st.one_of(
    st.integers(min_value=0, max_value=99999).map(str),
    st.from_regex(r"0[0-9]{1,3}", fullmatch=True),
)
_type_codes = st.sampled_from(sorted(DOCUMENT_TYPE_CODES))
_issuers = st.one_of(
    st.sampled_from(["TU", "TW", "HU", "ĐU", "VPTU", "CP", "UBND", "HĐND", "TTg", "BTP", "QH14"]),
    st.from_regex(r"[A-ZĐ][A-ZĐ0-9]{0,5}(?:[-.][A-ZĐ][A-ZĐ0-9]{0,3})?", fullmatch=True),
)
_party_texts = st.builds("{}-{}/{}".format, _numbers, _type_codes, _issuers)
_state_texts = st.builds(
    lambda number, year, type_code, issuer: "/".join(
        [number, *([str(year)] if year else []), "-".join(filter(None, [type_code, issuer]))]
    ),
    _numbers,
    st.none() | st.integers(min_value=1945, max_value=2099),
    st.none() | _type_codes,
    _issuers,
)
_document_texts = st.one_of(
    _party_texts, _state_texts, st.sampled_from([row[0] for row in REAL_NUMBERS])
)


@given(_document_texts)
def test_lower_case_and_d_for_stroked_d_variants_keep_the_key(text: str) -> None:
    parsed = parse_document_number(text)
    assume(parsed is not None)
    assert parsed is not None

    lowered = parse_document_number(parsed.raw.lower())
    without_stroke = parse_document_number(parsed.raw.replace("Đ", "D").replace("đ", "d"))

    assert lowered is not None and lowered.key == parsed.key
    assert without_stroke is not None and without_stroke.key == parsed.key


@given(_document_texts)
def test_spaced_and_en_dashed_variants_keep_the_key(text: str) -> None:
    parsed = parse_document_number(text)
    assume(parsed is not None)
    assert parsed is not None

    spaced = parse_document_number(parsed.raw.replace("-", " – ").replace("/", " / "))

    assert spaced is not None and spaced.key == parsed.key


@given(_document_texts)
def test_a_number_cited_in_prose_is_found_with_the_same_key(text: str) -> None:
    parsed = parse_document_number(text)
    assume(parsed is not None)
    assert parsed is not None

    found = find_document_numbers(f"Ngày 23/9/2021, căn cứ văn bản số {text}, ban hành kèm theo.")

    assert [number.key for number in found] == [parsed.key]


@given(st.text(max_size=40))
def test_arbitrary_text_never_raises(text: str) -> None:
    parsed = parse_document_number(text)

    assert parsed is None or isinstance(parsed, DocumentNumber)
    assert isinstance(find_document_numbers(text), list)


def _parse(text: str) -> DocumentNumber:
    parsed = parse_document_number(text)
    assert parsed is not None, text
    return parsed
