"""Files as an editor uploads them in Wagtail's admin, and images made to be uploaded."""

import io

import PIL.Image
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection


def png(width: int = 4, height: int = 4, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    PIL.Image.new(mode, (width, height), 0).save(buffer, "PNG")
    return buffer.getvalue()


def upload_document(client, name: str, content: bytes):
    """The "Add a document" form."""
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Kế hoạch",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_image(client, name: str, content: bytes):
    """The single-image "Add an image" form: refusals come back as form errors."""
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh hội nghị",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_image_as_the_browser_does(client, name: str, content: bytes):
    """The admin's "Add an image" screen (Wagtail's multiple uploader), as the browser posts:
    the answer is JSON."""
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
