"""Finding English on a screen meant to be Vietnamese.

Every Vietnamese word is one syllable of a fixed shape: an optional initial consonant
(b, ch, gh, ngh, qu, tr, …), one to three vowels, an optional final (c, ch, m, n, ng,
nh, p, t). Folded to ASCII, "nghiệp" is ngh-ie-p and "khuyến" kh-uye-n; "Save",
"draft", "Images", "ago" or "None" fit no such shape. A word that does not is English
(or a name or code, which the caller allows). Short English words that happen to fit
("to", "in", "by") slip through, but no English sentence is made of them alone.
"""

import re

from vietnamese_text.folding import fold

SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|g|h|k|l|m|n|p|r|s|t|v|x)?"
    r"[aeiouy]{1,3}(?:ng|nh|ch|c|m|n|p|t)?"
)
WORD = re.compile(r"[^\W\d_]+")
# A file's name is the uploader's, in any language: "ke-hoach_mSYwjgk.pdf".
FILE_NAME = re.compile(r"[\w.-]+\.[A-Za-z0-9]{2,4}\b")


def foreign_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The words of `text` that are not Vietnamese syllables, nor allowed, nor codes in
    capitals (CT, UBND, PDF), nor single letters (A → Z), nor in file names."""
    found = []
    for word in WORD.findall(FILE_NAME.sub(" ", text)):
        if len(word) == 1 or word.lower() in allowed or word.isupper():
            continue
        if not SYLLABLE.fullmatch(fold(word)):
            found.append(word)
    return found
