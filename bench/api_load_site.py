"""The bare one-query views of bench/api_load.py, mounted beside the project's URLs.

Each answers our API's own JSON for a URL, stored beforehand by the bench in a
table of the scratch database, with ONE raw SQL statement on an index: the floor
of what Django can serve for that work (routing, the generic middleware, one
indexed SELECT, the bytes). They are mounted outside /api/, so the API's own
middleware (input checks, rate limit, ETag) runs in ours only.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

BARE_TABLES = [
    "DROP TABLE IF EXISTS bench_page_json",
    "DROP TABLE IF EXISTS bench_card_json",
    """CREATE TABLE bench_page_json (
        page_id integer PRIMARY KEY, path varchar(2000) NOT NULL, detail text NOT NULL)""",
    "CREATE INDEX bench_page_json_path ON bench_page_json (path)",
    """CREATE TABLE bench_card_json (
        page_id integer PRIMARY KEY, parent_id integer NOT NULL, position integer NOT NULL,
        card text NOT NULL)""",
    "CREATE INDEX bench_card_json_order ON bench_card_json (parent_id, position)",
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
    parent = int(request.GET["child_of"])
    limit, offset = int(request.GET.get("limit", 20)), int(request.GET.get("offset", 0))
    with connection.cursor() as cursor:
        # The total in the same statement: an uncorrelated subquery, counted on the index.
        cursor.execute(
            "SELECT card, (SELECT COUNT(*) FROM bench_card_json WHERE parent_id = %s) "
            "FROM bench_card_json WHERE parent_id = %s ORDER BY position LIMIT %s OFFSET %s",
            [parent, parent, limit, offset],
        )
        rows = cursor.fetchall()
    count = rows[0][1] if rows else 0
    items = ", ".join(card for card, _ in rows)
    return json_response(
        f'{{"count": {count}, "limit": {limit}, "offset": {offset}, "items": [{items}]}}'
    )


urlpatterns = [
    path("bare/pages/", bare_list),
    path("bare/pages/find/", bare_find),
    path("bare/pages/<int:page_id>/", bare_detail),
    path("", include("cms.urls")),
]
