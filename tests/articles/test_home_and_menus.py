"""What the front page highlights, and the links its menus may hold."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.test.utils.form_data import nested_form_data, streamfield

from articles.factories import ArticlePageFactory, DirectivePageFactory, GalleryPageFactory
from home.models import HomePageHighlight, LinkBlock, Menu
from tests.articles.admin_forms import list_block

Section = HomePageHighlight.Section

# section -> (factory, parent fixture, fields that make a page fit it, date field)
SECTION_CONTENT = {
    Section.FEATURED: (ArticlePageFactory, "news_section", {"is_featured": True}, "display_date"),
    Section.ANNOUNCEMENTS: (
        ArticlePageFactory,
        "news_section",
        {"is_announcement": True},
        "display_date",
    ),
    Section.DIRECTIVES: (DirectivePageFactory, "directive_register", {}, "issue_date"),
    Section.GALLERIES: (GalleryPageFactory, "photo_library", {}, "display_date"),
}


def pick(home, section: str, page, order: int = 0) -> HomePageHighlight:
    highlight = HomePageHighlight(home=home, section=section, page=page, sort_order=order)
    highlight.save()
    return highlight


def on(day: int) -> datetime.date:
    return datetime.date(2024, 3, day)


# --- Highlights -------------------------------------------------------------------------


@pytest.mark.parametrize("section", list(SECTION_CONTENT))
def test_empty_section_shows_the_latest_live_pages_that_fit_it(request, home_page, section):
    factory, parent_fixture, fits, date_field = SECTION_CONTENT[section]
    parent = request.getfixturevalue(parent_fixture)
    older = factory(parent=parent, **fits, **{date_field: on(1)})
    newer = factory(parent=parent, **fits, **{date_field: on(2)})
    factory(parent=parent, live=False, **fits, **{date_field: on(3)})

    assert home_page.highlighted(section) == [newer, older]


def test_featured_section_leaves_out_articles_not_marked_featured(home_page, news_section):
    featured = ArticlePageFactory(parent=news_section, is_featured=True, display_date=on(1))
    ArticlePageFactory(parent=news_section, is_announcement=True, display_date=on(2))

    assert home_page.highlighted(Section.FEATURED) == [featured]


def test_announcements_section_leaves_out_articles_not_marked_as_announcements(
    home_page, news_section
):
    announcement = ArticlePageFactory(parent=news_section, is_announcement=True, display_date=on(1))
    ArticlePageFactory(parent=news_section, is_featured=True, display_date=on(2))

    assert home_page.highlighted(Section.ANNOUNCEMENTS) == [announcement]


def test_section_shows_no_more_pages_than_asked(home_page, photo_library):
    galleries = [GalleryPageFactory(parent=photo_library, display_date=on(d)) for d in (1, 2, 3)]

    assert home_page.highlighted(Section.GALLERIES, limit=2) == [galleries[2], galleries[1]]


def test_editors_picks_replace_the_latest_pages_in_their_order(home_page, news_section):
    ArticlePageFactory(parent=news_section, is_featured=True, display_date=on(9))
    first = ArticlePageFactory(parent=news_section, is_featured=True, display_date=on(1))
    second = ArticlePageFactory(parent=news_section, is_featured=True, display_date=on(2))
    pick(home_page, Section.FEATURED, second, order=0)
    pick(home_page, Section.FEATURED, first, order=1)

    assert home_page.highlighted(Section.FEATURED) == [second, first]


def test_picked_draft_is_never_shown(home_page, news_section):
    live = ArticlePageFactory(parent=news_section, is_featured=True, display_date=on(1))
    draft = ArticlePageFactory(parent=news_section, is_featured=True, live=False)
    pick(home_page, Section.FEATURED, draft, order=0)
    pick(home_page, Section.FEATURED, live, order=1)

    assert home_page.highlighted(Section.FEATURED) == [live]


def test_section_whose_only_pick_is_a_draft_falls_back_to_the_latest(home_page, photo_library):
    draft = GalleryPageFactory(parent=photo_library, live=False)
    latest = GalleryPageFactory(parent=photo_library, display_date=on(1))
    pick(home_page, Section.GALLERIES, draft)

    assert home_page.highlighted(Section.GALLERIES) == [latest]


# --- Highlight validation -----------------------------------------------------------------


def test_highlight_refuses_an_article_in_the_directives_section(home_page, news_section):
    article = ArticlePageFactory(parent=news_section)
    highlight = HomePageHighlight(home=home_page, section=Section.DIRECTIVES, page=article)

    with pytest.raises(ValidationError) as refused:
        highlight.clean()

    assert list(refused.value.message_dict) == ["page"]


def test_highlight_refuses_a_directive_in_the_featured_section(home_page, directive_register):
    directive = DirectivePageFactory(parent=directive_register)
    highlight = HomePageHighlight(home=home_page, section=Section.FEATURED, page=directive)

    with pytest.raises(ValidationError) as refused:
        highlight.clean()

    assert list(refused.value.message_dict) == ["page"]


def test_highlight_refuses_an_ordinary_article_among_announcements(home_page, news_section):
    article = ArticlePageFactory(parent=news_section, is_announcement=False)
    highlight = HomePageHighlight(home=home_page, section=Section.ANNOUNCEMENTS, page=article)

    with pytest.raises(ValidationError) as refused:
        highlight.clean()

    assert list(refused.value.message_dict) == ["page"]


def test_highlight_accepts_a_gallery_in_the_galleries_section(home_page, photo_library):
    gallery = GalleryPageFactory(parent=photo_library)
    highlight = HomePageHighlight(home=home_page, section=Section.GALLERIES, page=gallery)

    highlight.clean()


# --- Menus ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("with_page", "url"),
    [(True, "https://chinhphu.vn"), (False, "")],
    ids=["page-and-url", "neither"],
)
def test_menu_link_needs_exactly_one_of_page_or_url(home_page, with_page, url):
    block = LinkBlock()
    value = block.to_python(
        {"label": "Chính phủ", "page": home_page.pk if with_page else None, "url": url}
    )

    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)

    assert list(refused.value.block_errors) == ["url"]


@pytest.mark.parametrize(
    ("with_page", "url"), [(True, ""), (False, "https://chinhphu.vn")], ids=["page", "url"]
)
def test_menu_link_to_a_page_or_a_url_is_accepted(home_page, with_page, url):
    block = LinkBlock()
    value = block.to_python(
        {"label": "Chính phủ", "page": home_page.pk if with_page else None, "url": url}
    )

    assert block.clean(value)["label"] == "Chính phủ"


def menu_form(page, url: str) -> dict:
    item = {"label": "Trang chủ", "page": page.pk if page else "", "url": url}
    return nested_form_data(
        {
            "title": "Menu chính",
            "handle": "main",
            "items": streamfield([("item", item | {"children": list_block([])})]),
        }
    )


def test_admin_refuses_a_menu_item_with_both_page_and_url(admin_client, home_page):
    response = admin_client.post(
        reverse(Menu.snippet_viewset.get_url_name("add")),
        menu_form(home_page, "https://chinhphu.vn"),
    )

    assert response.status_code == 200
    assert "items" in response.context["form"].errors
    assert not Menu.objects.exists()


def test_admin_saves_a_menu_item_linking_a_page(admin_client, home_page):
    response = admin_client.post(
        reverse(Menu.snippet_viewset.get_url_name("add")), menu_form(home_page, "")
    )

    assert response.status_code == 302
    assert Menu.objects.get(handle="main").items[0].value["page"].pk == home_page.pk
