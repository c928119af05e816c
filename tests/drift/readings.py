"""What the API serves, read twice: as served, and assembled fresh from the content model.

`PAGE_JSON_STORE=False` makes the pages API use nothing stored, so the second reading is
what the content model says now; any difference is drift. Every page is read (detail,
its versions in the other languages, find-by-path at every path it ever had), and the
lists of cards, the site's settings and menus.
"""

import json
from dataclasses import dataclass

from django.test import Client, override_settings
from wagtail.models import Locale, Page

LANGUAGES = ("vi", "en", "km")
# Headers a frontend or a shared cache acts on: they must not drift either.
COMPARED_HEADERS = ("ETag", "Last-Modified", "Content-Type")


@dataclass(frozen=True)
class Reading:
    status: int
    body: object
    headers: tuple

    @classmethod
    def of(cls, response) -> "Reading":
        try:
            body = response.json()
        except ValueError:
            body = response.content.decode(errors="replace")
        headers = tuple((name, response.get(name)) for name in COMPARED_HEADERS)
        return cls(response.status_code, body, headers)


def frontend_path(page: Page, default_locale_id: int, codes: dict[int, str]) -> str:
    """/tin-tuc/bai/ from /trang-chu/tin-tuc/bai/; /en/… in another language. A candidate
    only: the API decides what is at a path, and both readings ask the same."""
    inside_home = page.url_path.strip("/").split("/")[1:]
    prefix = "" if page.locale_id == default_locale_id else f"/{codes[page.locale_id]}"
    return prefix + "/" + "".join(f"{segment}/" for segment in inside_home)


def urls_to_read(paths_seen: set[str]) -> list[str]:
    """Every URL to compare, from the content model as it is now. `paths_seen` collects
    each page's frontend path across steps, so a path a page has left is still asked."""
    default = Locale.get_default()
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    pages = list(Page.objects.filter(depth__gt=1).order_by("pk"))
    group_sizes: dict = {}
    for page in pages:
        group_sizes[page.translation_key] = group_sizes.get(page.translation_key, 0) + 1
    urls = []
    for page in pages:
        urls.append(f"/api/pages/{page.pk}/")
        if group_sizes[page.translation_key] > 1:
            urls += [f"/api/pages/{page.pk}/?locale={code}" for code in LANGUAGES]
        paths_seen.add(frontend_path(page, default.pk, codes))
    urls += [f"/api/pages/find/?path={path}" for path in sorted(paths_seen)]
    for code in LANGUAGES:
        urls += [
            f"/api/pages/?limit=100&locale={code}",
            f"/api/site/settings?locale={code}",
            f"/api/site/menus/?locale={code}",
        ]
    urls += [
        "/api/pages/?type=articles.ArticlePage&limit=100&fields=title,url,date,thumbnail",
        "/api/pages/?type=articles.DirectivePage&order=number&limit=100",
        "/api/pages/?order=title&limit=3&offset=2",
    ]
    return urls


def drift(client: Client, urls: list[str]) -> list[str]:
    """Each URL whose served answer differs from the fresh one, with how it differs."""
    found = []
    for url in urls:
        served = Reading.of(client.get(url, HTTP_HOST="localhost"))
        with override_settings(PAGE_JSON_STORE=False):
            fresh = Reading.of(client.get(url, HTTP_HOST="localhost"))
        if served != fresh:
            where = first_difference(served.body, fresh.body) or "status or headers"
            found.append(
                f"{url} differs at {where}\n"
                f"  served: {describe(served)}\n  fresh:  {describe(fresh)}"
            )
    return found


def describe(reading: Reading) -> str:
    body = json.dumps(reading.body, ensure_ascii=False, sort_keys=True)
    return f"{reading.status} {dict(reading.headers)} {body[:2000]}"


def first_difference(served: object, fresh: object, where: str = "") -> str | None:
    """The first place two JSON values differ, as a path: meta.translations[0].title."""
    if type(served) is not type(fresh):
        return where or "(top)"
    if isinstance(served, dict):
        for key in sorted(set(served) | set(fresh)):
            if key not in served or key not in fresh:
                return f"{where}.{key}"
            inner = first_difference(served[key], fresh[key], f"{where}.{key}")
            if inner:
                return inner
        return None
    if isinstance(served, list):
        if len(served) != len(fresh):
            return f"{where}[len {len(served)} != {len(fresh)}]"
        for index, (a, b) in enumerate(zip(served, fresh, strict=True)):
            inner = first_difference(a, b, f"{where}[{index}]")
            if inner:
                return inner
        return None
    return None if served == fresh else (where or "(top)")


def read(client: Client, url: str) -> Reading:
    return Reading.of(client.get(url, HTTP_HOST="localhost"))
