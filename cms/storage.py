"""Where uploaded files live: public media under MEDIA_ROOT, documents apart from it.

Wagtail checks a document's collection privacy (login, password, groups) only in its
serve view, `/documents/<id>/<filename>`. Anything under MEDIA_ROOT may be handed out
at MEDIA_URL by whatever serves that folder (a reverse proxy, `runserver` in DEBUG)
without asking anyone. So documents are written under DOCUMENTS_ROOT, which no
URL maps to, and have no MEDIA_URL address: the serve view is their only way out.
Images and videos stay public media (Wagtail serves them directly, with no privacy).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join

# Wagtail's document FileField: upload_to="documents".
PRIVATE_PREFIXES = ("documents/",)


def is_private(name: str) -> bool:
    return str(name).replace("\\", "/").startswith(PRIVATE_PREFIXES)


class MediaStorage(FileSystemStorage):
    """FileSystemStorage that keeps documents under DOCUMENTS_ROOT, with no public URL."""

    def private_storage(self) -> FileSystemStorage:
        return FileSystemStorage(
            location=settings.DOCUMENTS_ROOT,
            file_permissions_mode=self.file_permissions_mode,
            directory_permissions_mode=self.directory_permissions_mode,
        )

    def path(self, name: str) -> str:
        if is_private(name):
            return safe_join(settings.DOCUMENTS_ROOT, name)
        return super().path(name)

    def _save(self, name: str, content) -> str:
        # FileSystemStorage names a saved file relative to MEDIA_ROOT; a document's name
        # is relative to DOCUMENTS_ROOT. Every other operation goes through path().
        if is_private(name):
            return self.private_storage()._save(name, content)
        return super()._save(name, content)

    def url(self, name: str | None) -> str:
        if name is not None and is_private(name):
            # Wagtail's serve view falls back on itself when a storage has no URL.
            raise NotImplementedError("documents are served only by Wagtail's serve view")
        return super().url(name)
