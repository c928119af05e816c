"""Where each page type may live: the tree editors can build and the one they cannot."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.models import (
    ArticlePage,
    DirectiveIndexPage,
    DirectivePage,
    DocumentLibraryPage,
    GalleryIndexPage,
    GalleryPage,
    SectionIndexPage,
    StandardPage,
)
from home.models import HomePage
from tests.articles.admin_forms import PUBLISH, add_page_url


def assert_refused(response) -> None:
    """Wagtail turns a refused page type into a redirect to the dashboard with a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_home_page_offers_the_section_pages_only():
    assert set(HomePage.allowed_subpage_models()) == {
        SectionIndexPage,
        DirectiveIndexPage,
        GalleryIndexPage,
        DocumentLibraryPage,
        StandardPage,
    }


def test_news_section_offers_articles_subsections_and_document_libraries():
    assert set(SectionIndexPage.allowed_subpage_models()) == {
        ArticlePage,
        SectionIndexPage,
        DocumentLibraryPage,
    }


def test_document_library_can_be_created_in_a_news_section(news_section):
    assert DocumentLibraryPage.can_create_at(news_section)


@pytest.mark.parametrize("leaf", [ArticlePage, DirectivePage, GalleryPage, DocumentLibraryPage])
def test_content_pages_have_no_children(leaf):
    assert leaf.allowed_subpage_models() == []


def test_article_can_be_created_in_a_news_section_only(news_section, directive_register):
    assert ArticlePage.can_create_at(news_section)
    assert not ArticlePage.can_create_at(directive_register)


def test_directive_can_be_created_in_the_document_register_only(news_section, directive_register):
    assert DirectivePage.can_create_at(directive_register)
    assert not DirectivePage.can_create_at(news_section)


def test_gallery_can_be_created_in_a_gallery_library_only(photo_library, news_section):
    assert GalleryPage.can_create_at(photo_library)
    assert not GalleryPage.can_create_at(news_section)


def test_a_second_home_page_cannot_be_created_beside_the_first(home_page):
    assert not HomePage.can_create_at(home_page.get_parent())


def test_admin_refuses_the_add_form_for_an_article_in_the_document_register(
    admin_client, directive_register
):
    response = admin_client.get(add_page_url(ArticlePage, directive_register))

    assert_refused(response)


def test_admin_refuses_the_add_form_for_a_directive_in_a_news_section(admin_client, news_section):
    response = admin_client.get(add_page_url(DirectivePage, news_section))

    assert_refused(response)


def test_admin_refuses_the_add_form_for_a_second_home_page(admin_client, home_page):
    response = admin_client.get(add_page_url(HomePage, home_page.get_parent()))

    assert_refused(response)


def test_admin_creates_nothing_when_an_article_is_posted_to_the_document_register(
    admin_client, directive_register
):
    data = nested_form_data(
        {
            "title": "Bài viết đặt nhầm chỗ",
            "slug": "dat-nham-cho",
            "attachments": inline_formset([]),
            "related_pages": inline_formset([]),
        }
    )

    response = admin_client.post(add_page_url(ArticlePage, directive_register), data | PUBLISH)

    assert_refused(response)
    assert not Page.objects.filter(slug="dat-nham-cho").exists()
