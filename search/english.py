"""English stemming for search in the `en` locale: "courts", "court" and "courting" meet.

The Porter2 ("English") stemmer of the Snowball project, as its published
algorithm describes it (snowballstem.org/algorithms/english/stemmer.html),
written out here because no stemming package is among our dependencies; the
tests check it against words from Snowball's own sample vocabulary. It expects
one lower-case word of ASCII letters (search folds accents first).
"""

import functools

__all__ = ["stem"]

VOWELS = frozenset("aeiouy")
DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
LI_ENDINGS = frozenset("cdeghkmnrt")
# Words whose R1 starts after this prefix (so "general" and "generous" stay apart).
R1_PREFIXES = ("gener", "commun", "arsen")
EXCEPTIONS = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    **{word: word for word in ("sky", "news", "howe", "atlas", "cosmos", "bias", "andes")},
}
# Left as they are after step 1a.
AFTER_1A = frozenset(
    {"inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"}
)
STEP_2 = [  # longest first; (suffix, replacement)
    ("ational", "ate"),
    ("tional", "tion"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("iveness", "ive"),
    ("ization", "ize"),
    ("biliti", "ble"),
    ("lessli", "less"),
    ("entli", "ent"),
    ("ation", "ate"),
    ("alism", "al"),
    ("aliti", "al"),
    ("ousli", "ous"),
    ("iviti", "ive"),
    ("fulli", "ful"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("abli", "able"),
    ("izer", "ize"),
    ("ator", "ate"),
    ("alli", "al"),
    ("bli", "ble"),
    ("ogi", "og"),
    ("li", ""),
]
STEP_3 = [
    ("ational", "ate"),
    ("tional", "tion"),
    ("alize", "al"),
    ("icate", "ic"),
    ("iciti", "ic"),
    ("ative", ""),
    ("ical", "ic"),
    ("ness", ""),
    ("ful", ""),
]
STEP_4 = [
    *("ement", "ment", "ance", "ence", "able", "ible", "ant", "ent", "ism"),
    *("ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"),
]
# Each step acts on the longest suffix the word has.
STEP_2.sort(key=lambda rule: -len(rule[0]))
STEP_3.sort(key=lambda rule: -len(rule[0]))
STEP_4.sort(key=len, reverse=True)


def _is_vowel(word: str, index: int) -> bool:
    return word[index] in VOWELS


def _region_after_vc(word: str, start: int) -> int:
    """Index after the first non-vowel that follows a vowel, from `start` on."""
    for index in range(start + 1, len(word)):
        if not _is_vowel(word, index) and _is_vowel(word, index - 1):
            return index + 1
    return len(word)


def _regions(word: str) -> tuple[int, int]:
    r1 = next((len(p) for p in R1_PREFIXES if word.startswith(p)), None)
    if r1 is None:
        r1 = _region_after_vc(word, 0)
    return r1, _region_after_vc(word, r1) if r1 < len(word) else len(word)


def _ends_with_short_syllable(word: str) -> bool:
    if len(word) == 2:
        return _is_vowel(word, 0) and not _is_vowel(word, 1)
    if len(word) >= 3:
        return (
            not _is_vowel(word, -3)
            and _is_vowel(word, -2)
            and not _is_vowel(word, -1)
            and word[-1] not in "wxY"
        )
    return False


def _is_short(word: str, r1: int) -> bool:
    return r1 >= len(word) and _ends_with_short_syllable(word)


def _has_vowel(part: str) -> bool:
    return any(char in VOWELS for char in part)


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Porter2 stem of a lower-case English word."""
    if len(word) <= 2:
        return word
    if word in EXCEPTIONS:
        return EXCEPTIONS[word]
    word = word.lstrip("'")
    # A consonant y is written Y so that the vowel tests skip it.
    if word.startswith("y"):
        word = "Y" + word[1:]
    word = "".join(
        "Y" if char == "y" and index and word[index - 1] in VOWELS else char
        for index, char in enumerate(word)
    )
    r1, r2 = _regions(word)

    # Step 0: possessives.
    for suffix in ("'s'", "'s", "'"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
            break

    # Step 1a: plurals.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ied", "ies")):
        word = word[:-2] if len(word) > 4 else word[:-1]
    elif word.endswith(("us", "ss")):
        pass
    elif word.endswith("s") and _has_vowel(word[:-2]):
        word = word[:-1]
    if word in AFTER_1A:
        return word

    # Step 1b: past tenses and -ing.
    if word.endswith(("eedly", "eed")):
        suffix = "eedly" if word.endswith("eedly") else "eed"
        if len(word) - len(suffix) >= r1:
            word = word[: -len(suffix)] + "ee"
    else:
        for suffix in ("ingly", "edly", "ing", "ed"):
            if word.endswith(suffix):
                stem_part = word[: -len(suffix)]
                if _has_vowel(stem_part):
                    word = stem_part
                    if word.endswith(("at", "bl", "iz")):
                        word += "e"
                    elif word.endswith(DOUBLES):
                        word = word[:-1]
                    elif _is_short(word, r1):
                        word += "e"
                break

    # Step 1c: a final y after a consonant (not the first letter) becomes i.
    if len(word) > 2 and word[-1] in "yY" and word[-2] not in VOWELS:
        word = word[:-1] + "i"

    # Step 2.
    for suffix, replacement in STEP_2:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                if suffix == "ogi":
                    if word[-4:-3] == "l":
                        word = word[:-3] + replacement
                elif suffix == "li":
                    if word[-3:-2] in LI_ENDINGS and word[-3:-2]:
                        word = word[:-2]
                else:
                    word = word[: -len(suffix)] + replacement
            break

    # Step 3.
    for suffix, replacement in STEP_3:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r1:
                if suffix == "ative":
                    if len(word) - len(suffix) >= r2:
                        word = word[: -len(suffix)]
                else:
                    word = word[: -len(suffix)] + replacement
            break

    # Step 4.
    for suffix in STEP_4:
        if word.endswith(suffix):
            if len(word) - len(suffix) >= r2 and (suffix != "ion" or word[-4:-3] in ("s", "t")):
                word = word[: -len(suffix)]
            break

    # Step 5.
    if word.endswith("e"):
        base = word[:-1]
        if len(base) >= r2 or (len(base) >= r1 and not _ends_with_short_syllable(base)):
            word = base
    elif word.endswith("l") and len(word) - 1 >= r2 and word.endswith("ll"):
        word = word[:-1]

    return word.replace("Y", "y")
