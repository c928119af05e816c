"""Search API speed against its own engine: `/api/search/` vs the same ranked query alone.

A benchmark, not a test. On the legal corpus (the databases of bench/search_quality.py,
prepared by its helpers), for each backend (SQLite, PostgreSQL, Elasticsearch over the
SQLite database's pages), the dev questions are asked three ways, interleaved question by
question (the order of the three rotates, so the machine's noise falls on all of them):

- api: `/api/search/?q=…&limit=10` through Django's test Client — the whole product
  path: middleware, parameters, analysis, typing recovery when needed, ranking and
  reranking, count, promoted pages, hits and highlighting, "did you mean", query log;
- engine.rank: the engine's own call for the ranked head the API reranks
  (`engine.rank(public pages, analysed query, columns, RERANK_DEPTH, 0, {})`, the query
  analysed beforehand, outside the timing);
- raw: the backend's bare ranked query for those RERANK_DEPTH hits: FTS5's statement
  with LIMIT on SQLite, the statistics and ranking statements on PostgreSQL, one
  `_search` of RERANK_DEPTH hits on Elasticsearch (no visibility check in the database).

It prints p50/p95 of each and the ratios api/engine.rank and api/raw (the target:
api p50 ≤ 1.5 × the engine's). Run from the repository root (see bench/README.md):

    .venv/bin/python bench/search_speed.py --backends sqlite,postgres,elasticsearch

--sqlite reuses a prepared SQLite database (default: var/bench/search_quality.sqlite3,
made by bench/search_quality.py); --postgres-url a prepared PostgreSQL database (default:
search_quality's `govcms_bench`). Missing articles are imported first (about 13 minutes).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import search_quality as quality  # noqa: E402

WAYS = ("api", "engine.rank", "raw")
TARGET = 1.5
# Its own Elasticsearch index, apart from search_quality's on the shared server.
quality.ES_PREFIX = "searchspeed_bench_"


def measure(jobs: dict[str, str], warm_up: int) -> dict[str, list[float]]:
    """In the worker (Django set up): {way: [ms per question]}, interleaved."""
    from django.db import connection
    from django.test import Client
    from wagtail.models import Site

    from articles.api.search import public_pages
    from search import service
    from search.documents import COLUMNS
    from search.reranking import RERANK_DEPTH

    client = Client()
    pages = public_pages(Site.objects.get(is_default_site=True), "vi")
    engine = service.search_engine()
    columns = list(COLUMNS)

    def api(text: str, analysed) -> None:
        response = client.get("/api/search/", {"q": text, "limit": quality.K})
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}: {response.content[:200]!r}")

    def engine_rank(text: str, analysed) -> None:
        engine.rank(pages, analysed, columns, RERANK_DEPTH, 0, {})

    def raw(text: str, analysed) -> None:
        raw_query(engine, connection, pages, analysed, columns, RERANK_DEPTH)

    timed = {"api": api, "engine.rank": engine_rank, "raw": raw}
    texts = list(jobs.values())
    for text in texts[:warm_up]:
        analysed = service.analyse(text, "vi").analysed
        for way in WAYS:
            timed[way](text, analysed)
    ms: dict[str, list[float]] = {way: [] for way in WAYS}
    for index, text in enumerate(texts):
        analysed = service.analyse(text, "vi").analysed
        order = WAYS[index % 3 :] + WAYS[: index % 3]
        for way in order:
            started = time.perf_counter()
            timed[way](text, analysed)
            ms[way].append((time.perf_counter() - started) * 1000)
        if (index + 1) % 100 == 0:
            print(f"  {index + 1}/{len(texts)} questions", file=sys.stderr, flush=True)
    return ms


def raw_query(engine, connection, pages, analysed, columns, limit: int) -> None:
    """The backend's own ranked query for the first `limit` hits, nothing around it."""
    name = type(engine).__name__
    if name == "SQLiteEngine":
        from search.backends.sql import COLUMN_WEIGHTS

        weights = ", ".join(str(COLUMN_WEIGHTS[column]) for column in columns)
        sql, params = engine.base_sql(pages, analysed, columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.object_id, bm25(vnsearch_fts, {weights}) AS score {sql} "
                "ORDER BY score, e.object_id LIMIT %s",
                [*params, limit],
            )
            cursor.fetchall()
    elif name == "PostgresEngine":
        plan = engine._plan([term for term in analysed.terms if term])
        if plan is not None:
            where, params = engine._where(pages, plan, columns)
            engine._rank(plan, columns, where, params)
    else:  # Elasticsearch
        engine.es.search(
            index=engine.alias,
            query=engine.query(pages, analysed, columns),
            size=limit,
            sort=[{"_score": "desc"}, {"object_id": "asc"}],
            source=False,
            track_total_hits=False,
        )


def worker_main(args) -> None:
    import django

    django.setup()
    jobs = json.loads(Path(args.job).read_text(encoding="utf-8"))
    ms = measure(jobs, quality.WARM_UP)
    Path(args.out).write_text(json.dumps(ms), encoding="utf-8")


def run_worker(env: dict, jobs: dict[str, str], db_dir: Path) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(dir=db_dir) as scratch:
        job, out = Path(scratch) / "job.json", Path(scratch) / "out.json"
        job.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
        command = [quality.PYTHON, __file__, "--worker", "--job", str(job), "--out", str(out)]
        subprocess.run(command, env=env, check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def row(backend: str, variant: str, ms: dict[str, list[float]]) -> list[str]:
    p50 = {way: statistics.median(ms[way]) for way in WAYS}
    p95 = {way: quality.percentile(ms[way], 0.95) for way in WAYS}
    ratio = p50["api"] / p50["engine.rank"]
    return [
        backend,
        variant,
        str(len(ms["api"])),
        f"{p50['api']:.0f} / {p95['api']:.0f}",
        f"{p50['engine.rank']:.0f} / {p95['engine.rank']:.0f}",
        f"{p50['raw']:.0f} / {p95['raw']:.0f}",
        f"{ratio:.2f}× {'met' if ratio <= TARGET else '**not met**'}",
        f"{p95['api'] / p95['engine.rank']:.2f}×",
        f"{p50['api'] / p50['raw']:.2f}×",
    ]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite", help="sqlite,postgres,elasticsearch")
    parser.add_argument("--variants", default="written,plain", help="written,plain,tone,nfd,telex")
    parser.add_argument("--limit-queries", type=int, help="Only the first N dev questions.")
    parser.add_argument("--db-dir", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--sqlite", help="A prepared SQLite database (search_quality's).")
    parser.add_argument("--postgres-url", help="A prepared PostgreSQL database's URL.")
    parser.add_argument(
        "--elasticsearch-url", help="A running Elasticsearch (default: scripts/elasticsearch.sh)."
    )
    parser.add_argument(
        "--no-import", action="store_true", help="Use the databases as they are (no import)."
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--job", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.backends = [name for name in args.backends.split(",") if name]
    args.variants = [name for name in args.variants.split(",") if name]
    unknown = set(args.backends) - {"sqlite", "postgres", "elasticsearch"}
    if unknown or set(args.variants) - set(quality.VARIANT_BY_KEY):
        parser.error(f"unknown backend or variant in {args.backends} {args.variants}")
    return args


def database_urls(args, phases) -> dict[str, str]:
    articles = sum(1 for _ in quality.read_jsonl(quality.ARTICLES))
    urls = {}
    if {"sqlite", "elasticsearch"} & set(args.backends):
        path = Path(args.sqlite or Path(args.db_dir) / "search_quality.sqlite3").resolve()
        urls["sqlite"] = f"sqlite:///{path}"
    if "postgres" in args.backends:
        urls["postgres"] = args.postgres_url or quality.postgres_url()
    for name, url in urls.items():
        if not args.no_import:
            quality.prepare_database(name, url, articles, phases)
    return urls


def main() -> None:
    args = parse_args()
    if args.worker:
        worker_main(args)
        return
    db_dir = Path(args.db_dir)
    db_dir.mkdir(parents=True, exist_ok=True)
    phases = quality.Phases()
    questions = quality.load_questions(args.limit_queries)
    variants = [quality.VARIANT_BY_KEY[key] for key in args.variants]
    urls = database_urls(args, phases)
    rows = []
    for backend in args.backends:
        if backend == "elasticsearch":
            search_url = args.elasticsearch_url or quality.elasticsearch_url()[0]
            quality.fill_elasticsearch(urls["sqlite"], search_url, False, phases)
            env = quality.django_env(urls["sqlite"], search_url)
        else:
            env = quality.django_env(urls[backend])
        for variant in variants:
            jobs = {question.qid: variant.spell(question.text) for question in questions}
            ms = phases.timed(f"{backend}: {variant.key}", run_worker, env, jobs, db_dir)
            rows.append(row(backend, variant.label, ms))
    header = [
        "backend",
        "spelling",
        "questions",
        "api p50 / p95 ms",
        "engine.rank p50 / p95 ms",
        "raw p50 / p95 ms",
        f"api ÷ engine.rank p50 (≤ {TARGET}×)",
        "api ÷ engine.rank p95",
        "api ÷ raw p50",
    ]
    pages = {
        name: quality.scalar(url, "SELECT count(*) FROM vnsearch_indexentry")
        for name, url in urls.items()
    }
    print(f"Code: {quality.code_version()}. Questions: {len(questions)} per spelling.")
    print(f"Index entries: {pages}.\n")
    print(quality.table(header, rows))
    print("\n" + quality.phase_table(phases))


if __name__ == "__main__":
    main()
