"""manage.py import_legacy: pages saved from an old portal in, news articles out.

The seed page is read from ../shared/seed/ (GOVCMS_SEED_DIR), never copied into the repository;
the other pages are small fixtures in legacy_pages/, written like the portals' own markup. Each
test copies them into a temporary folder, with the pictures the pages refer to generated there.
"""

import datetime
import io
import json
import os
import shutil
from io import StringIO
from pathlib import Path

import PIL.Image
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from articles.importing.legacy.dates import UnreadableDate, find_vietnamese_date
from articles.importing.legacy.extract import read_article
from articles.importing.legacy.importer import LegacyImporter
from articles.importing.report import RowRejected
from articles.models import ArticlePage, Byline, DirectivePage, ImportRecord, SectionIndexPage
from tests.site_tree import add_published

SEED_DIR = Path(
    os.environ.get("GOVCMS_SEED_DIR", Path(__file__).resolve().parents[3] / "shared" / "seed")
)
SEED_FILE = "000_350fa40b5f8c2269.txt"
PAGES_DIR = Path(__file__).resolve().parent / "legacy_pages"
GOOD_PAGE = "tin-tap-huan-hoa-giai.html"
GOOD_URL = (
    "https://sotp.soctrang.gov.vn/tin-tuc-su-kien/tap-huan-nghiep-vu-hoa-giai-o-co-so-nam-2021"
)
Image = get_image_model()


def jpeg_bytes(colour: str = "#2f5d8a") -> bytes:
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (120, 80), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def make_folder(tmp_path: Path, *names: str, seed: bool = False) -> Path:
    """A folder of saved pages as an operator would bring it, with the good page's pictures."""
    folder = tmp_path / "portal"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(PAGES_DIR / name, folder / name)
    if seed:
        shutil.copy(SEED_DIR / SEED_FILE, folder / SEED_FILE)
    if GOOD_PAGE in names:
        pictures = folder / "tin-tap-huan-hoa-giai_files"
        pictures.mkdir(exist_ok=True)
        (pictures / "hoi-nghi-tap-huan.jpg").write_bytes(jpeg_bytes())
        # A server error page saved under the picture's name: an image that fails to load.
        broken = folder / "Uploads" / "2021" / "9"
        broken.mkdir(parents=True, exist_ok=True)
        (broken / "bao-cao-vien.jpg").write_bytes(b"<html><body>404 Not Found</body></html>")
        # trao-doi-kinh-nghiem.jpg is not saved at all.
    return folder


def run_import(folder: Path, *options: str) -> tuple[dict, int]:
    """Run the command; return its JSON report and exit status."""
    report_path = folder.parent / "report.json"
    args = [str(folder), "--no-progress", "--report", str(report_path), *options]
    try:
        call_command("import_legacy", *args, stdout=StringIO(), stderr=StringIO())
        status = 0
    except CommandError as error:
        status = error.returncode
    return json.loads(report_path.read_text(encoding="utf-8")), status


def page_result(report: dict, file: str) -> dict:
    return next(page for page in report["pages"] if page["file"] == file)


def imported(source_id: str) -> ArticlePage:
    return ArticlePage.objects.get(import_record__source_id=source_id)


def stored_image_files() -> set[str]:
    folder = Path(settings.MEDIA_ROOT) / "original_images"
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


@pytest.fixture
def directive_05(directive_register, directive_type) -> DirectivePage:
    return add_published(
        directive_register,
        DirectivePage(
            title="Chỉ thị số 05-CT/TU về tăng cường sự lãnh đạo của Đảng đối với công tác hòa "
            "giải ở cơ sở",
            slug="chi-thi-05-ct-tu",
            number="05-CT/TU",
            document_type=directive_type,
            issue_date=datetime.date(2021, 9, 23),
        ),
    )


# --- The seed page (page text) -----------------------------------------------------------


def test_seed_page_becomes_an_article_with_its_title_lead_caption_and_byline(
    tmp_path, news_section
):
    report, status = run_import(make_folder(tmp_path, seed=True))

    assert status == 0, report
    page = imported(SEED_FILE)
    assert page.title == (
        "Ban Thường vụ Tỉnh ủy ban hành Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với "
        "công tác hòa giải ở cơ sở"
    )
    assert page.lead == (
        "Ngày 23/9/2021, Ban Thường vụ Tỉnh ủy Sóc Trăng đã ban hành Chỉ thị số 05-CT/TU về "
        "tăng cường sự lãnh đạo của Đảng đối với công tác hòa giải ở cơ sở."
    )
    assert page.hero_caption == (
        "Hội nghị trực tuyến tập huấn nghiệp vụ cho lực lượng hòa giải viên ở cơ sở năm 2021"
    )
    assert page.byline == Byline.objects.get(name="Phòng PBGDPL")
    assert page.live and page.get_parent().pk == news_section.pk


def test_seed_page_date_is_read_from_its_lead(tmp_path, news_section):
    run_import(make_folder(tmp_path, seed=True))

    assert imported(SEED_FILE).display_date == datetime.date(2021, 9, 23)


def test_seed_body_is_its_three_paragraphs_without_the_portals_boilerplate(tmp_path, news_section):
    run_import(make_folder(tmp_path, seed=True))

    body = imported(SEED_FILE).body
    assert [block.block_type for block in body] == ["paragraph"] * 3
    assert body[0].value.source.startswith("<p>Trong những năm qua, các cấp ủy")
    assert body[2].value.source.endswith("phát triển chung của tỉnh.</p>")
    text = " ".join(block.value.source for block in body)
    for boilerplate in ("Thư viện ảnh", "Thông báo mới", "TRUY CẬP", "2471804", "Tài liệu"):
        assert boilerplate not in text


def test_seed_directive_number_links_to_the_directive_in_the_register(
    tmp_path, news_section, directive_05
):
    report, _ = run_import(make_folder(tmp_path, seed=True))

    citations = [b for b in imported(SEED_FILE).body if b.block_type == "citation"]
    assert [citation.value["directive"].pk for citation in citations] == [directive_05.pk]
    assert not any("05-CT/TU" in w for w in page_result(report, SEED_FILE)["warnings"])


def test_seed_directive_number_not_in_the_register_is_reported_not_linked(tmp_path, news_section):
    report, status = run_import(make_folder(tmp_path, seed=True))

    assert status == 0
    assert not [b for b in imported(SEED_FILE).body if b.block_type == "citation"]
    warnings = page_result(report, SEED_FILE)["warnings"]
    assert "cites 05-CT/TU, which is not in the document register" in warnings


def test_seed_caption_without_its_picture_is_reported(tmp_path, news_section):
    report, _ = run_import(make_folder(tmp_path, seed=True))

    assert imported(SEED_FILE).hero_image is None
    [warning] = [w for w in page_result(report, SEED_FILE)["warnings"] if "main image" in w]
    assert "only its caption" in warning


def test_a_page_without_canonical_url_is_known_by_its_path_in_the_folder(tmp_path, news_section):
    folder = make_folder(tmp_path, seed=True)

    report, _ = run_import(folder)

    assert page_result(report, SEED_FILE)["source_id"] == SEED_FILE
    assert ImportRecord.objects.filter(source_id=SEED_FILE).exists()


# --- A saved HTML page ----------------------------------------------------------------------


def test_html_page_is_imported_with_title_lead_date_byline_and_canonical_url(
    tmp_path, news_section
):
    report, _ = run_import(make_folder(tmp_path, GOOD_PAGE))

    page = imported(GOOD_URL)
    assert page.title == "Sở Tư pháp tập huấn nghiệp vụ hòa giải ở cơ sở năm 2021"
    assert page.lead.startswith("Ngày 22/9/2021, Sở Tư pháp tỉnh Sóc Trăng tổ chức Hội nghị")
    assert page.display_date == datetime.date(2021, 9, 23)
    assert page.byline.name == "Phòng PBGDPL"
    assert page_result(report, GOOD_PAGE)["page_id"] == page.pk


def test_main_image_is_imported_into_wagtail_with_its_caption(tmp_path, news_section):
    run_import(make_folder(tmp_path, GOOD_PAGE))

    page = imported(GOOD_URL)
    assert page.hero_caption == "Quang cảnh hội nghị tập huấn tại điểm cầu Sở Tư pháp"
    assert page.hero_image.title == page.hero_caption
    assert (page.hero_image.width, page.hero_image.height) == (120, 80)


def test_html_boilerplate_is_left_out(tmp_path, news_section):
    run_import(make_folder(tmp_path, GOOD_PAGE))

    text = " ".join(str(block.value) for block in imported(GOOD_URL).body)
    for boilerplate in ("Trang chủ", "Thư viện ảnh", "Liên kết website", "In bài viết"):
        assert boilerplate not in text
    for boilerplate in ("Các tin khác", "Số lượt truy cập", "2471804", "Bản quyền"):
        assert boilerplate not in text


def test_links_out_of_the_old_portal_are_kept_and_links_into_it_dropped(tmp_path, news_section):
    run_import(make_folder(tmp_path, GOOD_PAGE))

    last = [b for b in imported(GOOD_URL).body if b.block_type == "paragraph"][-1]
    assert '<a href="https://pbgdpl.moj.gov.vn">' in last.value.source
    assert "/pho-bien-giao-duc-phap-luat" not in last.value.source
    assert "trang Phổ biến, giáo dục pháp luật của Sở" in last.value.source


def test_missing_image_is_reported_and_the_page_imported_with_its_caption(tmp_path, news_section):
    report, _ = run_import(make_folder(tmp_path, GOOD_PAGE))

    result = page_result(report, GOOD_PAGE)
    assert result["outcome"] == "created"
    assert any(
        "trao-doi-kinh-nghiem.jpg: not found in the folder" in warning
        for warning in result["warnings"]
    )
    sources = [b.value.source for b in imported(GOOD_URL).body if b.block_type == "paragraph"]
    assert "<p><i>Các hòa giải viên trao đổi kinh nghiệm sau hội nghị</i></p>" in sources


def test_image_that_fails_to_load_is_reported_and_not_stored(tmp_path, news_section):
    report, _ = run_import(make_folder(tmp_path, GOOD_PAGE))

    warnings = page_result(report, GOOD_PAGE)["warnings"]
    assert any("bao-cao-vien.jpg: not a readable image" in warning for warning in warnings)
    assert Image.objects.count() == 1  # the main image only
    assert not [b for b in imported(GOOD_URL).body if b.block_type == "image"]


def test_directive_number_in_a_page_links_to_its_directive(tmp_path, news_section, directive_05):
    report, _ = run_import(make_folder(tmp_path, GOOD_PAGE))

    citations = [b for b in imported(GOOD_URL).body if b.block_type == "citation"]
    assert [citation.value["directive"].pk for citation in citations] == [directive_05.pk]
    # Cited documents the register lacks are named: a state decree and the Sở's own plan.
    warnings = page_result(report, GOOD_PAGE)["warnings"]
    assert "cites 15/2014/NĐ-CP, which is not in the document register" in warnings
    assert "cites 112/KH-STP, which is not in the document register" in warnings


# --- Bad input --------------------------------------------------------------------------------


def test_page_with_broken_markup_is_imported(tmp_path, news_section):
    report, status = run_import(make_folder(tmp_path, "tin-markup-loi.html"))

    assert status == 0, report
    page = imported("tin-markup-loi.html")
    assert page.title == "Tổng kết công tác hòa giải ở cơ sở năm 2019"
    assert page.lead.startswith("Sáng ngày 13/3/2020, Sở Tư pháp tổ chức hội nghị tổng kết")
    assert page.display_date == datetime.date(2020, 3, 15)
    assert (page.byline.name, page.source) == ("Minh Thư", "Báo Sóc Trăng")
    paragraphs = [block.value.source for block in page.body]
    assert len(paragraphs) == 3
    assert "<b>5.432 hòa giải viên</b>" in paragraphs[0]
    assert "Trang chủ" not in " ".join(paragraphs)


def test_truncated_file_is_rejected_with_its_name_and_nothing_written(tmp_path, news_section):
    pages = Page.objects.count()

    report, status = run_import(make_folder(tmp_path, "tin-bi-cat.html"))

    assert status == 1
    result = page_result(report, "tin-bi-cat.html")
    assert (result["outcome"], result["field"]) == ("rejected", "file")
    assert result["reason"].startswith("file: truncated")
    assert Page.objects.count() == pages


def test_page_that_is_not_a_news_article_is_rejected(tmp_path, news_section):
    report, status = run_import(make_folder(tmp_path, "danh-sach-tin.html"))

    assert status == 1
    reason = page_result(report, "danh-sach-tin.html")["reason"]
    assert reason.startswith("not a news page: it lists 4 articles")
    assert not ArticlePage.objects.exists()


def test_unreadable_date_is_rejected_with_the_date_quoted(tmp_path, news_section):
    report, _ = run_import(make_folder(tmp_path, "tin-ngay-sai.html"))

    result = page_result(report, "tin-ngay-sai.html")
    assert result["field"] == "date"
    assert "31/02/2021 is not a real day" in result["reason"]
    assert not ArticlePage.objects.exists()


def test_bad_pages_are_reported_and_the_rest_imported(tmp_path, news_section):
    names = [GOOD_PAGE, "tin-markup-loi.html", "tin-bi-cat.html", "danh-sach-tin.html"]
    folder = make_folder(tmp_path, *names, "tin-ngay-sai.html", seed=True)

    report, status = run_import(folder)

    assert status == 1
    assert report["counts"] == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 3}
    assert ArticlePage.objects.count() == 3
    rejected = {page["file"] for page in report["pages"] if page["outcome"] == "rejected"}
    assert rejected == {"tin-bi-cat.html", "danh-sach-tin.html", "tin-ngay-sai.html"}


def test_a_page_failing_after_its_images_were_stored_leaves_nothing_behind(
    tmp_path, news_section, directive_register
):
    """The directive register cannot hold articles: the page fails after its images."""
    folder = make_folder(tmp_path, GOOD_PAGE)
    files_before = stored_image_files()

    result = LegacyImporter(folder, directive_register.pk).import_file(folder / GOOD_PAGE)

    assert result.outcome == "rejected" and result.field == "parent"
    assert not Image.objects.exists()
    assert stored_image_files() == files_before
    assert not ImportRecord.objects.exists()


# --- Legacy encodings -----------------------------------------------------------------------


def test_tcvn3_page_is_converted_to_unicode(tmp_path, news_section):
    report, status = run_import(make_folder(tmp_path, "tin-tcvn3.html"))

    assert status == 0, report
    page = imported("tin-tcvn3.html")
    assert page.title == "Sở Tư pháp tổng kết công tác hoà giải ở cơ sở năm 2005"
    assert page.byline.name == "Phòng Phổ biến, giáo dục pháp luật"
    assert page.display_date == datetime.date(2006, 1, 20)
    text = " ".join(block.value.source for block in page.body)
    assert "Uỷ ban nhân dân các huyện, thị xã đã quan tâm củng cố" in text
    assert (
        "text converted to Unicode from TCVN3 (ABC)"
        in page_result(report, "tin-tcvn3.html")["warnings"]
    )


def test_text_in_a_capitals_only_tcvn3_font_is_upper_cased(tmp_path, news_section):
    run_import(make_folder(tmp_path, "tin-tcvn3.html"))

    sources = [block.value.source for block in imported("tin-tcvn3.html").body]
    assert "<p><b>NHIỆM VỤ NĂM 2006</b></p>" in sources


def test_vni_page_is_converted_to_unicode(tmp_path, news_section):
    report, status = run_import(make_folder(tmp_path, "tin-vni.html"))

    assert status == 0, report
    page = ArticlePage.objects.get()
    assert page.title == "Tuyên truyền pháp luật cho đồng bào dân tộc Khmer"
    assert page.byline.name == "Thanh Tâm"
    assert page.body[0].value.source.startswith(
        "<p>Thực hiện Kế hoạch của Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh"
    )
    assert "Tài liệu được biên soạn song ngữ Việt - Khmer" in page.body[1].value.source


def test_text_no_encoding_explains_is_rejected_not_imported_as_mojibake(tmp_path, news_section):
    folder = make_folder(tmp_path, "tin-vni.html")
    page = (folder / "tin-vni.html").read_text(encoding="utf-8")
    # A paragraph pasted from a TCVN3 document into the VNI one, in the same block.
    page = page.replace("Thöïc hieän", "B¶o Th¾ng tæ chøc héi nghÞ Thöïc hieän", 1)
    (folder / "tin-vni.html").write_text(page, encoding="utf-8")

    report, status = run_import(folder)

    assert status == 1
    assert page_result(report, "tin-vni.html")["reason"].startswith(
        "text: cannot tell how this text is encoded"
    )
    assert not ArticlePage.objects.exists()


def test_windows_1258_file_is_imported_as_unicode(tmp_path, news_section):
    from tests.articles.test_legacy_encodings import to_windows_1258

    folder = make_folder(tmp_path)
    markup = (PAGES_DIR / "tin-markup-loi.html").read_text(encoding="utf-8")
    markup = markup.replace("charset=utf-8", "charset=windows-1258")
    (folder / "tin-1258.html").write_bytes(to_windows_1258(markup))

    run_import(folder)

    page = imported("tin-1258.html")
    assert page.title == "Tổng kết công tác hòa giải ở cơ sở năm 2019"
    assert page.byline.name == "Minh Thư"


# --- Guarantees of import_content -----------------------------------------------------------


def test_second_run_changes_nothing(tmp_path, news_section, directive_05):
    folder = make_folder(tmp_path, GOOD_PAGE, "tin-markup-loi.html", "tin-tcvn3.html", seed=True)
    run_import(folder)
    counts = (Page.objects.count(), Revision.objects.count(), Image.objects.count())
    files = stored_image_files()

    report, status = run_import(folder)

    assert status == 0
    assert report["counts"] == {"created": 0, "updated": 0, "unchanged": 4, "rejected": 0}
    assert (Page.objects.count(), Revision.objects.count(), Image.objects.count()) == counts
    assert stored_image_files() == files


def test_an_edited_page_updates_its_article(tmp_path, news_section):
    folder = make_folder(tmp_path, GOOD_PAGE)
    run_import(folder)
    page = imported(GOOD_URL)
    saved = folder / GOOD_PAGE
    saved.write_text(
        saved.read_text(encoding="utf-8").replace("năm 2021</h1>", "năm 2021 (cập nhật)</h1>"),
        encoding="utf-8",
    )

    report, _ = run_import(folder)

    assert report["counts"]["updated"] == 1
    updated = imported(GOOD_URL)
    assert (updated.pk, updated.title) == (page.pk, f"{page.title} (cập nhật)")
    assert updated.slug == page.slug


def test_dry_run_writes_nothing_and_reports_what_a_real_run_would(tmp_path, news_section):
    folder = make_folder(tmp_path, GOOD_PAGE, "tin-bi-cat.html", "tin-tcvn3.html", seed=True)
    counts = (Page.objects.count(), Revision.objects.count(), Byline.objects.count())
    files = stored_image_files()

    dry, dry_status = run_import(folder, "--dry-run")

    assert dry["dry_run"] is True
    assert (Page.objects.count(), Revision.objects.count(), Byline.objects.count()) == counts
    assert not Image.objects.exists() and not ImportRecord.objects.exists()
    assert stored_image_files() == files
    real, real_status = run_import(folder)
    assert (
        dry["counts"]
        == real["counts"]
        == {
            "created": 3,
            "updated": 0,
            "unchanged": 0,
            "rejected": 1,
        }
    )
    assert dry_status == real_status == 1


# --- Parent -------------------------------------------------------------------------------


def test_parent_defaults_to_the_sites_first_news_section(tmp_path, news_section, home_page):
    add_published(home_page, SectionIndexPage(title="Phổ biến, giáo dục pháp luật", slug="pbgd"))

    run_import(make_folder(tmp_path, seed=True))

    assert imported(SEED_FILE).get_parent().pk == news_section.pk


def test_parent_option_names_the_section(tmp_path, news_section, home_page):
    other = add_published(home_page, SectionIndexPage(title="Phổ biến", slug="pho-bien"))

    run_import(make_folder(tmp_path, seed=True), "--parent", "/pho-bien/")

    assert imported(SEED_FILE).get_parent().pk == other.pk


@pytest.mark.parametrize("parent", ["/khong-co/", "/van-ban/"])
def test_a_parent_that_cannot_hold_articles_stops_the_command(
    tmp_path, news_section, directive_register, parent
):
    with pytest.raises(CommandError) as error:
        call_command(
            "import_legacy",
            str(make_folder(tmp_path, seed=True)),
            "--parent",
            parent,
            "--no-progress",
        )

    assert error.value.returncode == 2


def test_missing_folder_stops_the_command(tmp_path, news_section):
    with pytest.raises(CommandError) as error:
        call_command("import_legacy", str(tmp_path / "khong-co"), "--no-progress")

    assert error.value.returncode == 2


# --- Reading pages without the database ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23/9/2021", datetime.date(2021, 9, 23)),
        ("Ngày\u00a023/9/2021, Ban Thường vụ", datetime.date(2021, 9, 23)),
        ("Thứ năm, 23/09/2021 08:15", datetime.date(2021, 9, 23)),
        ("Cập nhật: 23-09-2021", datetime.date(2021, 9, 23)),
        ("ngày 23 tháng 9 năm 2021", datetime.date(2021, 9, 23)),
        ("Nghị định 42/2022/NĐ-CP ngày 24/6/2022", datetime.date(2022, 6, 24)),
        ("Chỉ thị số 05-CT/TU", None),
    ],
)
def test_vietnamese_dates_are_read_day_first(text, expected):
    assert find_vietnamese_date(text) == expected


@pytest.mark.parametrize("text", ["Thứ hai, 31/02/2021", "Ngày 23/13/2021"])
def test_impossible_dates_are_unreadable(text):
    with pytest.raises(UnreadableDate):
        find_vietnamese_date(text)


def test_page_text_with_a_date_line_takes_its_date(tmp_path):
    page = tmp_path / "tin.txt"
    page.write_text(
        "Trang chủ » Tin tức - Sự kiện\n"
        "Thứ năm, 23/09/2021 08:15\n"
        "Tập huấn kỹ năng hòa giải cho hòa giải viên năm 2021\n"
        "Sở Tư pháp vừa tổ chức lớp tập huấn kỹ năng hòa giải cho hòa giải viên ở cơ sở.\n\n"
        "Lớp tập huấn thu hút hơn 200 hòa giải viên của các ấp, khóm tham dự; các học viên được "
        "hướng dẫn kỹ năng tiếp cận vụ việc và kỹ năng thuyết phục các bên tranh chấp.\n\n"
        "Phòng PBGDPL\n",
        encoding="utf-8",
    )

    article = read_article(page)

    assert (article.title, article.date) == (
        "Tập huấn kỹ năng hòa giải cho hòa giải viên năm 2021",
        datetime.date(2021, 9, 23),
    )
    assert article.byline == "Phòng PBGDPL"
    assert [block.kind for block in article.blocks] == ["paragraph"]


def test_html5_article_keeps_its_headings_lists_quotes_and_figure(tmp_path):
    page = tmp_path / "luat.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        "<title>Giới thiệu Luật Hòa giải ở cơ sở | Sở Tư pháp</title></head><body>"
        '<header class="site-header"><h1 class="logo">Sở Tư pháp tỉnh Sóc Trăng</h1></header>'
        "<main><article><header><h1>Giới thiệu Luật Hòa giải ở cơ sở</h1>"
        '<time datetime="2019-05-06T08:00:00+07:00">06/05/2019</time></header>'
        '<figure><img src="luat.png"><figcaption>Bìa cuốn Luật Hòa giải ở cơ sở</figcaption>'
        "</figure><p>Luật gồm 5 chương, 33 điều, quy định về nguyên tắc, chính sách của Nhà "
        "nước về hòa giải ở cơ sở, về hòa giải viên và tổ hòa giải.</p>"
        "<h2>Phạm vi điều chỉnh</h2><ul><li>Mâu thuẫn giữa các bên;</li>"
        "<li>Tranh chấp phát sinh từ quan hệ dân sự.</li></ul>"
        "<blockquote>Hòa giải là một nét đẹp truyền thống.</blockquote>"
        "</article></main></body></html>",
        encoding="utf-8",
    )

    article = read_article(page)

    assert (article.title, article.date) == (
        "Giới thiệu Luật Hòa giải ở cơ sở",
        datetime.date(2019, 5, 6),
    )
    assert (article.hero.src, article.hero.caption) == (
        "luat.png",
        "Bìa cuốn Luật Hòa giải ở cơ sở",
    )
    assert [block.kind for block in article.blocks] == ["paragraph", "heading", "list", "quote"]
    assert article.blocks[2].html == (
        "<ul><li>Mâu thuẫn giữa các bên;</li><li>Tranh chấp phát sinh từ quan hệ dân sự.</li></ul>"
    )


def test_a_date_line_opening_the_body_is_the_date_not_a_paragraph(tmp_path):
    page = tmp_path / "tin-ngan.html"
    page.write_text(
        "<html><body><h1>Sơ kết công tác hòa giải 6 tháng đầu năm 2020</h1><p>Ngày 5/5/2020</p>"
        "<p>Sáng nay, Sở Tư pháp tổ chức hội nghị sơ kết công tác hòa giải 6 tháng đầu năm với "
        "đại diện các phòng Tư pháp huyện, thị xã, thành phố.</p></body></html>",
        encoding="utf-8",
    )

    article = read_article(page)

    assert article.date == datetime.date(2020, 5, 5)
    assert [block.text[:8] for block in article.blocks] == ["Sáng nay"]


def test_empty_file_is_rejected(tmp_path):
    (tmp_path / "rong.html").write_bytes(b"  \n")

    with pytest.raises(RowRejected, match="file: empty"):
        read_article(tmp_path / "rong.html")
