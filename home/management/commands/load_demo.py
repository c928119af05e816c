"""Build the demo portal "Sở Tư pháp tỉnh Sóc Trăng (demo)"; safe to run again.

Every object is looked up by a natural key (slug, name, title) before it is
created, so a second run changes nothing and duplicates nothing. English and
Khmer versions of a few pages are made the way an editor makes them, through
wagtail-localize, so that they are linked to the Vietnamese pages as
translations (and a later change to those shows them out of date).
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from articles.models import (
    ArticlePage,
    Byline,
    Category,
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DocumentLibraryEntry,
    DocumentLibraryPage,
    DocumentType,
    GalleryIndexPage,
    GalleryPage,
    GalleryPhoto,
    GalleryVideo,
    IssuingBody,
    LegalField,
    SectionIndexPage,
    StandardPage,
)
from home import demo_content as text
from home.models import HomePage, Menu, SiteSettings, SiteSettingsTranslation

SITE_NAME = "Sở Tư pháp tỉnh Sóc Trăng (demo)"


def placeholder_image(title: str, colour: str) -> "get_image_model()":
    """A generated picture standing in for a press photo (no network, no binaries in git)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((40, 40, 1160, 760), outline="white", width=6)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=80)
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"demo-{colour.strip('#')}.jpg")
    image.save()
    return image


def placeholder_pdf(title: str) -> "get_document_model()":
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    # The smallest well-formed PDF: one empty page.
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    document = Document(title=title)
    document.file = SimpleUploadedFile("tai-lieu-demo.pdf", body, content_type="application/pdf")
    document.save()
    return document


def ensure_page(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """The child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    children = fields.pop("children", {})
    page = model(slug=slug, **fields)
    for relation, items in children.items():
        getattr(page, relation).set(items)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page: Page, language: str, strings: dict[str, str]) -> Page:
    """The page's translation into `language`, made with wagtail-localize if missing:
    submitted for translation, its strings filled as a translator's PO file would,
    and published. Strings without a translation keep the Vietnamese text."""
    locale = Locale.objects.get(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translate_object(page, [locale])
    translation = Translation.objects.get(
        source__object_id=page.translation_key, source__locale=page.locale, target_locale=locale
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, "")
    translation.import_po(po)
    # wagtail-localize publishes when the transaction commits (this command's).
    translation.save_target(publish=True)
    return page.get_translation(locale)


class Command(BaseCommand):
    help = "Create or complete the demo site (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        locale = Locale.get_default()
        home = self.ensure_home(locale)
        self.ensure_settings(home)
        references = self.ensure_reference_lists(locale)
        sections = self.ensure_sections(home)
        directive = self.ensure_directive(sections["directives"], references)
        article = self.ensure_seed_article(sections["pbgdpl"], references, directive)
        self.ensure_announcement(sections["news"], references)
        self.ensure_galleries(sections["photos"], sections["videos"])
        self.ensure_document_library(home)
        self.ensure_menu(locale, sections)
        # Parents before children: a translation goes under its parent's translation.
        for page in (home, sections["contact"], sections["pbgdpl"], article):
            for language, strings in text.TRANSLATIONS.items():
                ensure_translation(page, language, strings)
        self.ensure_settings_translations(home)
        self.stdout.write(self.style.SUCCESS(f"Demo site ready: {SITE_NAME}"))

    def ensure_home(self, locale: Locale) -> HomePage:
        home = HomePage.objects.filter(locale=locale).first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(title=SITE_NAME, slug="trang-chu", locale=locale)
            root.add_child(instance=home)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        if site.root_page_id != home.pk or site.site_name != SITE_NAME:
            site.root_page = home
            site.site_name = SITE_NAME
            site.save()
        # Wagtail's "Welcome" placeholder page has no place in the demo.
        Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
        return home

    def ensure_settings(self, home: HomePage) -> None:
        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        if settings.organisation_name:
            return
        settings.organisation_name = "Sở Tư pháp tỉnh Sóc Trăng (demo)"
        settings.governing_body = "Ủy ban nhân dân tỉnh Sóc Trăng"
        settings.address = "Địa chỉ minh họa, Phường 2, thành phố Sóc Trăng, tỉnh Sóc Trăng"
        settings.phone = "0299 000 0000"
        settings.email = "demo@example.gov.vn"
        settings.head_of_editorial_board = "Trưởng Ban biên tập (demo)"
        settings.licence_note = "Trang thông tin minh họa, không phải cổng thông tin chính thức."
        settings.logo = placeholder_image("Logo Sở Tư pháp (demo)", "#b22222")
        settings.save()

    def ensure_reference_lists(self, locale: Locale) -> dict:
        byline, _ = Byline.objects.get_or_create(
            name=text.SEED_ARTICLE_BYLINE,
            locale=locale,
            defaults={"kind": Byline.Kind.UNIT, "full_name": "Phòng Phổ biến, giáo dục pháp luật"},
        )
        party_body, _ = IssuingBody.objects.get_or_create(
            name="Ban Thường vụ Tỉnh ủy Sóc Trăng", locale=locale, defaults={"code": "TU"}
        )
        IssuingBody.objects.get_or_create(
            name="Ủy ban nhân dân tỉnh Sóc Trăng", locale=locale, defaults={"code": "UBND"}
        )
        category, _ = Category.objects.get_or_create(
            slug="hoa-giai-o-co-so", locale=locale, defaults={"name": "Hòa giải ở cơ sở"}
        )
        justice, _ = LegalField.objects.get_or_create(name="Tư pháp", parent=None, locale=locale)
        mediation, _ = LegalField.objects.get_or_create(
            name="Hòa giải ở cơ sở", parent=justice, locale=locale
        )
        directive_type = DocumentType.objects.filter(code="CT", locale=locale).first()
        if directive_type is None:
            directive_type = DocumentType.objects.create(name="Chỉ thị", code="CT", locale=locale)
        return {
            "byline": byline,
            "party_body": party_body,
            "category": category,
            "field": mediation,
            "directive_type": directive_type,
        }

    def ensure_sections(self, home: HomePage) -> dict:
        return {
            "news": ensure_page(
                home, SectionIndexPage, "tin-tuc-su-kien", title="Tin tức – Sự kiện"
            ),
            "pbgdpl": ensure_page(
                home,
                SectionIndexPage,
                "pho-bien-giao-duc-phap-luat",
                title="Phổ biến, giáo dục pháp luật",
            ),
            "directives": ensure_page(
                home,
                DirectiveIndexPage,
                "van-ban-chi-dao-dieu-hanh",
                title="Văn bản chỉ đạo, điều hành",
            ),
            "photos": ensure_page(home, GalleryIndexPage, "thu-vien-anh", title="Thư viện ảnh"),
            "videos": ensure_page(home, GalleryIndexPage, "thu-vien-video", title="Thư viện video"),
            "contact": ensure_page(
                home,
                StandardPage,
                "lien-he",
                title="Liên hệ",
                body=[
                    ("heading", {"text": "Sở Tư pháp tỉnh Sóc Trăng (demo)", "level": "h2"}),
                    (
                        "paragraph",
                        "<p>Địa chỉ, điện thoại và thư điện tử: xem phần chân trang.</p>",
                    ),
                ],
            ),
        }

    def ensure_directive(self, register: DirectiveIndexPage, refs: dict) -> DirectivePage:
        existing = register.get_children().filter(slug="chi-thi-05-ct-tu").first()
        if existing:
            return existing.specific
        issued = datetime.date(2021, 9, 23)
        directive = ensure_page(
            register,
            DirectivePage,
            "chi-thi-05-ct-tu",
            title="Chỉ thị số 05-CT/TU về tăng cường sự lãnh đạo của Đảng đối với công tác "
            "hòa giải ở cơ sở",
            number="05-CT/TU",
            document_type=refs["directive_type"],
            issuing_body=refs["party_body"],
            signer_title="T/M Ban Thường vụ Tỉnh ủy",
            issue_date=issued,
            effective_date=issued,
            abstract="Về tăng cường sự lãnh đạo của Đảng đối với công tác hòa giải ở cơ sở.",
            body=[("paragraph", f"<p>{text.SEED_ARTICLE_PARAGRAPHS[0]}</p>")],
            children={"legal_fields": [refs["field"]]},
        )
        DirectiveAttachment.objects.create(
            page=directive,
            document=placeholder_pdf("Chỉ thị 05-CT/TU (tệp minh họa)"),
            title="Toàn văn Chỉ thị 05-CT/TU",
        )
        directive.save_revision().publish()
        return directive

    def ensure_seed_article(self, section: SectionIndexPage, refs: dict, directive) -> ArticlePage:
        photo = placeholder_image(text.SEED_IMAGE_CAPTION, "#2f5d8a")
        body = [("paragraph", f"<p>{paragraph}</p>") for paragraph in text.SEED_ARTICLE_PARAGRAPHS]
        body.append(("citation", {"directive": directive, "provision": "", "note": ""}))
        return ensure_page(
            section,
            ArticlePage,
            "ban-thuong-vu-tinh-uy-ban-hanh-chi-thi-ve-hoa-giai-o-co-so",
            title=text.SEED_ARTICLE_TITLE,
            lead=text.SEED_ARTICLE_LEAD,
            hero_image=photo,
            hero_caption=text.SEED_IMAGE_CAPTION,
            body=body,
            byline=refs["byline"],
            display_date=datetime.date(2021, 9, 23),
            is_featured=True,
            children={"categories": [refs["category"]]},
        )

    def ensure_announcement(self, section: SectionIndexPage, refs: dict) -> None:
        ensure_page(
            section,
            ArticlePage,
            "thong-bao-lich-tiep-cong-dan",
            title="Thông báo lịch tiếp công dân định kỳ (demo)",
            lead="Sở Tư pháp thông báo lịch tiếp công dân định kỳ hằng tháng (nội dung minh họa).",
            body=[("paragraph", "<p>Nội dung thông báo minh họa cho trang demo.</p>")],
            byline=refs["byline"],
            is_announcement=True,
        )

    def ensure_galleries(self, photos: GalleryIndexPage, videos: GalleryIndexPage) -> None:
        if not photos.get_children().filter(slug="hoi-nghi-tap-huan-hoa-giai-vien-2021").exists():
            cover = placeholder_image(text.SEED_IMAGE_CAPTION, "#2f5d8a")
            gallery = ensure_page(
                photos,
                GalleryPage,
                "hoi-nghi-tap-huan-hoa-giai-vien-2021",
                title="Hội nghị tập huấn hòa giải viên ở cơ sở năm 2021",
                media_type=GalleryPage.MediaType.PHOTO,
                cover_image=cover,
                display_date=datetime.date(2021, 9, 23),
            )
            GalleryPhoto.objects.create(
                page=gallery, image=cover, caption=text.SEED_IMAGE_CAPTION, sort_order=0
            )
            GalleryPhoto.objects.create(
                page=gallery,
                image=placeholder_image("Toàn cảnh hội nghị (ảnh minh họa)", "#3c7a4a"),
                caption="Toàn cảnh hội nghị (ảnh minh họa)",
                sort_order=1,
            )
            gallery.save_revision().publish()
        if not videos.get_children().filter(slug="pho-bien-phap-luat-ve-hoa-giai").exists():
            gallery = ensure_page(
                videos,
                GalleryPage,
                "pho-bien-phap-luat-ve-hoa-giai",
                title="Phổ biến pháp luật về hòa giải ở cơ sở (video)",
                media_type=GalleryPage.MediaType.VIDEO,
            )
            GalleryVideo.objects.create(
                page=gallery,
                url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                title="Video minh họa",
                sort_order=0,
            )
            gallery.save_revision().publish()

    def ensure_document_library(self, home: HomePage) -> None:
        if home.get_children().filter(slug="tai-lieu-boi-thuong-nha-nuoc").exists():
            return
        library = ensure_page(
            home,
            DocumentLibraryPage,
            "tai-lieu-boi-thuong-nha-nuoc",
            title="Tài liệu Bồi thường nhà nước",
        )
        DocumentLibraryEntry.objects.create(
            page=library,
            document=placeholder_pdf("Tài liệu Bồi thường nhà nước"),
            title="Tài liệu Bồi thường nhà nước",
            date=datetime.date(2021, 5, 31),
            sort_order=0,
        )
        library.save_revision().publish()

    def ensure_settings_translations(self, home: HomePage) -> None:
        settings = SiteSettings.for_site(Site.objects.get(root_page=home))
        for language, texts in text.SETTINGS_TRANSLATIONS.items():
            SiteSettingsTranslation.objects.get_or_create(
                settings=settings,
                locale=Locale.objects.get(language_code=language),
                defaults=texts,
            )

    def ensure_menu(self, locale: Locale, sections: dict) -> None:
        if Menu.objects.filter(handle="main", locale=locale).exists():
            return
        items = [
            ("item", {"label": page.title, "page": page, "url": "", "children": []})
            for page in sections.values()
        ]
        Menu.objects.create(title="Menu chính", handle="main", locale=locale, items=items)
