"""The editorial roles (groups and their permissions) and the two approval workflows.

Idempotent: it creates what is missing and changes nothing an administrator set up.
`manage.py setup_editorial_roles` runs the same code again, e.g. after new models
brought new permissions for the administrators' role.
"""

from django.db import migrations


def create_roles_and_workflows(apps, schema_editor):
    from editorial.roles import apply_roles
    from editorial.workflows import apply_workflows

    apply_roles(apps)
    apply_workflows(apps)


class Migration(migrations.Migration):
    # The latest migrations of the apps whose permissions the roles grant, so that
    # those permissions exist when this runs on a fresh database.
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailembeds", "0009_embed_cache_until"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("sessions", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("home", "0003_webhooks"),
        ("articles", "0003_gallery_uploaded_video"),
        ("vnsearch", "0006_unanswered_search"),
    ]

    operations = [
        # Not reversed: removing the groups would silently take people's rights away.
        migrations.RunPython(create_roles_and_workflows, migrations.RunPython.noop),
    ]
