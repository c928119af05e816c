"""The small portal the drift tests edit, and the editor actions they run on it.

Each action goes through the model APIs the admin itself calls (`save_revision().publish()`,
`unpublish()`, `move()`, `copy_for_translation()`, a snippet's or an image's `save()`,
`publish_scheduled`), inside `editor_commits()`: the admin's request commits its
transaction, and whatever waits for that commit (renditions, stored JSON) runs then.
"""

import contextlib
import datetime
import io
import zoneinfo
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site

from articles.factories import (
    ArticlePageFactory,
    BylineFactory,
    CategoryFactory,
    DirectivePageFactory,
    DocumentFactory,
    GalleryPageFactory,
    ImageFactory,
    IssuingBodyFactory,
)
from articles.models import (
    ArticleAttachment,
    ArticlePage,
    ArticleRelatedPage,
    GalleryPhoto,
    SectionIndexPage,
)
from home.models import Menu, SiteSettings
from tests.site_tree import (
    add_published,
    create_directive_register,
    create_home_page,
    create_news_section,
    create_photo_library,
)

SITE_TIME = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# The clock every drift test starts at (time-machine holds it still): scheduled times
# are set relative to it, so a run never depends on the day it runs.
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=SITE_TIME)
# 1x1 GIF: a second image file, to replace an image's file as the admin's edit form does.
GIF_BYTES = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass(frozen=True)
class Portal:
    """Ids of what the portal starts with."""

    home: int
    news: int
    notices: int
    directives: int
    gallery_index: int
    cited_directive: int
    other_directive: int
    citing_article: int
    illustrated_article: int
    relating_article: int
    gallery: int
    image: int
    document: int
    byline: int
    category: int
    issuing_body: int


@contextlib.contextmanager
def editor_commits():
    """An admin request's transaction commits: what waits for the commit runs now."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def citation(directive_id: int) -> dict:
    return {"type": "citation", "value": {"directive": directive_id, "provision": "", "note": ""}}


def build_portal() -> Portal:
    """A home, two news sections (one inside the other), a register with two directives,
    a gallery, three articles (one cites a directive, one has an image, one relates pages),
    a menu and the site's settings."""
    # Uploads and reference lists are saved before the pages that use them, each in its
    # own request: an image's renditions exist by the time a page shows it.
    with editor_commits():
        image = ImageFactory(title="Hội nghị tổng kết")
        document = DocumentFactory(title="Kế hoạch 12/KH-STP")
    with editor_commits():
        byline = BylineFactory(name="Phòng PBGDPL")
        category = CategoryFactory(name="Hòa giải", slug="hoa-giai")
        issuing_body = IssuingBodyFactory()
    with editor_commits():
        home = create_home_page()
        news = create_news_section(home)
        notices = add_published(news, SectionIndexPage(title="Thông báo", slug="thong-bao"))
        directives = create_directive_register(home)
        gallery_index = create_photo_library(home)
        cited = DirectivePageFactory(
            parent=directives, title="Về tăng cường hòa giải", slug="ct-05", number="05-CT/TU",
            issuing_body=issuing_body,
        )  # fmt: skip
        other = DirectivePageFactory(
            parent=directives, title="Về phổ biến pháp luật", slug="ct-06", number="06-CT/TU"
        )
        citing = ArticlePageFactory(
            parent=news,
            title="Triển khai Chỉ thị 05-CT/TU",
            slug="trien-khai",
            body=[
                paragraph(f'<p>Theo <a linktype="page" id="{other.pk}">chỉ thị 06</a>.</p>'),
                citation(cited.pk),
            ],
        )
        illustrated = ArticlePageFactory(
            parent=news,
            title="Hội nghị tổng kết",
            slug="hoi-nghi",
            hero_image=image,
            byline=byline,
            body=[{"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}}],
        )
        illustrated.categories.add(category)
        illustrated.save_revision().publish()
        relating = ArticlePageFactory(
            parent=notices, title="Lịch tiếp công dân", slug="lich-tiep", is_announcement=True
        )
        relating.related_pages = [
            ArticleRelatedPage(related_id=citing.pk),
            ArticleRelatedPage(related_id=other.pk),
        ]
        relating.attachments = [ArticleAttachment(document=document, title="")]
        relating.save_revision().publish()
        gallery = GalleryPageFactory(parent=gallery_index, title="Ảnh hội nghị", slug="anh")
        gallery.cover_image = image
        gallery.photos = [GalleryPhoto(image=image, caption="Quang cảnh")]
        gallery.save_revision().publish()
        site = Site.objects.get(is_default_site=True)
        SiteSettings.objects.create(site=site, organisation_name="Sở Tư pháp")
        Menu.objects.create(
            title="Menu chính",
            handle="main",
            locale=Locale.get_default(),
            items=[{"type": "item", "value": menu_item("Tin tức", news.pk)}],
        )
    return Portal(
        home=home.pk,
        news=news.pk,
        notices=notices.pk,
        directives=directives.pk,
        gallery_index=gallery_index.pk,
        cited_directive=cited.pk,
        other_directive=other.pk,
        citing_article=citing.pk,
        illustrated_article=illustrated.pk,
        relating_article=relating.pk,
        gallery=gallery.pk,
        image=image.pk,
        document=document.pk,
        byline=byline.pk,
        category=category.pk,
        issuing_body=issuing_body.pk,
    )


def menu_item(label: str, page_id: int) -> dict:
    return {"label": label, "page": page_id, "url": "", "children": []}


# --- editor actions ----------------------------------------------------------------------


def edit_and_publish(page: Page, title: str) -> None:
    page = page.specific
    page.title = title
    if isinstance(page, ArticlePage):
        page.lead = f"Tóm tắt: {title}."
    with editor_commits():
        page.save_revision().publish()


def save_draft(page: Page, title: str) -> None:
    page = page.specific
    page.title = title
    with editor_commits():
        page.save_revision()


def unpublish(page: Page) -> None:
    with editor_commits():
        page.specific.unpublish()


def republish(page: Page) -> None:
    """Publish the latest revision again (the admin's Publish on an unpublished page)."""
    page = page.specific
    with editor_commits():
        (page.get_latest_revision() or page.save_revision()).publish()


def move(page: Page, target: Page) -> None:
    with editor_commits():
        page.specific.move(target, pos="last-child")


def delete(page: Page) -> None:
    with editor_commits():
        page.specific.delete()


def translate(page: Page, locale: Locale, title: str) -> Page:
    """A published translation (its parents copied too), as wagtail-localize's sync makes."""
    page = page.specific
    with editor_commits():
        existing = page.get_translations().filter(locale=locale).first()
        copy = (
            existing.specific if existing else page.copy_for_translation(locale, copy_parents=True)
        )
        copy.title = title
        copy.save_revision().publish()
    return copy


def add_article(section: Page, title: str, *, cites: Page | None, image_id: int | None) -> Page:
    body = [paragraph(f"<p>{title}</p>")]
    if cites is not None:
        body.append(citation(cites.pk))
    with editor_commits():
        return ArticlePageFactory(
            parent=section, title=title, hero_image_id=image_id, body=body,
            locale_id=section.locale_id,
        )  # fmt: skip


def relate(article: ArticlePage, related: Page) -> None:
    article = article.specific
    article.related_pages.add(ArticleRelatedPage(related_id=related.pk))
    with editor_commits():
        article.save_revision().publish()


def cite(article: ArticlePage, directive: Page) -> None:
    article = article.specific
    article.body = [*article.body.raw_data, citation(directive.pk)]
    with editor_commits():
        article.save_revision().publish()


def schedule(page: Page, title: str, go_live_at: datetime.datetime) -> None:
    """Publish a change that goes live later (the Publishing tab's go-live time)."""
    page = page.specific
    page.title = title
    page.go_live_at = go_live_at
    with editor_commits():
        page.save_revision().publish()


def set_expiry(page: Page, expire_at: datetime.datetime) -> None:
    page = page.specific
    page.expire_at = expire_at
    with editor_commits():
        page.save_revision().publish()


def cron_runs() -> None:
    """`manage.py publish_scheduled`, as cron runs it every few minutes."""
    with editor_commits():
        call_command("publish_scheduled", stdout=io.StringIO())


def restrict(page: Page) -> None:
    with editor_commits():
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
        )


def lift_restrictions(page: Page) -> None:
    with editor_commits():
        for restriction in PageViewRestriction.objects.filter(page=page):
            restriction.delete()


def rename_snippet(snippet, name: str) -> None:
    snippet.name = name
    with editor_commits():
        snippet.save()


def rename_image(image_id: int, title: str) -> None:
    image = get_image_model().objects.get(pk=image_id)
    image.title = title
    with editor_commits():
        image.save()


def replace_image_file(image_id: int, filename: str) -> None:
    """A new file uploaded on the image's edit form: as `wagtail.images.forms.BaseImageForm.save`
    does, the metadata is read again and the old renditions are deleted."""
    image = get_image_model().objects.get(pk=image_id)
    with editor_commits():
        image.file = ContentFile(GIF_BYTES, name=filename)
        image._set_image_file_metadata()
        image.save()
        image.renditions.all().delete()


def rename_document(document_id: int, title: str) -> None:
    document = get_document_model().objects.get(pk=document_id)
    document.title = title
    with editor_commits():
        document.save()


def edit_site_settings(organisation_name: str) -> None:
    settings = SiteSettings.objects.get(site=Site.objects.get(is_default_site=True))
    settings.organisation_name = organisation_name
    with editor_commits():
        settings.save()


def edit_menu(label: str, page: Page) -> None:
    menu = Menu.objects.get(handle="main", locale=Locale.get_default())
    menu.items = [{"type": "item", "value": menu_item(label, page.pk)}]
    with editor_commits():
        menu.save()
