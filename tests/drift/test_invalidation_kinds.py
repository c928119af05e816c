"""One plain case per kind of change a page's JSON must follow: the served JSON changes as
the content model did, and equals what a fresh assembly gives (tests/drift/readings.py).

The state machine in test_served_equals_fresh.py mixes these at random; these pin each one
down by itself.
"""

import datetime
import json

import pytest
from wagtail.models import Locale, Page

from articles.models import Byline, IssuingBody, SectionIndexPage
from tests.drift import portal
from tests.drift.readings import drift, read


def detail(client, page_id: int, **params) -> dict:
    query = "".join(f"&{name}={value}" for name, value in params.items())
    reading = read(client, f"/api/pages/{page_id}/?{query.lstrip('&')}")
    assert reading.status == 200, reading.body
    return reading.body


def status(client, url: str) -> int:
    return read(client, url).status


def card(client, page_id: int, **params) -> dict | None:
    query = "".join(f"&{name}={value}" for name, value in params.items())
    items = read(client, f"/api/pages/?limit=100{query}").body["items"]
    return next((item for item in items if item["id"] == page_id), None)


def assert_no_drift(client, *urls: str) -> None:
    differences = drift(client, list(urls))
    assert not differences, "\n".join(differences)


def pages_urls(*page_ids: int) -> list[str]:
    return [f"/api/pages/{page_id}/" for page_id in page_ids]


LISTS = ("/api/pages/?limit=100", "/api/pages/?type=articles.DirectivePage&limit=100")


def test_renamed_snippets_show_in_details_and_cards(client, built, clock):
    portal.rename_snippet(Byline.objects.get(pk=built.byline), "Văn phòng Sở")
    portal.rename_snippet(IssuingBody.objects.get(pk=built.issuing_body), "UBND tỉnh")
    assert detail(client, built.illustrated_article)["byline"]["name"] == "Văn phòng Sở"
    assert detail(client, built.cited_directive)["issuing_body"]["name"] == "UBND tỉnh"
    assert card(client, built.cited_directive)["issuing_body"] == "UBND tỉnh"
    assert_no_drift(
        client, *pages_urls(built.illustrated_article, built.cited_directive, built.home), *LISTS
    )


def test_renamed_image_shows_wherever_it_is_shown(client, built, clock):
    portal.rename_image(built.image, "Toàn cảnh hội nghị")
    article = detail(client, built.illustrated_article)
    assert article["hero"]["image"]["title"] == "Toàn cảnh hội nghị"
    assert article["body"][0]["value"]["image"]["title"] == "Toàn cảnh hội nghị"
    assert card(client, built.gallery)["thumbnail"]["title"] == "Toàn cảnh hội nghị"
    assert_no_drift(
        client, *pages_urls(built.illustrated_article, built.gallery, built.home), *LISTS
    )


def test_replaced_image_file_changes_its_urls(client, built, clock):
    portal.replace_image_file(built.image, "toan-canh.gif")
    image = detail(client, built.illustrated_article)["hero"]["image"]
    assert "toan-canh" in image["src"]
    assert all("toan-canh" in rendition["url"] for rendition in image["renditions"])
    assert (image["width"], image["height"]) == (1, 1)
    assert_no_drift(
        client, *pages_urls(built.illustrated_article, built.gallery, built.home), *LISTS
    )


def test_renamed_document_shows_in_attachments(client, built, clock):
    portal.rename_document(built.document, "Kế hoạch 15/KH-STP")
    attachments = detail(client, built.relating_article)["attachments"]
    assert attachments[0]["document"]["title"] == "Kế hoạch 15/KH-STP"
    assert_no_drift(client, *pages_urls(built.relating_article))


def test_unpublished_cited_directive_is_no_longer_linked(client, built, clock):
    portal.unpublish(Page.objects.get(pk=built.cited_directive))
    portal.unpublish(Page.objects.get(pk=built.other_directive))
    citing = detail(client, built.citing_article)
    assert "/van-ban/" not in json.dumps(citing["body"])
    assert detail(client, built.relating_article)["related_pages"] == [
        {
            "id": built.citing_article,
            "type": "articles.ArticlePage",
            "title": "Triển khai Chỉ thị 05-CT/TU",
            "url": "/tin-tuc/trien-khai/",
            "locale": "vi",
        }
    ]
    assert status(client, f"/api/pages/{built.cited_directive}/") == 404
    assert card(client, built.cited_directive) is None
    assert_no_drift(
        client,
        *pages_urls(built.citing_article, built.relating_article, built.cited_directive),
        *pages_urls(built.home, built.directives),
        *LISTS,
    )


def test_moved_section_is_served_at_its_new_paths(client, built, clock):
    portal.move(Page.objects.get(pk=built.notices), Page.objects.get(pk=built.home))
    moved = detail(client, built.relating_article)
    assert moved["url"] == "/thong-bao/lich-tiep/"
    assert [crumb["id"] for crumb in moved["meta"]["breadcrumbs"]] == [built.home, built.notices]
    found = read(client, "/api/pages/find/?path=/thong-bao/lich-tiep/")
    assert found.status == 200 and found.body["id"] == built.relating_article
    assert status(client, "/api/pages/find/?path=/tin-tuc/thong-bao/lich-tiep/") == 404
    assert card(client, built.relating_article)["url"] == "/thong-bao/lich-tiep/"
    assert_no_drift(
        client,
        *pages_urls(built.relating_article, built.notices, built.news, built.home),
        "/api/pages/find/?path=/thong-bao/lich-tiep/",
        "/api/pages/find/?path=/tin-tuc/thong-bao/lich-tiep/",
        *LISTS,
    )


def test_published_translation_is_linked_and_served(client, built, clock):
    english = Locale.objects.get(language_code="en")
    translated = portal.translate(Page.objects.get(pk=built.citing_article), english, "Directive")
    links = detail(client, built.citing_article)["meta"]["translations"]
    assert [(link["id"], link["locale"]) for link in links] == [(translated.pk, "en")]
    assert detail(client, built.citing_article, locale="en")["id"] == translated.pk
    found = read(client, "/api/pages/find/?path=/en/tin-tuc/trien-khai/")
    assert found.status == 200 and found.body["title"] == "Directive"
    assert card(client, translated.pk, locale="en")["title"] == "Directive"
    assert_no_drift(
        client,
        *pages_urls(built.citing_article, translated.pk),
        f"/api/pages/{built.citing_article}/?locale=en",
        "/api/pages/find/?path=/en/tin-tuc/trien-khai/",
        "/api/pages/?limit=100&locale=en",
    )


def test_expired_page_vanishes_at_its_time_before_and_after_cron(client, built, clock):
    portal.set_expiry(
        Page.objects.get(pk=built.illustrated_article),
        portal.START + datetime.timedelta(hours=2),
    )
    assert status(client, f"/api/pages/{built.illustrated_article}/") == 200
    clock.move_to(portal.START + datetime.timedelta(hours=3))
    urls = [
        *pages_urls(built.illustrated_article, built.home, built.news),
        "/api/pages/find/?path=/tin-tuc/hoi-nghi/",
        *LISTS,
    ]
    assert status(client, f"/api/pages/{built.illustrated_article}/") == 404
    assert card(client, built.illustrated_article) is None
    assert_no_drift(client, *urls)
    portal.cron_runs()
    assert status(client, f"/api/pages/{built.illustrated_article}/") == 404
    assert_no_drift(client, *urls)


def test_scheduled_change_goes_live_when_cron_runs(client, built, clock):
    article = Page.objects.get(pk=built.citing_article)
    portal.schedule(article, "Triển khai (sửa)", portal.START + datetime.timedelta(hours=1))
    assert detail(client, built.citing_article)["title"] == "Triển khai Chỉ thị 05-CT/TU"
    clock.move_to(portal.START + datetime.timedelta(hours=2))
    portal.cron_runs()
    assert detail(client, built.citing_article)["title"] == "Triển khai (sửa)"
    assert card(client, built.citing_article)["title"] == "Triển khai (sửa)"
    assert detail(client, built.relating_article)["related_pages"][0]["title"] == (
        "Triển khai (sửa)"
    )
    assert_no_drift(client, *pages_urls(built.citing_article, built.relating_article), *LISTS)


def test_edited_page_title_shows_in_pages_that_link_it(client, built, clock):
    portal.edit_and_publish(Page.objects.get(pk=built.news), "Tin tức")
    portal.edit_and_publish(Page.objects.get(pk=built.other_directive), "Về phổ biến (sửa)")
    assert detail(client, built.citing_article)["meta"]["parent"]["title"] == "Tin tức"
    assert detail(client, built.relating_article)["related_pages"][1]["title"] == (
        "Về phổ biến (sửa)"
    )
    assert_no_drift(
        client,
        *pages_urls(built.citing_article, built.relating_article, built.illustrated_article),
        *LISTS,
    )


def test_deleted_page_is_gone_everywhere(client, built, clock):
    portal.delete(Page.objects.get(pk=built.other_directive))
    assert status(client, f"/api/pages/{built.other_directive}/") == 404
    assert status(client, "/api/pages/find/?path=/van-ban/ct-06/") == 404
    assert [page["id"] for page in detail(client, built.relating_article)["related_pages"]] == [
        built.citing_article
    ]
    assert "data-page-id" not in json.dumps(detail(client, built.citing_article)["body"])
    assert_no_drift(
        client,
        *pages_urls(built.other_directive, built.relating_article, built.citing_article),
        "/api/pages/find/?path=/van-ban/ct-06/",
        *LISTS,
    )


def test_restricted_section_hides_what_is_inside(client, built, clock):
    portal.restrict(SectionIndexPage.objects.get(pk=built.notices))
    assert status(client, f"/api/pages/{built.relating_article}/") == 404
    assert card(client, built.relating_article) is None
    assert_no_drift(client, *pages_urls(built.relating_article, built.home), *LISTS)


def test_site_settings_and_menus_follow_their_edits(client, built, clock):
    portal.edit_site_settings("Sở Tư pháp tỉnh Sóc Trăng")
    portal.edit_menu("Văn bản", Page.objects.get(pk=built.directives))
    assert read(client, "/api/site/settings").body["organisation_name"] == (
        "Sở Tư pháp tỉnh Sóc Trăng"
    )
    menus = json.dumps(read(client, "/api/site/menus/").body, ensure_ascii=False)
    assert "Văn bản" in menus and "/van-ban/" in menus
    assert_no_drift(client, "/api/site/settings", "/api/site/menus/")


@pytest.mark.parametrize("page_name", ["cited_directive", "gallery"])
def test_republished_page_is_served_again(client, built, clock, page_name):
    page = Page.objects.get(pk=getattr(built, page_name))
    portal.unpublish(page)
    portal.republish(page)
    assert status(client, f"/api/pages/{page.pk}/") == 200
    assert_no_drift(client, *pages_urls(page.pk, built.home, built.citing_article), *LISTS)
