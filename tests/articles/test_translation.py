"""Translating articles and directives with wagtail-localize: what travels, what is
translated, PO files for outside translators, and what is out of date."""

import io

import polib
import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils.translation import override as translation_override
from wagtail.models import Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage, DirectivePage, IssuingBody
from home.translation_admin import out_of_date_message, translation_states
from tests.site_tree import add_published

ENGLISH = {
    "Tập huấn hòa giải ở cơ sở": "Training for community mediators",
    "Hội nghị tập huấn cho hòa giải viên.": "A training conference for mediators.",
    "Chỉ thị về công tác hòa giải": "Directive on mediation",
    "Tăng cường lãnh đạo công tác hòa giải ở cơ sở.": "Stronger leadership of community mediation.",
    "T/M Ban Thường vụ": "On behalf of the Standing Committee",
    "tap-huan": "training",
    "chi-thi-05": "directive-05",
}


@pytest.fixture
def article(news_section) -> ArticlePage:
    return add_published(
        news_section,
        ArticlePage(
            title="Tập huấn hòa giải ở cơ sở",
            lead="Hội nghị tập huấn cho hòa giải viên.",
            slug="tap-huan",
        ),
    )


@pytest.fixture
def directive(directive_register, directive_type) -> DirectivePage:
    body, _ = IssuingBody.objects.get_or_create(
        name="Ban Thường vụ Tỉnh ủy", code="TU", locale=Locale.get_default()
    )
    return add_published(
        directive_register,
        DirectivePage(
            title="Chỉ thị về công tác hòa giải",
            number="05-CT/TU",
            document_type=directive_type,
            issuing_body=body,
            signer_title="T/M Ban Thường vụ",
            abstract="Tăng cường lãnh đạo công tác hòa giải ở cơ sở.",
            slug="chi-thi-05",
        ),
    )


def translate(page, locale, strings=ENGLISH) -> Translation:
    """Submit `page` for translation, fill its PO file as a translator would, publish."""
    translate_object(page, [locale])
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, "")
    translation.import_po(po)
    publish(translation)
    return translation


def publish(translation: Translation) -> None:
    """Save the translated page and publish it (wagtail-localize publishes on commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)


def source_strings(page) -> set[str]:
    source = TranslationSource.objects.get_for_instance(page)
    return set(StringSegment.objects.filter(source=source).values_list("string__data", flat=True))


def synchronised_fields(page) -> set[str]:
    """Fields copied from the source as they are, never offered for translation."""
    return {
        field.field_name
        for field in get_translatable_fields(type(page))
        if field.is_synchronized(page) and not field.is_translated(page)
    }


def test_article_segments_are_its_title_lead_and_slug(article, english):
    translate_object(article, [english])
    assert source_strings(article) == {
        "Tập huấn hòa giải ở cơ sở",
        "Hội nghị tập huấn cho hòa giải viên.",
        "tap-huan",
    }


def test_article_date_image_and_byline_are_synchronised_not_translated(article):
    # Attachments travel as rows whose file is synchronised and whose title is
    # translated: tests/articles/test_translation_child_rows.py.
    assert {"display_date", "hero_image", "byline"} <= synchronised_fields(article)


def test_article_title_lead_caption_and_body_are_translated(article):
    translated = {
        f.field_name for f in get_translatable_fields(ArticlePage) if f.is_translated(article)
    }
    assert {"title", "lead", "hero_caption", "body"} <= translated


def test_directive_segments_are_its_texts_not_its_number(directive, english):
    translate_object(directive, [english])
    strings = source_strings(directive)
    assert "Tăng cường lãnh đạo công tác hòa giải ở cơ sở." in strings
    assert "T/M Ban Thường vụ" in strings
    assert not any("05-CT/TU" in text for text in strings)


def test_directive_number_dates_and_issuing_body_are_synchronised(directive):
    assert {
        "number",
        "issue_date",
        "effective_date",
        "expiry_date",
        "issuing_body",
        "document_type",
    } <= synchronised_fields(directive)


def test_directive_number_is_offered_only_as_an_override(directive, english):
    translate_object(directive, [english])
    source = TranslationSource.objects.get_for_instance(directive)
    assert OverridableSegment.objects.filter(source=source, context__path="number").exists()


def test_translated_article_carries_the_translated_text(article, english):
    translate(article, english)
    translated = ArticlePage.objects.get(translation_key=article.translation_key, locale=english)
    assert translated.live
    assert translated.title == "Training for community mediators"
    assert translated.lead == "A training conference for mediators."
    assert translated.display_date == article.display_date


def test_translated_directive_keeps_the_number_and_issuing_body(directive, english):
    translate(directive, english)
    translated = DirectivePage.objects.get(
        translation_key=directive.translation_key, locale=english
    )
    assert translated.title == "Directive on mediation"
    assert translated.abstract == "Stronger leadership of community mediation."
    assert translated.number == "05-CT/TU"
    assert translated.number_key == "5-CT/TU"
    assert translated.issuing_body == directive.issuing_body


def test_a_new_number_in_the_source_reaches_the_translation_on_sync(directive, english):
    translation = translate(directive, english)
    directive.number = "06-CT/TU"
    directive.save_revision().publish()
    translation.source.update_from_db()
    publish(translation)
    translated = DirectivePage.objects.get(
        translation_key=directive.translation_key, locale=english
    )
    assert translated.number == "06-CT/TU"


def test_a_fresh_translation_is_not_out_of_date(article, english):
    translate(article, english)
    assert [state.out_of_date for state in translation_states(article)] == [False]


def test_editing_the_source_marks_its_translation_out_of_date(article, english):
    translate(article, english)
    article.lead = "Hội nghị tập huấn nghiệp vụ cho hòa giải viên năm 2021."
    article.save_revision().publish()
    [state] = translation_states(article)
    assert state.source_changed and state.out_of_date


def test_after_a_sync_the_new_text_is_what_remains_to_translate(article, english):
    translation = translate(article, english)
    article.lead = "Hội nghị tập huấn nghiệp vụ cho hòa giải viên năm 2021."
    article.save_revision().publish()
    translation.source.update_from_db()
    [state] = translation_states(article)
    assert not state.source_changed
    assert state.untranslated == 1


def test_edit_screen_of_the_source_says_which_translation_is_out_of_date(
    admin_client, article, english
):
    translate(article, english)
    article.title = "Tập huấn hòa giải ở cơ sở năm 2021"
    article.save_revision().publish()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert "(en)" in response.content.decode()
    assert out_of_date_message(article) in [str(m) for m in response.context["messages"]]


def test_translation_says_its_source_changed(article, english):
    translate(article, english)
    article.title = "Tập huấn hòa giải ở cơ sở năm 2021"
    article.save_revision().publish()
    translated = ArticlePage.objects.get(translation_key=article.translation_key, locale=english)
    with translation_override("en"):
        assert "This translation is out of date" in out_of_date_message(translated)


# --- PO files for outside translators, through the admin ---------------------------------


def test_po_file_downloads_with_every_string_to_translate(admin_client, article, english):
    translate_object(article, [english])
    translation = Translation.objects.get(source__object_id=article.translation_key)
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(response.content.decode())
    assert {entry.msgid for entry in po} == source_strings(article)


def test_po_file_uploaded_by_a_translator_fills_the_translation(admin_client, article, english):
    translate_object(article, [english])
    translation = Translation.objects.get(source__object_id=article.translation_key)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    upload = io.BytesIO(str(po).encode())
    upload.name = "training.po"
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert translation.get_progress() == (3, 3)


# --- which languages ----------------------------------------------------------------------


def test_translating_into_a_language_that_is_not_enabled_is_refused_with_a_message(
    admin_client, article, settings
):
    settings.WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
    khmer = Locale.objects.get(language_code="km")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
        {"locales": [khmer.pk]},
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["locales"]
    # In the admin's language, Vietnamese: "not enabled for content on this site".
    assert "chưa được bật cho nội dung" in error
    assert "English (en)" in error
    assert not ArticlePage.objects.filter(locale=khmer).exists()


def test_asking_to_translate_into_an_unknown_language_says_it_is_not_enabled(admin_client, article):
    response = admin_client.get(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
        {"select_locale": "fr"},
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("“fr”" in message and "chưa được bật" in message for message in shown)


def test_the_translate_form_offers_the_enabled_languages(admin_client, article):
    response = admin_client.get(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk])
    )
    offered = response.context["form"].fields["locales"].queryset
    assert sorted(offered.values_list("language_code", flat=True)) == ["en", "km"]


# --- machine translation: a setting ------------------------------------------------------------


def machine_translate(admin_client, translation: Translation):
    return admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )


def test_machine_translation_is_not_offered_by_default(admin_client, article, english):
    translate_object(article, [english])
    translation = Translation.objects.get(source__object_id=article.translation_key)
    assert machine_translate(admin_client, translation).status_code == 404
    assert translation.get_progress() == (3, 0)


def test_machine_translation_fills_the_strings_when_a_translator_is_set(
    admin_client, article, english, settings
):
    # wagtail-localize's dummy translator (reverses the words) stands in for a real
    # service, which would need the internet.
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
    translate_object(article, [english])
    translation = Translation.objects.get(source__object_id=article.translation_key)
    assert machine_translate(admin_client, translation).status_code == 302
    assert translation.get_progress() == (3, 3)
