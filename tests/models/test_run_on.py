"""Run-on comments (list items pasted without line breaks) are split where a new item starts."""

from __future__ import annotations

import pytest
import spacy

from models.rule_lexicon import repaired_doc, run_on_starts
from tests.models.test_rules import GOOD, IMPROVE, rule_labels

NLP = spacy.blank("en")


def starts(text: str) -> list[str]:
    doc = NLP.make_doc(text)
    return [doc[i].text for i in run_on_starts(doc)]


def test_a_capitalised_rule_word_after_a_lower_case_word_starts_an_item():
    assert starts("rota chaos Management is a joke Never any praise") == ["Management", "Never"]
    assert starts("never thanks anyone Supervisors are useless") == ["Supervisors"]


@pytest.mark.parametrize(
    "text",
    [
        "I asked Dave about it",  # a name after a word names follow
        "the rota changed in October again",  # not a word the rules read
        "my supervisor Jo never listens",
        "didn't even Datix it",
        "I think I was right",  # "I" is no item
        "Management. Poor.",  # punctuated already
        "The store manager is a little Hitler.",  # a name inside a cue
    ],
)
def test_names_months_and_punctuated_text_are_not_split(text):
    assert starts(text) == []


def test_the_repaired_doc_holds_a_full_stop_where_an_item_starts():
    _, words = repaired_doc(NLP.make_doc("never thanks anyone Supervisors are useless"))
    assert words == "never thanks anyone . supervisors are useless".split()


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # the negation of the first item no longer turns the verdict of the next one round
        # (without the split these read overall:pos, fairness:pos and fairness:neg)
        ("not enough staff on nights Senior leadership is poor", IMPROVE, {"overall:neg"}),
        ("lockers don't work Unfairly harsh on lateness", IMPROVE, {"fairness:neg"}),
        ("pay ok nothing special Managers are fair", GOOD, {"fairness:pos"}),
    ],
)
def test_a_negation_does_not_cross_into_the_next_run_on_item(text, question, expected):
    assert rule_labels((text, question)) == [expected]
