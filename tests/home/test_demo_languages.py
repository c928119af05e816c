"""The demo site in three languages: `load_demo` makes English and Khmer versions of the home,
contact and seed article pages through wagtail-localize, and settings texts per language."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from articles.models import ArticlePage, StandardPage
from home import demo_content
from home.models import HomePage, SiteSettings

pytestmark = [pytest.mark.slow, pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


@pytest.mark.parametrize("language", ["en", "km"])
def test_demo_home_contact_and_seed_article_are_translated(language):
    locale = Locale.objects.get(language_code=language)
    article = ArticlePage.objects.get(title=demo_content.SEED_ARTICLE_TITLE)
    for page in (HomePage.objects.get(locale=Locale.get_default()), article):
        translation = page.get_translation(locale)
        assert translation.live
        assert translation.title != page.title
    contact = StandardPage.objects.get(slug="lien-he", locale=Locale.get_default())
    assert contact.get_translation(locale).live


def test_demo_translations_are_linked_through_wagtail_localize():
    article = ArticlePage.objects.get(title=demo_content.SEED_ARTICLE_TITLE)
    source = TranslationSource.objects.get_for_instance(article)
    languages = set(source.translations.values_list("target_locale__language_code", flat=True))
    assert languages == {"en", "km"}


def test_demo_khmer_text_says_it_is_a_placeholder():
    article = ArticlePage.objects.get(title=demo_content.SEED_ARTICLE_TITLE)
    khmer = article.get_translation(Locale.objects.get(language_code="km"))
    assert demo_content.KHMER_PLACEHOLDER_NOTE in khmer.title


def test_demo_english_article_keeps_the_synchronised_date_and_image():
    article = ArticlePage.objects.get(title=demo_content.SEED_ARTICLE_TITLE)
    english = article.get_translation(Locale.objects.get(language_code="en")).specific
    assert english.display_date == article.display_date
    assert english.hero_image == article.hero_image
    assert english.lead.startswith("On 23 September 2021")


def test_demo_settings_have_an_english_organisation_name():
    home = HomePage.objects.get(locale=Locale.get_default())
    english = SiteSettings.for_site(home.get_site()).for_locale("en")
    assert english.organisation_name.startswith("Department of Justice")


def test_loading_the_demo_twice_adds_no_translation(django_capture_on_commit_callbacks):
    counts = (Page.objects.count(), Translation.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    assert (Page.objects.count(), Translation.objects.count()) == counts
