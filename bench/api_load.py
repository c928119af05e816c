"""The pages API under load: gunicorn with production settings, wrk, side by side.

A benchmark, not a test (issue #15). Every measurement is `wrk` against a freshly
started gunicorn (3 sync workers, `cms.settings.production` plus the bare views'
URLconf, bench/api_load_settings.py), on a scratch database, for these endpoints:

- ours detail:  `/api/pages/{id}/`, ids drawn uniformly from all live pages;
- ours find:    `/api/pages/find/?path=…` of the same pages;
- ours list:    `/api/pages/?type=articles.ArticlePage&child_of={section}&limit=20&offset=…`
                (the news and the legal section, offsets 0–180);
- ours 304:     the detail URLs with the If-None-Match their 200 carried;
- bare detail / find / list: bench/api_load_site.py — our API's own JSON, stored
                beforehand, answered with one indexed SELECT (the floor);
- stock detail: stock Wagtail 8.0.1 API v2 (`/api/v2/pages/{id}/`, the anchor project
                ../shared/anchors/stock-wagtail-v2 copied to var/bench/api_load/stock,
                its own venv and database on the same PostgreSQL server, 10,000
                NewsPages from its load_news.py), ids uniform over its pages.

Rounds are interleaved: in each round every (database, endpoint) is measured once,
the endpoint order rotating from round to round, each from its own fresh server
(warmed for `--warmup` seconds on URLs of the same uniform draw, then measured for
`--duration` seconds). The report gives the median over rounds of requests per
second and p50 latency, the ratios, and SQL statements per request counted in a
separate in-process probe (CaptureQueriesContext, the same settings).

    .venv/bin/python bench/api_load.py build pg10k            # scratch databases
    .venv/bin/python bench/api_load.py prepare pg10k          # bare tables, URL lists
    .venv/bin/python bench/api_load.py run pg10k stock --save var/bench/api_load_X.json
    .venv/bin/python bench/api_load.py report var/bench/api_load_X.json

See bench/README.md for what each database holds and how it is built.
"""

import argparse
import contextlib
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from generate_content import generated_rows, write_rows  # bench/ is on the path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = ROOT / "var" / "bench" / "api_load"
CORPUS = ROOT.parent / "shared" / "corpus"
STOCK_SOURCE = ROOT.parent / "shared" / "anchors" / "stock-wagtail-v2"
STOCK_DIR = WORK / "stock"
STOCK_VENV = WORK / "stock-venv"
PG = "postgres://govcms:govcms@127.0.0.1:54329/"
PG_ENV = {"PGPASSWORD": "govcms"}
OURS_PORT = 18731
STOCK_PORT = 18732
WORKERS = 3
CONNECTIONS = 8
NEWS_PARENT = "/tin-tuc-su-kien/"
LEGAL_PARENT = "/pho-bien-giao-duc-phap-luat/"
SAMPLE = 3000  # pages drawn (uniformly, all live pages) for detail, find and 304
LIST_OFFSETS = range(0, 200, 20)

# name -> (DATABASE_URL, news rows, legal rows): the corpus files' first rows, repeated
# past their end with distinct source ids (bench/generate_content.py).
DATABASES = {
    "pg10k": (PG + "govcms_bench_10k", 5500, 4500),
    "pg100k": (PG + "govcms_bench_100k", 50000, 50000),
    "sqlite10k": (f"sqlite:///{WORK}/sqlite10k.sqlite3", 5500, 4500),
}
STOCK_DB = "govcms_bench_stock10k"
# pg100k by clone from pg10k (5,500 news, 4,500 legal): 9× and 11× the articles.
CLONE_COPIES = {NEWS_PARENT: 8, LEGAL_PARENT: 10}


def log(*parts) -> None:
    print(time.strftime("%H:%M:%S"), *parts, file=sys.stderr, flush=True)


# --- Environments ---------------------------------------------------------------------


# The source tree served and probed: this one, or a snapshot (`git archive COMMIT`) given
# with --code, so that a run measures one commit whatever others are editing meanwhile.
CODE = ROOT


def ours_env(name: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="api_load_settings",
        PYTHONPATH=f"{BENCH}{os.pathsep}{CODE}",
        SECRET_KEY="api-load-bench-" + "9f3c1a7e5b" * 6,
        DATABASE_URL=DATABASES[name][0],
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        # One cache per worker, in memory: the project's default (the database cache)
        # would add its own statements; an operator runs memcached/redis or locmem.
        CACHE_URL="locmemcache://",
        MEDIA_ROOT=str(WORK / "media"),
        STATIC_ROOT=str(WORK / "static"),
        SEARCH_URL="",
        FRONTEND_CACHE_PURGE_URL="",
        LOG_LEVEL="WARNING",
        DEBUG="false",
    )
    return env


def stock_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="perfproj.settings.perf",
        PERF_DB_NAME=STOCK_DB,
        PERF_DB_USER="govcms",
        PERF_DB_PASSWORD="govcms",
        PERF_DB_HOST="127.0.0.1",
        PERF_DB_PORT="54329",
        NEWS_JSONL=str(CORPUS / "news.jsonl"),
        N="10000",
    )
    return env


def psql(sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-p", "54329", "-U", "govcms", "-d", database, "-tAc", sql],
        env={**os.environ, **PG_ENV},
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return result.stdout.strip()


def create_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    if not psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        psql(f'CREATE DATABASE "{name}"')


def manage(name: str, *arguments: str, check: bool = True) -> int:
    env = ours_env(name)
    env["DJANGO_SETTINGS_MODULE"] = "api_load_settings"
    log("manage.py", *arguments)
    result = subprocess.run([sys.executable, "manage.py", *arguments], cwd=CODE, env=env)
    if check and result.returncode not in (0, 1):  # 1: some rows rejected (listed)
        raise SystemExit(f"manage.py {' '.join(arguments)}: exit {result.returncode}")
    return result.returncode


# --- Content --------------------------------------------------------------------------


def bulk_option() -> list[str]:
    """`--bulk` if import_content has it (helper "bulk", issue #15), else the row mode."""
    result = subprocess.run(
        [sys.executable, "manage.py", "import_content", "--help"],
        cwd=ROOT,
        env=ours_env("sqlite10k"),
        capture_output=True,
        text=True,
    )
    return ["--bulk"] if "--bulk" in result.stdout else []


def snapshot(commit_: str) -> None:
    """The committed tree of `commit_` (no one's uncommitted edits), to serve with --code."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", commit_], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    folder = WORK / f"code-{sha}"
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.Popen(["git", "archive", sha], cwd=ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
    archive.wait()
    (folder / "COMMIT").write_text(sha + "\n")
    print(folder)


def build(name: str) -> None:
    url, news, legal = DATABASES[name]
    (WORK / "data").mkdir(parents=True, exist_ok=True)
    if url.startswith("postgres"):
        create_pg_database(url)
    manage(name, "migrate", "--no-input", "-v0")
    manage(name, "load_demo")
    bulk = bulk_option()
    for count, fmt, parent in ((news, "news", NEWS_PARENT), (legal, "legal", LEGAL_PARENT)):
        # The corpus rows, repeated past its end with distinct source ids ('<id>#<k>').
        rows = write_rows(generated_rows(fmt, count), WORK / "data" / f"{fmt}-{count}.jsonl")
        manage(name, "import_content", str(rows), "--format", fmt, "--parent", parent, *bulk)


# Tables whose rows belong to one article page (key column), copied with the page.
PAGE_ROWS = [
    ("articles_articlepage", "page_ptr_id"),
    ("articles_pagesortdate", "page_id"),
    ("articles_articlepage_categories", "articlepage_id"),
    ("articles_articletag", "content_object_id"),
]


def clone(name: str, source: str, copies: dict[str, int]) -> None:
    """A larger database from a built one, by copying its articles' rows in SQL.

    The fallback when a bulk import is not available (100,000 pages through the row-by-row
    importer take hours here): a copy of the source (pg_dump | psql), then each article
    under a section is copied `copies[section]` times as new rows — wagtailcore_page (a
    new tree position after the section's children, slug '<slug>-b<k>', its url_path, a
    new translation key, no revision) and its rows in PAGE_ROWS — and the section's
    numchild updated. The copies are live pages the API serves like any other; they have
    no revisions, search documents or reference-index rows (the page API reads none).
    """
    import psycopg

    target = DATABASES[name][0].rsplit("/", 1)[1]
    template = DATABASES[source][0].rsplit("/", 1)[1]
    if psql(f"SELECT 1 FROM pg_database WHERE datname = '{target}'"):
        raise SystemExit(f"{target} exists; drop it first")
    # pg_dump rather than CREATE DATABASE … TEMPLATE, which needs the source unused.
    psql(f'CREATE DATABASE "{target}"')
    connection = ["-h", "127.0.0.1", "-p", "54329", "-U", "govcms"]
    env = {**os.environ, **PG_ENV}
    dump = subprocess.Popen(["pg_dump", *connection, template], stdout=subprocess.PIPE, env=env)
    subprocess.run(
        ["psql", "-q", *connection, "-d", target], stdin=dump.stdout, env=env, capture_output=True
    )
    if dump.wait():
        raise SystemExit(f"pg_dump {template} failed")
    with psycopg.connect(DATABASES[name][0].replace("postgres://", "postgresql://")) as db:
        db.execute(
            "CREATE FUNCTION pg_temp.b36(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$"
            " SELECT string_agg(substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
            " ((n / (36 ^ (3 - i))::bigint) % 36)::int + 1, 1), '' ORDER BY i)"
            " FROM generate_series(0, 3) i $$"
        )
        article = db.execute(
            "SELECT id FROM django_content_type WHERE app_label = 'articles'"
            " AND model = 'articlepage'"
        ).fetchone()[0]
        columns = [
            row[0]
            for row in db.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'wagtailcore_page' AND column_name <> 'id'"
                " ORDER BY ordinal_position"
            )
        ]
        for section, times in copies.items():
            parent_id, parent_path, parent_url, depth = db.execute(
                "SELECT p.id, p.path, p.url_path, p.depth FROM wagtailcore_page p"
                " JOIN wagtailcore_page home ON p.path LIKE home.path || '%%'"
                " JOIN wagtailcore_site s ON s.root_page_id = home.id AND s.is_default_site"
                " WHERE p.url_path = home.url_path || %s",
                [section.lstrip("/")],
            ).fetchone()
            last = db.execute(
                "SELECT max(path) FROM wagtailcore_page WHERE path LIKE %s AND depth = %s",
                [parent_path + "%", depth + 1],
            ).fetchone()[0]
            after = int(last[-4:], 36)
            db.execute("DROP TABLE IF EXISTS clone_map")
            db.execute(
                "CREATE TEMP TABLE clone_src AS SELECT id, slug, row_number() OVER"
                " (ORDER BY path) AS rn FROM wagtailcore_page WHERE path LIKE %s"
                " AND depth = %s AND content_type_id = %s",
                [parent_path + "%", depth + 1, article],
            )
            count = db.execute("SELECT count(*) FROM clone_src").fetchone()[0]
            overrides = {
                "path": f"'{parent_path}' || pg_temp.b36({after} + (k - 1) * {count} + s.rn)",
                "slug": "p.slug || '-b' || k",
                "url_path": f"'{parent_url}' || p.slug || '-b' || k || '/'",
                "translation_key": "gen_random_uuid()",
                "latest_revision_id": "NULL",
                "live_revision_id": "NULL",
                "numchild": "0",
            }
            select = ", ".join(overrides.get(c, f"p.{c}") for c in columns)
            db.execute(
                f"INSERT INTO wagtailcore_page ({', '.join(columns)}) SELECT {select}"
                " FROM clone_src s JOIN wagtailcore_page p ON p.id = s.id"
                f" CROSS JOIN generate_series(1, {times}) k"
            )
            db.execute(
                "CREATE TEMP TABLE clone_map AS SELECT s.id AS old_id, n.id AS new_id"
                " FROM clone_src s CROSS JOIN generate_series(1, %s) k"
                " JOIN wagtailcore_page n ON n.path = %s || pg_temp.b36(%s + (k - 1) * %s + s.rn)",
                [times, parent_path, after, count],
            )
            for table_name, key in PAGE_ROWS:
                cols = [
                    row[0]
                    for row in db.execute(
                        "SELECT column_name FROM information_schema.columns"
                        " WHERE table_name = %s AND column_name <> 'id'"
                        " ORDER BY ordinal_position",
                        [table_name],
                    )
                ]
                if not cols:
                    continue
                picked = ", ".join("m.new_id" if c == key else f"t.{c}" for c in cols)
                db.execute(
                    f"INSERT INTO {table_name} ({', '.join(cols)}) SELECT {picked}"
                    f" FROM {table_name} t JOIN clone_map m ON m.old_id = t.{key}"
                )
            db.execute(
                "UPDATE wagtailcore_page SET numchild = (SELECT count(*) FROM wagtailcore_page"
                " WHERE path LIKE %s AND depth = %s) WHERE id = %s",
                [parent_path + "%", depth + 1, parent_id],
            )
            db.execute("DROP TABLE clone_src")
            db.execute("DROP TABLE clone_map")
            log(f"{name}: {section}: {count} articles × {times} copies")
        db.execute("ANALYZE")


def upgrade(name: str) -> None:
    """The measured code's schema, as an upgrade would make it: back to articles 0006 (before
    the stored sort dates), then forward, so that 0007 fills every page's sort date (this
    working tree's migration was applied to the bench databases before any page existed)."""
    manage(name, "migrate", "articles", "0006", "--no-input", "-v0")
    manage(name, "migrate", "--no-input", "-v0")


def build_stock() -> None:
    if not STOCK_DIR.exists():
        subprocess.run(["cp", "-r", str(STOCK_SOURCE), str(STOCK_DIR)], check=True)
        subprocess.run(["chmod", "-R", "u+w", str(STOCK_DIR)], check=True)
    if not STOCK_VENV.exists():
        subprocess.run([sys.executable, "-m", "venv", str(STOCK_VENV)], check=True)
        pip = [str(STOCK_VENV / "bin" / "pip"), "install", "-q", "-r", "requirements.txt"]
        subprocess.run(pip, cwd=STOCK_DIR, check=True)
    create_pg_database(PG + STOCK_DB)
    python = str(STOCK_VENV / "bin" / "python")
    for command in (["manage.py", "migrate", "-v0"], ["load_news.py"]):
        subprocess.run([python, *command], cwd=STOCK_DIR, env=stock_env(), check=True)


# --- Bare tables, URL lists and the SQL probe (in process) -----------------------------


def django_setup(name: str) -> None:
    os.environ.update(ours_env(name))
    sys.path[:0] = [str(BENCH), str(CODE)]
    import django

    django.setup()


def host() -> str:
    return f"127.0.0.1:{OURS_PORT}"


def rebuild_measured(client, rng_sample: list, home) -> None:
    """Stored page JSON (issue #15's store, if the code has it) for the pages measured.

    `rebuild_representations` stores every live page, one at a time (about an hour at
    100,000 pages on this machine); the bench stores the drawn pages and the first 200
    cards of each listed section, the only ones its requests read, in this process.
    """
    try:
        from articles.representations.build import rebuild_page
    except ImportError:
        return  # the code measured has no store
    from wagtail.models import Page

    ids = [page_id for page_id, _ in rng_sample]
    for parent_path in (NEWS_PARENT, LEGAL_PARENT):
        parent = Page.objects.get(url_path=home.url_path + parent_path.lstrip("/"))
        query = {"type": "articles.ArticlePage", "child_of": parent.pk, "limit": 100}
        for offset in (0, 100):
            answer = client.get("/api/pages/", {**query, "offset": offset}).json()
            ids += [card["id"] for card in answer["items"]]
    for n, page_id in enumerate(ids):
        rebuild_page(page_id)
        if n % 500 == 0:
            log(f"  … stored JSON of {n}/{len(ids)} measured pages")


def prepare(name: str, seed: int, sample_size: int = SAMPLE, rebuild: bool = False) -> None:
    """Fill the bare tables with our API's JSON; write the URL lists wrk reads."""
    django_setup(name)
    from api_load_site import BARE_TABLES
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    client = Client(HTTP_HOST=host())
    home = Site.objects.get(is_default_site=True).root_page
    prefix = len(home.url_path) - 1
    pages = list(
        Page.objects.live()
        .filter(path__startswith=home.path)
        .order_by("pk")
        .values_list("pk", "url_path")
    )
    rng = random.Random(seed)
    sample = rng.sample(pages, min(sample_size, len(pages)))
    log(f"{name}: {len(pages)} live pages; drawing {len(sample)}")
    if rebuild:
        rebuild_measured(client, sample, home)
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    with connection.cursor() as cursor:
        for statement in BARE_TABLES:
            cursor.execute(statement)
    detail, find, etag, bare_detail, bare_find = [], [], [], [], []
    rows = []
    for n, (page_id, url_path) in enumerate(sample):
        response = client.get(f"/api/pages/{page_id}/")
        if response.status_code != 200:
            continue  # e.g. a page under a view restriction: not served to the public
        path = url_path[prefix:]
        rows.append((page_id, path, response.content.decode()))
        detail.append(f"/api/pages/{page_id}/")
        find.append("/api/pages/find/?" + urlencode({"path": path}))
        etag.append(f"/api/pages/{page_id}/\t{response['ETag']}")
        bare_detail.append(f"/bare/pages/{page_id}/")
        bare_find.append("/bare/pages/find/?" + urlencode({"path": path}))
        if n % 500 == 0:
            log(f"  … {n}/{len(sample)} details")
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_page_json VALUES (%s, %s, %s)", rows)
        # Every other live page gets a row too (a drawn page's JSON: never requested), so
        # the bare table is as large as the site.
        drawn = {page_id for page_id, _, _ in rows}
        others = [
            (page_id, url_path[prefix:], rows[k % len(rows)][2])
            for k, (page_id, url_path) in enumerate(pages)
            if page_id not in drawn
        ]
        cursor.executemany("INSERT INTO bench_page_json VALUES (%s, %s, %s)", others)
    lists, bare_lists = fill_cards(client, connection, home)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    check_same(client, detail, bare_detail, "detail")
    check_same(client, find, bare_find, "find")
    check_same(client, lists, bare_lists, "list")
    for label, urls in {
        "detail": detail,
        "find": find,
        "etag": etag,
        "list": lists,
        "bare_detail": bare_detail,
        "bare_find": bare_find,
        "bare_list": bare_lists,
    }.items():
        (folder / f"{label}.txt").write_text("\n".join(urls) + "\n")
    probe = {
        "ours detail": detail,
        "ours find": find,
        "ours list": lists,
        "ours 304": etag,
        "bare detail": bare_detail,
        "bare find": bare_find,
        "bare list": bare_lists,
    }
    counts = {}
    for label, urls in probe.items():
        seen = []
        for line in urls[:40]:
            url, _, tag = line.partition("\t")
            headers = {"HTTP_IF_NONE_MATCH": tag} if tag else {}
            client.get(url, **headers)  # warm: this process's first request of the kind
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, **headers)
            assert response.status_code == (304 if tag else 200), (url, response.status_code)
            seen.append(len(queries.captured_queries))
        counts[label] = [min(seen), statistics.mean(seen), max(seen)]
        log(f"  SQL per request {label}: min/mean/max {counts[label]}")
    meta = {"pages": len(pages), "drawn": len(rows), "sql": counts}
    (folder / "meta.json").write_text(json.dumps(meta, indent=1))


def fill_cards(client, connection, home) -> tuple[list[str], list[str]]:
    """The cards of the two sections, in our API's order, for the bare list.

    The first LISTED cards of each section are our API's own (the only ones requested);
    the section's other children get rows too (holding a copy of a real card, never
    served), so that the bare list counts as many rows as ours does.
    """
    from wagtail.models import Page

    listed = LIST_OFFSETS[-1] + 20
    lists, bare_lists = [], []
    for parent_path in (NEWS_PARENT, LEGAL_PARENT):
        parent = Page.objects.get(url_path=home.url_path + parent_path.lstrip("/"))
        base = {"type": "articles.ArticlePage", "child_of": parent.pk}
        rows, count = [], 0
        for offset in range(0, listed, 100):
            answer = client.get("/api/pages/", {**base, "limit": 100, "offset": offset}).json()
            count = answer["count"]
            for card in answer["items"][: listed - offset]:
                rows.append(
                    (card["id"], parent.pk, len(rows), json.dumps(card, ensure_ascii=False))
                )
        shown = {row[0] for row in rows}
        others = (
            Page.objects.child_of(parent)
            .type(Page.objects.get(pk=rows[0][0]).specific_class)
            .exclude(pk__in=shown)
            .values_list("pk", flat=True)
        )
        for page_id in others.iterator():
            rows.append((page_id, parent.pk, len(rows), rows[-1][3]))
        if len(rows) != count:
            log(f"  {parent_path}: {len(rows)} bare cards, ours counts {count}")
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_card_json VALUES (%s, %s, %s, %s)", rows)
        for offset in LIST_OFFSETS:
            query = urlencode({**base, "limit": 20, "offset": offset})
            lists.append(f"/api/pages/?{query}")
            bare_lists.append(f"/bare/pages/?{query}")
    return lists, bare_lists


def check_same(client, ours: list[str], bare: list[str], label: str) -> None:
    """The bare view must answer exactly what ours does, or the ratio means nothing."""
    for mine, floor in list(zip(ours, bare, strict=True))[:200]:
        a, b = client.get(mine), client.get(floor)
        if a.status_code != 200 or a.json() != b.json():
            mine_json, bare_json = a.json(), b.json()
            keys = [k for k in mine_json if mine_json.get(k) != bare_json.get(k)]
            raise SystemExit(
                f"{label}: {floor} differs from {mine} ({a.status_code}) in {keys}: "
                f"{str(mine_json)[:300]} / {str(bare_json)[:300]}"
            )


def prepare_stock(seed: int) -> None:
    """Stock's detail URLs (uniform over its pages) and its SQL per request."""
    probe = r"""
import json, os, random, statistics, sys
sys.path.insert(0, os.getcwd())
import django; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
ids = list(Page.objects.live().filter(depth__gt=1).order_by("pk").values_list("pk", flat=True))
sample = random.Random(int(sys.argv[1])).sample(ids, min(int(sys.argv[2]), len(ids)))
client, seen = Client(HTTP_HOST="127.0.0.1"), []
for pk in sample[:40]:
    client.get(f"/api/v2/pages/{pk}/")
    with CaptureQueriesContext(connection) as q:
        assert client.get(f"/api/v2/pages/{pk}/").status_code == 200
    seen.append(len(q.captured_queries))
sql = [min(seen), statistics.mean(seen), max(seen)]
print(json.dumps({"pages": len(ids), "ids": sample, "sql": sql}))
"""
    python = str(STOCK_VENV / "bin" / "python")
    result = subprocess.run(
        [python, "-c", probe, str(seed), str(SAMPLE)],
        cwd=STOCK_DIR,
        env=stock_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    folder = WORK / "stock"
    (WORK / "stock-urls").mkdir(exist_ok=True)
    lines = [f"/api/v2/pages/{pk}/" for pk in found["ids"]]
    (WORK / "stock-urls" / "detail.txt").write_text("\n".join(lines) + "\n")
    meta = {"pages": found["pages"], "drawn": len(lines), "sql": {"stock detail": found["sql"]}}
    (WORK / "stock-urls" / "meta.json").write_text(json.dumps(meta, indent=1))
    log(f"stock: {found['pages']} pages, SQL per detail {found['sql']} ({folder})")


# --- Load -----------------------------------------------------------------------------

LUA = r"""
-- URLs from a file (one a line; a tab then an If-None-Match value), taken in turn
-- from a starting line: the bench draws them uniformly beforehand.
local urls, i = {}, 0
init = function(args)
  for line in io.lines(args[1]) do
    local url, tag = line:match("^([^\t]+)\t?(.*)$")
    urls[#urls + 1] = {url, tag}
  end
  i = tonumber(args[2] or "0") % #urls
end
request = function()
  i = i % #urls + 1
  local u = urls[i]
  if u[2] ~= "" then
    return wrk.format("GET", u[1], {["If-None-Match"] = u[2]})
  end
  return wrk.format("GET", u[1])
end
"""

# endpoint -> (server, URL file)
ENDPOINTS = {
    "ours detail": ("ours", "detail.txt"),
    "ours find": ("ours", "find.txt"),
    "ours list": ("ours", "list.txt"),
    "ours 304": ("ours", "etag.txt"),
    "bare detail": ("ours", "bare_detail.txt"),
    "bare find": ("ours", "bare_find.txt"),
    "bare list": ("ours", "bare_list.txt"),
}


def start_server(kind: str, name: str) -> subprocess.Popen:
    log_file = (WORK / f"gunicorn-{kind}.log").open("a")
    common = ["--workers", str(WORKERS), "--worker-class", "sync", "--timeout", "120"]
    if kind == "stock":
        command = [str(STOCK_VENV / "bin" / "gunicorn"), "perfproj.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{STOCK_PORT}", *common]
        return subprocess.Popen(command, cwd=STOCK_DIR, env=stock_env(), stderr=log_file)
    command = [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", f"127.0.0.1:{OURS_PORT}"]
    return subprocess.Popen([*command, *common], cwd=CODE, env=ours_env(name), stderr=log_file)


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_ready(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see var/bench/api_load/gunicorn-*.log")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within 120 s")


def wrk(base: str, urls: Path, start: int, seconds: float) -> dict:
    script = WORK / "urls.lua"
    script.write_text(LUA)
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", str(script)]
    result = subprocess.run(
        [*command, base, "--", str(urls), str(start)], capture_output=True, text=True
    )
    return parse_wrk(result.stdout)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse_wrk(text: str) -> dict:
    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M).groups()
        return float(value) * UNITS[unit]

    found = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", text)
    requests = int(found.group(1))
    size = (
        float(found.group(2)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[found.group(3)]
    )
    other = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": latency("50%"),
        "p99": latency("99%"),
        "requests": requests,
        "bytes_per_request": size / max(requests, 1),
        # wrk counts answers that are neither 2xx nor 3xx (a 304 is fine).
        "non_2xx": int(other.group(1)) if other else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def warm(base: str, urls: Path, start: int) -> None:
    """Every worker's first requests (imports, URL modules, the schema), on other URLs of
    the same uniform draw than the ones measured: parallel, so that each worker gets some."""
    lines = urls.read_text().splitlines()
    chosen = [lines[(start + 1500 + k) % len(lines)] for k in range(6 * WORKERS)]

    def get(line: str) -> None:
        url, _, tag = line.partition("\t")
        request = urllib.request.Request(base + url, headers={"If-None-Match": tag} if tag else {})
        with contextlib.suppress(urllib.error.HTTPError):  # a 304 arrives as an HTTPError
            urllib.request.urlopen(request, timeout=120).close()

    with ThreadPoolExecutor(max_workers=2 * WORKERS) as pool:
        list(pool.map(get, chosen))


def measure(kind: str, name: str, urls: Path, start: int, args) -> dict:
    server = start_server(kind, name)
    port = STOCK_PORT if kind == "stock" else OURS_PORT
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base + "/api/" if kind == "ours" else base + "/api/v2/pages/", server)
        warm(base, urls, start)
        wrk(base, urls, start + 1500, args.warmup)
        return wrk(base, urls, start, args.duration)
    finally:
        stop_server(server)


def run(args) -> None:
    plan = []
    for name in args.databases:
        if name == "stock":
            plan.append(("stock", "stock detail", WORK / "stock-urls" / "detail.txt"))
            continue
        for endpoint, (_server, file) in ENDPOINTS.items():
            plan.append((name, endpoint, WORK / name / file))
    results = {"commit": commit(), "started": time.strftime("%Y-%m-%d %H:%M:%S UTC"), "runs": []}
    results["settings"] = {
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "duration": args.duration,
        "warmup": args.warmup,
        "rounds": args.rounds,
    }
    results["meta"] = {
        name: json.loads(
            (WORK / ("stock-urls" if name == "stock" else name) / "meta.json").read_text()
        )
        for name in args.databases
    }
    for number in range(args.rounds):
        shift = number * (len(plan) // args.rounds + 1)
        order = plan[shift % len(plan) :] + plan[: shift % len(plan)]
        for name, endpoint, urls in order:
            kind = "stock" if name == "stock" else "ours"
            start = number * 211
            measured = measure(kind, name, urls, start, args)
            measured.update(database=name, endpoint=endpoint, round=number)
            results["runs"].append(measured)
            log(
                f"round {number + 1} {name:9} {endpoint:12} {measured['rps']:8.1f} req/s "
                f"p50 {measured['p50']:.1f} ms non-2xx {measured['non_2xx']}"
            )
            if args.save:
                Path(args.save).write_text(json.dumps(results, indent=1))
    print(report(results))


def commit() -> str:
    if CODE != ROOT:
        return (CODE / "COMMIT").read_text().strip() + f" (snapshot {CODE})"

    def git(*arguments: str) -> str:
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout

    changed = len(git("status", "--porcelain", "--untracked-files=no").splitlines())
    head = git("log", "-1", "--format=%h").strip()
    return head + (f" (+ {changed} tracked files changed in the tree)" if changed else "")


# --- Report ---------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def medians(results: dict) -> dict:
    grouped: dict = {}
    for run_ in results["runs"]:
        grouped.setdefault((run_["database"], run_["endpoint"]), []).append(run_)
    return {
        key: {
            "rps": statistics.median(r["rps"] for r in runs),
            "p50": statistics.median(r["p50"] for r in runs),
            "p99": statistics.median(r["p99"] for r in runs),
            "rounds": len(runs),
            "bad": sum(r["non_2xx"] for r in runs),
            "bytes": statistics.median(r.get("bytes_per_request", 0) for r in runs),
        }
        for key, runs in grouped.items()
    }


RATIOS = [
    ("detail / bare detail", "ours detail", "bare detail", 0.6),
    ("find / bare find", "ours find", "bare find", 0.6),
    ("list / bare list", "ours list", "bare list", 0.5),
    ("304 / bare detail", "ours 304", "bare detail", 0.9),
    ("detail / stock v2 detail", "ours detail", ("stock", "stock detail"), 5.0),
    ("find / stock v2 detail", "ours find", ("stock", "stock detail"), 5.0),
]


def report(results: dict) -> str:
    cell = medians(results)
    meta = results["meta"]
    parts = [f"Commit {results['commit']}, started {results['started']}; {results['settings']}."]
    rows = []
    for (name, endpoint), m in sorted(cell.items()):
        sql = meta[name]["sql"].get(endpoint)
        rows.append(
            [
                name,
                endpoint,
                f"{m['rps']:.0f}",
                f"{m['p50']:.1f}",
                f"{m['p99']:.1f}",
                "–" if sql is None else f"{sql[1]:.1f} ({sql[0]}–{sql[2]})",
                str(m["rounds"]),
                f"{m['bytes'] / 1024:.1f}" if m["bytes"] else "–",
                str(m["bad"]),
            ]
        )
    header = ["database", "endpoint", "req/s", "p50 ms", "p99 ms", "SQL/request", "rounds"]
    header += ["KiB/answer", "errors"]
    parts.append(table(header, rows))
    rows = []
    for name in meta:
        if name == "stock":
            continue
        for label, ours, other, target in RATIOS:
            other_key = other if isinstance(other, tuple) else (name, other)
            if (name, ours) not in cell or other_key not in cell:
                continue
            value = cell[(name, ours)]["rps"] / cell[other_key]["rps"]
            verdict = "met" if value >= target else f"missed ({value / target:.2f} of it)"
            rows.append([name, label, f"{value:.2f}×", f"≥ {target}×", verdict])
    parts.append(table(["database", "ratio (req/s)", "measured", "target", ""], rows))
    pairs = [("pg100k", "pg10k")]
    rows = []
    for big, small in pairs:
        for endpoint in ("ours detail", "ours find", "ours list", "ours 304"):
            if (big, endpoint) in cell and (small, endpoint) in cell:
                value = cell[(big, endpoint)]["p50"] / cell[(small, endpoint)]["p50"]
                verdict = "met" if value <= 1.3 else "missed"
                rows.append([endpoint, f"{value:.2f}×", "≤ 1.3×", verdict])
    if rows:
        parts.append(table(["p50 100k / 10k", "measured", "target", ""], rows))
    pages = ", ".join(f"{name}: {m['pages']:,} pages" for name, m in meta.items())
    parts.append(f"Pages: {pages}.")
    return "\n\n".join(parts)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="Create and fill a scratch database (or 'stock').")
    b.add_argument("database", choices=[*DATABASES, "stock"])
    b.add_argument("--clone-from", choices=list(DATABASES), help="Copy rows (see clone()).")
    p = sub.add_parser("prepare", help="Bare tables, URL lists, SQL probe (or 'stock').")
    p.add_argument("database", choices=[*DATABASES, "stock"])
    p.add_argument("--seed", type=int, default=20261208)
    p.add_argument("--code", type=Path, help="A snapshot to serve (see snapshot).")
    p.add_argument("--sample", type=int, default=SAMPLE, help="Pages drawn for detail/find/304.")
    p.add_argument("--rebuild", action="store_true", help="Store the measured pages' JSON first.")
    r = sub.add_parser("run", help="Interleaved rounds; prints the tables.")
    r.add_argument("databases", nargs="+", choices=[*DATABASES, "stock"])
    r.add_argument("--rounds", type=int, default=3)
    r.add_argument("--duration", type=int, default=10, help="Seconds measured.")
    r.add_argument("--warmup", type=int, default=2, help="Seconds of warm-up per server.")
    r.add_argument("--save", help="Write the raw results (JSON) here as they come.")
    r.add_argument("--code", type=Path, help="A snapshot to serve (see snapshot).")
    s = sub.add_parser("snapshot", help="git archive COMMIT into var/bench/api_load/code-COMMIT.")
    s.add_argument("commit")
    u = sub.add_parser("upgrade", help="Migrate a database to the code of --code (see upgrade).")
    u.add_argument("database", choices=list(DATABASES))
    u.add_argument("--code", type=Path, help="A snapshot to serve (see snapshot).")
    t = sub.add_parser("report", help="Print the tables of a saved run.")
    t.add_argument("file")
    return parser.parse_args()


def main() -> None:
    global CODE
    args = parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if getattr(args, "code", None):
        CODE = args.code.resolve()
    if args.command == "snapshot":
        snapshot(args.commit)
        return
    if args.command == "build":
        if args.database == "stock":
            build_stock()
        elif args.clone_from:
            clone(args.database, args.clone_from, CLONE_COPIES)
        else:
            build(args.database)
    elif args.command == "prepare":
        prepare_stock(args.seed) if args.database == "stock" else prepare(
            args.database, args.seed, args.sample, args.rebuild
        )
    elif args.command == "upgrade":
        upgrade(args.database)
    elif args.command == "run":
        run(args)
    else:
        print(report(json.loads(Path(args.file).read_text())))


if __name__ == "__main__":
    main()
