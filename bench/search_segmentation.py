"""Vietnamese search terms: syllable pairs or a word segmenter (pyvi) — which ranks better?

A benchmark, not a test. Vietnamese writes a space between syllables, not between
words, and most words are two syllables, so a search index needs some notion of
"these syllables belong together". Issue 5 asks to measure the two ways: adjacent
syllable pairs (what search.analysis indexes) or a word segmenter. This runs plain
BM25 (bm25s, k1 1.2, b 0.75, as bench/search_quality.py's baselines) over
../shared/corpus/legal_articles.jsonl with its 509 dev questions, under five
tokenisations side by side:

  a. folded syllables ("hoa", "giai");
  b. folded syllables + folded adjacent pairs ("hoa_giai"): what our search
     indexes (bench/search_quality.py's mirror of search.analysis, without the
     accent-exact terms);
  c. pyvi words, folded after segmenting ("hoa+giai", "o", "co+so");
  d. pyvi's compound words + folded syllables;
  e. pyvi's compound words + folded syllables + folded pairs.

pyvi segments the text as it is (accented articles; each question as typed, in
each spelling of bench/search_quality.py). Its CRF model was trained on accented
text, so a question typed without diacritics comes out mostly unsegmented: that is
measured, not worked around. In d and e a one-syllable word is not added again (it
is already the syllable term), and words are joined with "+" so that the word
"co+so" and the pair "co_so" stay two terms.

Segmenting all articles takes a couple of minutes, so the segmentation is cached
in --cache-dir (var/bench/), keyed by a hash of the corpus file and pyvi's version,
one article per line (an interrupted run resumes). Run from the repository root:

    .venv/bin/python bench/search_segmentation.py
    .venv/bin/python bench/search_segmentation.py --limit-articles 1000 --variants plain

Queries per second include the question's tokenisation (pyvi for c–e), one query
after the other; index time is building the terms and the bm25s index, with pyvi's
segmentation of the articles shown apart (as measured when it was cached).
"""

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_quality import (  # noqa: E402  (bench/ is not a package)
    ARTICLES,
    METRICS,
    ROOT,
    VARIANT_BY_KEY,
    BM25Baseline,
    Question,
    Run,
    article_text,
    code_version,
    folded_pair_terms,
    load_questions,
    metric_table,
    percentile,
    read_jsonl,
    spelled,
    table,
)

from vietnamese_text.folding import fold  # noqa: E402
from vietnamese_text.normalise import syllables  # noqa: E402

# Not the pairs' "_" (search.analysis): the word "co+so" and the pair "co_so" are two terms.
WORD_JOINER = "+"
PROGRESS_EVERY = 500

# --- Terms ------------------------------------------------------------------------------------


def segment(text: str) -> str:
    """pyvi's segmentation of text as typed: words joined by "_" ("Hòa_giải ở cơ_sở")."""
    from pyvi import ViTokenizer

    return ViTokenizer.tokenize(text)


def folded_words(segmented: str) -> list[str]:
    """Each segmented word folded, punctuation dropped: "Hòa_giải ở ," → ["hoa+giai", "o"]."""
    words = (syllables(token) for token in segmented.split())
    return [WORD_JOINER.join(map(fold, parts)) for parts in words if parts]


def compound_words(segmented: str) -> list[str]:
    return [word for word in folded_words(segmented) if WORD_JOINER in word]


def folded_syllables(text: str) -> list[str]:
    return [fold(word) for word in syllables(text)]


def word_terms(text: str, segmented: str | None = None) -> list[str]:
    return folded_words(segment(text) if segmented is None else segmented)


def word_syllable_terms(text: str, segmented: str | None = None) -> list[str]:
    segmented = segment(text) if segmented is None else segmented
    return compound_words(segmented) + folded_syllables(text)


def word_syllable_pair_terms(text: str, segmented: str | None = None) -> list[str]:
    segmented = segment(text) if segmented is None else segmented
    return compound_words(segmented) + folded_pair_terms(text)


@dataclass(frozen=True)
class Tokenisation:
    key: str
    label: str
    terms: Callable[..., list[str]]  # (text) for a question; (text, segmented) with words
    segmented: bool  # needs pyvi's segmentation of the articles


TOKENISATIONS = [
    Tokenisation("a", "a. folded syllables", folded_syllables, False),
    Tokenisation("b", "b. syllables + pairs (ours)", folded_pair_terms, False),
    Tokenisation("c", "c. pyvi words", word_terms, True),
    Tokenisation("d", "d. pyvi words + syllables", word_syllable_terms, True),
    Tokenisation("e", "e. pyvi words + syllables + pairs", word_syllable_pair_terms, True),
]
TOKENISATION_BY_KEY = {tokenisation.key: tokenisation for tokenisation in TOKENISATIONS}


# --- Segmented corpus, cached -----------------------------------------------------------------


@dataclass(frozen=True)
class Segmentation:
    """pyvi's words per article id, and the seconds pyvi took on each."""

    words: dict[str, str]
    seconds: dict[str, float]


def cache_path(cache_dir: Path) -> Path:
    """One file per corpus content and pyvi version: a changed corpus is segmented afresh."""
    digest = hashlib.sha256(ARTICLES.read_bytes()).hexdigest()[:16]
    return cache_dir / f"pyvi_segmented_{digest}_pyvi{version('pyvi')}.jsonl"


def read_cache(path: Path) -> Segmentation:
    cached = Segmentation({}, {})
    if not path.exists():
        return cached
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:  # the last line of an interrupted run
                continue
            cached.words[row["id"]] = row["words"]
            cached.seconds[row["id"]] = row["seconds"]
    return cached


def segmented_corpus(rows: list[dict], cache_dir: Path) -> Segmentation:
    """pyvi's segmentation of each row's text, from the cache or segmented (and cached) now."""
    path = cache_path(cache_dir)
    cached = read_cache(path)
    missing = [row for row in rows if row["id"] not in cached.words]
    print(f"pyvi: {len(rows) - len(missing)} articles cached in {path}", file=sys.stderr)
    started = time.perf_counter()
    with path.open("a", encoding="utf-8") as cache:
        if path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            cache.write("\n")  # after an interrupted run's cut line, start a new one
        for done, row in enumerate(missing, 1):
            began = time.perf_counter()
            words = segment(article_text(row))
            seconds = time.perf_counter() - began
            cached.words[row["id"]], cached.seconds[row["id"]] = words, seconds
            line = {"id": row["id"], "words": words, "seconds": round(seconds, 5)}
            cache.write(json.dumps(line, ensure_ascii=False) + "\n")
            if done % PROGRESS_EVERY == 0 or done == len(missing):
                elapsed = time.perf_counter() - started
                left = elapsed / done * (len(missing) - done)
                print(
                    f"  pyvi: {done}/{len(missing)} articles segmented, {elapsed:.0f} s"
                    f" (about {left:.0f} s left)",
                    file=sys.stderr,
                    flush=True,
                )
    return cached


# --- Running ----------------------------------------------------------------------------------


@dataclass
class Measured:
    run: Run
    index_seconds: float
    segmentation_seconds: float | None
    vocabulary: int
    terms_per_article: float


def measure(
    tokenisation: Tokenisation, rows: list[dict], segmentation: Segmentation | None, jobs: dict
) -> Measured:
    """Index the rows with one tokenisation and ask every question in every spelling."""
    lengths: list[int] = []
    segmentation_seconds = None
    if tokenisation.segmented:
        segmentation_seconds = sum(segmentation.seconds[row["id"]] for row in rows)

    def document_terms(row: dict) -> list[str]:
        if tokenisation.segmented:
            terms = tokenisation.terms(article_text(row), segmentation.words[row["id"]])
        else:
            terms = tokenisation.terms(article_text(row))
        lengths.append(len(terms))
        return terms

    print(f"… {tokenisation.label}: index", file=sys.stderr, flush=True)
    started = time.perf_counter()
    baseline = BM25Baseline(tokenisation.terms, rows, document_terms)
    index_seconds = time.perf_counter() - started
    print(f"… {tokenisation.label}: questions", file=sys.stderr, flush=True)
    return Measured(
        baseline.run(tokenisation.label, jobs),
        index_seconds,
        segmentation_seconds,
        vocabulary=len(baseline.index.vocab_dict),
        terms_per_article=statistics.mean(lengths),
    )


def compound_share(jobs: dict) -> dict[str, float]:
    """Per spelling, the share of questions in which pyvi finds at least one compound word."""
    return {
        variant: 100
        * statistics.mean(bool(compound_words(segment(text))) for text in texts.values())
        for variant, texts in jobs.items()
    }


# --- Report -----------------------------------------------------------------------------------


def speed_table(measured: list[Measured]) -> str:
    rows = []
    for m in measured:
        segmentation = "–" if m.segmentation_seconds is None else f"{m.segmentation_seconds:.0f}"
        rows.append(
            [
                m.run.system,
                segmentation,
                f"{m.index_seconds:.1f}",
                f"{m.vocabulary:,}",
                f"{m.terms_per_article:.0f}",
                f"{1000 / statistics.mean(m.run.ms):.0f}",
                f"{percentile(m.run.ms, 0.5):.1f}",
                f"{percentile(m.run.ms, 0.95):.1f}",
            ]
        )
    header = [
        "tokenisation",
        "pyvi on articles s",
        "index s",
        "vocabulary",
        "terms/article",
        "queries/s",
        "p50 ms",
        "p95 ms",
    ]
    return "### Index and speed (one client, all spellings)\n\n" + table(header, rows)


def segmenter_table(shares: dict[str, float]) -> str:
    header = [VARIANT_BY_KEY[key].label for key in shares]
    row = [f"{share:.0f}%" for share in shares.values()]
    title = "### Questions in which pyvi finds a compound word, per spelling"
    return f"{title}\n\n" + table(header, [row])


# --- Orchestration ----------------------------------------------------------------------------


def answerable(questions: list[Question], ids: set[str]) -> list[Question]:
    """The questions with a relevant article among the indexed ones (for --limit-articles)."""
    return [question for question in questions if question.relevant & ids]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--limit-articles",
        type=int,
        help="Only the first N articles (and the questions answered among them).",
    )
    parser.add_argument("--limit-queries", type=int, help="Only the first N dev questions.")
    parser.add_argument(
        "--variants", default=",".join(VARIANT_BY_KEY), help="written,plain,tone,nfd,telex"
    )
    parser.add_argument(
        "--tokenisations", default=",".join(TOKENISATION_BY_KEY), help="a,b,c,d,e (see above)"
    )
    parser.add_argument("--cache-dir", default=str(ROOT / "var" / "bench"))
    args = parser.parse_args()
    keys = ["written", *(key for key in args.variants.split(",") if key and key != "written")]
    chosen = [key for key in args.tokenisations.split(",") if key]
    if set(keys) - set(VARIANT_BY_KEY) or set(chosen) - set(TOKENISATION_BY_KEY) or not chosen:
        parser.error(f"unknown variant or tokenisation in {keys} {chosen}")
    args.variants = [VARIANT_BY_KEY[key] for key in VARIANT_BY_KEY if key in keys]
    args.tokenisations = [TOKENISATION_BY_KEY[key] for key in TOKENISATION_BY_KEY if key in chosen]
    return args


def main() -> None:
    args = parse_args()
    cache_dir = Path(args.cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    rows = list(read_jsonl(ARTICLES))[: args.limit_articles]
    questions = answerable(load_questions(args.limit_queries), {row["id"] for row in rows})
    jobs = spelled(questions, args.variants)
    segmentation = None
    if any(tokenisation.segmented for tokenisation in args.tokenisations):
        segmentation = segmented_corpus(rows, cache_dir)
    measured = [measure(t, rows, segmentation, jobs) for t in args.tokenisations]
    runs = [m.run for m in measured]
    by_qid = {question.qid: question for question in questions}
    print(
        f"Code: {code_version()}. Corpus: {len(rows)} articles, {len(questions)} questions;"
        f" BM25 k1 1.2, b 0.75; pyvi {version('pyvi')}.\n"
    )
    parts = [metric_table(metric, runs, args.variants, by_qid) for metric in METRICS]
    parts.append(speed_table(measured))
    if segmentation is not None:
        parts.append(segmenter_table(compound_share(jobs)))
    print("\n\n".join(parts))


if __name__ == "__main__":
    main()
