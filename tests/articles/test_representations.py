"""Pages served from JSON made once (issue #15): stored on write, served by one read,
never written by a read, deleted precisely when what it shows changes."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from articles.factories import (
    ArticlePageFactory,
    BylineFactory,
    DirectivePageFactory,
    IssuingBodyFactory,
)
from articles.models import PageRepresentation, RepresentationDependency
from articles.representations import invalidation
from tests.articles.pages_api import every_block, get, media

DAY = datetime.date(2025, 6, 1)


def served_and_fresh(client, url: str, **params):
    """The response as served (store on) and as assembled from the content model."""
    served = get(client, url, **params)
    with override_settings(PAGE_JSON_STORE=False):
        fresh = get(client, url, **params)
    return served, fresh


def assert_same(served, fresh):
    assert served.status_code == fresh.status_code
    assert served.content == fresh.content
    assert served["Content-Type"] == fresh["Content-Type"]


def rebuild(*pages):
    args = [f"--page={page.pk}" for page in pages]
    call_command("rebuild_representations", *args, verbosity=0)


@pytest.fixture
def directive(directive_register):
    return DirectivePageFactory(
        parent=directive_register,
        title="Chỉ thị về hòa giải",
        issuing_body=IssuingBodyFactory(name="Tỉnh ủy"),
        effective_date=datetime.date(2024, 3, 15),
        expiry_date=datetime.date(2026, 1, 1),
    )


@pytest.fixture
def linked(news_section):
    return ArticlePageFactory(parent=news_section, title="Bài liên quan", slug="lien-quan")


@pytest.fixture
def article(news_section, linked, directive):
    image, document = media()
    return ArticlePageFactory(
        parent=news_section,
        title="Hội nghị hòa giải",
        slug="hoi-nghi",
        hero_image=image,
        byline=BylineFactory(name="Phòng Phổ biến"),
        body=every_block(
            image_id=image.pk, document_id=document.pk, linked_page=linked, cited=directive
        ),
    )


def stored_row(page):
    return PageRepresentation.objects.filter(page_id=page.pk).first()


# --- what is served --------------------------------------------------------------------


def test_stored_detail_is_the_fresh_detail_byte_for_byte(client, article):
    rebuild(article)
    assert_same(*served_and_fresh(client, f"/api/pages/{article.pk}/"))


def test_stored_detail_is_what_the_api_serves(client, article):
    rebuild(article)
    PageRepresentation.objects.filter(page=article).update(detail='{"id": 0}')
    assert get(client, f"/api/pages/{article.pk}/").json() == {"id": 0}
    with override_settings(PAGE_JSON_STORE=False):
        assert get(client, f"/api/pages/{article.pk}/").json()["id"] == article.pk


def test_find_by_path_serves_the_stored_detail(client, article):
    rebuild(article)
    assert_same(*served_and_fresh(client, "/api/pages/find/", path="/tin-tuc/hoi-nghi/"))


def test_every_page_type_of_the_site_is_stored_as_served(client, article, directive, home_page):
    call_command("rebuild_representations", verbosity=0)
    for page in (home_page, article, directive, article.get_parent()):
        assert stored_row(page) is not None
        assert_same(*served_and_fresh(client, f"/api/pages/{page.pk}/"))


def test_absolute_urls_are_the_requests(client, article):
    rebuild(article)
    data = get(client, f"/api/pages/{article.pk}/").json()
    assert data["hero"]["image"]["src"].startswith("http://localhost/")
    with override_settings(WAGTAILAPI_BASE_URL="https://cms.example.gov.vn"):
        served, fresh = served_and_fresh(client, f"/api/pages/{article.pk}/")
    assert served.json()["hero"]["image"]["src"].startswith("https://cms.example.gov.vn/")
    assert_same(served, fresh)


def test_fallback_to_the_default_language_is_marked(client, article, english):
    rebuild(article)
    served, fresh = served_and_fresh(client, f"/api/pages/{article.pk}/", locale="en")
    assert served.json()["meta"]["is_fallback"] is True
    assert_same(served, fresh)


def test_etag_revalidation_still_answers_304(client, article):
    rebuild(article)
    first = get(client, f"/api/pages/{article.pk}/")
    again = client.get(
        f"/api/pages/{article.pk}/", HTTP_HOST="localhost", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_a_stored_detail_is_a_few_statements(client, article, django_assert_max_num_queries):
    rebuild(article)
    get(client, f"/api/pages/{article.pk}/")  # the content version row exists from now on
    with django_assert_max_num_queries(6):
        assert get(client, f"/api/pages/{article.pk}/").status_code == 200


def test_listing_cards_are_the_stored_cards(client, article, directive, linked):
    call_command("rebuild_representations", verbosity=0)
    for params in ({}, {"fields": "title,thumbnail"}, {"type": "articles.DirectivePage"}):
        assert_same(*served_and_fresh(client, "/api/pages/", **params))


def test_listing_serves_stored_cards_and_assembles_the_others(client, article, linked):
    rebuild(article)
    PageRepresentation.objects.filter(page=article).update(
        card=json.dumps({"id": article.pk, "type": "articles.ArticlePage", "title": "Stored"})
    )
    items = {item["id"]: item for item in get(client, "/api/pages/").json()["items"]}
    assert items[article.pk] == {
        "id": article.pk,
        "type": "articles.ArticlePage",
        "title": "Stored",
    }
    assert items[linked.pk]["title"] == "Bài liên quan"


# --- visibility is still per request ------------------------------------------------------


def test_an_expired_page_is_not_served_from_its_row(client, article):
    rebuild(article)
    article.__class__.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert stored_row(article) is not None
    assert get(client, f"/api/pages/{article.pk}/").status_code == 404


def test_a_page_under_an_unpublished_section_is_not_served(client, article, news_section):
    rebuild(article)
    type(news_section).objects.filter(pk=news_section.pk).update(live=False)
    assert get(client, f"/api/pages/{article.pk}/").status_code == 404


def test_a_row_lasts_only_until_a_shown_page_expires(article, linked):
    expiry = timezone.now() + datetime.timedelta(hours=3)
    type(linked).objects.filter(pk=linked.pk).update(expire_at=expiry)
    rebuild(article)
    assert stored_row(article).fresh_until == expiry


def test_a_directive_row_is_served_only_while_its_status_holds(client, directive, monkeypatch):
    monkeypatch.setattr("articles.models.validity.today", lambda: DAY)
    rebuild(directive)
    row = stored_row(directive)
    assert (row.first_day, row.last_day) == (
        datetime.date(2024, 3, 15),
        datetime.date(2025, 12, 31),
    )
    monkeypatch.setattr("articles.models.validity.today", lambda: datetime.date(2026, 1, 1))
    served, fresh = served_and_fresh(client, f"/api/pages/{directive.pk}/")
    assert served.json()["validity"]["status"] == "expired"
    assert_same(served, fresh)


# --- never written on a read --------------------------------------------------------------


def test_a_read_never_stores_anything(client, article):
    PageRepresentation.objects.all().delete()
    assert get(client, f"/api/pages/{article.pk}/").status_code == 200
    assert get(client, "/api/pages/find/", path="/tin-tuc/hoi-nghi/").status_code == 200
    assert get(client, "/api/pages/").status_code == 200
    assert not PageRepresentation.objects.exists()


# --- written on publish, deleted precisely ---------------------------------------------------


def test_publishing_stores_the_page_once_committed(
    client, news_section, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = ArticlePageFactory(parent=news_section, title="Tin mới")
    assert stored_row(page) is not None
    assert_same(*served_and_fresh(client, f"/api/pages/{page.pk}/"))


def test_a_draft_leaves_the_stored_page_alone(article):
    rebuild(article)
    article.title = "Bản nháp"
    article.save_revision()
    assert stored_row(article) is not None


def test_renaming_an_image_rebuilds_the_pages_showing_it(
    client, article, linked, django_capture_on_commit_callbacks
):
    rebuild(article, linked)
    image = article.hero_image
    image.title = "Ảnh mới"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
        assert stored_row(article) is None
        assert stored_row(linked) is not None
    served, fresh = served_and_fresh(client, f"/api/pages/{article.pk}/")
    assert served.json()["hero"]["image"]["title"] == "Ảnh mới"
    assert stored_row(article) is not None
    assert_same(served, fresh)


def test_a_byline_edit_reaches_the_pages_that_show_it(article, linked):
    rebuild(article, linked)
    byline = article.byline
    byline.name = "Văn phòng Sở"
    byline.save()
    assert stored_row(article) is None
    assert stored_row(linked) is not None


def test_an_issuing_body_edit_reaches_its_directives_and_the_pages_citing_them(
    article, directive, linked
):
    rebuild(article, directive, linked)
    body = directive.issuing_body
    body.name = "Ủy ban nhân dân tỉnh"
    body.save()
    assert stored_row(directive) is None
    assert stored_row(article) is None  # it cites the directive
    assert stored_row(linked) is not None


def test_unpublishing_a_cited_directive_reaches_the_citing_article(client, article, directive):
    rebuild(article, directive)
    directive.unpublish()
    assert stored_row(article) is None
    served, fresh = served_and_fresh(client, f"/api/pages/{article.pk}/")
    assert_same(served, fresh)


def test_renaming_a_section_reaches_its_pages_breadcrumbs(article, news_section):
    rebuild(article)
    news_section.title = "Tin hoạt động"
    news_section.save_revision().publish()
    assert stored_row(article) is None


def test_moving_a_section_reaches_every_page_below(article, news_section, directive_register):
    rebuild(article)
    news_section.move(directive_register, pos="last-child")
    assert stored_row(article) is None


def test_deleting_a_linked_page_reaches_the_page_linking_it(article, linked):
    rebuild(article)
    linked.delete()
    assert stored_row(article) is None


def test_publishing_any_article_reaches_the_home_page(home_page, news_section, article):
    rebuild(home_page)
    ArticlePageFactory(parent=news_section, title="Tin nóng")
    assert stored_row(home_page) is None


def test_dependencies_record_what_the_page_shows(article, linked, directive):
    rebuild(article)
    shown = set(
        RepresentationDependency.objects.filter(page=article).values_list("kind", "object_id")
    )
    assert ("wagtailcore.page", linked.pk) in shown
    assert ("wagtailcore.page", directive.pk) in shown
    assert ("image", article.hero_image_id) in shown
    assert ("articles.byline", article.byline_id) in shown


# --- the command -----------------------------------------------------------------------------


def test_the_command_stores_every_public_page_and_skips_drafts(news_section, article):
    draft = ArticlePageFactory(parent=news_section, live=False)
    call_command("rebuild_representations", verbosity=0)
    assert stored_row(article) is not None
    assert stored_row(draft) is None


def test_the_command_refuses_an_unknown_page(db):
    with pytest.raises(CommandError, match="No page with id 999999"):
        call_command("rebuild_representations", "--page=999999", verbosity=0)


def test_switching_the_store_off_serves_fresh_json(client, article):
    rebuild(article)
    PageRepresentation.objects.filter(page=article).update(detail=F("card"))
    with override_settings(PAGE_JSON_STORE=False):
        assert "body" in get(client, f"/api/pages/{article.pk}/").json()


def test_bulk_work_defers_invalidation_to_its_end(article, linked):
    rebuild(article, linked)
    with invalidation.deferred():
        linked.title = "Đổi tên"
        linked.save_revision().publish()
        assert stored_row(article) is not None
    assert stored_row(linked) is None
    assert stored_row(article) is None  # it links the renamed page
