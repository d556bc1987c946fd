"""Behavioural tests of the ``support`` cue families (own example sentences)."""

from __future__ import annotations

from tests.models.test_rules import ADVICE, GOOD, IMPROVE, OTHER, rule_labels


def test_refused_requests_and_hollow_responses_are_support_needs() -> None:
    refused, wont_let, back, word, ignore, disappear = rule_labels(
        (
            "The depot manager rejected my request for carer's leave when my girl was in hospital.",
            OTHER,
        ),
        (
            "My supervisor wouldn't let me leave early when the school rang to say my son was ill.",
            OTHER,
        ),
        (
            "While I was signed off my team leader rang to ask when I'd be back, not how I was.",
            OTHER,
        ),
        (
            "I reported the comments and she said she would 'have a word'. It carried on.",
            OTHER,
        ),
        ("When I told HR about the racist remarks I was told to just ignore it.", OTHER),
        ("Our grievances just disappear into HR.", ADVICE),
    )
    for labels in (refused, wont_let, back, word, ignore, disappear):
        assert "support:neg" in labels
        assert "support:pos" not in labels


def test_absent_managers_and_missing_one_to_ones_are_support_needs() -> None:
    office, door, cancels, never_had, robots = rule_labels(
        ("Our area manager never comes out of his office.", OTHER),
        ("The door is always shut and she is always in a meeting.", IMPROVE),
        ("He cancels our 1:1s every single month.", IMPROVE),
        ("In three years I have never had an appraisal.", OTHER),
        ("Stop treating staff like numbers.", ADVICE),
    )
    for labels in (office, door, cancels, never_had, robots):
        assert "support:neg" in labels


def test_supportive_flexible_caring_managers_are_strengths() -> None:
    time, there, backs, rota, checks, develops = rule_labels(
        ("She always makes time for us, however busy the ward is.", GOOD),
        ("My line manager is there for us whenever we need her.", GOOD),
        ("He backs us up when a client complains.", GOOD),
        ("My supervisor sorted my shifts around my chemo appointments.", OTHER),
        ("After the break-in she rang me that evening and checked I was okay.", OTHER),
        ("She put me forward for the leadership course and encourages us to learn.", GOOD),
    )
    for labels in (time, there, backs, rota, checks, develops):
        assert "support:pos" in labels
        assert "support:neg" not in labels


def test_negated_or_advised_strengths_are_needs_and_policy_perks_are_no_label() -> None:
    never_time, stand_up, perks, it_support, colleague_joke = rule_labels(
        ("My manager never has time for any of us.", IMPROVE),
        ("Stand up for your staff when head office piles on.", ADVICE),
        ("Flexible hours and good training courses.", GOOD),
        ("IT support takes a week to answer a ticket.", IMPROVE),
        ("It comes with the territory, the public can be rude.", OTHER),
    )
    assert "support:neg" in never_time
    assert "support:neg" in stand_up
    assert "support:pos" not in perks
    assert not {"support:neg", "support:pos"} & it_support
    assert "support:neg" not in colleague_joke
