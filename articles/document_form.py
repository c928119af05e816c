"""The document upload form: the file must be what its extension claims."""

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# What a file's first bytes must say for the extension it claims. Office's
# DOCX/XLSX/PPTX are ZIP containers; DOC/XLS/PPT are OLE2 compound files.
EXPECTED_KINDS = {
    "pdf": {"application/pdf"},
    "docx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    },
    "xlsx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
    "pptx": {
        "application/zip",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    },
    "odt": {"application/zip", "application/vnd.oasis.opendocument.text"},
    "ods": {"application/zip", "application/vnd.oasis.opendocument.spreadsheet"},
    "zip": {"application/zip"},
    "doc": {"application/x-ole-storage", "application/msword"},
    "xls": {"application/x-ole-storage", "application/vnd.ms-excel"},
    "ppt": {"application/x-ole-storage", "application/vnd.ms-powerpoint"},
}
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_mime(head: bytes) -> str | None:
    if head.startswith(OLE2_SIGNATURE):
        return "application/x-ole-storage"
    kind = filetype.guess(head)
    return kind.mime if kind else None


class DocumentForm(BaseDocumentForm):
    """Refuses an upload whose content is not what its extension claims."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "read"):
            return uploaded
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        expected = EXPECTED_KINDS.get(extension)
        if expected is None:
            return uploaded
        position = uploaded.tell() if hasattr(uploaded, "tell") else 0
        head = uploaded.read(8192)
        uploaded.seek(position)
        if sniff_mime(head) not in expected:
            raise forms.ValidationError(
                _("This file is not a real .%(extension)s file.") % {"extension": extension}
            )
        return uploaded
