"""Throwaway measurement of the database search engines on the legal corpus.

Not product code. Loads ../shared/corpus/legal_articles.jsonl into IndexEntry
rows of a scratch database (content type: IndexEntry itself, id == object_id,
so `IndexEntry.objects.all()` is a queryset the engines can restrict to), then
times the dev questions through the engine's search().

    DATABASE_URL=postgres://…/govcms_searchbench manage.py migrate
    DATABASE_URL=… .venv/bin/python bench/search_engines_pg.py load
    DATABASE_URL=… .venv/bin/python bench/search_engines_pg.py run [--queries 50]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def setup():
    import django

    django.setup()


def articles():
    with open(CORPUS / "legal_articles.jsonl", encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            yield number, json.loads(line)


def load(args):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from search.analysis import index_terms
    from search.models import IndexEntry

    content_type = ContentType.objects.get_for_model(IndexEntry)
    started = time.perf_counter()
    with transaction.atomic():
        IndexEntry.objects.all().delete()
        batch = []
        for number, row in articles():
            batch.append(
                IndexEntry(
                    id=number,
                    content_type=content_type,
                    object_id=number,
                    title=" ".join(index_terms(f"{row['law_title']} {row['title']}")),
                    body=" ".join(index_terms(row["text"])),
                )
            )
            if len(batch) == 500:
                IndexEntry.objects.bulk_create(batch)
                batch = []
        IndexEntry.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE vnsearch_indexentry")
    print(f"loaded {IndexEntry.objects.count()} entries in {time.perf_counter() - started:.1f}s")


def queries(limit):
    ids = {row["id"]: number for number, row in articles()}
    out = []
    with open(CORPUS / "legal_queries_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            relevant = {ids[r] for r in row["relevant"] if r in ids}
            if relevant:
                out.append((row["question"], relevant))
            if len(out) == limit:
                break
    return out


def run(args):
    from django.db import connection

    from search.analysis import analyse_query
    from search.backends.database import database_engine
    from search.documents import COLUMNS
    from search.models import IndexEntry

    if connection.vendor == "postgresql" and os.environ.get("CANDIDATE_BUDGET"):
        from search.backends import postgres

        postgres.CANDIDATE_BUDGET = int(os.environ["CANDIDATE_BUDGET"])
    engine = database_engine()
    queryset = IndexEntry.objects.all()
    questions = queries(args.queries)
    for question, _ in questions[:3]:  # warm caches
        engine.rank(queryset, analyse_query(question), list(COLUMNS), limit=10, offset=0)
    timings, reciprocal = [], []
    for question, relevant in questions:
        analysed = analyse_query(question)
        engine = database_engine()  # a new one a search, as Wagtail does: nothing memoised
        started = time.perf_counter()
        ranked = engine.rank(queryset, analysed, list(COLUMNS), limit=10, offset=0).hits
        timings.append((time.perf_counter() - started) * 1000)
        rr = 0.0
        for rank, (pk, _) in enumerate(ranked, start=1):
            if pk in relevant:
                rr = 1 / rank
                break
        reciprocal.append(rr)
        if args.verbose:
            print(f"{timings[-1]:7.1f} ms  rr={rr:.2f}  terms={len(analysed.terms)}")
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(
        f"{connection.vendor}: {len(questions)} queries, p50 {statistics.median(timings):.0f} ms, "
        f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms, MRR@10 {statistics.mean(reciprocal):.3f}"
    )


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("load")
    runner = sub.add_parser("run")
    runner.add_argument("--queries", type=int, default=50)
    runner.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    setup()
    {"load": load, "run": run}[args.command](args)


if __name__ == "__main__":
    main()
