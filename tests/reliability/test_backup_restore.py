"""`manage.py backup_site` then `manage.py restore_site` into a fresh database and
empty file folders gives a site whose API answers the same bytes for every public
page, with the same image and document files.

Both sites run as separate processes (manage.py subprocesses) on scratch
databases of this run's engine (tests/reliability/scratch.py).
"""

import hashlib
import json
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from tests.reliability.scratch import REPO, ScratchDatabase, template_from_test_database

# The template is a copy of the migrated test database.
pytestmark = [pytest.mark.slow, pytest.mark.django_db]

MAKE_CONTENT = """
from articles.factories import ArticlePageFactory, DocumentFactory, ImageFactory
from articles.models import ArticleAttachment, SectionIndexPage
section = SectionIndexPage.objects.get(slug="tin-tuc")
image = ImageFactory(title="Quang cảnh hội nghị")
document = DocumentFactory(title="Kế hoạch số 12/KH-STP")
article = ArticlePageFactory(
    parent=section, title="Hội nghị hòa giải ở cơ sở", slug="hoi-nghi", hero_image=image,
    body=[("paragraph", "<p>Ngày 23/9/2021, Sở Tư pháp tổ chức hội nghị.</p>")],
)
ArticleAttachment.objects.create(page=article, document=document, title="Kế hoạch")
article.save_revision().publish()
ArticlePageFactory(parent=section, title="Lịch tiếp công dân", slug="lich")
ArticlePageFactory(parent=section, title="Bản nháp chưa đăng", slug="nhap", live=False)
"""

# Every public page's JSON as served, read page by page from the listing.
READ_API = """
import base64, json
from django.test import Client
client = Client(HTTP_HOST="localhost")
ids, offset = [], 0
while True:
    listing = client.get("/api/pages/", {"limit": 100, "offset": offset}).json()
    ids += [item["id"] for item in listing["items"]]
    offset += 100
    if offset >= listing["count"]:
        break
served = {}
for id in ids:
    response = client.get(f"/api/pages/{id}/")
    served[id] = [response.status_code, base64.b64encode(response.content).decode()]
print(json.dumps(served))
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        template = template_from_test_database(tmp_path_factory.mktemp("backup"))
    yield template
    template.drop()


def empty_database(like: ScratchDatabase, directory: Path) -> ScratchDatabase:
    if like.vendor == "sqlite":
        return ScratchDatabase("sqlite", str(directory / "restored.sqlite3"))
    name = f"restored_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(like.admin_dsn("postgres"), autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    return ScratchDatabase("postgresql", name, like.server)


class Site:
    """One instance of the app: a database and its file folders."""

    def __init__(self, database: ScratchDatabase, folder: Path):
        self.database = database
        self.media, self.documents = folder / "media", folder / "documents"
        self.media.mkdir(parents=True)
        self.documents.mkdir()

    def manage(self, *args: str):
        env = self.database.env(media_root=self.media, DOCUMENTS_ROOT=str(self.documents))
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def served_pages(self) -> dict:
        return json.loads(self.manage("shell", "-c", READ_API).strip().splitlines()[-1])

    def files(self) -> dict[str, str]:
        return {
            f"{root.name}/{path.relative_to(root)}": hashlib.sha256(path.read_bytes()).hexdigest()
            for root in (self.media, self.documents)
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }


@pytest.fixture
def sites(template, tmp_path):
    """The running site, with content, and a fresh one: empty database, empty folders."""
    original = Site(template.copy(tmp_path), tmp_path / "original")
    restored = Site(empty_database(template, tmp_path), tmp_path / "restored")
    yield original, restored
    original.database.drop()
    restored.database.drop()


def test_restored_site_serves_every_public_page_byte_for_byte(sites, tmp_path):
    """Promise: one command pair — `backup_site FOLDER` on the running site,
    `restore_site FOLDER` on a fresh database with empty file folders — gives a
    site whose /api/pages/{id}/ answers the very same bytes for every public page,
    and whose image, rendition and document files are the same files."""
    original, restored = sites
    original.manage("shell", "-c", MAKE_CONTENT)
    original.manage("backup_site", str(tmp_path / "backup"))

    restored.manage("restore_site", str(tmp_path / "backup"))

    served = original.served_pages()
    assert len(served) >= 4  # home, section, two articles; not the draft
    assert all(status == 200 for status, _ in served.values())
    assert restored.served_pages() == served
    files = original.files()
    assert any(name.startswith("documents/") for name in files) or any(
        name.startswith("media/documents/") for name in files
    )
    assert any("original_images" in name for name in files)
    assert restored.files() == files
