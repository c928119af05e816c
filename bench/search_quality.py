"""Search quality on the legal corpus: our search against stock Wagtail and plain BM25.

A benchmark, not a test. It imports ../shared/corpus/legal_articles.jsonl (10,025
articles of 99 laws) through `manage.py import_content --format legal`, asks the
509 dev questions of legal_queries_dev.jsonl through the search API
(`/api/search/?q=…&limit=10`, Django's test Client, so the whole product path
runs: typing recovery, abbreviations, ranking) on each backend, maps the pages
back to corpus ids through ImportRecord, and prints MRR@10, Recall@10 and
nDCG@10.

Each question is asked as written and in four generated spellings that real users
produce, because the product promises the same answers for them:

- no diacritics: marks stripped, đ → d ("hoa giai o co so");
- other tone placement: old ↔ new style in open oa/oe/uy syllables ("hòa" ↔ "hoà");
- NFD: the same text decomposed, as some keyboards and PDFs send it;
- Telex: typed with Telex keys but no input method ("hoaf giair", "nguowif").

The same pages are searched by two baselines, so that the numbers mean something:
stock Wagtail search (its database backend, configured as a second backend
"stock" and filled with `update_index --backend stock`) and a plain BM25
(bm25s, k1 1.2, b 0.75) over the corpus texts, once over accented syllables and
once over folded syllables plus folded syllable pairs (the terms our analysis
uses, without its column weights, typing recovery or abbreviations). Both BM25
baselines tokenise with vietnamese_text, so NFD and tone placement are already
normalised for them; they show what the ranking alone is worth.

The report marks the product's targets (on MRR@10): as written ≥ 90; without
diacritics ≥ 97% of as written; NFD and the other tone placement exactly as
written (every question's reciprocal rank the same); Telex ≥ 80% of as written.
Elasticsearch serves the pages of the SQLite database, from the index
`bench_entries`.

Run from the repository root (see bench/README.md):

    .venv/bin/python bench/search_quality.py --backends sqlite
    .venv/bin/python bench/search_quality.py --backends sqlite,postgres,elasticsearch

Prepared databases are kept in --db-dir (var/bench/) and in the database
`govcms_bench` of the test PostgreSQL server, and reused while they hold every
article; --rebuild starts them afresh. Questions run one after the other, so
queries per second is 1000 / mean latency of one client.
"""

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.request
from collections.abc import Callable
from contextlib import closing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vietnamese_text.folding import strip_marks  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = CORPUS / "legal_articles.jsonl"
QUESTIONS = CORPUS / "legal_queries_dev.jsonl"
PYTHON = sys.executable
PARENT = "/pho-bien-giao-duc-phap-luat/"
PG_DATABASE = "govcms_bench"
ES_PREFIX = "bench_"
K = 10
WARM_UP = 3

# --- Query variants ---------------------------------------------------------------------------

ACUTE, GRAVE, HOOK, TILDE, DOT_BELOW = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONE_KEYS = {ACUTE: "s", GRAVE: "f", HOOK: "r", TILDE: "x", DOT_BELOW: "j"}
LETTER_KEYS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}
WORD = re.compile(r"[^\W\d_]+")
# Open syllables whose tone position depends on the style: onset (no "q": in "quy" the u
# belongs to the onset) and the nucleus oa, oe or uy with nothing after it.
STYLE_DEPENDENT = re.compile(r"([bcdđghklmnprstvx]*)(oa|oe|uy)")


def tones_of(word: str) -> list[tuple[int, str]]:
    """(letter index, tone mark) for each tone on an NFC word."""
    return [
        (index, mark)
        for index, letter in enumerate(word)
        for mark in unicodedata.normalize("NFD", letter)
        if mark in TONE_KEYS
    ]


def without_tone(letter: str) -> str:
    marks = unicodedata.normalize("NFD", letter)
    return unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONE_KEYS))


def other_tone_word(word: str) -> str:
    """Move the tone of an open oa/oe/uy syllable to the other vowel: "hòa" ↔ "hoà"."""
    tones = tones_of(word)
    if len(tones) != 1:
        return word
    letters = [without_tone(letter) for letter in word]
    match = STYLE_DEPENDENT.fullmatch("".join(letters).lower())
    if match is None:
        return word
    first = len(match.group(1))  # old style marks the nucleus's first vowel, new style its second
    index, tone = tones[0]
    if index not in (first, first + 1):
        return word
    target = first + 1 if index == first else first
    letters[target] = unicodedata.normalize("NFC", letters[target] + tone)
    return "".join(letters)


def other_tone_placement(text: str) -> str:
    return WORD.sub(lambda m: other_tone_word(m.group()), unicodedata.normalize("NFC", text))


def telex_word(word: str) -> str:
    """A word as Telex keys typed without an input method: "người" → "nguowif", "Đảng" → "Ddangr".

    Letter marks follow their letter (aa, ow, dd; one w after "uo" for ươ), the tone key
    comes last.
    """
    tones = tones_of(word)
    letters = [without_tone(letter) for letter in word]
    keys = []
    for index, letter in enumerate(letters):
        lower = letter.lower()
        if lower == "ư" and index + 1 < len(letters) and letters[index + 1].lower() == "ơ":
            lower = "u"  # "uo" + w gives ươ
        typed = LETTER_KEYS.get(lower, lower)
        keys.append(typed[0].upper() + typed[1:] if letter.isupper() else typed)
    return "".join(keys) + "".join(TONE_KEYS[tone] for _, tone in tones)


def telex(text: str) -> str:
    return WORD.sub(lambda m: telex_word(m.group()), unicodedata.normalize("NFC", text))


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    spell: Callable[[str], str]


VARIANTS = [
    Variant("written", "as written", lambda text: text),
    Variant("plain", "no diacritics", strip_marks),
    Variant("tone", "other tone", other_tone_placement),
    Variant("nfd", "NFD", nfd),
    Variant("telex", "Telex", telex),
]
VARIANT_BY_KEY = {variant.key: variant for variant in VARIANTS}


# --- Corpus and questions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    relevant: frozenset[str]


def read_jsonl(path: Path):
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def load_questions(limit: int | None) -> list[Question]:
    rows = list(read_jsonl(QUESTIONS))[:limit]
    return [Question(row["qid"], row["question"], frozenset(row["relevant"])) for row in rows]


def spelled(questions: list[Question], variants: list[Variant]) -> dict[str, dict[str, str]]:
    """{variant key: {qid: the question in that spelling}}."""
    return {v.key: {q.qid: v.spell(q.text) for q in questions} for v in variants}


# --- Metrics ----------------------------------------------------------------------------------


def reciprocal_rank(ranked: list[str], relevant: frozenset[str]) -> float:
    return next((1 / rank for rank, doc in enumerate(ranked[:K], 1) if doc in relevant), 0.0)


def recall(ranked: list[str], relevant: frozenset[str]) -> float:
    return len(relevant & set(ranked[:K])) / len(relevant)


def ndcg(ranked: list[str], relevant: frozenset[str]) -> float:
    dcg = sum(1 / math.log2(rank + 1) for rank, doc in enumerate(ranked[:K], 1) if doc in relevant)
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(len(relevant), K) + 1))
    return dcg / ideal


METRICS = {"MRR@10": reciprocal_rank, "Recall@10": recall, "nDCG@10": ndcg}


@dataclass
class Run:
    """What one system returned: ranked corpus ids per variant and question, and timings."""

    system: str
    ranked: dict[str, dict[str, list[str]]]
    ms: list[float] = field(default_factory=list)
    errors: int = 0
    timeouts: int = 0
    degraded: int = 0
    corrected: dict[str, int] = field(default_factory=dict)  # answers with a corrected_query
    suggested: dict[str, int] = field(default_factory=dict)  # answers with a "did you mean"
    note: str = ""

    def qids(self) -> list[str]:
        return list(self.ranked["written"])

    def score(self, metric: str, variant: str, questions: dict[str, Question]) -> float | None:
        answers = self.ranked.get(variant)
        if not answers:
            return None
        function = METRICS[metric]
        return 100 * statistics.mean(
            function(ranked, questions[qid].relevant) for qid, ranked in answers.items()
        )

    @classmethod
    def from_dict(cls, saved: dict) -> "Run":
        return cls(**saved)

    def restricted(self, qids: list[str], system: str) -> "Run":
        """The same answers for a subset of the questions (no timings)."""
        ranked = {v: {q: answers[q] for q in qids} for v, answers in self.ranked.items()}
        return Run(system, ranked, note=f"same {len(qids)} questions as stock")


# --- Preparing databases ----------------------------------------------------------------------


class Phases:
    """Wall-clock time of each phase, for the report."""

    def __init__(self):
        self.rows: list[tuple[str, float]] = []

    def timed(self, name: str, function, *args, **kwargs):
        started = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        result = function(*args, **kwargs)
        self.rows.append((name, time.perf_counter() - started))
        return result


def django_env(database_url: str, search_url: str = "") -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "DEBUG": "0",  # no query log growing over thousands of requests
        "SEARCH_URL": search_url,
    }
    if search_url:
        env["SEARCH_INDEX_PREFIX"] = ES_PREFIX
    return env


def manage(env: dict[str, str], *arguments: str, allowed=(0,)) -> None:
    command = [PYTHON, "manage.py", *arguments]
    finished = subprocess.run(command, cwd=ROOT, env=env, stdout=sys.stderr)  # stdout: the report
    if finished.returncode not in allowed:
        raise subprocess.CalledProcessError(finished.returncode, command)


def postgres_url() -> str:
    """The bench database's URL on the test PostgreSQL server (started if needed)."""
    subprocess.run([ROOT / "scripts" / "postgres.sh", "start"], check=True, stdout=sys.stderr)
    server = subprocess.run(
        [ROOT / "scripts" / "postgres.sh", "url"], check=True, capture_output=True, text=True
    ).stdout.strip()
    return urlunsplit(urlsplit(server)._replace(path=f"/{PG_DATABASE}"))


def create_postgres_database(url: str, rebuild: bool) -> None:
    """Create the bench database as the govcms role (dropped first with rebuild)."""
    import psycopg

    server = urlunsplit(urlsplit(url)._replace(path="/govcms"))
    with psycopg.connect(server, autocommit=True) as connection:
        if rebuild:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]
        ).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")


def scalar(database_url: str, sql: str) -> int:
    """One number from the bench database, 0 when the table is not there yet."""
    if database_url.startswith("sqlite"):
        import sqlite3

        path = Path(database_url.removeprefix("sqlite:///"))
        if not path.exists():
            return 0
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            try:
                return connection.execute(sql).fetchone()[0]
            except sqlite3.OperationalError:
                return 0
    import psycopg

    with psycopg.connect(database_url) as connection:
        try:
            return connection.execute(sql).fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def imported_articles(database_url: str) -> int:
    return scalar(database_url, "SELECT count(*) FROM articles_importrecord")


def prepare_database(name: str, database_url: str, articles: int, phases: Phases) -> None:
    """Migrate, then load the demo site and import the corpus unless it is all there."""
    env = django_env(database_url)
    phases.timed(f"{name}: migrate", manage, env, "migrate", "--no-input", "-v0")
    manage(env, "createcachetable")  # the default cache is a database table (CACHE_URL)
    if imported_articles(database_url) >= articles:
        print(f"{name}: {articles} articles already imported", file=sys.stderr)
        return
    phases.timed(f"{name}: load_demo", manage, env, "load_demo")
    phases.timed(
        f"{name}: import_content",
        manage,
        env,
        "import_content",
        str(ARTICLES),
        "--format",
        "legal",
        "--parent",
        PARENT,
        "--no-progress",
        allowed=(0, 1),  # 1: some rows rejected, which the command lists
    )


def elasticsearch_url() -> tuple[str, bool]:
    """Start Elasticsearch if needed; its URL and whether this run started it."""
    script = ROOT / "scripts" / "elasticsearch.sh"
    was_running = subprocess.run([script, "status"], capture_output=True).returncode == 0
    subprocess.run([script, "start"], check=True, stdout=sys.stderr)
    url = subprocess.run([script, "url"], check=True, capture_output=True, text=True)
    return url.stdout.strip(), not was_running


def elasticsearch_documents(url: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/{ES_PREFIX}entries/_count", timeout=10) as answer:
            return json.load(answer)["count"]
    except OSError:
        return 0


def fill_elasticsearch(database_url: str, search_url: str, rebuild: bool, phases: Phases) -> None:
    """`update_index` into the bench_ index unless it already mirrors the database's entries."""
    entries = scalar(database_url, "SELECT count(*) FROM vnsearch_indexentry")
    if not rebuild and entries and elasticsearch_documents(search_url) == entries:
        print(f"elasticsearch: {entries} entries already indexed", file=sys.stderr)
        return
    env = django_env(database_url, search_url)
    phases.timed("elasticsearch: update_index", manage, env, "update_index")


# --- Running the questions (in a subprocess with Django) --------------------------------------


def run_worker(mode: str, system: str, env: dict, jobs: dict, args, phases: Phases) -> Run:
    """Ask `jobs` ({variant: {qid: text}}) in a worker subprocess; its answers as a Run."""
    with tempfile.TemporaryDirectory(dir=args.db_dir) as scratch:
        job_file, out_file = Path(scratch) / "job.json", Path(scratch) / "out.json"
        job_file.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
        command = [PYTHON, __file__, "--worker", mode, "--job", str(job_file)]
        command += ["--out", str(out_file), "--stock-timeout", str(args.stock_timeout)]
        subprocess.run(command, env=env, check=True)
        result = json.loads(out_file.read_text(encoding="utf-8"))
    for name, seconds in result.pop("phases"):
        phases.rows.append((f"{system}: {name}", seconds))
    return Run(system=system, **result)


def worker_main(args) -> None:
    """Entry point of the worker subprocess: ask every job, write ranked corpus ids."""
    import django
    from django.conf import settings

    if args.worker == "stock":
        stock = {"BACKEND": "wagtail.search.backends.database"}
        settings.WAGTAILSEARCH_BACKENDS = {**settings.WAGTAILSEARCH_BACKENDS, "stock": stock}
    django.setup()
    jobs = json.loads(Path(args.job).read_text(encoding="utf-8"))
    worker = ApiWorker() if args.worker == "ours" else StockWorker(args.stock_timeout)
    result = worker.run(jobs)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def progress(done: int, total: int) -> None:
    if done % 250 == 0 or done == total:
        print(f"  {done}/{total} questions", file=sys.stderr, flush=True)


class ApiWorker:
    """Our search, through `/api/search/` as a front end calls it."""

    def __init__(self):
        from django.test import Client

        from articles.models import ImportRecord

        self.client = Client()
        self.corpus_ids = dict(ImportRecord.objects.values_list("page_id", "source_id"))

    def ask(self, text: str) -> tuple[list[str], dict]:
        response = self.client.get("/api/search/", {"q": text, "limit": K})
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.content[:200]!r}")
        body = response.json()
        ranked = [self.corpus_ids.get(item["id"], f"page:{item['id']}") for item in body["items"]]
        return ranked, body

    def run(self, jobs: dict) -> dict:
        began = time.perf_counter()
        for text in list(jobs["written"].values())[:WARM_UP]:
            self.ask(text)
        result = {"ranked": {}, "ms": [], "errors": 0, "degraded": 0}
        result |= {"corrected": {}, "suggested": {}}
        total = sum(map(len, jobs.values()))
        for variant, questions in jobs.items():
            result["ranked"][variant] = {}
            result["corrected"][variant] = result["suggested"][variant] = 0
            for qid, text in questions.items():
                started = time.perf_counter()
                ranked, body = self.ask(text)
                result["ms"].append((time.perf_counter() - started) * 1000)
                result["ranked"][variant][qid] = ranked
                result["degraded"] += bool(body["degraded"])
                result["corrected"][variant] += bool(body["corrected_query"])
                result["suggested"][variant] += bool(body["suggestion"])
                progress(len(result["ms"]), total)
        result["phases"] = [("questions", time.perf_counter() - began)]
        return result


class StockWorker:
    """Stock Wagtail search (its database backend) on the same live pages, with a time limit."""

    def __init__(self, timeout: float):
        from django.core.management import call_command
        from django.db import connection
        from wagtail.search.models import IndexEntry

        from articles.models import ImportRecord

        self.timeout = timeout
        self.corpus_ids = dict(ImportRecord.objects.values_list("page_id", "source_id"))
        self.phases: list[tuple[str, float]] = []
        if IndexEntry.objects.count() < len(self.corpus_ids):
            started = time.perf_counter()
            call_command("update_index", backend_name="stock", verbosity=0)
            self.phases.append(("update_index --backend stock", time.perf_counter() - started))
        connection.ensure_connection()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {int(timeout * 1000)}")

    def ask(self, text: str) -> list[int]:
        from django.db import connection
        from wagtail.models import Page

        pages = Page.objects.live().public().search(text, backend="stock", operator="or")
        if connection.vendor != "sqlite":
            return [page.pk for page in pages[:K]]
        timer = threading.Timer(self.timeout, connection.connection.interrupt)
        timer.start()
        try:
            return [page.pk for page in pages[:K]]
        finally:
            timer.cancel()

    def run(self, jobs: dict) -> dict:
        began = time.perf_counter()
        result = {"ranked": {}, "ms": [], "errors": 0, "timeouts": 0}
        total = sum(map(len, jobs.values()))
        for variant, questions in jobs.items():
            result["ranked"][variant] = {}
            for qid, text in questions.items():
                started = time.perf_counter()
                try:
                    pks = self.ask(text)
                except Exception as error:  # stock search fails on some input: a miss
                    pks = []
                    timed_out = "interrupt" in str(error) or "statement timeout" in str(error)
                    result["timeouts" if timed_out else "errors"] += 1
                result["ms"].append((time.perf_counter() - started) * 1000)
                progress(len(result["ms"]), total)
                result["ranked"][variant][qid] = [
                    self.corpus_ids.get(pk, f"page:{pk}") for pk in pks
                ]
        result["phases"] = [*self.phases, ("questions", time.perf_counter() - began)]
        return result


# --- BM25 baselines (in this process) ---------------------------------------------------------


def accented_terms(text: str) -> list[str]:
    from vietnamese_text.normalise import syllables

    return syllables(text)


def folded_pair_terms(text: str) -> list[str]:
    from search.analysis import pair_terms
    from vietnamese_text.folding import fold
    from vietnamese_text.normalise import syllables

    folded = [fold(word) for word in syllables(text)]
    return folded + pair_terms(folded)


def article_text(row: dict) -> str:
    """What an imported page's text holds of a corpus article: its law's title and its text."""
    return f"{row['law_title']}\n{row['text']}"


class BM25Baseline:
    """bm25s over the corpus texts (law title and article text, as the imported page has).

    `tokenise` turns a question into terms, and by default each article too; pass
    `rows` for part of the corpus and `document_terms` when articles are tokenised
    another way than questions (e.g. from a cache of an expensive segmentation).
    """

    def __init__(
        self,
        tokenise: Callable[[str], list[str]],
        rows: list[dict] | None = None,
        document_terms: Callable[[dict], list[str]] | None = None,
    ):
        import bm25s

        rows = list(read_jsonl(ARTICLES)) if rows is None else rows
        document_terms = document_terms or (lambda row: tokenise(article_text(row)))
        self.tokenise = tokenise
        self.ids = [row["id"] for row in rows]
        self.index = bm25s.BM25(k1=1.2, b=0.75)
        self.index.index([document_terms(row) for row in rows], show_progress=False)

    def search(self, text: str) -> list[str]:
        import numpy

        vocabulary = self.index.vocab_dict
        terms = [term for term in dict.fromkeys(self.tokenise(text)) if term in vocabulary]
        if not terms:
            return []
        scores = self.index.get_scores(terms)
        best = numpy.argsort(-scores, kind="stable")[:K]
        return [self.ids[i] for i in best if scores[i] > 0]

    def run(self, system: str, jobs: dict) -> Run:
        run = Run(system, {})
        for variant, questions in jobs.items():
            run.ranked[variant] = {}
            for qid, text in questions.items():
                started = time.perf_counter()
                run.ranked[variant][qid] = self.search(text)
                run.ms.append((time.perf_counter() - started) * 1000)
        return run


# --- Report -----------------------------------------------------------------------------------

MRR_TARGET = 90.0
PLAIN_TARGET = 97.0  # % of as written
TELEX_TARGET = 80.0


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def ratio(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return 100 * part / whole


def system_label(run: Run) -> str:
    """The system, how many questions it was asked, and how many of its answers failed."""
    counts = [f"n={len(run.qids())}"]
    counts += [
        f"{n} {what}" for what, n in (("timeouts", run.timeouts), ("errors", run.errors)) if n
    ]
    return f"{run.system} ({', '.join(counts)})"


def metric_table(metric: str, runs: list[Run], variants: list[Variant], questions) -> str:
    header = ["system", *(v.label for v in variants)]
    if metric == "MRR@10":
        header += ["no diacritics %", "Telex %"]
    rows = []
    for run in runs:
        scores = {v.key: run.score(metric, v.key, questions) for v in variants}
        row = [system_label(run), *(number(scores[v.key]) for v in variants)]
        if metric == "MRR@10":
            row += [number(ratio(scores.get(key), scores["written"])) for key in ("plain", "telex")]
        rows.append(row)
    return f"### {metric}\n\n" + table(header, rows)


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def share_cell(run: Run, variant: str, target: float, questions) -> str:
    """MRR@10 of a variant as a % of as written, against a target %."""
    if variant not in run.ranked:
        return "–"
    share = ratio(
        run.score("MRR@10", variant, questions), run.score("MRR@10", "written", questions)
    )
    return "–" if share is None else f"{share:.1f}% {verdict(share >= target)}"


def equal_cell(run: Run, variant: str, questions) -> str:
    """Met when every question's reciprocal rank is as written; also how many top 10s differ."""
    if variant not in run.ranked or not run.score("MRR@10", "written", questions):
        return "–"  # nothing found as written: nothing to compare
    written = run.ranked["written"]
    answers = run.ranked[variant].items()
    same = all(
        reciprocal_rank(ranked, questions[qid].relevant)
        == reciprocal_rank(written[qid], questions[qid].relevant)
        for qid, ranked in answers
    )
    differing = sum(ranked != written[qid] for qid, ranked in answers)
    mrr = number(run.score("MRR@10", variant, questions))
    return f"{mrr}, {differing} top-10 differ, {verdict(same)}"


def target_rows(run: Run, questions) -> list[str]:
    """One row: each target's value and whether it is met."""
    mrr = run.score("MRR@10", "written", questions)
    return [
        system_label(run),
        f"{number(mrr)} {verdict(mrr >= MRR_TARGET)}",
        share_cell(run, "plain", PLAIN_TARGET, questions),
        equal_cell(run, "nfd", questions),
        equal_cell(run, "tone", questions),
        share_cell(run, "telex", TELEX_TARGET, questions),
    ]


def targets_table(runs: list[Run], questions) -> str:
    header = [
        "system",
        f"MRR@10 as written ≥ {MRR_TARGET:.0f}",
        f"no diacritics ≥ {PLAIN_TARGET:.0f}%",
        "NFD = as written",
        "other tone = as written",
        f"Telex ≥ {TELEX_TARGET:.0f}%",
    ]
    return "### Targets (MRR@10)\n\n" + table(header, [target_rows(run, questions) for run in runs])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run_notes(run: Run) -> str:
    notes = [run.note] if run.note else []
    if run.errors:
        notes.append(f"{run.errors} errors (counted as misses)")
    if run.timeouts:
        notes.append(f"{run.timeouts} timeouts (counted as misses)")
    if run.degraded:
        notes.append(f"{run.degraded} answered by the database fallback")
    return "; ".join(notes)


def speed_table(runs: list[Run]) -> str:
    rows = [
        [
            run.system,
            str(len(run.ms)),
            f"{1000 / statistics.mean(run.ms):.1f}",
            f"{percentile(run.ms, 0.5):.0f}",
            f"{percentile(run.ms, 0.95):.0f}",
            run_notes(run),
        ]
        for run in runs
        if run.ms
    ]
    header = ["system", "questions asked", "queries/s", "p50 ms", "p95 ms", "notes"]
    return "### Speed (one client, all variants)\n\n" + table(header, rows)


def variant_summary(jobs: dict, runs: list[Run]) -> str:
    # Against the NFC text, except for NFD itself: the other variants are built from NFC.
    written = jobs["written"]
    rows = []
    for key, texts in jobs.items():
        same = (lambda a, b: a == b) if key == "nfd" else (lambda a, b: nfc(a) == nfc(b))
        changed = sum(not same(texts[qid], written[qid]) for qid in texts)
        api_runs = [run for run in runs if run.corrected]
        corrected = ", ".join(f"{run.system} {run.corrected[key]}" for run in api_runs)
        suggested = ", ".join(f"{run.system} {run.suggested[key]}" for run in api_runs)
        rows.append([VARIANT_BY_KEY[key].label, str(changed), corrected, suggested])
    header = ["variant", "questions changed", "answers with corrected_query", "with a suggestion"]
    return "### Variants\n\n" + table(header, rows)


def phase_table(phases: Phases) -> str:
    rows = [[name, f"{seconds:.0f}"] for name, seconds in phases.rows]
    return "### Phases\n\n" + table(["phase", "seconds"], rows)


def code_version() -> str:
    """The commit measured, and whether tracked files had uncommitted changes."""

    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout

    changed = len(git("status", "--porcelain", "--untracked-files=no").splitlines())
    head = git("log", "-1", "--format=%h %s").strip()
    return f"{head}" + (f" (+ {changed} files changed)" if changed else "")


def report(runs: list[Run], jobs: dict, variants: list[Variant], questions, phases) -> str:
    parts = [metric_table(metric, runs, variants, questions) for metric in METRICS]
    parts += [targets_table(runs, questions), speed_table(runs), variant_summary(jobs, runs)]
    parts.append(phase_table(phases))
    return "\n\n".join(parts)


# --- Orchestration ----------------------------------------------------------------------------


def database_urls(args, articles: int, phases: Phases) -> dict[str, str]:
    """Prepare each database a requested backend needs; {database: DATABASE_URL}."""
    urls = {}
    if {"sqlite", "elasticsearch"} & set(args.backends):
        path = Path(args.db_dir).resolve() / "search_quality.sqlite3"
        if args.rebuild and path.exists():
            path.unlink()
        urls["sqlite"] = f"sqlite:///{path}"
    if "postgres" in args.backends:
        urls["postgres"] = postgres_url()
        create_postgres_database(urls["postgres"], args.rebuild)
    for name, url in urls.items():
        prepare_database(name, url, articles, phases)
    return urls


def stock_jobs(jobs: dict, limit: int) -> dict:
    return {variant: dict(list(texts.items())[:limit]) for variant, texts in jobs.items()}


def run_backends(args, jobs: dict, articles: int, phases: Phases) -> list[Run]:
    urls = database_urls(args, articles, phases)
    runs = []
    for backend in args.backends:
        if backend == "elasticsearch":
            search_url, started = elasticsearch_url()
            fill_elasticsearch(urls["sqlite"], search_url, args.rebuild, phases)
            env = django_env(urls["sqlite"], search_url)
            runs.append(run_worker("ours", "ours/elasticsearch", env, jobs, args, phases))
            if started and not args.keep_elasticsearch:
                subprocess.run([ROOT / "scripts" / "elasticsearch.sh", "stop"], check=False)
            continue
        env = django_env(urls[backend])
        runs.append(run_worker("ours", f"ours/{backend}", env, jobs, args, phases))
        if args.stock_limit:
            subset = stock_jobs(jobs, args.stock_limit)
            runs.append(run_worker("stock", f"stock/{backend}", env, subset, args, phases))
    return runs


def for_report(runs: list[Run]) -> list[Run]:
    """Ours, then each stock run followed by ours on the same questions, then the baselines."""
    ours = {run.system.removeprefix("ours/"): run for run in runs if run.system.startswith("ours/")}
    ordered = list(ours.values())
    for stock in (run for run in runs if run.system.startswith("stock/")):
        ordered.append(stock)
        backend = stock.system.removeprefix("stock/")
        if backend in ours and len(stock.qids()) < len(ours[backend].qids()):
            same = ours[backend].restricted(stock.qids(), f"ours/{backend}, stock's questions")
            ordered.append(same)
    return ordered + [run for run in runs if not run.system.startswith(("ours/", "stock/"))]


def run_baselines(jobs: dict, phases: Phases) -> list[Run]:
    runs = []
    for system, tokenise in (
        ("bm25 accented", accented_terms),
        ("bm25 folded+pairs", folded_pair_terms),
    ):
        baseline = phases.timed(f"{system}: index", BM25Baseline, tokenise)
        runs.append(phases.timed(f"{system}: questions", baseline.run, system, jobs))
    return runs


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite", help="sqlite,postgres,elasticsearch")
    parser.add_argument("--limit-queries", type=int, help="Only the first N dev questions.")
    parser.add_argument(
        "--variants", default=",".join(VARIANT_BY_KEY), help="written,plain,tone,nfd,telex"
    )
    parser.add_argument("--db-dir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--rebuild", action="store_true", help="Prepare every database afresh.")
    parser.add_argument(
        "--stock-limit", type=int, default=30, help="Questions for stock Wagtail (0: skip it)."
    )
    parser.add_argument("--stock-timeout", type=float, default=60, help="Seconds per stock query.")
    parser.add_argument("--no-bm25", action="store_true", help="Skip the BM25 baselines.")
    parser.add_argument("--keep-elasticsearch", action="store_true")
    parser.add_argument("--save", help="Also write the answers and timings to this JSON file.")
    parser.add_argument(
        "--merge", nargs="+", metavar="FILE", help="Report on files of earlier --save runs."
    )
    parser.add_argument("--worker", choices=["ours", "stock"], help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.backends = [name for name in args.backends.split(",") if name]
    unknown = set(args.backends) - {"sqlite", "postgres", "elasticsearch"}
    keys = ["written", *(key for key in args.variants.split(",") if key and key != "written")]
    if unknown or set(keys) - set(VARIANT_BY_KEY):
        parser.error(f"unknown backend or variant in {args.backends} {keys}")
    args.variants = [VARIANT_BY_KEY[key] for key in VARIANT_BY_KEY if key in keys]
    return args


def main() -> None:
    args = parse_args()
    if args.worker:
        worker_main(args)
        return
    Path(args.db_dir).mkdir(parents=True, exist_ok=True)
    phases = Phases()
    articles = sum(1 for _ in read_jsonl(ARTICLES))
    questions = load_questions(args.limit_queries)
    by_qid = {question.qid: question for question in questions}
    versions = {code_version()}
    if args.merge:
        runs, jobs, versions = merge_saved(args.merge, phases)
    else:
        jobs = spelled(questions, args.variants)
        runs = run_backends(args, jobs, articles, phases) if args.backends else []
        runs += [] if args.no_bm25 else run_baselines(jobs, phases)
    if args.save:
        saved = {"runs": [asdict(run) for run in runs], "jobs": jobs, "phases": phases.rows}
        saved["code"] = sorted(versions)
        Path(args.save).write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    variants = [VARIANT_BY_KEY[key] for key in VARIANT_BY_KEY if key in jobs]
    print(f"Code: {'; '.join(sorted(versions))}. Corpus: {articles} articles.\n")
    print(report(for_report(runs), jobs, variants, by_qid, phases))


def merge_saved(paths: list[str], phases: Phases) -> tuple[list[Run], dict, set[str]]:
    """Runs saved by earlier --save runs (e.g. one per backend run side by side), as one.

    A later file's run of a system replaces an earlier file's run of the same system.
    """
    runs, jobs, versions = {}, {}, set()
    for path in paths:
        saved = json.loads(Path(path).read_text(encoding="utf-8"))
        for run in map(Run.from_dict, saved["runs"]):
            runs[run.system] = run
        phases.rows += [tuple(row) for row in saved["phases"]]
        versions.update(saved["code"])
        for variant, texts in saved["jobs"].items():
            jobs.setdefault(variant, {}).update(texts)
    return [run for run in runs.values() if run.ms], jobs, versions  # comparisons are rebuilt


if __name__ == "__main__":
    main()
