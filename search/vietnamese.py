"""The project's one Vietnamese text normaliser.

Search indexing, query parsing and slug/dedup code must all agree on what two spellings of the
same Vietnamese word look like, so every such rule lives here, in plain Python (no Django), and
everything else calls these functions.

Canonical tone placement: the NEW (modern) style, mark on the main vowel of the rhyme --
"hoà", "khoẻ", "thuỷ", "uỷ". The old style ("hòa", "khỏe", "thủy", "ủy") differs from it only in
open syllables whose nucleus is "oa", "oe" or "uy"; those are the only marks `normalise` moves.
"""

import functools
import re
import unicodedata
from collections.abc import Callable
from itertools import groupby

__all__ = ["decode_typing", "fold", "is_vietnamese_syllable", "normalise", "syllables"]

# Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONE_MARKS = frozenset({GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW})
# Two or more Vietnamese marks (tones; circumflex, breve, horn) on a decomposed vowel, in
# whatever order a keyboard sent them.
VOWEL_MARK_RUN = re.compile(r"(?<=[aeiouy])[\u0300-\u0303\u0306\u0309\u031b\u0323]{2,}")

# Letters that look like Đ/đ but are other code points (Icelandic eth, African D).
LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u0189": "\u0110", "\u00f0": "đ", "\u0256": "đ"})

VOWELS = frozenset("aăâeêioôơuưy")
MODIFIED_VOWELS = frozenset("ăâêôơư")
# Longest first, so "ngh" wins over "ng" and "n". "qu" and "gi" are onsets, not vowels.
ONSETS = sorted(
    ["b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"]
    + ["p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"],
    key=len,
    reverse=True,
)
FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
STOP_FINALS = frozenset({"c", "ch", "p", "t"})
# Nuclei (vowel letters of the rhyme, glides included) and whether they take a final consonant.
OPEN_ONLY = frozenset(
    {"ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui"}
    | {"uơ", "ưa", "ưi", "ưu", "uya", "iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi"}
    | {"uyu", "ươi", "ươu"}
)
CLOSED_ONLY = frozenset({"ă", "â", "iê", "yê", "uô", "ươ", "uyê", "oă", "uâ"})
EITHER = frozenset({"a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "oo", "uê", "uy"})
NUCLEI = OPEN_ONLY | CLOSED_ONLY | EITHER
# Open nuclei where old style marks the first vowel (hòa) and new style the second (hoà).
STYLE_DEPENDENT = frozenset({"oa", "oe", "uy"})

TELEX_TONES = {"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT_BELOW}
TELEX_DOUBLES = {"a": "â", "e": "ê", "o": "ô", "d": "đ"}
VNI_TONES = {"1": ACUTE, "2": GRAVE, "3": HOOK, "4": TILDE, "5": DOT_BELOW}
VNI_MODIFIERS = {"6": {"a": "â", "e": "ê", "o": "ô"}, "8": {"a": "ă"}, "9": {"d": "đ"}}
HORN = {"a": "ă", "o": "ơ", "u": "ư"}


# --- public API -------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Return the one form under which all spellings of a Vietnamese text compare equal.

    Repairs Đ look-alikes, composes stray combining marks (NFC), case-folds, and moves old-style
    tone marks to the new-style position, so "HÒA", "hoà" and "ho\\u0300a" all become "hoà".
    """
    text = _caseless_nfd(text.translate(LOOKALIKES))
    text = unicodedata.normalize("NFC", _order_vietnamese_marks(text))
    return _map_runs(text, _is_letter, _canonical_tone)


@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Return `normalise(text)` without any diacritic and with đ as d, for accent-blind search.

    Users often type without accents ("nghi dinh" for "Nghị định"); both fold to one key.
    """
    decomposed = unicodedata.normalize("NFD", normalise(text))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare.replace("đ", "d"))


def syllables(text: str) -> list[str]:
    """Split normalised text into word tokens (runs of letters and digits), punctuation dropped.

    Vietnamese writes one syllable per space-separated token, so these are the units search
    matches on. Stop words are kept: "không" and "số" change a query's meaning.
    """
    return [run for is_word, run in _runs(normalise(text), _is_word_char) if is_word]


def decode_typing(text: str) -> str:
    """Recover Vietnamese typed in Telex or VNI with no input method: "hoaf giair" -> "hoà giải".

    Works word by word and only rewrites an ASCII token whose decoding is a plausible Vietnamese
    syllable, so "covid", "ubnd" and "2022" pass through unchanged. Tokens with a digit are read
    as VNI, others as Telex. Case is kept ("Ddangr" -> "Đảng"); `normalise` the result to
    compare. Short English words ending in a tone key ("as", "or") do decode.
    """
    return _map_runs(text, _is_word_char, _decode_token)


def is_vietnamese_syllable(token: str) -> bool:
    """Tell whether `token` has the shape of one Vietnamese syllable.

    Shape: optional onset from the Vietnamese set, a known vowel nucleus, an optional final
    (c ch m n ng nh p t) that the nucleus allows, and at most one tone (only sắc or nặng before
    a stop final). Used to decide whether a Telex/VNI decoding is real Vietnamese.
    """
    letters = _split_tones(unicodedata.normalize("NFC", token.casefold()))
    if letters is None:
        return False
    bases, tones = letters
    parts = _parse(bases)
    if parts is None or len(tones) > 1:
        return False
    final = parts[2]
    return not (tones and final in STOP_FINALS and tones[0][1] not in {ACUTE, DOT_BELOW})


# --- normalise helpers ------------------------------------------------------------------------


def _caseless_nfd(text: str) -> str:
    # Unicode canonical caseless form, NFD(casefold(NFD(x))) (The Unicode Standard, 3.13, D145).
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFD", decomposed.casefold())


def _order_vietnamese_marks(decomposed: str) -> str:
    """Put vowel modifiers before tone marks on a vowel, so "a" + acute + breve composes to "ắ"."""
    return VOWEL_MARK_RUN.sub(_sort_marks, decomposed)


def _sort_marks(match: re.Match[str]) -> str:
    # Stable sort: canonical order (combining class) first, then modifier before tone.
    marks = match.group()
    return "".join(sorted(marks, key=lambda m: (unicodedata.combining(m), m in TONE_MARKS)))


@functools.lru_cache(maxsize=100_000)
def _canonical_tone(word: str) -> str:
    """Move an old-style mark in an open oa/oe/uy syllable to the new-style vowel."""
    letters = _split_tones(word)
    if letters is None:
        return word
    bases, tones = letters
    parts = _parse(bases)
    if parts is None or len(tones) != 1:
        return word
    onset, nucleus, final = parts
    position, tone = tones[0]
    if final or nucleus not in STYLE_DEPENDENT or position != len(onset):
        return word
    return _with_tone(bases, len(onset) + _tone_index(nucleus, final), tone)


# --- syllable structure -----------------------------------------------------------------------


def _split_tones(word: str) -> tuple[str, list[tuple[int, str]]] | None:
    """Split an NFC lowercase word into its letters without tones and (index, tone) pairs."""
    if not word.isalpha():
        return None
    bases, tones = [], []
    for index, ch in enumerate(word):
        marks = unicodedata.normalize("NFD", ch)
        tones += [(index, mark) for mark in marks if mark in TONE_MARKS]
        bare = "".join(mark for mark in marks if mark not in TONE_MARKS)
        bases.append(unicodedata.normalize("NFC", bare))
    return "".join(bases), tones


def _parse(bases: str) -> tuple[str, str, str] | None:
    """Split toneless letters into (onset, nucleus, final), or None if not a Vietnamese shape."""
    onset = _onset(bases)
    rest = bases[len(onset) :]
    nucleus_length = len(rest) - len(rest.lstrip("".join(VOWELS)))
    nucleus, final = rest[:nucleus_length], rest[nucleus_length:]
    if nucleus not in NUCLEI or final not in FINALS:
        return None
    if (final and nucleus in OPEN_ONLY) or (not final and nucleus in CLOSED_ONLY):
        return None
    return onset, nucleus, final


def _onset(bases: str) -> str:
    # "gi" is an onset only before another vowel ("giữa"); in "gìn" the i is the vowel.
    for onset in ONSETS:
        if bases.startswith(onset) and bases[len(onset) : len(onset) + 1] in VOWELS:
            return onset
    return ""


def _tone_index(nucleus: str, final: str) -> int:
    """Index in the nucleus that carries the tone, by the new-style rules."""
    modified = [i for i, vowel in enumerate(nucleus) if vowel in MODIFIED_VOWELS]
    if modified:
        return modified[-1]  # ươ takes it on ơ
    if len(nucleus) == 1:
        return 0
    if final or nucleus in STYLE_DEPENDENT:
        return len(nucleus) - 1
    return len(nucleus) - 2  # a trailing glide never carries it: "tài", "oái", "khuỷu"


def _with_tone(bases: str, index: int, tone: str) -> str:
    marked = bases[:index] + unicodedata.normalize("NFC", bases[index] + tone) + bases[index + 1 :]
    return unicodedata.normalize("NFC", marked)


# --- Telex / VNI ------------------------------------------------------------------------------


def _decode_token(token: str) -> str:
    if not token.isascii() or not any(ch.isalpha() for ch in token):
        return token
    has_digit = any(ch.isdigit() for ch in token)
    decoded = _decode_vni(token) if has_digit else _decode_telex(token)
    if decoded is None or decoded == token or not is_vietnamese_syllable(decoded):
        return token
    return decoded


def _decode_telex(token: str) -> str | None:
    letters: list[str] = []
    upper: list[bool] = []
    tones: list[str] = []
    for ch in token:
        key = ch.lower()
        if key in TELEX_TONES and _has_vowel(letters):
            tones.append(TELEX_TONES[key])
        elif not _telex_modifies(letters, key):
            letters.append("ư" if key == "w" else key)  # a lone "w" is ư: "tw" -> "tư"
            upper.append(ch.isupper())
    return _compose(letters, upper, tones)


def _telex_modifies(letters: list[str], key: str) -> bool:
    """Apply a Telex modifier key to the letters typed so far; False if it is a plain letter."""
    if key == "w":
        return _add_horn(letters)
    if letters and letters[-1] == key and key in TELEX_DOUBLES:
        letters[-1] = TELEX_DOUBLES[key]
        return True
    return False


def _decode_vni(token: str) -> str | None:
    letters: list[str] = []
    upper: list[bool] = []
    tones: list[str] = []
    for ch in token:
        if ch in VNI_TONES and _has_vowel(letters):
            tones.append(VNI_TONES[ch])
        elif not _vni_modifies(letters, ch):
            # A letter, or a key with nothing to act on: kept, so the token stays invalid.
            letters.append(ch.lower())
            upper.append(ch.isupper())
    return _compose(letters, upper, tones)


def _vni_modifies(letters: list[str], key: str) -> bool:
    """Apply a VNI modifier digit (6 7 8 9) to the nearest letter it fits; False otherwise."""
    if key == "7":
        return _add_horn(letters)
    return key in VNI_MODIFIERS and _modify_last(letters, VNI_MODIFIERS[key])


def _add_horn(letters: list[str]) -> bool:
    """Horn (or breve on a) on the nearest a/o/u from the end; "uo" becomes "ươ" (not after q)."""
    for i in range(len(letters) - 1, -1, -1):
        if letters[i] not in HORN:
            continue
        letters[i] = HORN[letters[i]]
        before = "".join(letters[:i])
        if letters[i] == "ơ" and before.endswith("u") and not before.endswith("qu"):
            letters[i - 1] = "ư"
        return True
    return False


def _modify_last(letters: list[str], mapping: dict[str, str]) -> bool:
    for i in range(len(letters) - 1, -1, -1):
        if letters[i] in mapping:
            letters[i] = mapping[letters[i]]
            return True
    return False


def _compose(letters: list[str], upper: list[bool], tones: list[str]) -> str | None:
    """Build the decoded syllable with its tone on the new-style vowel, or None if not one."""
    # "ươ" is only written before a final; open, the same keys mean "uơ" (thuở, huơ).
    bases = re.sub("ươ$", "uơ", "".join(letters))
    parts = _parse(bases)
    if parts is None or len(tones) > 1:
        return None
    onset, nucleus, final = parts
    if tones:
        bases = _with_tone(bases, len(onset) + _tone_index(nucleus, final), tones[0])
    cased = "".join(ch.upper() if up else ch for ch, up in zip(bases, upper, strict=True))
    return unicodedata.normalize("NFC", cased)


def _has_vowel(letters: list[str]) -> bool:
    return any(letter in VOWELS for letter in letters)


# --- tokenising -------------------------------------------------------------------------------


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _runs(text: str, predicate: Callable[[str], bool]) -> list[tuple[bool, str]]:
    """Split text into maximal runs where `predicate` holds or fails, keeping every character."""
    return [(key, "".join(group)) for key, group in groupby(text, key=predicate)]


def _map_runs(text: str, predicate: Callable[[str], bool], transform: Callable[[str], str]) -> str:
    """Apply `transform` to the runs where `predicate` holds, leaving the rest as it was."""
    return "".join(transform(run) if key else run for key, run in _runs(text, predicate))
