"""Import speed: `import_content --bulk` against the row-by-row import, and update_index
against a raw Elasticsearch `_bulk` of the same documents.

A benchmark, not a test. For each format (news, legal) it builds a scratch database
(migrate, load_demo), generates rows from the corpus with distinct source ids
(bench/generate_content.py) and times, each in its own process so that the peak RSS is
that command's alone:

- `import_content --format F --parent /tin-tuc-su-kien/ --bulk` of N rows, for each size N;
- the row-by-row `import_content` of the first --row-by-row rows, on a fresh database
  (its items/s hardly depends on the size, and 100k rows would take hours);
- with --elasticsearch, on the database of the largest size: `update_index` into
  Elasticsearch (the whole rebuild: reading pages, Vietnamese analysis, the database's
  entries, the `_bulk` requests, the alias swap), then a raw `_bulk` of the same
  documents (read from the entries update_index wrote) into a new index with the same
  mappings, timed from the first request to the refresh.

Run from the repository root (see bench/README.md):

    .venv/bin/python bench/import_speed.py --database postgres --sizes 10000,100000
    .venv/bin/python bench/import_speed.py --database sqlite --sizes 10000 --elasticsearch

Databases: var/bench/import_speed-*.sqlite3, or `govcms_bulk_speed` on the test
PostgreSQL server (dropped and created for every measurement). Elasticsearch indices use
the prefix `bulk_speed_` and are deleted at the end.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate_content import generated_rows, write_rows  # noqa: E402

PYTHON = sys.executable
PARENT = "/tin-tuc-su-kien/"  # the demo site's news section (load_demo)
PG_DATABASE = "govcms_bulk_speed"
PG_SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://govcms:govcms@127.0.0.1:54329/govcms")
ES_URL = os.environ.get("BENCH_ELASTICSEARCH_URL", "http://127.0.0.1:59200")
ES_PREFIX = "bulk_speed_"
BENCH_DIR = ROOT / "var" / "bench"


# --- Databases ---------------------------------------------------------------------------------


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'import_speed-{name}.sqlite3'}"
    return urlunsplit(urlsplit(PG_SERVER)._replace(path=f"/{PG_DATABASE}"))


def fresh_database(kind: str, url: str) -> None:
    """The demo site and nothing else: a copy of a template built once per run."""
    template = database_url(kind, "template").replace(PG_DATABASE, f"{PG_DATABASE}_template")
    if kind == "sqlite":
        target = Path(url.removeprefix("sqlite:///"))
        source = Path(template.removeprefix("sqlite:///"))
        if not source.exists():
            build_template(template)
        target.unlink(missing_ok=True)
        shutil.copyfile(source, target)
        return
    import psycopg

    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"{PG_DATABASE}_template"]
        ).fetchone()
    if not exists:
        with psycopg.connect(PG_SERVER, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {PG_DATABASE}_template")
        build_template(template)
    with psycopg.connect(PG_SERVER, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_DATABASE} TEMPLATE {PG_DATABASE}_template")


def build_template(url: str) -> None:
    env = django_env(url)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "createcachetable")
    manage(env, "load_demo")


def django_env(url: str, search_url: str = "") -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": url,
        "SEARCH_URL": search_url,
        "SEARCH_INDEX_PREFIX": ES_PREFIX,
        "DEBUG": "0",
    }
    return env


def manage(env: dict, *arguments: str) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=sys.stderr
    )


def measured(env: dict, *arguments: str) -> dict:
    """Run this script's --child in its own process: its seconds and peak RSS."""
    finished = subprocess.run(
        [PYTHON, __file__, "--child", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if finished.returncode:
        sys.stderr.write(finished.stderr)
        raise SystemExit(f"{' '.join(arguments)}: exit status {finished.returncode}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


# --- The child: one measured command -----------------------------------------------------------


def child(arguments: list[str]) -> None:
    import django

    django.setup()
    started = time.perf_counter()
    result = CHILD_STEPS[arguments[0]](*arguments[1:])
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024, **result}))


def child_import(path: str, row_format: str, mode: str) -> dict:
    from io import StringIO

    from django.core.management import CommandError, call_command

    options = ["--bulk"] if mode == "bulk" else []
    report = Path(path).with_suffix(f".{mode}.report.json")
    out = StringIO()
    try:
        call_command(
            "import_content",
            path,
            "--format",
            row_format,
            "--parent",
            PARENT,
            "--no-progress",
            "--report",
            str(report),
            *options,
            stdout=out,
            stderr=StringIO(),
        )
    except CommandError as error:
        if error.returncode != 1:  # 1: some rows rejected, listed in the report
            raise
    counts = json.loads(report.read_text())["counts"]
    return {"items": sum(counts.values()), "counts": counts}


def child_update_index() -> dict:
    from io import StringIO

    from django.core.management import call_command

    from search.models import IndexEntry

    call_command("update_index", stdout=StringIO())
    return {"items": IndexEntry.objects.count()}


def child_raw_bulk() -> dict:
    """The documents update_index wrote, sent as they are to a new index: only the
    Elasticsearch requests (and the refresh) are timed."""
    from modelsearch.backends import get_search_backend

    from search.backends.elasticsearch.writes import BULK_CHUNK, document_id
    from search.backends.sql import chunks
    from search.documents import COLUMNS
    from search.models import IndexEntry

    engine = get_search_backend("default").engine
    name = engine.aliases.create_index()
    client = engine.aliases.admin
    seconds = 0.0
    count = 0
    try:
        rows = IndexEntry.objects.order_by("pk").values_list(
            "content_type_id", "object_id", *COLUMNS
        )
        for batch in chunks(rows.iterator(chunk_size=2000), BULK_CHUNK):
            operations = []
            for content_type_id, object_id, *columns in batch:
                operations.append(
                    {"index": {"_index": name, "_id": document_id(content_type_id, object_id)}}
                )
                operations.append(
                    {"content_type": str(content_type_id), "object_id": object_id}
                    | dict(zip(COLUMNS, columns, strict=True))
                )
            started = time.perf_counter()
            response = client.bulk(operations=operations)
            seconds += time.perf_counter() - started
            if response.get("errors"):
                raise RuntimeError("raw _bulk: Elasticsearch refused documents")
            count += len(batch)
        started = time.perf_counter()
        client.indices.refresh(index=name)
        seconds += time.perf_counter() - started
    finally:
        engine.aliases.delete_index(name)
    return {"items": count, "requests_seconds": seconds}


def child_delete_indices() -> dict:
    from modelsearch.backends import get_search_backend

    get_search_backend("default").engine.delete_indices()
    return {"items": 0}


CHILD_STEPS = {
    "import": child_import,
    "update_index": child_update_index,
    "raw_bulk": child_raw_bulk,
    "delete_indices": child_delete_indices,
}


# --- The report --------------------------------------------------------------------------------


def rate(result: dict, seconds_key: str = "seconds") -> float:
    return result["items"] / result[seconds_key]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--formats", default="news,legal")
    parser.add_argument("--sizes", default="10000", help="Bulk import sizes, e.g. 10000,100000")
    parser.add_argument("--row-by-row", type=int, default=300, help="Rows for the normal mode.")
    parser.add_argument("--elasticsearch", action="store_true")
    options = parser.parse_args(argv)
    if options.child:
        child(options.child)
        return
    sizes = [int(size) for size in options.sizes.split(",")]
    if not all(1 <= size <= 1_000_000 for size in sizes) or not 1 <= options.row_by_row <= 100_000:
        parser.error("sizes and --row-by-row must be from 1 to 1,000,000")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    kind = options.database
    lines = [
        f"import_content on {kind}, peak RSS of the importing process "
        f"(commit {git_head()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        "| format | mode | rows | items/s | peak RSS MB | bulk ÷ row by row |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    es_lines = []
    for row_format in options.formats.split(","):
        small = write_rows(
            generated_rows(row_format, options.row_by_row),
            BENCH_DIR / f"{row_format}-{options.row_by_row}.jsonl",
        )
        url = database_url(kind, f"{row_format}-row")
        fresh_database(kind, url)
        normal = measured(django_env(url), "import", str(small), row_format, "row")
        lines.append(row(row_format, "row by row", normal, None))
        print(lines[-1], file=sys.stderr)
        for size in sizes:
            path = write_rows(
                generated_rows(row_format, size), BENCH_DIR / f"{row_format}-{size}.jsonl"
            )
            url = database_url(kind, f"{row_format}-{size}")
            fresh_database(kind, url)
            bulk = measured(django_env(url), "import", str(path), row_format, "bulk")
            lines.append(row(row_format, "bulk", bulk, rate(bulk) / rate(normal)))
            print(lines[-1], file=sys.stderr)
        if options.elasticsearch:
            env = django_env(url, ES_URL)
            update = measured(env, "update_index")
            raw = measured(env, "raw_bulk")
            measured(env, "delete_indices")
            es_lines.append(
                f"| {row_format} | {update['items']} | {rate(update):.0f} | "
                f"{rate(raw, 'requests_seconds'):.0f} | "
                f"{rate(update) / rate(raw, 'requests_seconds'):.2f} | {update['peak_mb']:.0f} |"
            )
            print(es_lines[-1], file=sys.stderr)
    if es_lines:
        lines += [
            "",
            f"update_index into Elasticsearch vs a raw _bulk of the same documents ({kind})",
            "",
            "| format | documents | update_index docs/s | raw _bulk docs/s | ratio | "
            "update_index peak RSS MB |",
            "| --- | --- | --- | --- | --- | --- |",
            *es_lines,
        ]
    print("\n".join(lines))


def row(row_format: str, mode: str, result: dict, ratio: float | None) -> str:
    ratio_cell = "–" if ratio is None else f"{ratio:.1f}×"
    return (
        f"| {row_format} | {mode} | {result['items']} | {rate(result):.0f} | "
        f"{result['peak_mb']:.0f} | {ratio_cell} |"
    )


def git_head() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


if __name__ == "__main__":
    main()
