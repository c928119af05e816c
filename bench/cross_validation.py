"""Search ranking measured so that it cannot fit the questions it reports on (issue #16).

Five folds of the 509 dev questions (fixed seed, written to bench/cv_folds.json, question
ids only). Everything the reranker learns — the question-boilerplate table, the
weights of search.features, the regularisation and the depth reranked — is chosen on
four folds and scored on the fifth; the report gives the mean of the five held-out
folds per backend and spelling, with the in-sample score (everything chosen on all
questions, as the shipped model is) beside it.

Two steps, so that no weight is ever tried by querying an engine:

    dump   each question, in each spelling, runs ONCE through `/api/search/` on a
           backend (the whole product path: typing recovery, abbreviations), with the
           reranker switched off and the engine's first --depth matches captured with
           the query's analysis; the index entries of every candidate are dumped once
           per database (var/bench/ranking/*.jsonl).
    fit    offline: features (search.features, the very code the product runs) for
           every candidate, folds, a pairwise logistic regression per fold, the tables;
           --write-model writes search/reranker_model.json from all questions.

    .venv/bin/python bench/cross_validation.py prepare --backend sqlite   # and the others
    .venv/bin/python bench/cross_validation.py dump --backend sqlite
    .venv/bin/python bench/cross_validation.py dump --backend postgres
    .venv/bin/python bench/cross_validation.py dump --backend elasticsearch
    .venv/bin/python bench/cross_validation.py fit --backends sqlite,postgres,elasticsearch
    .venv/bin/python bench/cross_validation.py fit --write-model
    .venv/bin/python bench/cross_validation.py confirm --backends sqlite   # through the API

The databases are bench/search_quality.py's (its import and helpers), kept apart from
other runs: var/bench/ranking/search_quality.sqlite3, the PostgreSQL database
govcms_ranking_bench, the Elasticsearch index prefix ranking_bench_.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import search_quality as sq  # noqa: E402

OUT = ROOT / "var" / "bench" / "ranking"
FOLDS_FILE = ROOT / "bench" / "cv_folds.json"
SQLITE_PATH = OUT / "search_quality.sqlite3"
PG_DATABASE = "govcms_ranking_bench"
ES_PREFIX = "ranking_bench_"
SEED = 16
K_FOLDS = 5
DEPTH = 100  # candidates dumped per question
BACKENDS = ("sqlite", "postgres", "elasticsearch")

# Choices made on the training folds (inner cross-validation), never on the held-out one.
C_GRID = (0.1, 1.0)
DEPTH_GRID = (30, 50)
# Question boilerplate: terms used by more than this share of the training questions
# are down-weighted; fixed before any measurement (one question in fifty).
BOILERPLATE_FLOOR = 0.02


# --- Databases --------------------------------------------------------------------------------


def postgres_url() -> str:
    server = os.environ.get("RANKING_PG_SERVER", "postgres://govcms:govcms@127.0.0.1:54329")
    return f"{server}/{PG_DATABASE}"


def search_url() -> str:
    return os.environ.get("RANKING_ES_URL", "http://127.0.0.1:59200")


def backend_env(backend: str) -> dict[str, str]:
    sq.ES_PREFIX = ES_PREFIX
    if backend == "postgres":
        return sq.django_env(postgres_url())
    sqlite = f"sqlite:///{SQLITE_PATH}"
    if backend == "elasticsearch":
        return sq.django_env(sqlite, search_url())
    return sq.django_env(sqlite)


def prepare(backend: str, code: str | None) -> None:
    """Import the corpus into the backend's database (search_quality's helpers), with
    `code`'s manage.py when given."""
    if code:
        sq.ROOT = Path(code).resolve()
    phases = sq.Phases()
    articles = sum(1 for _ in sq.read_jsonl(sq.ARTICLES))
    OUT.mkdir(parents=True, exist_ok=True)
    if backend == "postgres":
        sq.PG_DATABASE = PG_DATABASE
        sq.create_postgres_database(postgres_url(), rebuild=False)
        sq.prepare_database("postgres", postgres_url(), articles, phases)
        fill_index(postgres_url(), articles)
        return
    sq.prepare_database("sqlite", f"sqlite:///{SQLITE_PATH}", articles, phases)
    fill_index(f"sqlite:///{SQLITE_PATH}", articles)
    if backend == "elasticsearch":
        sq.ES_PREFIX = ES_PREFIX
        sq.fill_elasticsearch(f"sqlite:///{SQLITE_PATH}", search_url(), False, phases)


def fill_index(database_url: str, articles: int) -> None:
    """Index the pages unless done: page saves queue their indexing as tasks
    (django_tasks' database backend), which no worker runs here."""
    if sq.scalar(database_url, "SELECT count(*) FROM vnsearch_indexentry") < articles:
        sq.manage(sq.django_env(database_url), "update_index")


# --- Dump (in a worker with Django) -----------------------------------------------------------


def candidates_file(backend: str) -> Path:
    return OUT / f"candidates_{backend}.jsonl"


def entries_file(backend: str) -> Path:
    database = "sqlite" if backend == "elasticsearch" else backend  # ES serves SQLite's pages
    return OUT / f"entries_{database}.jsonl"


def dump(backend: str, limit: int | None, code: str | None, variants: str | None) -> None:
    command = [sys.executable, __file__, "dump-worker", "--backend", backend]
    if code:
        command += ["--code", code]
    env = backend_env(backend)
    if variants:
        env["RANKING_VARIANTS"] = variants
    if limit:
        command += ["--limit-queries", str(limit)]
    subprocess.run(command, env=env, check=True)


def dump_worker(backend: str, limit: int | None, code: str | None) -> None:
    """Ask every question in every spelling once; keep the engine's candidates.

    `code`: a copy of the project (e.g. `git archive` of the commit the database was
    imported with) whose search runs instead of this working tree's.
    """
    if code:
        sys.path.insert(0, str(Path(code).resolve()))
        os.chdir(code)
    import django

    django.setup()
    from django.test import Client
    from wagtail.models import Page

    import search.ranking
    import search.reranking
    from articles.models import ImportRecord
    from search.models import IndexEntry, root_content_type

    captured = {}

    def capture(ranked, analysed, entries, columns):
        captured["analysed"] = {
            "folded": analysed.folded,
            "pairs": analysed.pairs,
            "extra": analysed.extra,
        }
        captured["ranked"] = ranked
        return ranked

    # The engine's first DEPTH, unreranked, exactly as the API's search asks for them.
    search.ranking.rerank = capture
    search.ranking.RERANK_DEPTH = search.reranking.RERANK_DEPTH = DEPTH
    client = Client()
    questions = sq.load_questions(limit)
    spellings = os.environ.get("RANKING_VARIANTS", "")
    wanted = [v for v in sq.VARIANTS if not spellings or v.key in spellings.split(",")]
    jobs = sq.spelled(questions, wanted)
    content_type = root_content_type(Page).pk
    started = time.perf_counter()
    with candidates_file(backend).open("w", encoding="utf-8") as out:
        for variant, texts in jobs.items():
            for qid, text in texts.items():
                captured.clear()
                response = client.get("/api/search/", {"q": text, "limit": sq.K})
                if response.status_code != 200:
                    raise RuntimeError(f"{qid}: HTTP {response.status_code}")
                ranked = captured.get("ranked", [])
                row = {"variant": variant, "qid": qid, "ranked": ranked}
                row["analysed"] = captured.get("analysed")
                row["degraded"] = response.json()["degraded"]
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            print(f"{backend} {variant}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    corpus_ids = dict(ImportRecord.objects.values_list("page_id", "source_id"))
    with entries_file(backend).open("w", encoding="utf-8") as out:
        rows = IndexEntry.objects.filter(content_type_id=content_type)
        for pk, title, summary, body in rows.values_list("object_id", "title", "summary", "body"):
            row = {
                "pk": pk,
                "id": corpus_ids.get(pk, f"page:{pk}"),
                "columns": [title, summary, body],
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- Folds ------------------------------------------------------------------------------------


def folds(qids: list[str]) -> list[list[str]]:
    """The five folds: read from bench/cv_folds.json, written there the first time."""
    if FOLDS_FILE.exists():
        saved = json.loads(FOLDS_FILE.read_text(encoding="utf-8"))
        if sorted(q for fold in saved["folds"] for q in fold) == sorted(qids):
            return saved["folds"]
        raise SystemExit(f"{FOLDS_FILE} holds other questions: remove it to draw new folds")
    shuffled = sorted(qids)
    random.Random(SEED).shuffle(shuffled)
    drawn = [sorted(shuffled[i::K_FOLDS]) for i in range(K_FOLDS)]
    saved = {"seed": SEED, "k": K_FOLDS, "questions": "legal_queries_dev.jsonl", "folds": drawn}
    FOLDS_FILE.write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")
    return drawn


# --- Offline fitting --------------------------------------------------------------------------


class Data:
    """Every dumped query: its candidates (corpus id, BM25) and analysis, per backend."""

    def __init__(self, backends: list[str]):
        self.questions = {q.qid: q for q in sq.load_questions(None)}
        self.entries: dict[str, dict[int, tuple]] = {}
        self.ids: dict[str, dict[int, str]] = {}
        self.rows: dict[str, list[dict]] = {}
        for backend in backends:
            database = entries_file(backend).name
            if database not in self.entries:
                from search.features import Entry

                self.entries[database], self.ids[database] = {}, {}
                for row in sq.read_jsonl(entries_file(backend)):
                    self.entries[database][row["pk"]] = Entry.of(*row["columns"])
                    self.ids[database][row["pk"]] = row["id"]
            self.rows[backend] = list(sq.read_jsonl(candidates_file(backend)))
        self.database = {backend: entries_file(backend).name for backend in backends}


def training_boilerplate(data: Data, qids: list[str]):
    """The share of (training) questions using each folded syllable and pair."""
    from search.analysis import analyse_query
    from search.features import Boilerplate

    counts: dict[str, int] = {}
    for qid in qids:
        analysed = analyse_query(data.questions[qid].text)
        for term in set(analysed.folded) | set(analysed.pairs):
            counts[term] = counts.get(term, 0) + 1
    shares = {term: n / len(qids) for term, n in counts.items()}
    frequent = {term: round(s, 4) for term, s in sorted(shares.items()) if s > BOILERPLATE_FLOOR}
    return Boilerplate(frequent, BOILERPLATE_FLOOR)


class FeatureCache:
    """Every feature of every candidate under one boilerplate table (numpy, once per query)."""

    def __init__(self, data: Data, boilerplate):
        import numpy

        from search.analysis import AnalysedQuery
        from search.features import Entry, QueryTerms, features

        empty = Entry.of("", "", "")
        # (backend, row index) → (features, labels, corpus ids, qid, variant)
        self.matrices: dict[tuple[str, int], tuple] = {}
        memo: dict[tuple, list[float]] = {}
        for backend, rows in data.rows.items():
            entries = data.entries[data.database[backend]]
            ids = data.ids[data.database[backend]]
            for index, row in enumerate(rows):
                relevant = data.questions[row["qid"]].relevant
                ranked = row["ranked"]
                if not ranked or row["analysed"] is None:
                    matrix, labels, docs = numpy.zeros((0, 1)), numpy.zeros(0, bool), []
                else:
                    analysed = AnalysedQuery(text="", **row["analysed"])
                    key = (tuple(analysed.folded), tuple(analysed.pairs), tuple(analysed.extra))
                    query = QueryTerms.of(analysed, boilerplate)
                    best = ranked[0][1]
                    values = []
                    for pk, score in ranked:
                        cached = memo.get((key, pk))
                        if cached is None:
                            entry = entries.get(pk, empty)
                            cached = memo[(key, pk)] = features(query, entry, 0.0)[1:]
                        values.append([score / best if best > 0 else 0.0, *cached])
                    matrix = numpy.asarray(values)
                    docs = [ids.get(pk, f"page:{pk}") for pk, _ in ranked]
                    labels = numpy.asarray([doc in relevant for doc in docs])
                self.matrices[(backend, index)] = (matrix, labels, docs, row["qid"], row["variant"])


# The spelling the weights are fitted on; the others are only measured.
TRAINING_VARIANTS = {"written"}


def pairwise(cache: FeatureCache, qids: set[str], depth: int, active: list[int]):
    import numpy

    differences = []
    for matrix, labels, _, qid, variant in cache.matrices.values():
        if qid not in qids or variant not in TRAINING_VARIANTS or not len(labels):
            continue
        head, wanted = matrix[:depth][:, active], labels[:depth]
        if wanted.any() and not wanted.all():
            negative = head[~wanted]
            for positive in head[wanted]:
                differences.append(positive - negative)
    if not differences:
        return None, None
    x = numpy.vstack(differences)
    return numpy.vstack([x, -x]), numpy.concatenate([numpy.ones(len(x)), numpy.zeros(len(x))])


def train(cache: FeatureCache, qids: set[str], depth: int, c: float, active: list[int]):
    from sklearn.linear_model import LogisticRegression

    x, y = pairwise(cache, qids, depth, active)
    if x is None:
        return None
    fitted = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(x, y)
    return fitted.coef_[0]


def ranked_ids(matrix, docs, weights, depth: int, active: list[int]) -> list[str]:
    """The top 10 after reranking the first `depth` by the weights (None: the engine's order)."""
    import numpy

    from search.features import FEATURES

    if weights is None or len(docs) < 2:
        return docs[: sq.K]
    head_rows = matrix[:depth]
    scores = head_rows[:, active] @ weights
    # As search.reranking: ties go to proximity, then keep the engine's order.
    proximity = head_rows[:, FEATURES.index("proximity")]
    head = numpy.lexsort((numpy.arange(len(scores)), -proximity, -scores))
    return ([docs[i] for i in head] + docs[depth:])[: sq.K]


def evaluate(cache, qids: set[str], weights, depth: int, active: list[int], variants=None):
    """{(backend, variant): {qid: top 10 ids}} for the questions asked."""
    answers: dict[tuple[str, str], dict[str, list[str]]] = {}
    for (backend, _), (matrix, _, docs, qid, variant) in cache.matrices.items():
        if qid not in qids or (variants and variant not in variants):
            continue
        answers.setdefault((backend, variant), {})[qid] = ranked_ids(
            matrix, docs, weights, depth, active
        )
    return answers


def mrr(data: Data, answers: dict[str, list[str]]) -> float:
    return 100 * statistics.mean(
        sq.reciprocal_rank(ids, data.questions[qid].relevant) for qid, ids in answers.items()
    )


def recall(data: Data, answers: dict[str, list[str]]) -> float:
    return 100 * statistics.mean(
        sq.recall(ids, data.questions[qid].relevant) for qid, ids in answers.items()
    )


def choose(cache, data, qids: list[str], active: list[int]) -> tuple[float, int]:
    """C and depth by an inner 4-fold cross-validation on the training questions only."""
    inner = [qids[i::4] for i in range(4)]
    best, chosen = -1.0, (C_GRID[0], DEPTH_GRID[0])
    for depth in DEPTH_GRID:
        for c in C_GRID:
            scores = []
            for held in inner:
                held_set = set(held)
                weights = train(cache, set(qids) - held_set, depth, c, active)
                answers = evaluate(cache, held_set, weights, depth, active, {"written"})
                scores += [mrr(data, a) for a in answers.values()]
            score = statistics.mean(scores)
            if score > best:
                best, chosen = score, (c, depth)
    return chosen


class Folds:
    """The folds, and each fold's training features (built once, shared by the ablations)."""

    def __init__(self, data: Data, fold_list: list[list[str]]):
        self.data = data
        self.fold_list = fold_list
        self.all = [q for fold in fold_list for q in fold]
        self.caches: dict[tuple[int, bool], FeatureCache] = {}

    def training(self, index: int | None) -> list[str]:
        """The questions fold `index` trains on (None: every question, in-sample)."""
        held = set(self.fold_list[index]) if index is not None else set()
        return [q for q in self.all if q not in held]

    def cache(self, index: int | None, boilerplate: bool) -> FeatureCache:
        from search.features import NO_BOILERPLATE

        if (index, boilerplate) not in self.caches:
            table = NO_BOILERPLATE
            if boilerplate:
                table = training_boilerplate(self.data, self.training(index))
            self.caches[(index, boilerplate)] = FeatureCache(self.data, table)
            self.caches[(index, boilerplate)].table = table
        return self.caches[(index, boilerplate)]


def cross_validate(folds: Folds, active: list[int], fixed=None, boilerplate=True):
    """Held-out answers of every fold, and the choices made per fold.

    `fixed` (C, depth) skips the inner choice (for the ablations, to save time).
    """
    held_out: dict[tuple[str, str], dict[str, list[str]]] = {}
    choices = []
    for index, fold in enumerate(folds.fold_list):
        training = folds.training(index)
        cache = folds.cache(index, boilerplate)
        c, depth = fixed or choose(cache, folds.data, training, active)
        weights = train(cache, set(training), depth, c, active)
        choices.append((c, depth))
        for key, answers in evaluate(cache, set(fold), weights, depth, active).items():
            held_out.setdefault(key, {}).update(answers)
    return held_out, choices


def in_sample(folds: Folds, active: list[int], boilerplate=True, fixed=None):
    cache = folds.cache(None, boilerplate)
    c, depth = fixed or choose(cache, folds.data, folds.all, active)
    weights = train(cache, set(folds.all), depth, c, active)
    answers = evaluate(cache, set(folds.all), weights, depth, active)
    return answers, (c, depth), weights, cache.table


# --- Report -----------------------------------------------------------------------------------


def score_table(data, held_out, sample, baseline) -> str:
    header = ["backend", "spelling", "MRR@10 held-out", "in-sample", "gap", "engine only"]
    header += ["% of as written", "Recall@10 held-out", "top-10 differ from as written"]
    rows = []
    for backend in data.rows:
        written = held_out.get((backend, "written"))
        for variant in sq.VARIANTS:
            answers = held_out.get((backend, variant.key))
            if not answers:
                continue
            held, inside = mrr(data, answers), mrr(data, sample[(backend, variant.key)])
            differ = sum(answers[q] != written[q] for q in answers)
            rows.append(
                [
                    backend,
                    variant.label,
                    f"{held:.1f}",
                    f"{inside:.1f}",
                    f"{inside - held:+.1f}",
                    f"{mrr(data, baseline[(backend, variant.key)]):.1f}",
                    f"{100 * held / mrr(data, written):.1f}",
                    f"{recall(data, answers):.1f}",
                    str(differ),
                ]
            )
    return sq.table(header, rows)


def fold_table(data, held_out, fold_list) -> str:
    rows = []
    for backend in data.rows:
        answers = held_out[(backend, "written")]
        per_fold = [mrr(data, {q: answers[q] for q in fold}) for fold in fold_list]
        rows.append([backend, *(f"{v:.1f}" for v in per_fold), f"{statistics.mean(per_fold):.1f}"])
    header = ["backend (as written)", *(f"fold {i + 1}" for i in range(len(fold_list))), "mean"]
    return sq.table(header, rows)


def candidate_recall(data: Data) -> str:
    """How many relevant articles the engine's first N hold: what reranking N can reach."""
    rows = []
    for backend, answers in data.rows.items():
        ids = data.ids[data.database[backend]]
        cells = []
        for depth in (10, 30, 50, 100):
            shares = []
            for row in answers:
                if row["variant"] != "written":
                    continue
                relevant = data.questions[row["qid"]].relevant
                found = {ids.get(pk, "") for pk, _ in row["ranked"][:depth]}
                shares.append(len(relevant & found) / len(relevant))
            cells.append(f"{100 * statistics.mean(shares):.1f}")
        rows.append([backend, *cells])
    return sq.table(["engine's first N (as written)", "recall@10", "@30", "@50", "@100"], rows)


GROUPS = {
    "title coverage": ["title_coverage"],
    "pair coverage": ["pair_coverage", "weighted_pair_coverage"],
    "field structure": ["title_syllables", "title_pairs", "lead_pairs", "body_syllables"],
    "proximity": ["proximity"],
    "length": ["length"],
}


def fit(args) -> None:
    from search.features import FEATURES

    data = Data(args.backends)
    qids = sorted({row["qid"] for rows in data.rows.values() for row in rows})
    fold_list = folds(qids) if len(qids) == len(data.questions) else [qids[i::5] for i in range(5)]
    active = [FEATURES.index(name) for name in args.features]
    started = time.perf_counter()
    boilerplate = not args.no_boilerplate
    split = Folds(data, fold_list)
    held_out, choices = cross_validate(split, active, boilerplate=boilerplate)
    sample, chosen, weights, table = in_sample(split, active, boilerplate=boilerplate)
    baseline = evaluate(split.cache(None, boilerplate), set(qids), None, 0, active)
    print(f"## Cross-validated ranking ({len(qids)} questions, {K_FOLDS} folds, seed {SEED})\n")
    print(f"Features: {', '.join(args.features)}; boilerplate weights: {boilerplate}.")
    print(f"Chosen per fold (C, depth): {choices}; on all questions: {chosen}.\n")
    print(score_table(data, held_out, sample, baseline) + "\n")
    print(fold_table(data, held_out, fold_list) + "\n")
    print(candidate_recall(data) + "\n")
    named = zip(args.features, weights, strict=True)
    print("Weights on all questions: " + ", ".join(f"{n} {w:+.3f}" for n, w in named) + "\n")
    if args.ablate:
        print(ablations(split, active, held_out, boilerplate) + "\n")
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if args.write_model:
        write_model(args.features, weights, chosen, table, len(qids), args.backends)


def ablations(split: Folds, active: list[int], held_out, boilerplate: bool) -> str:
    """Held-out MRR@10 (as written, mean of backends) without each signal, refitted per fold."""
    from search.features import FEATURES

    data = split.data

    def written_mean(answers) -> float:
        return statistics.mean(mrr(data, answers[(b, "written")]) for b in data.rows)

    fixed = (1.0, 30)
    full = written_mean(cross_validate(split, active, fixed=fixed, boilerplate=boilerplate)[0])
    rows = [["all signals", f"{full:.2f}", ""]]
    names = [FEATURES[i] for i in active]
    for group, members in GROUPS.items():
        kept = [FEATURES.index(n) for n in names if n not in members]
        if len(kept) == len(active):
            continue
        value = written_mean(cross_validate(split, kept, fixed=fixed, boilerplate=boilerplate)[0])
        rows.append([f"without {group}", f"{value:.2f}", f"{full - value:+.2f}"])
    if boilerplate:
        value = written_mean(cross_validate(split, active, fixed=fixed, boilerplate=False)[0])
        rows.append(["without boilerplate weights", f"{value:.2f}", f"{full - value:+.2f}"])
    only = [FEATURES.index("bm25")]
    value = written_mean(cross_validate(split, only, fixed=fixed, boilerplate=boilerplate)[0])
    rows.append(["BM25 alone (no reranking signal)", f"{value:.2f}", f"{full - value:+.2f}"])
    header = ["held-out, as written, mean of backends", "MRR@10", "the signal's effect"]
    return f"Ablations (C, depth fixed at {fixed}):\n\n" + sq.table(header, rows)


def write_model(names, weights, chosen, table, questions: int, backends: list[str]) -> None:
    model = {
        "note": (
            "Written by bench/cross_validation.py fit --write-model: pairwise logistic "
            f"regression on the engine's candidates for {questions} dev questions as written "
            f"({', '.join(backends)})"
        ),
        "depth": chosen[1],
        "regularisation_c": chosen[0],
        "weights": {name: round(float(w), 5) for name, w in zip(names, weights, strict=True)},
        "boilerplate_floor": table.floor,
        "boilerplate": table.frequencies,
    }
    path = ROOT / "search" / "reranker_model.json"
    path.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


# --- Confirm through the API ------------------------------------------------------------------


def confirm(args) -> None:
    """bench/search_quality.py on this script's databases, through `/api/search/` with the
    shipped model: of this tree, or of `--code` (a copy of a commit)."""
    code = Path(args.code or ROOT).resolve()
    program = "; ".join(
        [
            "import sys",
            f"sys.path.insert(0, {str(code / 'bench')!r})",
            "import search_quality as sq",
            f"sq.PG_DATABASE = {PG_DATABASE!r}",
            f"sq.ES_PREFIX = {ES_PREFIX!r}",
            f"sq.ARTICLES = sq.Path({str(sq.ARTICLES)!r})",
            f"sq.QUESTIONS = sq.Path({str(sq.QUESTIONS)!r})",
            # The shared Elasticsearch, never started or stopped here.
            f"sq.elasticsearch_url = lambda: ({search_url()!r}, False)",
            f"sq.postgres_url = lambda: {postgres_url()!r}",
            "sq.main()",
        ]
    )
    arguments = ["--backends", ",".join(args.backends), "--db-dir", str(OUT)]
    arguments += ["--stock-limit", "0", "--no-bm25", "--keep-elasticsearch"]
    arguments += ["--variants", args.variants] if args.variants else []
    arguments += ["--save", str(Path(args.save).resolve())] if args.save else []
    subprocess.run([sys.executable, "-c", program, *arguments], cwd=code, check=True)


def main() -> None:
    from search.features import FEATURES

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["prepare", "dump", "dump-worker", "fit", "confirm"])
    parser.add_argument("--backend", choices=BACKENDS)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--limit-queries", type=int)
    parser.add_argument("--code", help="prepare, dump, confirm: this copy of the project")
    parser.add_argument("--features", default=",".join(FEATURES))
    parser.add_argument("--no-boilerplate", action="store_true")
    parser.add_argument("--ablate", action="store_true", help="Refit without each signal.")
    parser.add_argument("--write-model", action="store_true")
    parser.add_argument("--variants", help="dump, confirm: only these spellings (written,plain,…)")
    parser.add_argument("--save", help="confirm: also save search_quality's answers here")
    args = parser.parse_args()
    args.backends = [name for name in args.backends.split(",") if name]
    args.features = [name for name in args.features.split(",") if name]
    if set(args.features) - set(FEATURES) or "bm25" not in args.features:
        parser.error(f"features are among {FEATURES}, bm25 always")
    args.features = [name for name in FEATURES if name in args.features]
    if args.command == "prepare":
        prepare(args.backend, args.code)
    elif args.command == "dump":
        dump(args.backend, args.limit_queries, args.code, args.variants)
    elif args.command == "dump-worker":
        dump_worker(args.backend, args.limit_queries, args.code)
    elif args.command == "fit":
        fit(args)
    else:
        confirm(args)


if __name__ == "__main__":
    main()
