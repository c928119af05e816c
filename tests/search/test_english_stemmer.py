"""English stemming (search.english, Snowball's Porter2), checked against words and stems from
the Snowball project's sample vocabulary for it."""

import threading

import pytest

from search.english import stem

SNOWBALL_SAMPLE = {
    "consign": "consign",
    "consigned": "consign",
    "consigning": "consign",
    "consignment": "consign",
    "consistency": "consist",
    "consistently": "consist",
    "consolation": "consol",
    "consolatory": "consolatori",
    "consolidating": "consolid",
    "consolingly": "consol",
    "conspicuously": "conspicu",
    "conspiracy": "conspiraci",
    "constable": "constabl",
    "constancy": "constanc",
    "generously": "generous",
    "knightly": "knight",
    "skies": "sky",
    "dying": "die",
    "news": "news",
    "cries": "cri",
    "ties": "tie",
    "agreed": "agre",
    "hoping": "hope",
    "hopping": "hop",
    "sensational": "sensat",
}


@pytest.mark.parametrize(("word", "expected"), sorted(SNOWBALL_SAMPLE.items()))
def test_stem_matches_snowball(word, expected):
    assert stem(word) == expected


def test_forms_of_one_word_share_a_stem():
    assert {stem(w) for w in ("court", "courts")} == {"court"}
    assert {stem(w) for w in ("mediation", "mediators", "mediator")} == {"mediat"}
    assert {stem(w) for w in ("run", "running")} == {"run"}


def test_short_words_are_left_alone():
    assert stem("of") == "of"
    assert stem("by") == "by"


def test_threads_stemming_at_once_get_each_their_own_stem():
    words = [f"{base}{ending}" for base in ("consign", "mediat", "train") for ending in "s"] * 50
    expected = [stem(word) for word in words]
    stem.cache_clear()
    results: dict[int, list[str]] = {}

    def run(index: int) -> None:
        results[index] = [stem(word) for word in words]

    threads = [threading.Thread(target=run, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())
