"""Behavioural tests of the wider ``conduct`` cue families (own example sentences)."""

from __future__ import annotations

import pytest

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels


@pytest.mark.parametrize(
    "text",
    [
        "My supervisor raised her voice at me on the shop floor.",
        "The team leader rolls his eyes whenever I ask anything.",
        "Our area manager speaks to the cleaners like dirt.",
        "The way our manager talks to the new starters is appalling.",
        "The head chef threw a pan across the kitchen at the commis.",
        "My line manager keeps calling me 'love' and 'sweetheart'.",
        "The shift lead made comments about my hijab in the canteen.",
        "Manager sends messages to the team chat in caps naming whoever made a mistake.",
        "My boss told me I should be grateful to have a job.",
        "The supervisor shared my medical details with the whole team.",
        "A colleague keeps taking the piss out of my accent and the manager laughs along.",
        "My manager has a temper and takes it out on whoever is nearest.",
    ],
)
def test_wider_conduct_families_are_conduct_neg(text):
    (labels,) = rule_labels((text, OTHER))
    assert "conduct:neg" in labels


@pytest.mark.parametrize(
    "text",
    [
        "She treats every one of us with real respect.",
        "Talks to all of us like human beings.",
        "Respects our boundaries and never rings on a day off.",
        "Treats everyone decently, whatever their grade.",
    ],
)
def test_respect_shown_is_conduct_pos(text):
    (labels,) = rule_labels((text, GOOD))
    assert "conduct:pos" in labels


def test_never_raises_voice_is_conduct_pos():
    (labels,) = rule_labels(("My manager has never once raised his voice at anyone.", GOOD))
    assert "conduct:pos" in labels
    assert "conduct:neg" not in labels


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Did a little shout-out for everyone who covered at Christmas.", GOOD),
        ("She shouts people out by name in the weekly huddle.", GOOD),
        ("Just give me a shout if you need a hand.", OTHER),
        ("The pay offer this year was an insult.", IMPROVE),
        ("Makes me feel valued and part of the team.", GOOD),
        ("Never made me feel like a burden while my dad was ill.", GOOD),
        ("Abuse from callers on the phones is getting worse.", IMPROVE),
    ],
)
def test_praise_and_outside_abuse_are_not_conduct_neg(text, question):
    (labels,) = rule_labels((text, question))
    assert "conduct:neg" not in labels


def test_unwanted_attention_and_put_downs_are_conduct_needs() -> None:
    results = rule_labels(
        ("A colleague kept flirting with me after I told him to stop.", OTHER),
        ("My supervisor hugs the young girls from behind.", OTHER),
        ("Two of the lads use the n word like it's nothing.", OTHER),
        ("Since I complained the whole team gives me the silent treatment.", OTHER),
        ("The site manager blows up at us over nothing.", IMPROVE),
        ("In my review I was told I was useless.", OTHER),
        ("He keeps telling me to smile more.", OTHER),
    )
    assert all("conduct:neg" in labels for labels in results)


def test_seeing_staff_as_beneath_them_is_disrespect():
    assert rule_labels(("managers think staff are beneath them", IMPROVE)) == [{"conduct:neg"}]
