"""Reading old portals' bytes, and repairing Vietnamese typed in pre-Unicode font encodings.

Before Unicode (TCVN 6909:2001) Vietnamese offices typed with 8-bit *font* encodings: the bytes
are windows-1252 bytes, and only a special font (.VnTime for TCVN3, VNI-Times for VNI) draws them
as Vietnamese letters. Copied into a web page without that font, or into a UTF-8 database, the
text arrives as mojibake: "B¶o Th¾ng" (TCVN3) or "Baûo Thaéng" (VNI) for "Bảo Thắng". Web pages
of the 2000s also mix up windows-1258 and windows-1252, or store UTF-8 that was read as
windows-1252 ("Báº£o").

All of these are windows-1252 characters, while real Unicode Vietnamese almost always has letters
outside windows-1252 (ư, ơ, đ, ạ ...). So each word that fits windows-1252 is decoded under every
candidate encoding, and the encoding under which most words become Vietnamese syllables wins
(:func:`choose_encoding`). A text no candidate explains well is reported as undecidable, never
passed on as mojibake.

The TCVN3 table follows TCVN 5712:1993, character set VN3 (the "ABC" fonts, .VnTime): lower-case
letters only, plus the seven base capitals Ă Â Ê Ô Ơ Ư Đ; toned capitals were drawn with the
capital-only fonts (.VnTimeH), which use the lower-case positions. The VNI table follows the VNI
for Windows chart: a base letter followed by a byte carrying its marks ("a" + "ù" = á), with a
few letters in one byte of their own (ơ, ư, đ, the toned i's and ỵ).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vietnamese_text.syllable import is_vietnamese_syllable

UNICODE = "unicode"  # the text is right as it is
TCVN3 = "tcvn3"
VNI = "vni"
WINDOWS_1258 = "windows-1258"
UTF8_AS_1252 = "utf-8"  # UTF-8 bytes that were decoded as windows-1252

ENCODING_LABELS = {
    UNICODE: "Unicode",
    TCVN3: "TCVN3 (ABC)",
    VNI: "VNI",
    WINDOWS_1258: "windows-1258",
    UTF8_AS_1252: "UTF-8 read as windows-1252",
}
CANDIDATES = (UNICODE, TCVN3, VNI, WINDOWS_1258, UTF8_AS_1252)

# Share of a text's candidate words that must decode to Vietnamese syllables under the chosen
# encoding. Real TCVN3/VNI paragraphs score above 0.95 (names and typos make the rest).
CONFIDENT_SHARE = 0.75

# --- TCVN3 (ABC) -------------------------------------------------------------------------------

# Each row: the windows-1252 characters the font draws as the letters on the right, tones in the
# order huyền, hỏi, ngã, sắc, nặng. Bytes 0xA1-0xFE; the soft hyphen (0xAD) is ư.
_TCVN3_ROWS = (
    ("¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ"),
    ("¨©ª«¬\u00ad®", "ăâêôơưđ"),
    ("µ¶·¸¹", "àảãáạ"),
    ("»¼½¾Æ", "ằẳẵắặ"),
    ("ÇÈÉÊË", "ầẩẫấậ"),
    ("ÌÎÏÐÑ", "èẻẽéẹ"),
    ("ÒÓÔÕÖ", "ềểễếệ"),
    ("×ØÜÝÞ", "ìỉĩíị"),
    ("ßáâãä", "òỏõóọ"),
    ("åæçèé", "ồổỗốộ"),
    ("êëìíî", "ờởỡớợ"),
    ("ïñòóô", "ùủũúụ"),
    ("õö÷øù", "ừửữứự"),
    ("úûüýþ", "ỳỷỹýỵ"),
)
TCVN3_TABLE = str.maketrans("".join(r[0] for r in _TCVN3_ROWS), "".join(r[1] for r in _TCVN3_ROWS))
# TCVN3 characters that are symbols, not letters, in windows-1252: in a word they betray TCVN3.
_TCVN3_SYMBOLS = frozenset("¡¢£¤¥¦§¨©ª«¬\u00ad®µ¶·¸¹»¼½¾×÷")

# --- VNI ---------------------------------------------------------------------------------------

GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE = "\u0302", "\u0306"

# The byte after a vowel and the marks it adds (lower-case form; the capital form is the same
# character upper-cased, 0x20 lower in the code page).
_VNI_MARKS = {
    "ø": ("", GRAVE),
    "ù": ("", ACUTE),
    "û": ("", HOOK),
    "õ": ("", TILDE),
    "ï": ("", DOT_BELOW),
    "â": (CIRCUMFLEX, ""),
    "à": (CIRCUMFLEX, GRAVE),
    "á": (CIRCUMFLEX, ACUTE),
    "å": (CIRCUMFLEX, HOOK),
    "ã": (CIRCUMFLEX, TILDE),
    "ä": (CIRCUMFLEX, DOT_BELOW),
    "ê": (BREVE, ""),
    "è": (BREVE, GRAVE),
    "é": (BREVE, ACUTE),
    "ú": (BREVE, HOOK),
    "ü": (BREVE, TILDE),
    "ë": (BREVE, DOT_BELOW),
}
# Vowels that take a mark byte; ô and ö stand for ơ and ư.
_VNI_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
# Letters in one byte of their own.
_VNI_LETTERS = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}
_VNI_LETTERS["î"] = "ỵ"
_MODIFIABLE = {CIRCUMFLEX: "aeo", BREVE: "a", "": "aeouyơư"}


def vni_to_unicode(text: str) -> str:
    """Decode VNI text read as windows-1252 ("Vieät Nam" -> "Việt Nam")."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        base = _VNI_BASES.get(char.lower())
        mark = _VNI_MARKS.get(text[index + 1].lower()) if index + 1 < len(text) else None
        if base and mark and base in _MODIFIABLE[mark[0]]:
            letter = unicodedata.normalize("NFC", base + mark[0] + mark[1])
            out.append(letter.upper() if char.isupper() else letter)
            index += 2
            continue
        letter = _VNI_LETTERS.get(char.lower())
        out.append((letter.upper() if char.isupper() else letter) if letter else char)
        index += 1
    return "".join(out)


def tcvn3_to_unicode(text: str) -> str:
    """Decode TCVN3 text read as windows-1252 ("B¶o Th¾ng" -> "Bảo Thắng")."""
    return text.translate(TCVN3_TABLE)


# --- Bytes -------------------------------------------------------------------------------------

# windows-1252 leaves five bytes undefined; browsers (and latin-1) read them as C1 controls.
_C1_ERRORS = "govcms_legacy_c1"


def _undefined_as_c1(error: UnicodeError) -> tuple[str, int]:
    if isinstance(error, UnicodeDecodeError):
        return chr(error.object[error.start]), error.start + 1
    raise error


codecs.register_error(_C1_ERRORS, _undefined_as_c1)


def as_1252_bytes(text: str) -> bytes | None:
    """The windows-1252 bytes a text was decoded from, or None if it holds other characters."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for char in text:
        if "\x80" <= char <= "\x9f":
            out.append(ord(char))
            continue
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


def _from_1258(text: str) -> str | None:
    raw = as_1252_bytes(text)
    try:
        return None if raw is None else unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None


def _from_utf8(text: str) -> str | None:
    raw = as_1252_bytes(text)
    try:
        return None if raw is None else raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


_DECODERS = {
    UNICODE: lambda word: word,
    TCVN3: tcvn3_to_unicode,
    VNI: vni_to_unicode,
    WINDOWS_1258: _from_1258,
    UTF8_AS_1252: _from_utf8,
}


class TruncatedFile(ValueError):
    """The file ends where no complete page can end."""


@dataclass(frozen=True)
class DecodedPage:
    text: str
    #: How the bytes were read: "utf-8", "utf-16", or "windows-1252" for any 8-bit page (whose
    #: words :class:`TextRepair` then re-reads as TCVN3, VNI, windows-1258 ...).
    charset: str
    #: The encoding the page's <meta charset> suggests, as a repair preference.
    preferred: str | None = None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(raw: bytes) -> DecodedPage:
    """Read a saved page's bytes: UTF-8 when they are valid UTF-8, windows-1252 otherwise."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedPage(raw.decode("utf-16"), "utf-16")
    try:
        return DecodedPage(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        if error.end == len(raw) and "end of data" in error.reason:
            raise TruncatedFile("the file ends in the middle of a UTF-8 character") from None
    match = _META_CHARSET.search(raw[:8192])
    declared = match.group(1).decode("ascii").lower() if match else ""
    preferred = WINDOWS_1258 if declared in {"windows-1258", "cp1258"} else None
    return DecodedPage(raw.decode("cp1252", errors=_C1_ERRORS), "windows-1252", preferred)


# --- Choosing an encoding ----------------------------------------------------------------------

_SPACES = re.compile(r"([ \t\r\n\f]+)")
_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")
_UTF8_AS_1252 = re.compile(rb"[\xc3\xc4\xc6\xe1][\x80-\xbf]")
_VNI_PAIR = re.compile("[aeouyôöAEOUYÔÖ][øùûõïâàáåãäêèéúüëØÙÛÕÏÂÀÁÅÃÄÊÈÉÚÜË]")


def is_vietnamese_word(text: str) -> bool:
    """Whether a word (punctuation around it allowed) is Vietnamese syllables and numbers."""
    parts = re.split(r"[-/–]", _EDGE_PUNCTUATION.sub("", text))
    return all(part.isdigit() or is_vietnamese_syllable(part) for part in parts) and any(parts)


def candidate_words(text: str) -> list[str]:
    """Words that some candidate encoding would read differently: non-ASCII windows-1252."""
    return [
        word
        for word in _SPACES.split(text)
        if not word.isascii() and as_1252_bytes(word) is not None and _is_ambiguous(word)
    ]


def _is_ambiguous(word: str) -> bool:
    decodings = (_DECODERS[name](word) for name in CANDIDATES[1:])
    return any(decoded not in (None, word) for decoded in decodings)


def looks_like_mojibake(word: str) -> bool:
    """Signs of a legacy encoding that a human reader would see as garbage."""
    if is_vietnamese_word(word):
        return False
    letters = [char.isalpha() for char in word]
    if any(char in _TCVN3_SYMBOLS for char in word) and any(letters):
        return True
    raw = as_1252_bytes(word) or b""
    return bool(_UTF8_AS_1252.search(raw) or _VNI_PAIR.search(word))


def choose_encoding(words: Sequence[str], preferred: str | None = None) -> str | None:
    """The encoding under which the most `words` are Vietnamese; None if none is convincing.

    Ties go to `preferred`, then to the text as it is. Unicode is also kept when nothing does
    better and nothing looks like mojibake (French names, symbols).
    """
    if not words:
        return UNICODE
    scores = {
        name: sum(is_vietnamese_word(decode_word(name, word)) for word in words)
        for name in CANDIDATES
    }
    best = max(CANDIDATES, key=lambda name: (scores[name], name == preferred, name == UNICODE))
    needed = CONFIDENT_SHARE * len(words)
    if scores[best] >= needed:
        return best
    if best == UNICODE and not any(looks_like_mojibake(word) for word in words):
        return UNICODE
    return None


def decode_word(encoding: str, word: str) -> str:
    decoded = _DECODERS[encoding](word)
    return word if decoded is None else decoded


def convert_text(text: str, encoding: str) -> str:
    """Re-read each candidate word of `text` in `encoding`.

    A word that is Vietnamese as it stands and would not be once converted is kept: the Unicode
    parts of a page that mixes both ("Ngày" next to "B¶o Th¾ng").
    """
    if encoding == UNICODE:
        return text
    parts = _SPACES.split(text)
    for index, word in enumerate(parts):
        if word.isascii() or as_1252_bytes(word) is None:
            continue
        decoded = decode_word(encoding, word)
        if is_vietnamese_word(decoded) or not is_vietnamese_word(word):
            parts[index] = decoded
    return unicodedata.normalize("NFC", "".join(parts))


# Ă ă Đ đ Ĩ ĩ Ũ ũ, Ơ ơ Ư ư, and the Latin Extended Additional block of toned vowels (Ạ-ỹ).
_VIETNAMESE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")


def has_unicode_vietnamese(text: str) -> bool:
    """Letters only Unicode Vietnamese has (ă ơ ư đ ạ ...): the text was typed in Unicode."""
    return _VIETNAMESE_ONLY.search(unicodedata.normalize("NFC", text)) is not None


class TextRepair:
    """Repairs the texts of one page, block by block, with the page's majority as tie-breaker.

    Deciding per block lets a page mix a Unicode title with a body pasted from a TCVN3 document;
    the page-wide choice settles blocks with too few words to decide alone.
    """

    def __init__(self, texts: Iterable[str], preferred: str | None = None):
        words = [word for text in texts for word in candidate_words(text)]
        self.page_encoding = choose_encoding(words, preferred)
        self.applied: set[str] = set()
        #: Blocks no encoding explains, as they stand (shortened for the report).
        self.undecidable: list[str] = []

    def repair(self, parts: Sequence[str], hint: str | None = None) -> list[str]:
        """Repair the strings that make up one block (a paragraph split by inline tags)."""
        joined = " ".join(parts)
        words = candidate_words(joined)
        if not words:
            return list(parts)
        preferred = hint or (UNICODE if has_unicode_vietnamese(joined) else self.page_encoding)
        encoding = choose_encoding(words, preferred)
        repaired = [convert_text(part, encoding or UNICODE) for part in parts]
        # Words left garbled (a second encoding pasted into the block) reject the block too.
        leftovers = [
            word for word in candidate_words(" ".join(repaired)) if looks_like_mojibake(word)
        ]
        if encoding is None or leftovers:
            self.undecidable.append(" ".join(joined.split()))
            return list(parts)
        if encoding != UNICODE:
            self.applied.add(encoding)
        return repaired

    def repair_text(self, text: str, hint: str | None = None) -> str:
        return self.repair([text], hint)[0]

    def describe(self) -> str | None:
        """For the report: which conversions were applied, e.g. "TCVN3 (ABC)"."""
        if not self.applied:
            return None
        return ", ".join(ENCODING_LABELS[name] for name in CANDIDATES if name in self.applied)
