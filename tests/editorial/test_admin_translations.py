"""The admin's Vietnamese: compiled catalogues that match their sources, and the check
the browser test uses to find English on a screen."""

import importlib.util
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.editorial.english_text import foreign_words

LOCALE = Path(settings.BASE_DIR) / "locale"


def compile_messages():
    path = Path(settings.BASE_DIR) / "scripts" / "compile_messages.py"
    spec = importlib.util.spec_from_file_location("compile_messages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_catalogues_are_compiled_from_their_sources(domain):
    """`make messages` compiles them; a .po edited without it would change nothing."""
    vi = LOCALE / "vi"
    sources = compile_messages().merged(
        vi / "LC_MESSAGES" / f"{domain}.po", vi / "wagtail" / f"{domain}.po"
    )
    compiled = polib.mofile(str(vi / "LC_MESSAGES" / f"{domain}.mo"))
    as_compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in compiled}
    as_written = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in sources}
    assert as_compiled == as_written


def test_wagtails_own_strings_speak_vietnamese():
    with translation.override("vi"):
        assert translation.gettext("Save draft") == "Lưu nháp"
        assert translation.gettext("Submit to %(workflow_name)s") == "Gửi duyệt"
        assert translation.gettext("Locale") == "Ngôn ngữ"
        assert translation.gettext("Sites") == "Cổng thông tin"


def test_the_project_wins_over_wagtail_on_the_same_string():
    with translation.override("vi"):
        assert translation.gettext("Documents") == "Tài liệu"


@pytest.mark.parametrize(
    "text, english",
    [
        ("Lưu nháp", []),
        ("Nghị định về khuyến nông, người dân giữa quyết định", []),
        ("Save draft", ["Save", "draft"]),
        ("11 minutes ago", ["minutes", "ago"]),
        ("1-5 trên 5 None", ["None"]),
        ("Chỉ thị 05-CT/TU của UBND tỉnh", []),
        ("Tiêu đề: (A → Z)", []),
        ("Kế hoạch\tke-hoach_mSYwjgk.pdf\t0 phút trước", []),
    ],
)
def test_english_is_told_from_vietnamese(text, english):
    assert foreign_words(text) == english
