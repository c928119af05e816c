"""The full-text index over IndexEntry, in each database's own way.

SQLite: an FTS5 table with external content, kept in step by triggers. The
tokenizer keeps "_" inside tokens (syllable pairs such as "hoa_giai") and does
no accent folding of its own: search.analysis already did it.

PostgreSQL: a generated tsvector built from the stored terms as they are
(no parser, no dictionary) with each term's occurrences per column, weighted
by column (A title, B number, C summary, D body), and a GIN index over it; and
a generated count of terms, BM25's document length. search.backends.postgres
ranks with both.
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
    # Documents per term, for document_frequencies() (typo recovery, "did you mean").
    "CREATE VIRTUAL TABLE vnsearch_vocab USING fts5vocab(vnsearch_fts, 'row')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS vnsearch_vocab",
    "DROP TRIGGER IF EXISTS vnsearch_indexentry_au",
    "DROP TRIGGER IF EXISTS vnsearch_indexentry_ad",
    "DROP TRIGGER IF EXISTS vnsearch_indexentry_ai",
    "DROP TABLE IF EXISTS vnsearch_fts",
]


# The vector of an entry: every stored term as a lexeme with, for each column it
# occurs in, one position that says how often: position = 4 × occurrences + the
# column's index (0 title, 1 number, 2 summary, 3 body), weighted by column
# (A title, B number, C summary, D body) so a tsquery can ask for one column.
# BM25 needs how often, not where; array_to_tsvector would keep neither (it drops
# positions, and with them the weights). PostgreSQL's limits are kept rather than
# failing the save: occurrences count up to 4095 a column, lexemes are under 2047
# bytes, and under 1 MB of lexemes, the first seen (title first) are kept.
POSTGRES_VECTOR_FUNCTION = r"""
    CREATE FUNCTION vnsearch_vector(title text, number text, summary text, body text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(lexeme, ' '), '')::tsvector
        FROM (
            SELECT
                '''' || replace(replace(term, '\', '\\'), '''', '''''') || ''':'
                    || string_agg((least(n, 4095) * 4 + col - 1) || weight, ',') AS lexeme,
                sum(octet_length(term) + 1) OVER (ORDER BY min(col * 1099511627776 + first))
                    AS bytes
            FROM (
                SELECT t.term, c.col, c.weight, count(*) AS n, min(t.ord) AS first
                FROM unnest(ARRAY[title, number, summary, body], '{A,B,C,D}'::text[])
                     WITH ORDINALITY AS c(terms, weight, col)
                CROSS JOIN LATERAL unnest(string_to_array(c.terms, ' '))
                     WITH ORDINALITY AS t(term, ord)
                WHERE t.term <> '' AND octet_length(t.term) < 2047
                GROUP BY t.term, c.col, c.weight
            ) columns
            GROUP BY term
        ) lexemes
        WHERE bytes < 1000000
    $$
"""


def term_count(column: str) -> str:
    return f"coalesce(array_length(string_to_array(nullif({column}, ''), ' '), 1), 0)"


POSTGRES_FORWARD = [
    POSTGRES_VECTOR_FUNCTION,
    "ALTER TABLE vnsearch_indexentry ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "vnsearch_vector(title, number, summary, body)) STORED",
    # How many terms the entry has, all columns together: BM25's document length.
    "ALTER TABLE vnsearch_indexentry ADD COLUMN term_count integer GENERATED ALWAYS AS ("
    + " + ".join(term_count(column) for column in ("title", "number", "summary", "body"))
    + ") STORED",
    "CREATE INDEX vnsearch_indexentry_vector ON vnsearch_indexentry USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS vnsearch_indexentry_vector",
    "ALTER TABLE vnsearch_indexentry DROP COLUMN IF EXISTS term_count",
    "ALTER TABLE vnsearch_indexentry DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS vnsearch_vector(text, text, text, text)",
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
