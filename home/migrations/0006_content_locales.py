"""The content languages as Wagtail locales: Vietnamese (the default, made by
Wagtail's own first migration from LANGUAGE_CODE), English and Khmer.

Locales are rows, not settings: an administrator can add or remove one under
Settings → Locales; this only makes sure a fresh site starts with the three.
"""

from django.db import migrations

CONTENT_LANGUAGES = ("vi", "en", "km")


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    for code in CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def remove_unused_locales(apps, schema_editor):
    """Going back removes English and Khmer only where nothing was written in them."""
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    for code in ("en", "km"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale and not Page.objects.filter(locale=locale).exists():
            locale.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_site_settings_translation"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(create_locales, remove_unused_locales)]
