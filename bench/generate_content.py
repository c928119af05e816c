"""Import files of any size from the corpus: its rows repeated with distinct source ids.

A benchmark helper, not a test. The corpus has 5,500 news articles and 10,025 legal
articles; a 100,000-page site is built by repeating them. Repeat k (k ≥ 1) of a row gets
the source id `<id>#<k>`, so every line is a new page for `import_content` (repeat 0
keeps the corpus id, so a file also re-imports the plain corpus idempotently). Titles
are kept: a repeated title gets a numbered slug (-2, -3 …), as it would in real life.

The output is in the corpus's own row formats, for `import_content --format news` or
`--format legal`; nothing is written but the output file (under var/bench/ by default).

    .venv/bin/python bench/generate_content.py --format news --count 100000
    .venv/bin/python bench/generate_content.py --format legal --count 10000 \\
        --output var/bench/legal-10k.jsonl
    .venv/bin/python manage.py import_content var/bench/news-100000.jsonl \\
        --format news --parent /tin-tuc-su-kien/ --bulk

`generated_rows(format, count)` is the same stream for scripts (bench/import_speed.py).
"""

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = Path(os.environ.get("GOVCMS_CORPUS_DIR", ROOT.parent / "shared" / "corpus"))
CORPUS_FILES = {"news": "news.jsonl", "legal": "legal_articles.jsonl"}


def corpus_rows(row_format: str) -> list[dict]:
    with (CORPUS_DIR / CORPUS_FILES[row_format]).open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


def generated_rows(row_format: str, count: int) -> Iterator[dict]:
    """`count` rows of the corpus file, repeated as often as needed, each id distinct."""
    rows = corpus_rows(row_format)
    for number in range(count):
        repeat, row = divmod(number, len(rows))
        row = rows[row]
        yield row if repeat == 0 else {**row, "id": f"{row['id']}#{repeat}"}


def write_rows(rows, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=sorted(CORPUS_FILES), required=True)
    parser.add_argument("--count", type=int, required=True, help="Rows to write (≥ 1).")
    parser.add_argument("--output", type=Path, help="Default: var/bench/<format>-<count>.jsonl")
    options = parser.parse_args(argv)
    if not 1 <= options.count <= 10_000_000:
        parser.error("--count must be between 1 and 10,000,000")
    output = options.output or ROOT / "var" / "bench" / f"{options.format}-{options.count}.jsonl"
    write_rows(generated_rows(options.format, options.count), output)
    print(f"{options.count} {options.format} rows in {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
