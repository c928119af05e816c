"""Uploads through the admin: what is refused (in Vietnamese, storing nothing), and what an
accepted image costs the request that uploads it.

Before: an 11000×11000 image (121 megapixels, under Wagtail's 128 MP default) was accepted,
and without a TASKS setting django-tasks ran `make_renditions` in the upload request, right
after its commit: 2.6 GB and 33 s of resizing while the editor waited. Wagtail's own upload
errors had no Vietnamese translation, so editors read them in English.
Now: WAGTAILIMAGES_MAX_IMAGE_PIXELS (40 MP) refuses such a file from its header, before any
decoding; tasks are queued in the database (django-tasks-db) and renditions are made by
`manage.py db_worker`, never in a request; every refusal is a Vietnamese form error.
"""

import io
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import PIL.Image
import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from articles.renditions import prepared_rendition_specs
from cms.settings.base import TASKS as DEPLOYED_TASKS  # tests run tasks immediately instead
from tests.admin_uploads import png, upload_document, upload_image_as_the_browser_does

Document = get_document_model()
Image = get_image_model()
Rendition = Image.get_rendition_model()

REPO = Path(__file__).resolve().parents[2]


# --- Files --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def decompression_bomb() -> bytes:
    """An 11000×11000 PNG of one colour: about 20 KB on disk, 121 megapixels decoded."""
    return png(11_000, 11_000, mode="1")


def photo(width: int = 3000, height: int = 2000) -> bytes:
    """A camera-sized JPEG with detail in it, so resizing it is real work."""
    image = PIL.Image.radial_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


# --- Admin views --------------------------------------------------------------------------


def open_upload_screen(client) -> None:
    """The editor has the screen open: the process has loaded the admin, so a time measured
    next is the upload's alone."""
    assert client.get(reverse("wagtailimages:add_multiple")).status_code == 200


def upload_error(response) -> str:
    result = response.json()
    assert not result["success"], result
    return result["error_message"]


def stored_files() -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def peak_memory_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def reset_peak_memory() -> None:
    """Linux: "5" resets the process's peak resident size (VmHWM) to its current size."""
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


# --- Refused uploads ----------------------------------------------------------------------


def test_an_image_over_the_pixel_cap_is_refused_fast_without_decoding_it(
    admin_client, decompression_bomb
):
    open_upload_screen(admin_client)
    files_before = stored_files()
    reset_peak_memory()
    memory_before = peak_memory_kib()
    started = time.monotonic()

    response = upload_image_as_the_browser_does(admin_client, "ban-do.png", decompression_bomb)

    elapsed = time.monotonic() - started
    assert upload_error(response) == (
        "Ảnh có quá nhiều điểm ảnh (121000000). Tối đa 40000000 điểm ảnh."
    )
    assert not Image.objects.exists()
    assert stored_files() == files_before
    assert elapsed < 1
    # Decoding alone would take 121 MB (one byte a pixel) and much more to resize.
    assert peak_memory_kib() - memory_before < 50 * 1024


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "ban-do.tiff",
            png(8, 8),
            "Không phải định dạng ảnh được hỗ trợ. Các định dạng được hỗ trợ: "
            "GIF, JPG, JPEG, PNG, WEBP, AVIF.",
        ),
        (
            "anh-hoi-nghi.jpg",
            b"%PDF-1.4 a document renamed as a photo",
            "Hãy tải lên một hình ảnh hợp lệ. Tập tin mà bạn đã tải không phải là hình ảnh "
            "hoặc đã bị hư hỏng.",
        ),
        (
            "anh-hoi-nghi.jpg",
            png(8, 8),
            "Không phải ảnh .jpeg hợp lệ. Phần mở rộng không khớp với định dạng thật của tệp (png)",
        ),
        (
            "logo.svg",
            SVG_WITH_SCRIPT,
            "Không phải định dạng ảnh được hỗ trợ. Các định dạng được hỗ trợ: "
            "GIF, JPG, JPEG, PNG, WEBP, AVIF.",
        ),
        (
            "logo.png",
            SVG_WITH_SCRIPT,
            "Không phải ảnh .png hợp lệ. Phần mở rộng không khớp với định dạng thật của tệp (svg)",
        ),
    ],
    ids=["wrong-extension", "not-an-image", "png-renamed-jpg", "svg", "svg-renamed-png"],
)
def test_an_upload_that_is_not_an_allowed_image_is_refused_in_vietnamese(
    admin_client, name, content, message
):
    files_before = stored_files()

    response = upload_image_as_the_browser_does(admin_client, name, content)

    assert upload_error(response) == message
    assert not Image.objects.exists()
    assert stored_files() == files_before


def test_an_image_over_the_upload_size_is_refused_in_vietnamese(admin_client):
    content = photo(800, 600)
    files_before = stored_files()

    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=len(content) - 1):
        response = upload_image_as_the_browser_does(admin_client, "anh-lon.jpg", content)

    assert upload_error(response).startswith("Tệp quá lớn (")
    assert not Image.objects.exists()
    assert stored_files() == files_before


def test_a_document_of_a_disallowed_type_is_refused_in_vietnamese(admin_client):
    response = upload_document(admin_client, "cai-dat.exe", b"MZ\x90\x00 an executable")

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Không cho phép tệp có phần mở rộng “exe”. Các phần mở rộng được phép: "
        "pdf, doc, docx, odt, xls, xlsx, ods, ppt, pptx, txt, zip."
    ]
    assert not Document.objects.exists()


# --- Renditions are the worker's job ------------------------------------------------------


def made_specs(image_id: int) -> set[str]:
    return set(Rendition.objects.filter(image_id=image_id).values_list("filter_spec", flat=True))


def run_worker_process(database_url: str) -> None:
    """The real `manage.py db_worker`, in its own process, until the queue is empty."""
    environment = os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tests.security.worker_settings",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    environment.pop("SEARCH_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "-v0"],
        cwd=REPO,
        env=environment,
        check=True,
        timeout=120,
    )


def run_worker_on_test_database(tmp_path: Path) -> None:
    """PostgreSQL: the worker connects to the test database itself. SQLite's test database
    lives in this process's memory, so the worker gets a copy in a file, and the copy,
    with what the worker did, is then loaded back (SQLite's backup API both ways)."""
    if connection.vendor != "sqlite":
        database = connection.settings_dict
        run_worker_process(
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        )
        return
    copy = tmp_path / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    run_worker_process(f"sqlite:///{copy}")
    with sqlite3.connect(copy) as source:
        source.backup(connection.connection)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DEPLOYED_TASKS)
def test_an_uploaded_image_is_resized_by_the_worker_never_in_the_request(admin_client, tmp_path):
    """Transactional, so the upload commits as on a real server and its on-commit hooks
    (which used to run the renditions) run inside the request. The worker also makes the
    admin's previews, so the editor's next screens (the image library, the image's edit
    screen) resize nothing either."""
    content = photo()
    open_upload_screen(admin_client)
    started = time.monotonic()

    response = upload_image_as_the_browser_does(admin_client, "hoi-nghi.jpg", content)

    elapsed = time.monotonic() - started
    assert response.json()["success"]
    image = Image.objects.get()
    assert made_specs(image.pk) == set()
    queued = DBTaskResult.objects.ready().filter(task_path="articles.renditions.make_renditions")
    assert [task.args_kwargs["args"] for task in queued] == [[[image.pk]]]
    assert elapsed < 1

    run_worker_on_test_database(tmp_path)

    assert made_specs(image.pk) == set(prepared_rendition_specs())
    for rendition in Rendition.objects.filter(image_id=image.pk):
        assert rendition.file.storage.exists(rendition.file.name)
    made = Rendition.objects.count()
    assert admin_client.get(reverse("wagtailimages:index")).status_code == 200
    assert admin_client.get(reverse("wagtailimages:edit", args=(image.pk,))).status_code == 200
    assert Rendition.objects.count() == made
