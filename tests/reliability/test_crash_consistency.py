"""A process killed with SIGKILL — an import half-way through its file, a worker in
the middle of publishing — leaves no half page, no orphaned revision and a
consistent page tree, and running the import again completes it, each page once.

The processes are real `manage.py` subprocesses on a scratch copy of the test
database (tests/reliability/scratch.py); the checks run in one too
(tests/reliability/invariants.py).
"""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.scratch import REPO, template_from_test_database

LEGACY_SAMPLE = REPO / "tests" / "articles" / "legacy_pages" / "tin-tap-huan-hoa-giai.html"
SAMPLE_TITLE = "Sở Tư pháp tập huấn nghiệp vụ hòa giải ở cơ sở năm 2021"
SAMPLE_URL = "tap-huan-nghiep-vu-hoa-giai-o-co-so-nam-2021"
ROWS = 30
KILL_AFTER_PAGES = 5

# The test database is migrated only for tests that ask for it: the template copies it.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def template(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        template = template_from_test_database(tmp_path_factory.mktemp("crash"))
    yield template
    template.drop()


@pytest.fixture
def database(template, tmp_path):
    copy = template.copy(tmp_path)
    yield copy
    copy.drop()


def invariants(database) -> dict:
    result = database.manage(
        "shell", "-c", "from tests.reliability.invariants import report; report()"
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_consistent(found: dict):
    assert found["tree"] == dict.fromkeys(found["tree"], 0), found["tree"]
    assert found["half_pages"] == dict.fromkeys(found["half_pages"], []), found["half_pages"]
    assert found["orphaned_revisions"] == 0


def kill_when(database, process: subprocess.Popen, sql: str, at_least: int, timeout=90):
    """SIGKILL the process once the query counts `at_least` rows: mid-run, not before."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "finished before it could be killed: give it more work"
        if database.scalar(sql) >= at_least:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"not {at_least} rows after {timeout} s")


def start(database, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=database.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def content_rows(path: Path) -> list[str]:
    titles = [f"Thông báo số {number} về lịch tiếp công dân" for number in range(1, ROWS + 1)]
    with path.open("w", encoding="utf-8") as file:
        for number, title in enumerate(titles, start=1):
            row = {
                "source_id": f"crash-{number}",
                "type": "article",
                "parent": "/tin-tuc/",
                "title": title,
                "fields": {"lead": f"Tin số {number}.", "categories": ["Tiếp công dân"]},
                "body": "Đoạn một của thông báo.\n\nĐoạn hai của thông báo.",
            }
            file.write(json.dumps(row, ensure_ascii=False) + "\n")
    return titles


def legacy_folder(folder: Path) -> list[str]:
    """Copies of a saved portal page, each with its own title and address."""
    folder.mkdir()
    sample = LEGACY_SAMPLE.read_text(encoding="utf-8")
    titles = []
    for number in range(1, ROWS + 1):
        title = f"{SAMPLE_TITLE} (đợt {number})"
        page = sample.replace(SAMPLE_TITLE, title).replace(SAMPLE_URL, f"{SAMPLE_URL}-{number}")
        (folder / f"tin-{number:03}.html").write_text(page, encoding="utf-8")
        titles.append(title)
    for image in LEGACY_SAMPLE.parent.glob("*.jpg"):
        shutil.copy(image, folder)
    return titles


def test_import_content_killed_mid_run_leaves_whole_pages_and_a_rerun_imports_each_once(
    database, tmp_path
):
    """Promise: `import_content` killed with SIGKILL part-way leaves only whole pages
    (each with its revision and record), a consistent tree and no orphaned revision;
    the same command run again imports the rest, every row exactly once."""
    rows = tmp_path / "pages.jsonl"
    titles = content_rows(rows)
    importing = start(database, "import_content", str(rows), "--no-progress")
    kill_when(database, importing, "SELECT count(*) FROM articles_importrecord", KILL_AFTER_PAGES)

    after_kill = invariants(database)
    assert_consistent(after_kill)
    assert KILL_AFTER_PAGES <= after_kill["import_records"] < ROWS
    assert after_kill["articles"] == after_kill["import_records"]

    rerun = database.manage("import_content", str(rows), "--no-progress", timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    after_rerun = invariants(database)
    assert_consistent(after_rerun)
    assert after_rerun["imported_titles"] == sorted(titles)
    assert after_rerun["articles"] == ROWS


def test_import_legacy_killed_mid_run_leaves_whole_pages_and_a_rerun_imports_each_once(
    database, tmp_path
):
    """Promise: `import_legacy` killed with SIGKILL part-way leaves only whole pages,
    a consistent tree and no orphaned revision; run again, it imports the rest,
    every saved page exactly once."""
    folder = tmp_path / "portal"
    titles = legacy_folder(folder)
    importing = start(database, "import_legacy", str(folder), "--no-progress")
    kill_when(database, importing, "SELECT count(*) FROM articles_importrecord", KILL_AFTER_PAGES)

    after_kill = invariants(database)
    assert_consistent(after_kill)
    assert KILL_AFTER_PAGES <= after_kill["import_records"] < ROWS

    rerun = database.manage("import_legacy", str(folder), "--no-progress", timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    after_rerun = invariants(database)
    assert_consistent(after_rerun)
    assert after_rerun["imported_titles"] == sorted(titles)
    assert after_rerun["articles"] == ROWS


# An editor presses "Publish" on a new article in the admin (the real view, through
# Django's request handler); the worker dies after Wagtail saved the page and its
# revision and before it published: SIGKILL from Wagtail's before_publish_page hook.
PUBLISH_AND_DIE = """
import os, signal
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail import hooks
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from articles.models import ArticlePage, SectionIndexPage
from tests.articles.admin_forms import PUBLISH, add_page_url

editor = get_user_model().objects.create_superuser("crash", "crash@example.vn", "x")
client = Client()
client.force_login(editor)

@hooks.register("before_publish_page")
def worker_killed(request, page):
    os.kill(os.getpid(), signal.SIGKILL)

data = nested_form_data({
    "title": "Thông báo bị ngắt giữa chừng", "slug": "bi-ngat", "display_date": "15/03/2024",
    "body": streamfield([]), "attachments": inline_formset([]),
    "related_pages": inline_formset([]),
})
section = SectionIndexPage.objects.get(slug="tin-tuc")
response = client.post(add_page_url(ArticlePage, section), data | PUBLISH)
print("not killed", response.status_code)
"""


def test_worker_killed_mid_publish_leaves_no_half_page(database):
    """Before: Wagtail's add view saves the new page (live), then its revision, then
    publishes, each committed on its own; a worker killed between them left a page
    that was live but never published — served by the API, with no live revision.
    Promise: an admin request's writes commit together (cms/urls.py runs the admin's
    views in a transaction): a worker killed mid-publish leaves no trace of the page,
    and the tree stays consistent."""
    articles_before = invariants(database)["articles"]

    died = database.manage("shell", "-c", PUBLISH_AND_DIE)

    assert died.returncode == -signal.SIGKILL, died.stdout + died.stderr
    after = invariants(database)
    assert_consistent(after)
    assert after["articles"] == articles_before
