"""Compile locale/<language>/LC_MESSAGES/*.mo with polib (no GNU gettext needed).

Two sources per language, merged into the catalogues Django loads (LOCALE_PATHS wins
over every app's own):
- LC_MESSAGES/django.po: the project's own strings, kept by `manage.py makemessages`;
- wagtail/django.po and wagtail/djangojs.po: Wagtail's (and its add-ons') admin strings
  that their own Vietnamese catalogues lack or word differently. makemessages never sees
  them (it would mark them obsolete), so they live beside it.
On the same msgid the project's entry wins. Fuzzy and untranslated entries are skipped.
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def merged(*paths: Path) -> polib.POFile:
    catalogue = polib.POFile()
    seen: set[tuple[str | None, str]] = set()
    for path in paths:
        if not path.exists():
            continue
        source = polib.pofile(str(path))
        if not catalogue.metadata:
            catalogue.metadata = source.metadata
        for entry in source.translated_entries():
            key = (entry.msgctxt, entry.msgid)
            if key not in seen:
                seen.add(key)
                catalogue.append(entry)
    return catalogue


def compile_language(language_dir: Path) -> list[str]:
    messages, wagtail = language_dir / "LC_MESSAGES", language_dir / "wagtail"
    report = []
    for domain in ("django", "djangojs"):
        catalogue = merged(messages / f"{domain}.po", wagtail / f"{domain}.po")
        if not catalogue:
            continue
        catalogue.save_as_mofile(str(messages / f"{domain}.mo"))
        report.append(f"{language_dir.name} {domain}: {len(catalogue)} translated")
    return report


def main() -> int:
    for language_dir in sorted(path for path in LOCALE.iterdir() if path.is_dir()):
        for line in compile_language(language_dir):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
