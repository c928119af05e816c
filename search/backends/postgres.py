"""The PostgreSQL engine: Vietnamese search over a GIN-indexed tsvector, ranked by BM25.

Migration 0002 gives every IndexEntry a generated `vector` (each stored term a
lexeme carrying, for each column it occurs in, how often, weighted A title,
B number, C summary, D body) and `term_count` (its length). PostgreSQL's own
ts_rank has no IDF: with question-length OR queries it lets "của" and "và"
decide. So the ranking here is BM25 as FTS5 computes it, with the same column
weights:

    score = Σ_t idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·length/avg_length))

where tf is the term's occurrences weighted by column and
idf(t) = ln(1 + (N − df + 0.5)/(df + 0.5)) over the whole index.

Two phases. First, one statement reads N, the average length and each query
term's document frequency (counts on the GIN index, see `gin_only`). Then the matches come
from the GIN index, and only they are scored, on every query term, from their
vectors. A question of 30 syllables has some 80 terms and "của" alone is in 9
entries of 10: matching on every term would score nearly the whole index. So
matching uses the query's rarest terms, as many as fit in a budget of postings
(CANDIDATE_BUDGET), while every term still counts in the score; frequent terms
match alone only when nothing rarer is asked for. (On a dev set of legal
questions this costs no measurable quality: see bench/search_engines_pg.py.)
What matches depends on the query and the index only, never on the page asked
for: every limit/offset slice is a slice of one ranking (ties broken by object
id), and count() counts exactly what search() ranks.
"""

import math
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from search.analysis import AnalysedQuery
from search.backends.sql import COLUMN_WEIGHTS, restrict_sql
from search.documents import COLUMNS
from search.engines import Counted, Ranking
from search.models import root_content_type

# BM25 parameters, FTS5's.
K1 = 1.2
B = 0.75
# The tsvector weight letter of each column (migration 0002).
WEIGHT_LETTERS = {"title": "A", "number": "B", "summary": "C", "body": "D"}
# Postings (Σ df) the matching terms may have together: bounds the entries scored.
CANDIDATE_BUDGET = 1000
# PostgreSQL refuses lexemes of 2047 bytes or more; the index skipped them too.
MAX_LEXEME_BYTES = 2046

# Each term's count is a lookup of the term in the GIN index: the bitmap of the entries
# holding it, no vector read (the subquery's OFFSET 0 keeps it a lookup of its own);
# N and the average length come from the term_count index (migration 0007). See
# `gin_only` for why the planner is not left to choose.
TERM_LOOKUP = (
    "SELECT e.id, e.content_type_id, e.object_id FROM vnsearch_indexentry e "
    "WHERE e.vector @@ q.query OFFSET 0"
)
STATISTICS_SQL = f"""
SELECT s.n, s.avg_length,
       ARRAY(SELECT (SELECT count(*) FROM ({TERM_LOOKUP}) holding)
             FROM unnest(%s::tsquery[]) WITH ORDINALITY AS q(query, i) ORDER BY q.i)
FROM (SELECT count(*) AS n, coalesce(avg(term_count), 0)::float8 AS avg_length
      FROM vnsearch_indexentry) s
"""
# Per term, among the index entries of a queryset's rows (`{{restrict}}`): how many hold
# it (count) or whether any does (present: the first entry found is enough).
PER_TERM = {
    "count": "SELECT count(*) FROM ({lookup}) holding {{where}}",
    "present": "SELECT EXISTS (SELECT 1 FROM ({lookup}) holding {{where}})",
}


def per_term_sql(kind: str, restrict: str) -> str:
    """One statement answering PER_TERM[kind] for every term, in order."""
    where = "WHERE holding.content_type_id = %s AND holding.object_id IN (SELECT id FROM allowed)"
    value = PER_TERM[kind].format(lookup=TERM_LOOKUP).format(where=where)
    return f"""
WITH allowed(id) AS MATERIALIZED ({restrict})
SELECT ARRAY(
    SELECT ({value})
    FROM unnest(%s::tsquery[]) WITH ORDINALITY AS q(query, i) ORDER BY q.i)
"""


@contextmanager
def gin_only():
    """Statements run inside read the index table through its indexes only.

    Left to choose, the planner counts a term's entries with a sequential scan as soon
    as it guesses the GIN index dearer (a common term, a long pending list on a freshly
    imported site): its cost model does not count decompressing every entry's vector,
    which makes that scan some 100 times slower than the index (3 s against 31 ms for a
    question on 10,000 pages). So sequential scans are off for these statements only (a
    transaction-local setting, put back afterwards), and JIT with them: the disabled
    paths' cost would otherwise make every such statement look worth compiling.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        previous = cursor.fetchone()
        cursor.execute(
            "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
        )
        yield cursor
        # On an error the transaction (or savepoint) rolls back, and the settings with it.
        cursor.execute(
            "SELECT set_config('enable_seqscan', %s, true), set_config('jit', %s, true)",
            list(previous),
        )


def quote_term(term: str, weights: str = "") -> str:
    """One term as a tsquery operand: quoted, so no parser splits "hoa_giai"."""
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:{weights}" if weights else quoted


def indexable(term: str) -> bool:
    return bool(term) and len(term.encode()) <= MAX_LEXEME_BYTES


@dataclass(frozen=True)
class Plan:
    """How one query runs against the index as it is now."""

    terms: list[str]  # every query term found in the index
    idfs: list[float]  # their IDF, in the same order
    matching: list[str]  # the terms an entry must have one of to be a match
    avg_length: float


class PostgresEngine:
    """Stateless: what one result set computes (statistics, ranking) lives in the `memo`
    its query compiler hands in, so a request computes each once and nothing outlives it."""

    # --- statistics -----------------------------------------------------------------------

    def _statistics(self, terms: list[str]) -> tuple[int, float, list[int]]:
        """N, the average entry length and each term's document frequency."""
        with gin_only() as cursor:
            cursor.execute(STATISTICS_SQL, [[quote_term(term) for term in terms]])
            n, avg_length, frequencies = cursor.fetchone()
        return n, avg_length, list(frequencies)

    def document_frequencies(self, terms: list[str], pages) -> dict[str, int]:
        """How many index entries of `pages` hold each term (0 for unknown ones)."""
        unique = list(dict.fromkeys(terms))
        frequencies = dict.fromkeys(unique, 0)
        known = [term for term in unique if indexable(term)]
        if known:
            counts = self._per_term("count", known, pages)
            frequencies.update(zip(known, counts, strict=True))
        return frequencies

    def terms_present(self, terms: list[str], pages) -> set[str]:
        """The terms some index entry of `pages` holds."""
        known = [term for term in dict.fromkeys(terms) if indexable(term)]
        if not known:
            return set()
        found = self._per_term("present", known, pages)
        return {term for term, present in zip(known, found, strict=True) if present}

    def _per_term(self, kind: str, terms: list[str], pages) -> list:
        restrict, restrict_params = restrict_sql(pages)
        with gin_only() as cursor:
            cursor.execute(
                per_term_sql(kind, restrict),
                [
                    *restrict_params,
                    root_content_type(pages.model).pk,
                    [quote_term(term) for term in terms],
                ],
            )
            (values,) = cursor.fetchone()
        return list(values)

    def plan(self, analysed: AnalysedQuery, memo: dict | None = None) -> Plan | None:
        terms = [term for term in analysed.terms if indexable(term)]
        if not terms:
            return None
        memo = {} if memo is None else memo
        key = ("plan", *terms)
        if key not in memo:
            memo[key] = self._plan(terms)
        return memo[key]

    def _plan(self, terms: list[str]) -> Plan | None:
        n, avg_length, frequencies = self._statistics(terms)
        found = sorted(
            ((df, term) for term, df in zip(terms, frequencies, strict=True) if df),
        )
        if not found:
            return None
        matching, postings = [], 0
        for df, term in found:
            if matching and postings + df > CANDIDATE_BUDGET:
                break
            matching.append(term)
            postings += df
        return Plan(
            terms=[term for _, term in found],
            idfs=[math.log(1 + (n - df + 0.5) / (df + 0.5)) for df, _ in found],
            matching=matching,
            avg_length=avg_length or 1.0,
        )

    # --- matching and ranking -------------------------------------------------------------

    def _where(self, queryset, plan: Plan, columns: list[str]) -> tuple[str, list]:
        restrict, restrict_params = restrict_sql(queryset)
        letters = "".join(WEIGHT_LETTERS[column] for column in columns)
        weights = "" if columns == list(COLUMNS) else letters
        tsquery = " | ".join(quote_term(term, weights) for term in plan.matching)
        # The tsquery as a parameter the planner cannot read: it then trusts the GIN
        # index, instead of guessing a sequential scan cheaper (it does not count the
        # cost of reading every vector).
        sql = (
            "e.vector @@ (SELECT %s::tsquery) AND e.content_type_id = %s "
            f"AND e.object_id IN ({restrict})"
        )
        return sql, [tsquery, root_content_type(queryset.model).pk, *restrict_params]

    def rank(self, queryset, analysed, columns, limit, offset, memo=None) -> Ranking:
        """A slice of the ranking; `memo` (the result set's) keeps the ranking for the
        next slice and the count."""
        return Ranking(self._ranking(queryset, analysed, columns, memo)[offset:][:limit])

    def _ranking(self, queryset, analysed, columns, memo) -> list[tuple[int, float]]:
        memo = {} if memo is None else memo
        plan = self.plan(analysed, memo)
        if plan is None:
            return []
        where, params = self._where(queryset, plan, columns)
        key = ("ranking", repr((plan, columns, where, params)))
        if key not in memo:
            memo[key] = self._rank(plan, columns, where, params)
        return memo[key]

    def _rank(self, plan: Plan, columns: list[str], where: str, params: list):
        """Every match, best first, as (object id, score)."""
        # Column weights by column index; columns not searched weigh nothing.
        weights = ", ".join(
            str(COLUMN_WEIGHTS[column] if column in columns else 0.0) for column in COLUMNS
        )
        # tf = Σ column weight × occurrences, read from the lexeme's positions
        # (one a column: 4 × occurrences + column index, see migration 0002).
        tf = " + ".join(
            f"coalesce((ARRAY[{weights}]::float8[])[l.positions[{i}] %% 4 + 1]"
            f" * (l.positions[{i}] / 4), 0)"
            for i in range(1, len(COLUMNS) + 1)
        )
        # The entry's vector cut down to the query's lexemes (marked A after all are
        # made D, then filtered on A), summed in lexeme order: deterministic, so equal
        # entries score exactly equal in any slice and the object id breaks the tie.
        query = f"""
            SELECT e.object_id, {K1 + 1} * (
                SELECT coalesce(sum(
                    (%s::float8[])[array_position(%s::text[], l.lexeme)] * t.tf / (t.tf + n.norm)
                ), 0)
                FROM unnest(ts_filter(
                    setweight(setweight(e.vector, 'D'), 'A', %s::text[]), '{{a}}')) AS l
                CROSS JOIN LATERAL (SELECT ({tf})::float8 AS tf) AS t
            ) AS score
            FROM vnsearch_indexentry e
            CROSS JOIN LATERAL (
                SELECT {K1} * ({1 - B} + {B} * e.term_count / %s::float8) AS norm
            ) AS n
            WHERE {where}
            ORDER BY score DESC, e.object_id
        """
        score_params = [plan.idfs, plan.terms, plan.terms, plan.avg_length]
        with connection.cursor() as cursor:
            cursor.execute(query, [*score_params, *params])
            return cursor.fetchall()

    def count(self, queryset, analysed, columns, memo=None) -> Counted:
        # The length of the (memoised) ranking: a result set is counted and then sliced,
        # and ranking every match costs little more than counting them apart.
        return Counted(len(self._ranking(queryset, analysed, columns, memo)))

    # --- index maintenance: the generated columns and the GIN index follow the table -----

    def after_write(self, index, model, items):
        """The generated columns and the GIN index follow the table."""

    def after_delete(self, index, item):
        """The generated columns and the GIN index follow the table."""

    def after_reset(self, index):
        """The generated columns and the GIN index follow the table."""
