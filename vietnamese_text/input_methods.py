"""Vietnamese typed in Telex or VNI with no input method running: "hoaf giair" -> "hoà giải"."""

import re
import unicodedata
from typing import Final

from vietnamese_text.syllable import (
    ACUTE,
    DOT_BELOW,
    GRAVE,
    HOOK,
    TILDE,
    VOWELS,
    is_vietnamese_syllable,
    parse_syllable,
    tone_index,
    with_tone,
)
from vietnamese_text.words import is_word_char, map_runs

__all__ = ["decode_typing"]

TELEX_TONES: Final = {"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT_BELOW}
TELEX_DOUBLES: Final = {"a": "â", "e": "ê", "o": "ô", "d": "đ"}
VNI_TONES: Final = {"1": ACUTE, "2": GRAVE, "3": HOOK, "4": TILDE, "5": DOT_BELOW}
VNI_MODIFIERS: Final = {"6": {"a": "â", "e": "ê", "o": "ô"}, "8": {"a": "ă"}, "9": {"d": "đ"}}
HORN: Final = {"a": "ă", "o": "ơ", "u": "ư"}


def decode_typing(text: str) -> str:
    """Recover Vietnamese typed in Telex or VNI with no input method: "hoaf giair" -> "hoà giải".

    Works word by word and only rewrites an ASCII token whose decoding is a plausible Vietnamese
    syllable, so "covid", "ubnd" and "2022" pass through unchanged. Tokens with a digit are read
    as VNI, others as Telex. Case is kept ("Ddangr" -> "Đảng"); `normalise` the result to
    compare. Short English words ending in a tone key ("as", "or") do decode.
    """
    return map_runs(text, is_word_char, _decode_token)


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
    parts = parse_syllable(bases)
    if parts is None or len(tones) > 1:
        return None
    onset, nucleus, final = parts
    if tones:
        bases = with_tone(bases, len(onset) + tone_index(nucleus, final), tones[0])
    cased = "".join(ch.upper() if up else ch for ch, up in zip(bases, upper, strict=True))
    return unicodedata.normalize("NFC", cased)


def _has_vowel(letters: list[str]) -> bool:
    return any(letter in VOWELS for letter in letters)
