"""One editor's process for the concurrent-publishing test: `seed` or `publish`.

Run as `python -m tests.reliability.publishing_worker …` with DATABASE_URL naming a
SQLite file; it prints one JSON line. `publish` waits until every worker of the test is
ready (a file each in the barrier folder), then publishes its page ROUNDS times through
the admin's edit view with Django's test client, recording each answer's status.
"""

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402

from articles.models import ArticlePage, SectionIndexPage  # noqa: E402
from editorial.roles import MODERATORS  # noqa: E402
from home.models import HomePage  # noqa: E402
from tests.articles.admin_forms import PUBLISH, edit_page_url  # noqa: E402
from tests.editorial.page_forms import page_form  # noqa: E402


def add_published(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed(editors: int) -> dict:
    """A home page, a news section, and per editor a published article and an account."""
    home = add_published(
        Page.get_first_root_node(),
        HomePage(title="Trang chủ", slug="trang-chu", locale=Locale.get_default()),
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    section = add_published(home, SectionIndexPage(title="Tin tức", slug="tin-tuc"))
    pairs = []
    for n in range(editors):
        article = add_published(
            section, ArticlePage(title=f"Bài {n}", slug=f"bai-{n}", lead="Tóm tắt.")
        )
        user = get_user_model().objects.create_user(username=f"truongban{n}", password="x")
        user.groups.add(Group.objects.get(name=MODERATORS))
        pairs.append({"page": article.pk, "username": user.username})
    return {"editors": pairs}


def wait_for_everyone(barrier: Path, name: str, expected: int) -> None:
    (barrier / name).touch()
    deadline = time.monotonic() + 120
    while len(list(barrier.iterdir())) < expected and time.monotonic() < deadline:
        time.sleep(0.01)


def publish(page_id: int, username: str, rounds: int, barrier: Path, expected: int) -> dict:
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username=username))
    wait_for_everyone(barrier, username, expected)
    statuses = []
    for n in range(rounds):
        page = Page.objects.get(pk=page_id).specific
        data = page_form(page, title=f"{page.title.split(' –')[0]} – lần {n}") | PUBLISH
        response = client.post(edit_page_url(page), data)
        statuses.append(response.status_code)
    return {"statuses": statuses}


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    if command == "seed":
        result = seed(int(arguments[0]))
    else:
        page_id, username, rounds, barrier, expected = arguments
        result = publish(int(page_id), username, int(rounds), Path(barrier), int(expected))
    print(json.dumps(result))
