"""The full-text index over IndexEntry, in each database's own way.

SQLite: an FTS5 table with external content, kept in step by triggers. The
tokenizer keeps "_" inside tokens (syllable pairs such as "hoa_giai") and does
no accent folding of its own: search.analysis already did it.

PostgreSQL: a generated tsvector built from the stored terms as they are
(no parser, no dictionary), weighted A–D per column, with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE vnsearch_fts USING fts5(
        title, number, summary, body,
        content='vnsearch_indexentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )
    """,
    """
    CREATE TRIGGER vnsearch_indexentry_ai AFTER INSERT ON vnsearch_indexentry BEGIN
        INSERT INTO vnsearch_fts(rowid, title, number, summary, body)
        VALUES (new.id, new.title, new.number, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER vnsearch_indexentry_ad AFTER DELETE ON vnsearch_indexentry BEGIN
        INSERT INTO vnsearch_fts(vnsearch_fts, rowid, title, number, summary, body)
        VALUES ('delete', old.id, old.title, old.number, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER vnsearch_indexentry_au AFTER UPDATE ON vnsearch_indexentry BEGIN
        INSERT INTO vnsearch_fts(vnsearch_fts, rowid, title, number, summary, body)
        VALUES ('delete', old.id, old.title, old.number, old.summary, old.body);
        INSERT INTO vnsearch_fts(rowid, title, number, summary, body)
        VALUES (new.id, new.title, new.number, new.summary, new.body);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS vnsearch_indexentry_au",
    "DROP TRIGGER IF EXISTS vnsearch_indexentry_ad",
    "DROP TRIGGER IF EXISTS vnsearch_indexentry_ai",
    "DROP TABLE IF EXISTS vnsearch_fts",
]


def terms_vector(column: str, weight: str) -> str:
    return (
        f"setweight(array_to_tsvector(regexp_split_to_array(nullif({column}, ''), ' ')), "
        f"'{weight}')"
    )


POSTGRES_FORWARD = [
    "ALTER TABLE vnsearch_indexentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    f"coalesce({terms_vector('title', 'A')}, ''::tsvector) || "
    f"coalesce({terms_vector('number', 'A')}, ''::tsvector) || "
    f"coalesce({terms_vector('summary', 'B')}, ''::tsvector) || "
    f"coalesce({terms_vector('body', 'D')}, ''::tsvector)) STORED",
    "CREATE INDEX vnsearch_indexentry_vector ON vnsearch_indexentry USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS vnsearch_indexentry_vector",
    "ALTER TABLE vnsearch_indexentry DROP COLUMN IF EXISTS vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("vnsearch", "0001_index_entry")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
