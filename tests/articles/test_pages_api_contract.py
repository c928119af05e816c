"""The JSON shape of every page type, filled in completely, and the query budget."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.blocks import body_blocks
from articles.factories import (
    ArticlePageFactory,
    BylineFactory,
    CategoryFactory,
    DirectivePageFactory,
    GalleryPageFactory,
    IssuingBodyFactory,
    LegalFieldFactory,
    VideoFactory,
)
from articles.models import (
    DirectiveRelation,
    DocumentLibraryPage,
    StandardPage,
)
from articles.models.pages import (
    ArticleAttachment,
    ArticleRelatedPage,
    DirectiveAttachment,
    DocumentLibraryEntry,
    GalleryPhoto,
    GalleryVideo,
)
from articles.renditions import rendition_specs
from public import memo
from tests.articles.pages_api import every_block, get, media
from tests.site_tree import add_published

# The tests add pages to the small site and read the API: its sections are built once.
pytestmark = pytest.mark.usefixtures("site_built_once")

# Every block an editor can add, as articles/blocks.py defines them.
BLOCK_TYPES = {name for name, _ in body_blocks()}


@pytest.fixture
def filled(news_section, directive_register, django_capture_on_commit_callbacks):
    """Media (with the renditions an upload makes), a page to link to and one to cite."""
    with django_capture_on_commit_callbacks(execute=True):
        image, document = media()
    linked = ArticlePageFactory(parent=news_section, title="Bài liên quan", slug="lien-quan")
    cited = DirectivePageFactory(parent=directive_register, number="05-CT/TU", slug="05-ct-tu")
    body = every_block(image_id=image.pk, document_id=document.pk, linked_page=linked, cited=cited)
    return {"image": image, "document": document, "linked": linked, "cited": cited, "body": body}


def detail(client, page) -> dict:
    response = get(client, f"/api/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def assert_every_block(body: list[dict]) -> None:
    assert {block["type"] for block in body} == BLOCK_TYPES
    assert all(block["id"] for block in body)


def assert_image(image: dict) -> None:
    assert image["alt"]
    assert image["width"] > 0 and image["height"] > 0
    assert image["src"].startswith("http")
    formats = {rendition["format"] for rendition in image["renditions"]}
    assert "webp" in formats and formats - {"webp"}, formats
    assert len(image["renditions"]) == len(rendition_specs())


def test_article_contract(client, news_section, filled):
    byline = BylineFactory(name="Phòng PBGDPL")
    category = CategoryFactory(name="Phổ biến pháp luật", slug="pho-bien")
    page = ArticlePageFactory(
        parent=news_section,
        title="Triển khai Chỉ thị số 05-CT/TU",
        lead="Sáng 23/9/2021, Sở Tư pháp tổ chức hội nghị.",
        hero_image=filled["image"],
        hero_caption="Quang cảnh hội nghị",
        byline=byline,
        body=filled["body"],
        is_announcement=True,
        source="Báo Sóc Trăng",
    )
    page.categories.add(category)
    page.tags.add("chỉ thị")
    ArticleAttachment.objects.create(page=page, document=filled["document"], title="")
    ArticleRelatedPage.objects.create(page=page, related=filled["linked"])
    page.save_revision().publish()

    data = detail(client, page)
    assert data["type"] == "articles.ArticlePage"
    assert data["lead"] == "Sáng 23/9/2021, Sở Tư pháp tổ chức hội nghị."
    assert data["hero"]["caption"] == "Quang cảnh hội nghị"
    assert_image(data["hero"]["image"])
    assert data["byline"]["name"] == "Phòng PBGDPL"
    assert data["categories"] == [
        {"id": category.pk, "name": "Phổ biến pháp luật", "slug": "pho-bien"}
    ]
    assert data["tags"] == ["chỉ thị"]
    assert data["attachments"][0]["document"]["content_type"] == "application/pdf"
    assert data["attachments"][0]["document"]["size"] > 0
    assert data["related_pages"][0]["url"] == "/tin-tuc/lien-quan/"
    assert data["is_announcement"] is True
    assert_every_block(data["body"])


def test_rich_text_links_point_at_frontend_paths_and_download_urls(client, news_section, filled):
    page = ArticlePageFactory(parent=news_section, body=filled["body"][:1])
    html = detail(client, page)["body"][0]["value"]
    assert 'href="/tin-tuc/lien-quan/"' in html
    assert f'data-page-id="{filled["linked"].pk}"' in html
    assert f"/documents/{filled['document'].pk}/" in html
    assert 'href="https://moj.gov.vn/"' in html
    assert "linktype" not in html


def test_body_blocks_have_typed_values(client, news_section, filled):
    page = ArticlePageFactory(parent=news_section, body=filled["body"])
    blocks = {block["type"]: block["value"] for block in detail(client, page)["body"]}
    assert blocks["heading"] == {"text": "Nội dung chính", "level": "h2"}
    assert blocks["image"]["caption"] == "Quang cảnh hội nghị"
    assert blocks["gallery"]["images"][0]["caption"] == "Ảnh 1"
    assert blocks["table"]["rows"] == [["Năm", "Số vụ"], ["2023", "12"]]
    assert blocks["table"]["first_row_is_header"] is True
    assert blocks["embed"]["url"] == "https://www.youtube.com/watch?v=govcms-test"
    assert blocks["document"]["title"] == "Kế hoạch 12/KH-STP"
    assert blocks["notice"]["tone"] == "important"
    assert blocks["citation"]["directive"]["number"] == "05-CT/TU"
    assert blocks["citation"]["provision"] == "Điều 2"


def test_directive_contract(client, directive_register, filled):
    body = IssuingBodyFactory(name="Ban Thường vụ Tỉnh ủy Sóc Trăng", code="TU")
    parent_field = LegalFieldFactory(name="Tư pháp")
    field = LegalFieldFactory(name="Hòa giải ở cơ sở", parent=parent_field)
    page = DirectivePageFactory(
        parent=directive_register,
        title="Chỉ thị về tăng cường hòa giải",
        number="07-CT/TU",
        issuing_body=body,
        signer_name="Lâm Văn Mẫn",
        signer_title="Bí thư",
        issue_date=datetime.date(2021, 9, 1),
        effective_date=datetime.date(2021, 9, 1),
        abstract="Về tăng cường công tác hòa giải.",
        body=filled["body"],
    )
    page.legal_fields.add(field)
    DirectiveAttachment.objects.create(page=page, document=filled["document"], title="Toàn văn")
    DirectiveRelation.objects.create(source=page, relation_type="replaces", target=filled["cited"])
    page.save_revision().publish()

    data = detail(client, page)
    assert data["type"] == "articles.DirectivePage"
    assert data["number"] == "07-CT/TU"
    assert data["document_type"]["code"] == "CT"
    assert data["issuing_body"] == {"id": body.pk, "code": "TU", "name": body.name}
    assert data["validity"]["status"] == "in_force"
    assert data["legal_fields"][0]["path"] == ["Tư pháp", "Hòa giải ở cơ sở"]
    assert data["attachments"][0]["title"] == "Toàn văn"
    [relation] = data["relations"]
    assert relation["label"]
    assert (relation["relation"], relation["direction"]) == ("replaces", "outgoing")
    assert relation["page"] == {
        "id": filled["cited"].pk,
        "type": "articles.DirectivePage",
        "title": filled["cited"].title,
        "url": "/van-ban/05-ct-tu/",
        "locale": "vi",
        "number": "05-CT/TU",
    }
    assert_every_block(data["body"])


def test_a_relation_is_shown_from_the_other_end_too(client, directive_register, filled):
    page = DirectivePageFactory(parent=directive_register, number="08-CT/TU")
    DirectiveRelation.objects.create(source=page, relation_type="amends", target=filled["cited"])
    page.save_revision().publish()
    relations = detail(client, filled["cited"])["relations"]
    assert [(r["relation"], r["direction"], r["page"]["id"]) for r in relations] == [
        ("amends", "incoming", page.pk)
    ]


def test_gallery_contract(client, photo_library, filled):
    video = VideoFactory()
    page = GalleryPageFactory(
        parent=photo_library, cover_image=filled["image"], intro="<p>Ảnh hội nghị.</p>"
    )
    GalleryPhoto.objects.create(page=page, image=filled["image"], caption="Đại biểu")
    GalleryVideo.objects.create(
        page=page, sort_order=0, url="https://www.youtube.com/watch?v=x", title="Clip"
    )
    GalleryVideo.objects.create(page=page, sort_order=1, media=video, title="")
    page.save_revision().publish()

    data = detail(client, page)
    assert data["type"] == "articles.GalleryPage"
    assert data["media_type"] == "photo"
    assert_image(data["cover_image"])
    assert data["photos"][0]["caption"] == "Đại biểu"
    assert data["videos"][0]["url"] == "https://www.youtube.com/watch?v=x"
    assert data["videos"][1]["file"]["url"].endswith(".mp4")
    assert data["videos"][1]["title"] == video.title


def test_document_library_contract(client, home_page, filled):
    page = DocumentLibraryPage(title="Tài liệu Bồi thường nhà nước", slug="tai-lieu")
    page.entries.add(
        DocumentLibraryEntry(document=filled["document"], date=datetime.date(2021, 5, 31))
    )
    add_published(home_page, page)
    data = detail(client, page)
    assert data["type"] == "articles.DocumentLibraryPage"
    assert data["entries"][0]["date"] == "2021-05-31"
    assert data["entries"][0]["title"] == "Kế hoạch 12/KH-STP"


def test_standard_page_contract(client, home_page, filled):
    page = add_published(
        home_page, StandardPage(title="Giới thiệu", slug="gioi-thieu", body=filled["body"])
    )
    data = detail(client, page)
    assert data["type"] == "articles.StandardPage"
    assert data["url"] == "/gioi-thieu/"
    assert_every_block(data["body"])


@pytest.mark.parametrize("fixture", ["news_section", "directive_register", "photo_library"])
def test_index_page_contract(client, db, request, fixture):
    page = request.getfixturevalue(fixture)
    data = detail(client, page)
    assert data["type"] == f"articles.{type(page).__name__}"
    assert data["meta"]["parent"]["type"] == "home.HomePage"
    assert isinstance(data["intro"], str)


def test_home_page_contract(client, home_page):
    data = detail(client, home_page)
    assert data["type"] == "home.HomePage"
    assert data["url"] == "/"
    assert data["meta"]["breadcrumbs"] == []


# --- query budget ------------------------------------------------------------------------


def queries_for(client, url: str, **params) -> int:
    memo.forget()  # each count from cold: the site and visibility read (public.memo)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, url, **params)
    assert response.status_code == 200, response.content
    return len(queries)


def test_a_list_of_100_costs_the_same_queries_as_a_list_of_20(client, news_section, filled):
    for number in range(100):
        ArticlePageFactory(
            parent=news_section,
            hero_image=filled["image"],
            display_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
        )
    twenty = queries_for(client, "/api/pages/", type="articles.ArticlePage", limit=20)
    hundred = queries_for(client, "/api/pages/", type="articles.ArticlePage", limit=100)
    assert twenty == hundred


def test_detail_queries_do_not_grow_with_the_body(client, news_section, filled):
    small = ArticlePageFactory(parent=news_section, body=filled["body"])
    large = ArticlePageFactory(parent=news_section, body=filled["body"] * 10)
    for page in (small, large):
        ArticleAttachment.objects.create(page=page, document=filled["document"])
        page.save_revision().publish()
    assert queries_for(client, f"/api/pages/{small.pk}/") == queries_for(
        client, f"/api/pages/{large.pk}/"
    )


def test_home_page_highlights_are_picks_else_the_latest(client, home_page, news_section, filled):
    from home.models import HomePageHighlight

    featured = ArticlePageFactory(parent=news_section, is_featured=True, hero_image=filled["image"])
    picked = ArticlePageFactory(parent=news_section, is_announcement=True)
    ArticlePageFactory(parent=news_section, is_announcement=True)
    HomePageHighlight.objects.create(home=home_page, section="announcements", page=picked)
    highlights = detail(client, home_page)["highlights"]
    assert [card["id"] for card in highlights["featured"]] == [featured.pk]
    assert highlights["featured"][0]["thumbnail"]["renditions"]
    assert [card["id"] for card in highlights["announcements"]] == [picked.pk]
    assert [card["id"] for card in highlights["directives"]] == [filled["cited"].pk]
    assert highlights["galleries"] == []


def test_a_picked_highlight_that_is_no_longer_live_is_dropped(client, home_page, news_section):
    from home.models import HomePageHighlight

    picked = ArticlePageFactory(parent=news_section, is_featured=True)
    HomePageHighlight.objects.create(home=home_page, section="featured", page=picked)
    picked.unpublish()
    assert detail(client, home_page)["highlights"]["featured"] == []
