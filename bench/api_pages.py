"""Speed of the pages API against a bare Django view serving the same JSON.

A benchmark, not a test. It builds a scratch database — the demo portal
(`load_demo`) plus N generated news articles and one article with a full body
(every block type, links, images, attachments, related pages) — and times three
requests a frontend makes on every page view:

- detail: `/api/pages/{id}/` of the full article;
- list: `/api/pages/?type=articles.ArticlePage&limit=20`;
- find-by-path: `/api/pages/find/?path=…` of the full article.

Each is measured side by side with a bare view: a plain Django function mounted
on a throwaway URLconf that answers the same URL's JSON from one raw SQL query
on a table the bench fills beforehand with our API's own output (a page's
detail by id and by path; the cards with the columns the list sorts on). That is
the floor for any implementation inside Django: routing, the generic
middleware, one indexed SELECT, the bytes. The ratio ours / bare is therefore
what building the JSON from the content model costs (plus the API's own
middleware: rate limiting, input checks, ETag), not a comparison with another
serialiser. Before timing, each bare answer is checked equal to ours.

Requests go through Django's test Client in this process, one after the other
(requests per second is 1000 / mean latency of one client). Ours and bare run in
small alternating batches, endpoint after endpoint, each round starting with the
other side, so that machine noise falls on both alike.

Run from the repository root (see bench/README.md):

    .venv/bin/python bench/api_pages.py                       # SQLite in a temp file
    DATABASE_URL=postgres://govcms:govcms@127.0.0.1:54329/govcms_apibench \\
        .venv/bin/python bench/api_pages.py                   # PostgreSQL

The named database is never written: like Django's test runner, the bench
creates `test_<name>` next to it (a SQLite file in a temp folder by default)
and drops it at the end.
"""

import argparse
import datetime
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_quality import code_version, percentile, table  # noqa: E402  (bench/ is on the path)

TEMP_DIR = tempfile.TemporaryDirectory(prefix="govcms-api-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TEMP_DIR.name}/api_pages.sqlite3")
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
os.environ["DEBUG"] = "0"  # no query log growing over thousands of requests
# Thousands of requests from one client: the per-client limit would answer 429.
os.environ["API_RATE_LIMIT_PER_MINUTE"] = "0"
# Publishing 2,000 pages must reach nothing outside the scratch database: no media folder,
# search index or CDN of a real site.
os.environ["MEDIA_ROOT"] = f"{TEMP_DIR.name}/media"
os.environ["SEARCH_URL"] = ""
os.environ["FRONTEND_CACHE_PURGE_URL"] = ""

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    teardown_databases,
)
from django.urls import include, path  # noqa: E402

ARTICLE_TYPE = "articles.ArticlePage"
LIST_LIMIT = 20

# --- The bare views: one raw query each, on the read-model tables -----------------------

READ_MODEL = [
    """CREATE TABLE bench_page_json (
        page_id integer PRIMARY KEY, path varchar(2000) NOT NULL UNIQUE, detail text NOT NULL)""",
    """CREATE TABLE bench_card_json (
        page_id integer PRIMARY KEY, page_type varchar(100) NOT NULL, sort_date date NOT NULL,
        first_published_at timestamp, card text NOT NULL)""",
    """CREATE INDEX bench_card_json_order
        ON bench_card_json (page_type, sort_date DESC, first_published_at DESC, page_id DESC)""",
]


def json_response(text: str | None) -> HttpResponse:
    if text is None:
        return HttpResponse('{"status": 404}', status=404, content_type="application/json")
    return HttpResponse(text, content_type="application/json")


def one_value(sql: str, params: list) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


def bare_detail(request: HttpRequest, page_id: int) -> HttpResponse:
    return json_response(
        one_value("SELECT detail FROM bench_page_json WHERE page_id = %s", [page_id])
    )


def bare_find(request: HttpRequest) -> HttpResponse:
    found = one_value("SELECT detail FROM bench_page_json WHERE path = %s", [request.GET["path"]])
    return json_response(found)


def bare_list(request: HttpRequest) -> HttpResponse:
    limit, offset = int(request.GET.get("limit", LIST_LIMIT)), int(request.GET.get("offset", 0))
    with connection.cursor() as cursor:
        # The total in the same query: an uncorrelated subquery, counted once on the index.
        cursor.execute(
            "SELECT card, (SELECT COUNT(*) FROM bench_card_json WHERE page_type = %s) "
            "FROM bench_card_json WHERE page_type = %s "
            # sort_date is never null for a live page (it ends in first_published_at).
            "ORDER BY sort_date DESC, first_published_at DESC, page_id DESC "
            "LIMIT %s OFFSET %s",
            [request.GET["type"], request.GET["type"], limit, offset],
        )
        rows = cursor.fetchall()
    count = rows[0][1] if rows else 0
    items = ", ".join(card for card, _ in rows)
    return json_response(
        f'{{"count": {count}, "limit": {limit}, "offset": {offset}, "items": [{items}]}}'
    )


# The throwaway URLconf: the bare views outside /api/ (so none of the API's middleware
# runs for them), then the project's own URLs.
urlpatterns = [
    path("bare/pages/", bare_list),
    path("bare/pages/find/", bare_find),
    path("bare/pages/<int:page_id>/", bare_detail),
    path("", include("cms.urls")),
]

# --- Content ---------------------------------------------------------------------------


def generate_articles(count: int, seed: int) -> None:
    """News articles as editors publish them: dated over five years, some with a photo."""
    from articles.factories import ArticlePageFactory, CategoryFactory, ImageFactory
    from articles.models import SectionIndexPage

    rng = random.Random(seed)
    news = SectionIndexPage.objects.get(slug="tin-tuc-su-kien")
    photos = [ImageFactory(title=f"Ảnh hoạt động {n}") for n in range(8)]
    categories = [CategoryFactory(name=f"Chuyên mục {n}", slug=f"chuyen-muc-{n}") for n in range(6)]
    start = datetime.date(2021, 1, 1)
    for n in range(count):
        page = ArticlePageFactory(
            parent=news,
            title=f"Hội nghị triển khai công tác tư pháp số {n + 1}",
            slug=f"bai-viet-{n + 1}",
            lead="Sở Tư pháp tổ chức hội nghị triển khai nhiệm vụ trọng tâm (bài tạo tự động).",
            display_date=start + datetime.timedelta(days=rng.randrange(5 * 365)),
            hero_image=rng.choice(photos) if rng.random() < 0.7 else None,
            is_featured=rng.random() < 0.05,
            body=[("paragraph", f"<p>Nội dung bài viết số {n + 1}.</p>")] * 3,
        )
        page.categories.add(rng.choice(categories))
        if n % 200 == 0:
            print(f"  … {n}/{count} articles", file=sys.stderr, flush=True)


def full_article() -> int:
    """The detail page: every block type, rich text links, images, attachments, relations."""
    from articles.factories import ArticlePageFactory
    from articles.models import ArticlePage, Byline, Category, DirectivePage, SectionIndexPage
    from articles.models.pages import ArticleAttachment, ArticleRelatedPage
    from tests.articles.pages_api import every_block, media  # the contract tests' full body

    news = SectionIndexPage.objects.get(slug="tin-tuc-su-kien")
    cited = DirectivePage.objects.get(slug="chi-thi-05-ct-tu")
    others = list(ArticlePage.objects.live().exclude(hero_image=None).order_by("pk")[:3])
    image, document = media()
    blocks = every_block(
        image_id=image.pk, document_id=document.pk, linked_page=others[0], cited=cited
    )
    paragraphs = [
        {
            "type": "paragraph",
            "value": f'<p>Đoạn {n}: xem <a linktype="page" id="{others[n % 3].pk}">bài liên '
            f'quan</a> và <a linktype="document" id="{document.pk}">tài liệu</a>.</p>',
        }
        for n in range(12)
    ]
    page = ArticlePageFactory(
        parent=news,
        title="Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về hòa giải ở cơ sở (đầy đủ)",
        slug="bai-viet-day-du",
        lead="Bài viết có đủ mọi loại khối nội dung, dùng cho phép đo chi tiết.",
        hero_image=image,
        hero_caption="Quang cảnh hội nghị",
        byline=Byline.objects.first(),
        body=blocks + paragraphs + blocks,
        source="Báo Sóc Trăng",
    )
    page.categories.add(*Category.objects.all()[:2])
    page.tags.add("hòa giải", "chỉ thị", "pháp luật")
    ArticleAttachment.objects.create(page=page, document=document, title="Toàn văn")
    for other in others:
        ArticleRelatedPage.objects.create(page=page, related=other)
    page.save_revision().publish()
    return page.pk


def frontend_path(page_id: int) -> str:
    from wagtail.models import Page, Site

    home = Site.objects.get(is_default_site=True).root_page
    return Page.objects.get(pk=page_id).url_path[len(home.url_path) - 1 :]


# --- The read model the bare views serve ------------------------------------------------


def fill_read_model(client: Client, page_id: int, page_path: str) -> None:
    """Our API's own JSON, stored where one indexed SELECT finds it."""
    from wagtail.models import Page

    from articles.api.filters import MAX_LIMIT, display_date
    from articles.models import ArticlePage

    with connection.cursor() as cursor:
        for statement in READ_MODEL:
            cursor.execute(statement)
        detail = client.get(f"/api/pages/{page_id}/").content.decode()
        cursor.execute(
            "INSERT INTO bench_page_json (page_id, path, detail) VALUES (%s, %s, %s)",
            [page_id, page_path, detail],
        )
        sort_columns = {
            pk: (date, published)
            for pk, date, published in Page.objects.type(ArticlePage)
            .annotate(sort_date=display_date())
            .values_list("pk", "sort_date", "first_published_at")
            .iterator()
        }
        offset = 0
        while True:
            answer = client.get(
                "/api/pages/", {"type": ARTICLE_TYPE, "limit": MAX_LIMIT, "offset": offset}
            ).json()
            for card in answer["items"]:
                date, published = sort_columns[card["id"]]
                cursor.execute(
                    "INSERT INTO bench_card_json VALUES (%s, %s, %s, %s, %s)",
                    [card["id"], ARTICLE_TYPE, date, published, json.dumps(card)],
                )
            offset += MAX_LIMIT
            if offset >= answer["count"]:
                break


# --- Measuring --------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    ours: str
    bare: str
    ms: dict[str, list[float]] = field(default_factory=lambda: {"ours": [], "bare": []})
    queries: dict[str, list[str]] = field(default_factory=dict)
    size: int = 0


def endpoints(page_id: int, page_path: str) -> list[Endpoint]:
    listing = "?" + urlencode({"type": ARTICLE_TYPE, "limit": LIST_LIMIT})
    find = "?" + urlencode({"path": page_path})
    return [
        Endpoint("detail", f"/api/pages/{page_id}/", f"/bare/pages/{page_id}/"),
        Endpoint("list (20)", f"/api/pages/{listing}", f"/bare/pages/{listing}"),
        Endpoint("find-by-path", f"/api/pages/find/{find}", f"/bare/pages/find/{find}"),
    ]


def check_same_json(client: Client, endpoint: Endpoint) -> None:
    """The bare view must answer exactly what ours does, or the ratio means nothing."""
    answers = {}
    for side in ("ours", "bare"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(getattr(endpoint, side))
        if response.status_code != 200:
            raise SystemExit(f"{side} {endpoint.name}: HTTP {response.status_code}")
        answers[side] = response.json()
        endpoint.queries[side] = [query["sql"] for query in queries.captured_queries]
    if answers["ours"] != answers["bare"]:
        raise SystemExit(f"{endpoint.name}: the bare view's JSON differs from ours")
    endpoint.size = len(client.get(endpoint.ours).content)


def print_queries(endpoint: Endpoint) -> None:
    print(f"--- {endpoint.name}: {endpoint.ours}", file=sys.stderr)
    for number, sql in enumerate(endpoint.queries["ours"], 1):
        print(f"{number:3}. {sql[:300]}", file=sys.stderr)


def timed_batch(client: Client, url: str, count: int, into: list[float]) -> None:
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)
        into.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")


def measure(client: Client, points: list[Endpoint], requests: int, batch: int) -> None:
    rounds = max(1, requests // batch)
    for point in points:  # warm-up: imports, caches, the database's page cache
        for side in ("ours", "bare"):
            timed_batch(client, getattr(point, side), 5, [])
    for number in range(rounds):
        sides = ("ours", "bare") if number % 2 == 0 else ("bare", "ours")
        for point in points:
            for side in sides:
                timed_batch(client, getattr(point, side), batch, point.ms[side])
        gc.collect()  # between batches, not inside one side's
        print(f"  … round {number + 1}/{rounds}", file=sys.stderr, flush=True)


# --- Report -----------------------------------------------------------------------------


def per_second(ms: list[float]) -> float:
    return 1000 / statistics.mean(ms)


def report(points: list[Endpoint], database: str, articles: int) -> str:
    rows = []
    for point in points:
        ours, bare = point.ms["ours"], point.ms["bare"]
        p50 = (percentile(ours, 0.5), percentile(bare, 0.5))
        p95 = (percentile(ours, 0.95), percentile(bare, 0.95))
        rows.append(
            [
                point.name,
                str(len(ours)),
                f"{per_second(ours):.0f}",
                f"{per_second(bare):.0f}",
                f"{per_second(ours) / per_second(bare):.2f}",
                f"{p50[0]:.1f} / {p50[1]:.1f}",
                f"{p50[0] / p50[1]:.1f}×",
                f"{p95[0]:.1f} / {p95[1]:.1f}",
                f"{p95[0] / p95[1]:.1f}×",
                f"{len(point.queries['ours'])} / {len(point.queries['bare'])}",
                f"{point.size / 1024:.1f}",
            ]
        )
    header = [
        "endpoint",
        "requests each",
        "ours req/s",
        "bare req/s",
        "req/s ours/bare",
        "p50 ms ours / bare",
        "p50 ours/bare",
        "p95 ms ours / bare",
        "p95 ours/bare",
        "SQL queries ours / bare",
        "JSON KiB",
    ]
    title = f"### Pages API vs a bare view ({database}, demo site + {articles:,} articles)"
    return f"{title}\n\n{table(header, rows)}"


def database_label() -> str:
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
        connection.vendor, connection.vendor
    )
    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        return f"{vendor} {version // 10000}.{version % 10000}"
    import sqlite3

    return f"{vendor} {sqlite3.sqlite_version}"


# --- Orchestration ----------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="Generated news articles.")
    parser.add_argument("--requests", type=int, default=400, help="Per endpoint and side.")
    parser.add_argument("--batch", type=int, default=20, help="Requests per side in a row.")
    parser.add_argument("--seed", type=int, default=20210923)
    parser.add_argument(
        "--show-queries", action="store_true", help="Print our SQL per endpoint (stderr)."
    )
    parser.add_argument(
        "--store",
        choices=("on", "off"),
        default="on",
        help="on: store every page's JSON first (rebuild_representations) and serve it; "
        "off: PAGE_JSON_STORE=False, every response assembled from the content model.",
    )
    return parser.parse_args()


def prepare(args) -> tuple[int, str]:
    started = time.perf_counter()
    print("… load_demo", file=sys.stderr, flush=True)
    call_command("load_demo", verbosity=0, stdout=sys.stderr)  # stdout: the report
    print(f"… {args.articles} articles", file=sys.stderr, flush=True)
    generate_articles(args.articles, args.seed)
    page_id = full_article()
    if args.store == "on":
        print("… rebuild_representations", file=sys.stderr, flush=True)
        call_command("rebuild_representations", verbosity=0)
    print(f"  prepared in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return page_id, frontend_path(page_id)


def main() -> None:
    args = parse_args()
    if connection.vendor == "sqlite":
        # Django's test database for SQLite is in memory unless it is given a file.
        connection.settings_dict["TEST"]["NAME"] = f"{TEMP_DIR.name}/test_api_pages.sqlite3"
    print("… creating the scratch database (migrate)", file=sys.stderr, flush=True)
    databases = setup_databases(
        verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
    )
    try:
        with override_settings(
            ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], PAGE_JSON_STORE=args.store == "on"
        ):
            client = Client()
            page_id, page_path = prepare(args)
            fill_read_model(client, page_id, page_path)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them live
            points = endpoints(page_id, page_path)
            for point in points:
                check_same_json(client, point)
                if args.show_queries:
                    print_queries(point)
            measure(client, points, args.requests, args.batch)
            label = database_label()
        print(
            f"Code: {code_version()}. Settings: {settings.SETTINGS_MODULE}, DEBUG off, "
            f"stored page JSON {args.store}.\n"
        )
        print(report(points, label, args.articles))
    finally:
        teardown_databases(databases, verbosity=0)
        TEMP_DIR.cleanup()


if __name__ == "__main__":
    main()
