"""Harassment outside work, by no one from work, is out of scope (models.rule_setting)."""

from __future__ import annotations

import numpy as np
import pytest

from models.predict import combine
from models.rule_setting import names_workplace_people, outside_setting, outside_work
from models.rules import VETO, rule_scores
from models.taxonomy import LABEL_INDEX
from tests.models.test_rules import IMPROVE, rule_labels

COMPLAINT = "Complaint summary"


def words(text: str) -> list[str]:
    return text.lower().replace(".", " .").replace(",", " ,").split()


@pytest.mark.parametrize(
    "text",
    [
        "two men followed me from the bus stop passing dirty comments",
        "on my way back from the office some boys on a bike whistled at me",
        "when i was in school my teacher used to touch my shoulder",
        "a stranger on the metro kept pressing against me",
        "our landlord lets himself into the flat and messages me at night",
        "a gang of youths near the station shouted at me",
    ],
)
def test_street_school_and_stranger_accounts_are_outside_work(text):
    assert outside_work(words(text))


@pytest.mark.parametrize(
    "text",
    [
        # someone from work acts or is there
        "my supervisor followed me to the bus stop and made comments about my body",
        "a colleague kept messaging me on the train home",
        "i told hr that a man at the station harassed me and they did nothing",
        "the staff on the train ignored my complaint",
        # no scene outside work: verbs and idioms, not places
        "nobody trains you and it is not a fair system",
        "a group of lads on the line pick on the new starters",
        "it feels like being back at school with the cliques",
    ],
)
def test_work_people_or_no_outside_scene_keep_it_in_scope(text):
    assert not outside_work(words(text))


def test_names_workplace_people_counts_management_colleagues_and_staff():
    assert names_workplace_people(words("my line manager"))
    assert names_workplace_people(words("co - workers laugh"))
    assert names_workplace_people(words("the workers on nights"))
    assert not names_workplace_people(words("a man at the bus stop"))


def test_place_words_need_a_lead_to_name_a_place():
    assert outside_setting(words("waiting at the bus stop"))
    assert not outside_setting(words("they train staff badly"))


def test_rules_veto_conduct_and_support_of_a_stranger_harassment_account():
    text = "Three lads on mopeds trailed me to my street, whistling and jeering."
    scores = rule_scores([text], [COMPLAINT])[0]
    for label in ("conduct:neg", "conduct:pos", "support:neg", "support:pos"):
        assert scores[LABEL_INDEX[label]] == VETO
    assert rule_labels((text, COMPLAINT)) == [set()]


def test_a_survey_answer_outside_work_keeps_support_without_a_harassment_cue():
    # the commute is mentioned, but nobody harasses anyone: only conduct is ruled out
    scores = rule_scores(["the bus is late and nobody trains you properly"], [IMPROVE])[0]
    assert scores[LABEL_INDEX["conduct:neg"]] == VETO
    assert scores[LABEL_INDEX["support:neg"]] > 0


def test_stranger_harassment_reported_to_a_manager_who_did_nothing_is_support():
    text = "A man at the bus stop followed me; I told my manager and she did nothing about it."
    assert "support:neg" in rule_labels((text, COMPLAINT))[0]


def test_combine_scores_a_vetoed_label_zero_whatever_the_models_say():
    rules = np.array([[VETO, 0.2]], dtype=np.float32)
    ml = np.array([[0.95, 0.7]], dtype=np.float32)
    np.testing.assert_array_equal(combine(rules, ml), np.array([[0.0, 0.7]], dtype=np.float32))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Toxic coworkers and a terrible supervisor.", {"conduct:neg"}),
        ("My manager is toxic.", {"conduct:neg"}),
        ("some colleagues treat new starters rudely", {"conduct:neg"}),
        # a toxic culture or place names no one acting
        ("such a toxic workplace", set()),
        ("The atmosphere is toxic.", set()),
    ],
)
def test_toxic_people_are_conduct_but_a_toxic_place_is_not(text, expected):
    assert rule_labels((text, IMPROVE)) == [expected]
