"""Three content languages, the admin in two, machine translation as a setting, and the
site settings and menus of each language."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale, Site
from wagtail.users.models import UserProfile

from cms.settings.base import machine_translator_from_env
from home.models import Menu, SiteSettings, SiteSettingsTranslation


def test_content_is_written_in_vietnamese_english_and_khmer():
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == ["vi", "en", "km"]
    assert settings.LANGUAGE_CODE == "vi"


@pytest.mark.django_db
def test_a_fresh_site_has_a_locale_for_each_content_language():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"vi", "en", "km"}
    assert Locale.get_default().language_code == "vi"


def test_the_admin_speaks_only_vietnamese_and_english():
    assert [code for code, _ in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["vi", "en"]


def test_a_khmer_browser_gets_the_admin_in_vietnamese(admin_client):
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="km")
    assert 'lang="vi"' in response.content.decode()


@pytest.mark.parametrize("browser_language", ["en", "en-US,en;q=0.9", "km", "fr"])
def test_an_editor_with_a_foreign_browser_gets_the_admin_in_vietnamese(
    admin_client, browser_language
):
    """Before: LocaleMiddleware followed Accept-Language, so an English browser got an
    English admin. The editors' language is Vietnamese unless they choose otherwise."""
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE=browser_language)
    assert 'lang="vi"' in response.content.decode()


def test_the_login_page_is_vietnamese_for_an_english_browser(client, db):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="vi"' in response.content.decode()


def test_an_editors_choice_of_english_wins_over_the_browser(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="vi")
    assert 'lang="en"' in response.content.decode()


# --- machine translation ----------------------------------------------------------------


def test_machine_translation_is_off_by_default(monkeypatch):
    monkeypatch.delenv("MACHINE_TRANSLATOR", raising=False)
    assert machine_translator_from_env() is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


def test_machine_translation_is_turned_on_by_name_with_its_options(monkeypatch):
    monkeypatch.setenv("MACHINE_TRANSLATOR", "deepl")
    monkeypatch.setenv("MACHINE_TRANSLATOR_OPTIONS", '{"AUTH_KEY": "k"}')
    assert machine_translator_from_env() == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "k"},
    }


def test_an_unknown_machine_translator_is_a_one_line_error(monkeypatch):
    monkeypatch.setenv("MACHINE_TRANSLATOR", "babelfish")
    with pytest.raises(ImproperlyConfigured, match="MACHINE_TRANSLATOR is unknown"):
        machine_translator_from_env()


def test_machine_translator_options_must_be_a_json_object(monkeypatch):
    monkeypatch.setenv("MACHINE_TRANSLATOR", "libretranslate")
    monkeypatch.setenv("MACHINE_TRANSLATOR_OPTIONS", "not json")
    with pytest.raises(ImproperlyConfigured, match="MACHINE_TRANSLATOR_OPTIONS"):
        machine_translator_from_env()


# --- site settings and menus per language -----------------------------------------------


@pytest.fixture
def site_settings(home_page) -> SiteSettings:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Sở Tư pháp tỉnh Sóc Trăng"
    site_settings.address = "Số 1 đường Hùng Vương"
    site_settings.phone = "0299 000 0000"
    site_settings.save()
    return site_settings


def test_settings_in_english_show_the_english_name(site_settings):
    SiteSettingsTranslation.objects.create(
        settings=site_settings,
        locale=Locale.objects.get(language_code="en"),
        organisation_name="Department of Justice of Soc Trang Province",
    )
    english = site_settings.for_locale("en")
    assert english.translated
    assert english.organisation_name == "Department of Justice of Soc Trang Province"


def test_settings_texts_left_blank_in_a_translation_are_the_vietnamese_ones(site_settings):
    SiteSettingsTranslation.objects.create(
        settings=site_settings,
        locale=Locale.objects.get(language_code="en"),
        organisation_name="Department of Justice",
    )
    english = site_settings.for_locale(Locale.objects.get(language_code="en"))
    assert english.address == "Số 1 đường Hùng Vương"
    assert english.phone == "0299 000 0000"


def test_settings_without_a_translation_say_so(site_settings):
    khmer = site_settings.for_locale("km")
    assert not khmer.translated
    assert khmer.organisation_name == "Sở Tư pháp tỉnh Sóc Trăng"


def test_a_settings_translation_into_vietnamese_is_refused(site_settings):
    translation = SiteSettingsTranslation(settings=site_settings, locale=Locale.get_default())
    with pytest.raises(Exception) as raised:
        translation.full_clean()
    assert "locale" in raised.value.message_dict


@pytest.mark.django_db
def test_menu_for_a_language_is_its_translation():
    vietnamese = Menu.objects.create(title="Menu chính", handle="main", locale=Locale.get_default())
    english = vietnamese.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Main menu"
    english.save()
    assert Menu.for_locale("main", "en") == english


@pytest.mark.django_db
def test_menu_for_a_language_without_one_is_the_vietnamese_menu():
    vietnamese = Menu.objects.create(title="Menu chính", handle="main", locale=Locale.get_default())
    found = Menu.for_locale("main", Locale.objects.get(language_code="km"))
    assert found == vietnamese
    assert found.locale.language_code == "vi"


@pytest.mark.django_db
def test_unknown_menu_is_none():
    assert Menu.for_locale("footer", "en") is None
