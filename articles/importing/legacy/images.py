"""Images a saved page refers to, found in the import folder and added to Wagtail's library.

A browser saves "Trang.html" with its pictures in "Trang_files/"; a site copy (wget, HTTrack)
keeps the server's paths, with or without the host name. Both are looked up, never fetched: the
import runs without network. An image is stored once, however many pages show it (Wagtail's
file hash), so re-importing a page reuses it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import PIL.Image
from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from articles.importing.values import shorten

# Pillow's format names and the file extensions Wagtail stores them under.
FORMAT_EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
FORMAT_EXTENSIONS["AVIF"] = "avif"
DATA_URI = re.compile(r"data:image/[\w.+-]+;base64,(?P<data>.*)", re.DOTALL)


class ImageProblem(Exception):
    """Why an image of a page was not imported; the page is imported without it."""


class LegacyImages:
    """Finds, checks and stores the images of the pages under `root`.

    `written` lists the files this run put into storage, so that a page rolled back (or a dry
    run) removes them again: the database transaction cannot take files back.
    """

    def __init__(self, root: Path):
        self.root = root.resolve()
        self.written: list[str] = []

    def image_for(self, src: str, page_path: Path, title: str):
        """The Wagtail image for `src` as `page_path` refers to it; raises ImageProblem."""
        name, data = self._load(src, page_path)
        image_format = check_image(data, name)
        digest = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file_hash
        Image = get_image_model()
        existing = Image.objects.filter(file_hash=digest).first()
        if existing is not None:
            return existing
        stem = PurePosixPath(name).stem or "anh"
        image = Image(
            title=shorten(title or stem, 255),
            file=ImageFile(io.BytesIO(data), name=f"{stem}.{FORMAT_EXTENSIONS[image_format]}"),
            file_size=len(data),
            file_hash=digest,
        )
        image.save()
        self.written.append(image.file.name)
        return image

    def discard(self, since: int = 0) -> None:
        """Delete the files written from position `since` on (their rows were rolled back)."""
        storage = get_image_model()._meta.get_field("file").storage
        for name in self.written[since:]:
            storage.delete(name)
        del self.written[since:]

    def _load(self, src: str, page_path: Path) -> tuple[str, bytes]:
        inline = DATA_URI.match(src)
        if inline:
            try:
                return "anh-nhung", base64.b64decode(inline["data"], validate=False)
            except (binascii.Error, ValueError):
                raise ImageProblem("an inline (data:) image that is not valid base64") from None
        path = self.locate(src, page_path)
        if path is None:
            raise ImageProblem(f"{_short(src)}: not found in the folder")
        try:
            return path.name, path.read_bytes()
        except OSError as error:
            raise ImageProblem(f"{_short(src)}: cannot be read ({error.strerror})") from None

    def locate(self, src: str, page_path: Path) -> Path | None:
        """Where a saved copy of `src` is: as written, under the folder, or in Trang_files/."""
        parts = urlsplit(src.strip().replace("\\", "/"))
        path = unquote(parts.path)
        relative = path.lstrip("/")
        candidates = []
        if parts.scheme in {"http", "https"}:
            candidates += [self.root / parts.netloc / relative, self.root / relative]
        elif parts.scheme in {"", "file"}:
            absolute = path.startswith("/")
            candidates.append(self.root / relative if absolute else page_path.parent / path)
        name = PurePosixPath(path).name
        if name:
            folder = page_path.parent
            candidates += [folder / f"{page_path.stem}_files" / name, folder / name]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved.is_file() and resolved.is_relative_to(self.root):
                return resolved
        return None


def check_image(data: bytes, name: str) -> str:
    """Pillow's format name for image bytes Wagtail accepts; raises ImageProblem otherwise."""
    limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
    if limit and len(data) > limit:
        raise ImageProblem(f"{name}: larger than {limit // (1024 * 1024)} MB")
    try:
        with PIL.Image.open(io.BytesIO(data)) as picture:
            image_format = picture.format or ""
            picture.load()  # a truncated file fails here, not at open()
    except (OSError, SyntaxError, ValueError, PIL.Image.DecompressionBombError) as error:
        raise ImageProblem(f"{name}: not a readable image ({error})") from None
    extension = FORMAT_EXTENSIONS.get(image_format)
    allowed = getattr(settings, "WAGTAILIMAGES_EXTENSIONS", None)
    if extension is None or (allowed and extension not in allowed):
        raise ImageProblem(f"{name}: {image_format or 'unknown'} images are not accepted")
    return image_format


def _short(src: str) -> str:
    return src if len(src) <= 100 else f"{src[:60]}…{src[-30:]}"
