"""Give existing gallery, library and attachment rows a translation key and a locale.

The rows were plain child rows until now; wagtail-localize copied them whole into every
translation. Each row gets its own key and the locale of the page it belongs to: the
default (Vietnamese) locale for source pages, the page's own locale for rows that earlier
translations copied. That is Wagtail's BootstrapTranslatableModel step, except that it
reads the locale from the parent page rather than assuming the default, so that no
English page is left holding rows marked Vietnamese. The next sync of a translation
replaces its copied rows with rows keyed like the source's, ready to be translated.
"""

import uuid

from django.db import migrations

CHILD_MODELS = [
    "ArticleAttachment",
    "DirectiveAttachment",
    "GalleryPhoto",
    "GalleryVideo",
    "DocumentLibraryEntry",
]

BATCH_SIZE = 500


def give_keys_and_locales(apps, schema_editor):
    for name in CHILD_MODELS:
        model = apps.get_model("articles", name)
        rows = model.objects.filter(translation_key__isnull=True)
        batch = []
        for pk, page_locale_id in rows.values_list("pk", "page__locale_id").iterator():
            batch.append(model(pk=pk, translation_key=uuid.uuid4(), locale_id=page_locale_id))
            if len(batch) == BATCH_SIZE:
                model.objects.bulk_update(batch, ["translation_key", "locale"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_child_rows_translatable_bootstrap"),
    ]

    operations = [
        migrations.RunPython(give_keys_and_locales, migrations.RunPython.noop),
    ]
