"""PostgreSQL: an index over `term_count`, so that BM25's N and average length are read
from it (an index-only scan) and the statistics statement never scans the table itself
(search.backends.postgres.gin_only)."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS vnsearch_indexentry_term_count "
            "ON vnsearch_indexentry (term_count)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS vnsearch_indexentry_term_count")


class Migration(migrations.Migration):
    dependencies = [("vnsearch", "0006_unanswered_search")]

    operations = [migrations.RunPython(forward, backward)]
