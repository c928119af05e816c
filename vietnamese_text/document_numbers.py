"""The one parser of Vietnamese document numbers (số ký hiệu văn bản).

Two national conventions coexist and editors mix them up, so every place that reads, searches or
de-duplicates a document number goes through this module instead of ad-hoc regexes:

* Party documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW): ``05-CT/TU`` is number 05, type code
  CT (Chỉ thị), issuer TU (Tỉnh ủy). Numbers restart every term (nhiệm kỳ); no year is written.
* State documents (Nghị định 30/2020/NĐ-CP): ``42/2022/NĐ-CP`` (legal normative documents carry
  the year), ``05/CT-UBND`` (administrative documents do not), ``1234/UBND-NC`` (a công văn has no
  type code: issuer then drafting unit) and ``59/2020/QH14`` (laws: the issuer is the National
  Assembly and its term, with no type code).

People type these with D for Đ, in lower case, with spaces, en-dashes, the look-alike Ð (U+00D0)
and decomposed Unicode, so parsing normalises first and :attr:`DocumentNumber.key` folds every
such variant of one document onto one string.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal

from vietnamese_text.folding import fold
from vietnamese_text.lookalikes import (
    COMBINING_STROKES,
    D_LOOKALIKES_LOWER,
    D_LOOKALIKES_UPPER,
    repair_d,
)

__all__ = [
    "DOCUMENT_TYPE_CODES",
    "Convention",
    "DocumentNumber",
    "find_document_numbers",
    "parse_document_number",
]

Convention = Literal["party", "state", "unknown"]

#: Type codes (ký hiệu tên loại văn bản) in their official spelling, from the appendices of
#: Nghị định 30/2020/NĐ-CP (state) and Hướng dẫn 36-HD/VPTW (Party). Laws have no code of
#: their own: they are written number/year/QH<term>, so ``QH14`` is parsed as the issuer.
#: Lookups are case- and Đ/D-insensitive; see :func:`canonical_type_code`.
DOCUMENT_TYPE_CODES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # Legal normative documents (văn bản quy phạm pháp luật).
        "NĐ": "Nghị định",
        "TT": "Thông tư",  # "Thông tri" in Party documents, see DocumentNumber.type_name
        "TTLT": "Thông tư liên tịch",
        "NQLT": "Nghị quyết liên tịch",
        "PL": "Pháp lệnh",
        "SL": "Sắc lệnh",
        "VBHN": "Văn bản hợp nhất",
        # Administrative documents (văn bản hành chính) and their Party counterparts.
        "NQ": "Nghị quyết",
        "QĐ": "Quyết định",
        "CT": "Chỉ thị",
        "QC": "Quy chế",
        "QyĐ": "Quy định",
        "QĐi": "Quy định",  # the Party spelling, distinct from the decision code QĐ
        "KL": "Kết luận",
        "TC": "Thông cáo",
        "TB": "Thông báo",
        "HD": "Hướng dẫn",
        "CTr": "Chương trình",
        "KH": "Kế hoạch",
        "PA": "Phương án",
        "ĐA": "Đề án",
        "DA": "Dự án",
        "BC": "Báo cáo",
        "BB": "Biên bản",
        "TTr": "Tờ trình",
        "HĐ": "Hợp đồng",
        "CV": "Công văn",  # Party công văn carry it (12-CV/TU); state ones do not
        "CĐ": "Công điện",
        "GN": "Bản ghi nhớ",
        "TTh": "Bản thỏa thuận",
        "UQ": "Giấy ủy quyền",
        "GM": "Giấy mời",
        "GT": "Giấy giới thiệu",
        "GGT": "Giấy giới thiệu",  # Party spelling
        "GCN": "Giấy chứng nhận",
        "NP": "Giấy nghỉ phép",
        "PG": "Phiếu gửi",
        "PC": "Phiếu chuyển",
        "PB": "Phiếu báo",
    }
)

#: The same code can name a different type under the Party convention.
_PARTY_TYPE_NAMES: Final[Mapping[str, str]] = MappingProxyType({"TT": "Thông tri"})

#: Issuer codes whose official spelling is not simply upper case (or carries Đ, which a D-typist
#: loses), keyed by their folded upper-case form. Unknown issuers are just upper-cased.
_ISSUER_SPELLINGS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "TTG": "TTg",
        "HDND": "HĐND",
        "DU": "ĐU",
        "DUK": "ĐUK",
        "BCSD": "BCSĐ",
        "BGDDT": "BGDĐT",
        "BLDTBXH": "BLĐTBXH",
        "HDQT": "HĐQT",
        "HDTP": "HĐTP",
        "HDDT": "HĐDT",
        "DHQG": "ĐHQG",
        "DDBQH": "ĐĐBQH",
        "LDLD": "LĐLĐ",
        "TLD": "TLĐ",
        "DTN": "ĐTN",
    }
)

#: Party issuers, folded: a committee (Trung ương, Tỉnh/Huyện/Quận/Thị xã/Thành phố ủy, Đảng ủy,
#: Ban cán sự đảng) optionally preceded by one of its bodies (Văn phòng, Ban Tuyên giáo, Ban Tổ
#: chức, Ủy ban Kiểm tra, Ban Dân vận, Ban Nội chính). Used only to recognise ``05/CT-TU``, a Party
#: number typed with state punctuation.
_PARTY_ISSUER_RE: Final = re.compile(
    r"(?:VP|BTG|BTC|UBKT|BDV|BNC)?(?:TW|TU|HU|QU|TXU|TPU)|DU|DUK|BCSD"
)

_FIRST_PLAUSIBLE_YEAR: Final = 1945  # the first state documents of the Democratic Republic
_LAST_PLAUSIBLE_YEAR: Final = 2099

# Characters that people (or word processors) put where "-", "/" or "Đ" belong.
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SLASHES: Final = "\u2044\u2215\u29f8\uff0f"
_SEPARATORS: Final = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SLASHES, "/")})
_SPACED_SEPARATOR_RE: Final = re.compile(r"\s*([-/])\s*")
_PREFIX_RE: Final = re.compile(
    r"^(?:số\s*ký\s*hiệu|số\s*hiệu(?:\s*văn\s*bản)?|số|so|no)\s*[.:]?\s*(?=[0-9])",
    re.IGNORECASE,
)

# Grammar over normalised text (only "-", "/", ASCII letters and Đ/đ remain significant).
_CODE: Final = r"[A-Za-zĐđ]+"
_SEGMENT: Final = r"[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:\.[A-Za-zĐđ0-9&]+)*"
_SYMBOL: Final = rf"{_SEGMENT}(?:-{_SEGMENT})*"
_NUMBER: Final = r"(?P<number>[0-9]{1,6})"
_PARTY_RE: Final = re.compile(rf"{_NUMBER}-(?P<type>{_CODE})/(?P<issuer>{_SYMBOL})")
_STATE_RE: Final = re.compile(rf"{_NUMBER}/(?:(?P<year>[0-9]{{4}})/)?(?P<symbol>{_SYMBOL})")
# Neither convention: every separator the same. Parsed, but only with a known type code.
_UNIFORM_RE: Final = re.compile(
    rf"{_NUMBER}(?P<sep>[-/])(?P<type>{_CODE})(?P=sep)(?P<issuer>{_SYMBOL})"
)

# Candidate shapes inside running text, matched on the text as typed so that ``raw`` is exact.
_LETTER: Final = rf"(?:[A-Za-zĐđ{D_LOOKALIKES_UPPER}{D_LOOKALIKES_LOWER}][{COMBINING_STROKES}]?)"
_F_DASH: Final = f"[-{_DASHES}]"
_F_SLASH: Final = f"[/{_SLASHES}]"
_F_SEGMENT: Final = rf"{_LETTER}(?:{_LETTER}|[0-9&])*(?:\.(?:{_LETTER}|[0-9&])+)*"
_F_SYMBOL: Final = rf"{_F_SEGMENT}(?:{_F_DASH}{_F_SEGMENT})*"
_CANDIDATE_RE: Final = re.compile(
    rf"(?<![\w.]|{_F_DASH}|{_F_SLASH})"
    rf"[0-9]{{1,6}}(?:{_F_DASH}{_LETTER}+{_F_SLASH}|{_F_SLASH}(?:[0-9]{{4}}{_F_SLASH})?)"
    rf"{_F_SYMBOL}"
    rf"(?!\w|{_F_DASH}|{_F_SLASH})"
)
_SEGMENT_START_RE: Final = re.compile(r"[-/.]([^\W\d_])")


@dataclass(frozen=True)
class DocumentNumber:
    """A parsed số ký hiệu, keeping what was typed next to its canonical parts.

    ``raw`` is kept verbatim so the admin can show exactly what the editor entered; the other
    fields are canonical so code never has to care about spelling variants.
    """

    raw: str
    #: As typed, leading zeros kept ("05"): some portals display them and editors expect that.
    number: str
    year: int | None
    #: Official spelling from DOCUMENT_TYPE_CODES ("NĐ", "QĐi"), None for laws and công văn.
    type_code: str | None
    #: Upper case with Đ restored where known ("CP", "HĐND", "QH14", "UBND.NC", "UBND-NC").
    issuer_code: str | None
    convention: Convention

    @property
    def number_int(self) -> int:
        """The number as an integer, for sorting "9" before "10"."""
        return int(self.number)

    @property
    def type_name(self) -> str | None:
        """The Vietnamese name of the type; TT means Thông tri in Party documents."""
        if self.type_code is None:
            return None
        if self.convention == "party" and self.type_code in _PARTY_TYPE_NAMES:
            return _PARTY_TYPE_NAMES[self.type_code]
        return DOCUMENT_TYPE_CODES[self.type_code]

    @property
    def canonical(self) -> str:
        """The number re-written in its convention's official punctuation and spelling."""
        return _format(self, str(self.number), self.type_code, self.issuer_code)

    @property
    def key(self) -> str:
        """A normalised key for search and uniqueness.

        Every typing variant of one document (case, Đ/D, spaces, dashes, leading zeros, Party
        numbers typed with state punctuation) gives the same key, and it contains the number,
        type, issuer and year, which is what makes two numbers "the same".

        A Party number carries no term and an administrative state number no year, although
        both restart their numbering periodically: scope such keys by term or year of issue
        where the number alone is not unique.
        """
        type_code = fold(self.type_code).upper() if self.type_code else None
        issuer = fold(self.issuer_code).upper() if self.issuer_code else None
        return _format(self, str(self.number_int), type_code, issuer)

    @property
    def search_tokens(self) -> list[str]:
        """Lower-case folded tokens to index, so "5", "nd" or "ubnd" find the document."""
        tokens = [self.number, str(self.number_int)]
        if self.year is not None:
            tokens.append(str(self.year))
        if self.type_code:
            tokens.append(fold(self.type_code).lower())
        if self.issuer_code:
            issuer = fold(self.issuer_code).lower()
            tokens.append(issuer)
            tokens.extend(re.split(r"[-.]", issuer))
        return list(dict.fromkeys(token for token in tokens if token))

    def __str__(self) -> str:
        return self.canonical


def parse_document_number(text: str) -> DocumentNumber | None:
    """Parse a whole field holding one document number, or return None.

    None rather than an exception because an unrecognised number is not an error: the admin
    accepts it with a warning, since real-world numbers do not always follow the decrees.
    A leading "Số", "Số hiệu:", "No." etc. is ignored; surrounding prose is not accepted
    (use :func:`find_document_numbers` for that).
    """
    if not isinstance(text, str):
        return None
    normalised = _strip_prefix(_normalise(text))
    for parse in (_parse_party, _parse_state, _parse_uniform):
        parsed = parse(text, normalised)
        if parsed is not None:
            return parsed
    return None


def find_document_numbers(text: str) -> list[DocumentNumber]:
    """Find document numbers cited in running text, in order of appearance.

    Stricter than :func:`parse_document_number` to avoid false hits in prose: separators must be
    unspaced and every code must start with a capital (so "10/ha" is not a number), and dates
    such as 23/9/2021 never match because a code must follow the number or year.
    Repeated citations are all returned; de-duplicate on ``key`` if needed.
    """
    found = []
    for match in _CANDIDATE_RE.finditer(text):
        parsed = parse_document_number(match.group())
        if parsed is not None and _codes_are_capitalised(_normalise(parsed.raw)):
            found.append(parsed)
    return found


def canonical_type_code(code: str) -> str | None:
    """Return the official spelling of a type code typed in any case, with D or Đ.

    An exact (case-insensitive) match wins, so HD stays Hướng dẫn and HĐ Hợp đồng; only a code
    not known as typed is looked up Đ/D-insensitively (ND → NĐ, QDi → QĐi).
    """
    upper = code.upper()
    return _TYPE_BY_UPPER.get(upper) or _TYPE_BY_FOLDED.get(fold(upper).upper())


def _parse_party(raw: str, normalised: str) -> DocumentNumber | None:
    """``05-CT/TU``: number, dash, type code, slash, issuer."""
    match = _PARTY_RE.fullmatch(normalised)
    if match is None:
        return None
    return _build(raw, match["number"], None, match["type"], match["issuer"], "party")


def _parse_state(raw: str, normalised: str) -> DocumentNumber | None:
    """``42/2022/NĐ-CP``, ``05/CT-UBND``, ``1234/UBND-NC``, ``59/2020/QH14``.

    The first code after the slash is the type when it is a known type code, otherwise the whole
    symbol is the issuer (laws and công văn have no type code). A type with no issuer is
    rejected as incomplete.
    """
    match = _STATE_RE.fullmatch(normalised)
    if match is None:
        return None
    year = int(match["year"]) if match["year"] else None
    if year is not None and not _FIRST_PLAUSIBLE_YEAR <= year <= _LAST_PLAUSIBLE_YEAR:
        return None
    first, _, rest = match["symbol"].partition("-")
    if canonical_type_code(first) is None:
        return _build(raw, match["number"], year, None, match["symbol"], "state")
    if not rest:
        return None
    convention: Convention = "party" if year is None and _is_party_issuer(rest) else "state"
    return _build(raw, match["number"], year, first, rest, convention)


def _parse_uniform(raw: str, normalised: str) -> DocumentNumber | None:
    """``05/CT/TU`` or ``05-CT-UBND``: punctuation of neither convention.

    Only the issuer can tell the convention then; a non-Party issuer gives "unknown" (keyed like
    a state number, the likelier intent).
    """
    match = _UNIFORM_RE.fullmatch(normalised)
    if match is None:
        return None
    convention: Convention = "party" if _is_party_issuer(match["issuer"]) else "unknown"
    return _build(raw, match["number"], None, match["type"], match["issuer"], convention)


def _build(
    raw: str,
    number: str,
    year: int | None,
    type_code: str | None,
    issuer: str,
    convention: Convention,
) -> DocumentNumber | None:
    """Canonicalise the parts; None when the type code is not a known one."""
    canonical_type = None
    if type_code is not None:
        canonical_type = canonical_type_code(type_code)
        if canonical_type is None:
            return None
    return DocumentNumber(
        raw=raw,
        number=number,
        year=year,
        type_code=canonical_type,
        issuer_code=_canonical_issuer(issuer),
        convention=convention,
    )


def _format(
    document: DocumentNumber, number: str, type_code: str | None, issuer: str | None
) -> str:
    """Lay the parts out in the convention's punctuation (state layout for "unknown")."""
    if document.convention == "party":
        return f"{number}-{type_code}/{issuer}"
    head = number if document.year is None else f"{number}/{document.year}"
    symbol = "-".join(part for part in (type_code, issuer) if part)
    return f"{head}/{symbol}"


def _normalise(text: str) -> str:
    """Undo the typing variants that do not change meaning.

    NFKC composes decomposed accents and maps full-width forms; the translation table maps
    dash, slash and Đ look-alikes; spaces around separators are dropped, as is trailing
    punctuation picked up from a sentence.
    """
    text = repair_d(unicodedata.normalize("NFKC", text)).translate(_SEPARATORS)
    text = _SPACED_SEPARATOR_RE.sub(r"\1", text.strip())
    return text.rstrip(".,;:").strip()


def _strip_prefix(text: str) -> str:
    """Drop a "Số", "số:", "Số hiệu:", "No." label copied along with the number."""
    return _PREFIX_RE.sub("", text, count=1)


def _canonical_issuer(issuer: str) -> str:
    """Upper-case each code of the issuer, restoring official spellings (HDND → HĐND, TTg)."""
    parts = re.split(r"([-.])", issuer)
    return "".join(_canonical_issuer_part(part) for part in parts)


def _canonical_issuer_part(part: str) -> str:
    """Canonicalise one code such as "hdnd" or "qh14" (letters, then an optional term)."""
    match = re.fullmatch(r"([A-Za-zĐđ]+)(.*)", part)
    if match is None:
        return part.upper()
    letters, rest = match.groups()
    spelling = _ISSUER_SPELLINGS.get(fold(letters).upper(), letters.upper())
    return spelling + rest.upper()


def _is_party_issuer(issuer: str) -> bool:
    """Whether the issuer is a Party committee or one of its bodies (see _PARTY_ISSUER_RE)."""
    return _PARTY_ISSUER_RE.fullmatch(fold(issuer).upper()) is not None


def _codes_are_capitalised(normalised: str) -> bool:
    """Whether every code starts with a capital, as in any typeset document number."""
    return all(match[1].isupper() for match in _SEGMENT_START_RE.finditer(normalised))


# Lookup tables for canonical_type_code.
_TYPE_BY_UPPER: Final[Mapping[str, str]] = {code.upper(): code for code in DOCUMENT_TYPE_CODES}
_TYPE_BY_FOLDED: Final[Mapping[str, str]] = {
    fold(code).upper(): code for code in DOCUMENT_TYPE_CODES
}
