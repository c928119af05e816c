"""The public rules every endpoint shares: a page's frontend path and a request's site."""

from django.test import RequestFactory
from wagtail.models import Locale, Page, Site

from articles.factories import ArticlePageFactory
from home.models import HomePage
from public.paths import FrontendPaths, frontend_path
from public.sites import current_site
from public.visibility import visible_pages


def translate(page: Page, locale: Locale, title: str) -> Page:
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def test_default_language_page_path_is_its_path_below_the_home_page(news_section):
    article = ArticlePageFactory(parent=news_section, slug="hoa-giai")
    assert frontend_path(article) == "/tin-tuc/hoa-giai/"


def test_other_language_page_path_starts_with_its_language_code(home_page, news_section, english):
    article = ArticlePageFactory(parent=news_section, slug="hoa-giai")
    translate(home_page, english, "Department of Justice")
    translate(news_section, english, "News")
    translated = translate(article, english, "Mediation")
    assert frontend_path(translated) == "/en/tin-tuc/hoa-giai/"


def test_home_page_path_is_the_root(home_page):
    assert frontend_path(home_page) == "/"


def test_one_frontend_paths_object_serves_many_pages_with_fixed_queries(
    news_section, django_assert_max_num_queries
):
    articles = [ArticlePageFactory(parent=news_section, slug=f"bai-{n}") for n in range(5)]
    paths = FrontendPaths()
    paths.path(articles[0])
    with django_assert_max_num_queries(0):
        assert [paths.path(a) for a in articles[1:]] == [f"/tin-tuc/bai-{n}/" for n in range(1, 5)]


def test_request_for_an_unknown_host_is_for_the_default_site(home_page):
    request = RequestFactory().get("/", HTTP_HOST="api.example.org")
    assert current_site(request) == Site.objects.get(is_default_site=True)


def test_request_for_another_sites_host_is_for_that_site(home_page):
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Sở Nội vụ", slug="so-noi-vu", locale=Locale.get_default())
    )
    other = Site.objects.create(hostname="snv.example.org", root_page=other_home)
    request = RequestFactory().get("/", HTTP_HOST="snv.example.org")
    assert current_site(request) == other


def test_pages_of_another_site_are_not_visible_on_this_one(home_page, news_section):
    article = ArticlePageFactory(parent=news_section)
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Sở Nội vụ", slug="so-noi-vu", locale=Locale.get_default())
    )
    other_home.save_revision().publish()
    other = Site.objects.create(hostname="snv.example.org", root_page=other_home)
    assert article.pk not in visible_pages(other).values_list("pk", flat=True)
    assert article.pk in visible_pages().values_list("pk", flat=True)
