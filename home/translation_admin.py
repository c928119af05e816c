"""The admin side of translation (wagtail-localize): what is out of date, and which
languages pages may be translated into.

Out of date: a translation is made from a frozen copy of the Vietnamese page
(wagtail-localize's TranslationSource). When an editor changes the Vietnamese
page afterwards, its translations no longer say the same thing until someone
syncs them (*Sync translated pages* on the source page) and translates the new
text. Editors see it on the edit screens of both pages.

The admin's own language: Vietnamese or English, never Khmer (see
AdminLanguageMiddleware).

Not enabled: wagtail-localize offers every Locale row, including one whose
language was taken out of WAGTAIL_CONTENT_LANGUAGES, and ignores a language it
does not know (`?select_locale=fr`). Here translating is limited to the enabled
content languages, and asking for another one says so.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import submit_translations


class AdminLanguageMiddleware:
    """The admin speaks Vietnamese unless the editor chose English in their account.

    LocaleMiddleware follows the browser's Accept-Language, so an editor with an
    English (or Khmer) browser would get an English (or Khmer) admin. The editors'
    working language is Vietnamese whatever their browser says; Wagtail applies an
    editor's own choice (Account → Preferences) itself, inside the admin's views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(reverse("wagtailadmin_home")):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


def enabled_locales():
    """Locales content may be written in: a row in Locales whose language is configured."""
    return Locale.objects.filter(language_code__in=get_content_languages())


def locale_names(locales) -> str:
    return ", ".join(f"{locale.get_display_name()} ({locale.language_code})" for locale in locales)


# --- out of date ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TranslationState:
    translation: Translation
    # The source page changed after the translation's copy of it was taken (synced).
    source_changed: bool
    # Strings of the synced source that have no translation yet.
    untranslated: int

    @property
    def out_of_date(self) -> bool:
        return self.source_changed or self.untranslated > 0


def last_edited(page: Page) -> datetime | None:
    revision = page.get_latest_revision()
    return revision.created_at if revision else page.last_published_at


def translation_states(page: Page) -> list[TranslationState]:
    """The state of every translation made from `page` (its source), by language."""
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return []
    edited = last_edited(page)
    states = []
    for made in source.translations.filter(enabled=True).select_related("target_locale"):
        total, translated = made.get_progress()
        states.append(
            TranslationState(
                translation=made,
                source_changed=bool(edited and edited > source.last_updated_at),
                untranslated=total - translated,
            )
        )
    return sorted(states, key=lambda state: state.translation.target_locale.language_code)


def source_translation(page: Page) -> Translation | None:
    """The translation that made `page`, if it is a translation."""
    return (
        Translation.objects.filter(
            target_locale_id=page.locale_id, source__object_id=page.translation_key, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source")
        .first()
    )


def out_of_date_message(page: Page) -> str | None:
    """What the edit screen of `page` says about translations that are behind, if any."""
    behind = [state for state in translation_states(page) if state.out_of_date]
    if behind:
        names = locale_names(state.translation.target_locale for state in behind)
        if any(state.source_changed for state in behind):
            return _(
                "Translations out of date: %(languages)s. This page changed after they were "
                "last synced; use “Sync translated pages” in the Actions menu, then "
                "translate the new text."
            ) % {"languages": names}
        return _(
            "Translations out of date: %(languages)s. Some text of this page is not translated yet."
        ) % {"languages": names}
    made_from = source_translation(page)
    if made_from is None:
        return None
    edited = last_edited(made_from.source.get_source_instance())
    if edited and edited > made_from.source.last_updated_at:
        return _(
            "This translation is out of date: the %(language)s page it was made from "
            "changed after it was last synced."
        ) % {"language": made_from.source.locale.get_display_name()}
    return None


@hooks.register("before_edit_page")
def warn_about_out_of_date_translations(request, page):
    if request.method == "GET":
        message = out_of_date_message(page)
        if message:
            messages.warning(request, message)


# --- languages that are not enabled ----------------------------------------------------------


class EnabledLocalesForm(submit_translations.SubmitTranslationForm):
    """wagtail-localize's form, offering only the enabled content languages."""

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        field = self.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=enabled_locales())
        field.error_messages["invalid_choice"] = not_enabled_text()


def not_enabled_text(language: str | None = None) -> str:
    enabled = locale_names(enabled_locales().order_by("pk"))
    if language:
        text = _(
            "Pages cannot be translated into “%(language)s”: it is not enabled for content "
            "on this site. Enabled languages: %(enabled)s. An administrator can add a "
            "language under Settings → Locales."
        ) % {"language": language, "enabled": enabled}
    else:
        text = _(
            "That language is not enabled for content on this site. Enabled languages: "
            "%(enabled)s. An administrator can add a language under Settings → Locales."
        ) % {"enabled": enabled}
    # Django formats the form error with its own parameters: keep any % literal.
    return text.replace("%", "%%")


class EnabledLocalesMixin:
    def get_form(self):
        if self.request.method == "POST":
            return EnabledLocalesForm(self.object, self.request.POST)
        form = EnabledLocalesForm(self.object)
        wanted = self.request.GET.get("select_locale")
        if wanted:
            locale = form.fields["locales"].queryset.filter(language_code=wanted).first()
            if locale is None:
                # The form template shows field errors only: say it above the form.
                messages.error(self.request, not_enabled_text(wanted).replace("%%", "%"))
            else:
                form.initial = {"locales": [locale]}
        return form


class SubmitPageTranslationView(EnabledLocalesMixin, submit_translations.SubmitPageTranslationView):
    pass


class SubmitSnippetTranslationView(
    EnabledLocalesMixin, submit_translations.SubmitSnippetTranslationView
):
    pass


@hooks.register("register_admin_urls")
def register_translation_urls():
    # The same addresses as wagtail-localize's views, found first (this app's hooks run
    # before wagtail_localize's), so its "Translate" buttons lead here.
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="govcms_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="govcms_submit_snippet_translation",
        ),
    ]
