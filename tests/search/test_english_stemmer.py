"""The Porter2 English stemmer (search.english), checked against words and stems from
the Snowball project's sample vocabulary for it."""

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


def test_short_words_are_left_alone():
    assert stem("of") == "of"
    assert stem("by") == "by"
