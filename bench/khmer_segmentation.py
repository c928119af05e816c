"""Khmer search: word segmentation (khmer-nltk) or character n-grams — which finds more?

A benchmark, not a test: `.venv/bin/python bench/khmer_segmentation.py` prints a table.

Khmer has no spaces between words, so a search index must cut text into terms
somehow. Two ways are measured with the same plain BM25 (OR of the query's
terms, k1 = 1.2, b = 0.75, as our search engines rank):

- words: khmer-nltk's CRF word segmenter (search.khmer.words), alone and with
  pairs of adjacent words (as Vietnamese search adds syllable pairs);
- n-grams: bigrams of written clusters (a consonant with its marks, the unit a
  reader sees; unigrams too, so one-cluster queries match), and trigrams of
  code points.

THE SAMPLE BELOW IS OUR OWN TEST MATERIAL, written for this benchmark (short
sentences in the register of a provincial justice department's news, and
queries with the documents we judge relevant); it is not from any corpus.
Each query is run as written and as a careless keyboard sends it (each vowel
typed before the subscript it follows, zero-width spaces between clusters),
with and without search.khmer's normalisation.
"""

import math
import os
import sys
from collections import Counter
from collections.abc import Callable

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from search import khmer  # noqa: E402

# Our own test material (see the docstring).
DOCUMENTS = {
    1: "មន្ទីរយុត្តិធម៌ខេត្តឃ្លាំងរៀបចំវគ្គបណ្តុះបណ្តាលស្តីពីការផ្សះផ្សានៅមូលដ្ឋាន។",
    2: "ការផ្សព្វផ្សាយច្បាប់ដល់ប្រជាពលរដ្ឋខ្មែរនៅតាមភូមិ និងឃុំ។",
    3: "ជំនួយផ្លូវច្បាប់ដោយឥតគិតថ្លៃសម្រាប់ជនក្រីក្រ។",
    4: "សេចក្តីណែនាំលេខ ០៥ ស្តីពីការពង្រឹងការដឹកនាំលើការផ្សះផ្សា។",
    5: "ការចុះបញ្ជីកំណើត និងសំបុត្រកំណើតសម្រាប់កុមារ។",
    6: "ការចុះបញ្ជីអាពាហ៍ពិពាហ៍នៅសាលាឃុំ។",
    7: "អាសយដ្ឋាន និងលេខទូរស័ព្ទរបស់មន្ទីរយុត្តិធម៌។",
    8: "បុណ្យអុំទូកនៅខេត្តឃ្លាំងទាក់ទាញភ្ញៀវទេសចរច្រើន។",
    9: "ព្រះសង្ឃនៅវត្តចូលរួមផ្សព្វផ្សាយច្បាប់ចរាចរណ៍។",
    10: "វិវាទដីធ្លីត្រូវបានដោះស្រាយតាមរយៈការផ្សះផ្សា។",
    11: "កិច្ចប្រជុំបូកសរុបការងារយុត្តិធម៌ប្រចាំឆ្នាំ។",
    12: "គណៈកម្មាធិការប្រជាជនខេត្តចេញសេចក្តីសម្រេចថ្មី។",
    13: "មេធាវីផ្តល់ប្រឹក្សាច្បាប់ដល់កសិករ។",
    14: "ការអប់រំច្បាប់នៅសាលារៀនសម្រាប់សិស្ស។",
    15: "ការធ្វើអត្តសញ្ញាណប័ណ្ណសម្រាប់ពលរដ្ឋ។",
    16: "របាយការណ៍ស្តីពីការអនុវត្តច្បាប់ស្តីពីការផ្សះផ្សានៅមូលដ្ឋាន។",
    17: "ការប្រកួតស្វែងយល់ពីច្បាប់សម្រាប់យុវជន។",
    18: "សេចក្តីជូនដំណឹងអំពីម៉ោងទទួលពលរដ្ឋ។",
    19: "ការពិនិត្យសុខភាពដោយឥតគិតថ្លៃនៅភូមិ។",
    20: "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិខ្មែរ។",
}
# Query → the documents we judge relevant (our own judgements).
QUERIES = {
    "ការផ្សះផ្សា": {1, 4, 10, 16},  # mediation
    "ច្បាប់": {2, 3, 9, 13, 14, 16, 17},  # law
    "ជំនួយផ្លូវច្បាប់": {3},  # legal aid
    "មន្ទីរយុត្តិធម៌": {1, 7},  # department of justice
    "សំបុត្រកំណើត": {5},  # birth certificate
    "អាពាហ៍ពិពាហ៍": {6},  # marriage
    "បុណ្យអុំទូក": {8},  # boat racing festival
    "ទូរស័ព្ទ": {7},  # telephone
    "វិវាទដីធ្លី": {10},  # land dispute
    "ឥតគិតថ្លៃ": {3, 19},  # free of charge
    "ផ្សព្វផ្សាយច្បាប់": {2, 9},  # disseminating law
    "សេចក្តីណែនាំ": {4},  # directive
    "ប្រជុំ": {11},  # meeting
    "ឆ្នាំថ្មី": {20},  # new year
    "សាលារៀន": {14},  # school
    "កសិករ": {13},  # farmer
    "ពលរដ្ឋ": {2, 15, 18},  # citizen
    "ខេត្តឃ្លាំង": {1, 8},  # Sóc Trăng province
    "អត្តសញ្ញាណប័ណ្ណ": {15},  # identity card
    "យុត្តិធម៌": {1, 7, 11},  # justice
    "ផ្សះផ្សា": {1, 4, 10, 16},  # mediate (the verb, without the noun-making ការ)
    "ផ្សព្វផ្សាយ": {2, 9},  # disseminate
    "ឃុំ": {2, 6},  # commune (one written cluster)
}

K1, B = 1.2, 0.75
Analyser = Callable[[str], list[str]]


def careless(text: str) -> str:
    """As a careless keyboard sends it: vowels before subscripts, zero-width spaces."""
    out = []
    for cluster in khmer.clusters(text):
        base, rest = cluster[0], cluster[1:]
        subscripts = [rest[i : i + 2] for i in range(len(rest)) if rest[i] == khmer.COENG]
        others = rest
        for sub in subscripts:
            others = others.replace(sub, "", 1)
        out.append(base + others + "".join(subscripts))
    return "\u200b".join(out)


def pairs(terms: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in zip(terms, terms[1:], strict=False)]


def words(text: str) -> list[str]:
    return khmer.words(text)


def words_and_pairs(text: str) -> list[str]:
    found = khmer.words(text)
    return found + pairs(found)


def cluster_ngrams(text: str) -> list[str]:
    grams = []
    for run in khmer.KHMER_RUN.findall(khmer.search_form(text)):
        clusters = [c for c in khmer.clusters(run) if khmer.has_khmer(c)]
        grams.extend(clusters)
        grams.extend(a + b for a, b in zip(clusters, clusters[1:], strict=False))
    return grams


def cluster_bigrams(text: str) -> list[str]:
    grams = []
    for run in khmer.KHMER_RUN.findall(khmer.search_form(text)):
        clusters = [c for c in khmer.clusters(run) if khmer.has_khmer(c)]
        grams.extend(a + b for a, b in zip(clusters, clusters[1:], strict=False))
    return grams


def words_and_bigrams(text: str) -> list[str]:
    return words_and_pairs(text) + cluster_bigrams(text)


def khmer_terms(text: str) -> list[str]:
    """What search.languages indexes for Khmer (the chosen method)."""
    from search.languages import khmer_index_terms

    return khmer_index_terms(text)


def khmer_query_terms(text: str) -> list[str]:
    from search.languages import khmer_query_terms

    return khmer_query_terms(text)


def char_trigrams(text: str) -> list[str]:
    grams = []
    for run in khmer.KHMER_RUN.findall(khmer.search_form(text)):
        grams.extend(run[i : i + 3] for i in range(max(len(run) - 2, 1)))
    return grams


def without_normalisation(analyser: Analyser) -> Analyser:
    """The same analyser with normalisation switched off (invisible characters kept)."""

    def analyse(text: str) -> list[str]:
        saved = khmer.normalise, khmer.search_form
        khmer.normalise = khmer.search_form = lambda t: t  # noqa: E731
        try:
            return analyser(text)
        finally:
            khmer.normalise, khmer.search_form = saved

    return analyse


class BM25:
    def __init__(self, documents: dict[int, list[str]]):
        self.documents = {pk: Counter(terms) for pk, terms in documents.items()}
        self.lengths = {pk: len(terms) for pk, terms in documents.items()}
        self.average = sum(self.lengths.values()) / len(self.lengths)
        self.frequency = Counter(t for terms in self.documents.values() for t in terms)

    def search(self, terms: list[str]) -> list[int]:
        n = len(self.documents)
        scores: dict[int, float] = {}
        for term in set(terms):
            df = self.frequency.get(term, 0)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            for pk, counts in self.documents.items():
                tf = counts.get(term, 0)
                if tf:
                    norm = K1 * (1 - B + B * self.lengths[pk] / self.average)
                    scores[pk] = scores.get(pk, 0.0) + idf * tf * (K1 + 1) / (tf + norm)
        return sorted(scores, key=lambda pk: (-scores[pk], pk))


def evaluate(
    analyser: Analyser, variant: Callable[[str], str], query_analyser: Analyser | None = None
) -> dict[str, float]:
    index = BM25({pk: analyser(text) for pk, text in DOCUMENTS.items()})
    query_analyser = query_analyser or analyser
    recall, reciprocal, precision, noise = [], [], [], []
    for query, relevant in QUERIES.items():
        ranked = index.search(query_analyser(variant(query)))
        top = ranked[:10]
        recall.append(len(relevant & set(top)) / len(relevant))
        first = next((rank for rank, pk in enumerate(top, 1) if pk in relevant), None)
        reciprocal.append(1 / first if first else 0.0)
        precision.append(len(relevant & set(ranked[:5])) / min(5, len(relevant)))
        noise.append(len(set(ranked) - relevant))
    count = len(QUERIES)
    return {
        "Recall@10": 100 * sum(recall) / count,
        "MRR@10": 100 * sum(reciprocal) / count,
        "P@5": 100 * sum(precision) / count,
        "noise": sum(noise) / count,
    }


METHODS: dict[str, Analyser] = {
    "words (khmer-nltk)": words,
    "words + word pairs": words_and_pairs,
    "cluster 1+2-grams": cluster_ngrams,
    "code-point 3-grams": char_trigrams,
    "words+pairs+cluster 2-grams": words_and_bigrams,
}
# The method search.languages uses: the above, plus the cluster itself for a
# one-cluster word (index: every cluster; query: only for such words).
CHOSEN = "as indexed (search.languages)"


def main() -> None:
    columns = ["Recall@10", "MRR@10", "P@5", "noise"]
    print(f"{len(DOCUMENTS)} documents, {len(QUERIES)} queries (our own sample; see the source)")
    print("noise = documents matched that are not relevant, per query (lower is better)\n")
    header = (
        f"| {'method':<30} | {'queries typed':<26} | "
        + " | ".join(f"{c:>9}" for c in columns)
        + " |"
    )
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    rows = []
    for name, analyser in METHODS.items():
        rows.append((name, "as written", evaluate(analyser, lambda q: q)))
        rows.append((name, "carelessly", evaluate(analyser, careless)))
    rows.append((CHOSEN, "as written", evaluate(khmer_terms, lambda q: q, khmer_query_terms)))
    rows.append((CHOSEN, "carelessly", evaluate(khmer_terms, careless, khmer_query_terms)))
    for name in ("words + word pairs", "words+pairs+cluster 2-grams"):
        raw = without_normalisation(METHODS[name])
        rows.append((name, "carelessly, not normalised", evaluate(raw, careless)))
    for name, variant, scores in rows:
        values = " | ".join(
            f"{scores[c]:>9.1f}" if c != "noise" else f"{scores[c]:>9.2f}" for c in columns
        )
        print(f"| {name:<30} | {variant:<26} | {values} |")


if __name__ == "__main__":
    main()
