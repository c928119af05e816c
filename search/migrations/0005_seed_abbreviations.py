from django.db import migrations


def seed(apps, schema_editor):
    from search.abbreviations import DEFAULT_ABBREVIATIONS

    Abbreviation = apps.get_model("vnsearch", "Abbreviation")
    for abbreviation, expansion in DEFAULT_ABBREVIATIONS:
        Abbreviation.objects.get_or_create(abbreviation=abbreviation, expansion=expansion)


class Migration(migrations.Migration):
    dependencies = [("vnsearch", "0004_abbreviation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
