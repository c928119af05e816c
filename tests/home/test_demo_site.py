"""`load_demo` builds the demo portal around the seed article, and running it twice is harmless."""

import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from articles.models import (
    ArticlePage,
    DirectivePage,
    DocumentLibraryPage,
    GalleryPage,
    SectionIndexPage,
    StandardPage,
)
from home import demo_content
from home.models import HomePage, Menu, SiteSettings

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_seed_article_is_published_with_its_exact_text():
    article = ArticlePage.objects.get(title=demo_content.SEED_ARTICLE_TITLE)
    assert article.live
    # The source uses no-break spaces, kept as they are.
    assert " ".join(article.lead.split()).startswith(
        "Ngày 23/9/2021, Ban Thường vụ Tỉnh ủy Sóc Trăng đã ban hành"
    )
    assert article.byline.name == "Phòng PBGDPL"
    assert article.hero_caption == (
        "Hội nghị trực tuyến tập huấn nghiệp vụ cho lực lượng hòa giải viên ở cơ sở năm 2021"
    )
    paragraphs = [block.value.source for block in article.body if block.block_type == "paragraph"]
    assert len(paragraphs) == 3
    assert "Chị thị này" in paragraphs[1]


def test_directive_05_ct_tu_carries_its_metadata():
    directive = DirectivePage.objects.get(number="05-CT/TU")
    assert directive.issuing_body.name == "Ban Thường vụ Tỉnh ủy Sóc Trăng"
    assert directive.document_type.code == "CT"
    assert directive.issue_date.isoformat() == "2021-09-23"
    assert directive.number_key == "5-CT/TU"
    assert directive.attachments.count() == 1


def test_every_page_type_is_shown():
    assert GalleryPage.objects.filter(media_type="photo", live=True).exists()
    assert GalleryPage.objects.filter(media_type="video", live=True).exists()
    assert ArticlePage.objects.filter(is_announcement=True, live=True).exists()
    library = DocumentLibraryPage.objects.get(title="Tài liệu Bồi thường nhà nước")
    assert library.entries.get().date.isoformat() == "2021-05-31"
    assert SectionIndexPage.objects.filter(title="Tin tức – Sự kiện").exists()
    assert StandardPage.objects.filter(slug="lien-he").exists()


def test_site_settings_and_menu_are_filled():
    home = HomePage.objects.get(locale__language_code="vi")  # en and km versions exist too
    settings = SiteSettings.for_site(home.get_site())
    assert settings.organisation_name.startswith("Sở Tư pháp tỉnh Sóc Trăng")
    assert len(Menu.objects.get(handle="main").items) >= 5


def test_loading_twice_changes_nothing():
    counts = (Page.objects.count(), get_image_model().objects.count(), Menu.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Page.objects.count(), get_image_model().objects.count(), Menu.objects.count()) == counts


def test_api_lists_the_seed_article_with_its_vietnamese_title(client):
    response = client.get("/api/v2/pages/", {"type": "articles.ArticlePage"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert demo_content.SEED_ARTICLE_TITLE in titles


def test_api_index_points_at_the_endpoints(client):
    body = client.get("/api/").json()
    assert body["v2"]["pages"].endswith("/api/v2/pages/")
