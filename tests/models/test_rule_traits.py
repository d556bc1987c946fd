"""Codebook adjectives said of managers (models.rule_traits)."""

from __future__ import annotations

import pytest

from models.rule_traits import trait_matches
from tests.models.test_rules import GOOD, IMPROVE, rule_labels


def traits(text: str) -> list[tuple[str, str]]:
    words = text.lower().replace(",", " ,").split()
    return [(f"{a}:{k}", words[s]) for (a, k), s, _e in trait_matches(words)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("understanding managers", [("support:pos", "understanding")]),
        (
            "friendly, caring and very encouraging supervisors",
            [
                ("support:pos", "caring"),
                ("support:pos", "encouraging"),
            ],
        ),
        ("my boss is very trusting", [("autonomy:pos", "trusting")]),
        (
            "managers here are demanding and impatient",
            [
                ("pressure:neg", "demanding"),
                ("pressure:neg", "impatient"),
            ],
        ),
        ("management is clear about what they want", [("clarity:pos", "clear")]),
    ],
)
def test_traits_before_or_after_a_manager_are_matched(text, expected):
    assert traits(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a clear divide between management and staff",  # "clear" only after a copula
        "patient managers",  # may name a job
        "customers are rude and demanding",  # nobody in management
        "flexible hours and a decent manager",  # the hours are flexible
        "the rota is fair",
    ],
)
def test_traits_not_said_of_management_are_not_matched(text):
    assert traits(text) == []


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("understanding managers and good pay", GOOD, {"support:pos"}),
        ("Management isn't very approachable", IMPROVE, {"support:neg"}),
        ("Realistic and trusting managers", GOOD, {"pressure:pos", "autonomy:pos"}),
        ("Managers can be secretive and biased", IMPROVE, {"clarity:neg", "fairness:neg"}),
    ],
)
def test_the_rules_read_traits_with_negation_like_any_cue(text, question, expected):
    assert rule_labels((text, question)) == [expected]
