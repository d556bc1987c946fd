"""Behavioural tests of the listening, clarity, pressure, autonomy and recognition cue families."""

from __future__ import annotations

import pytest

from tests.models.test_rules import ADVICE, GOOD, IMPROVE, OTHER, rule_labels


@pytest.mark.parametrize(
    ("text", "question", "label"),
    [
        # pressure: impossible numbers set or raised from above, work piled on
        ("Our area manager sets us even bigger targets every quarter.", IMPROVE, "pressure:neg"),
        ("The supervisor keeps raising them every month.", IMPROVE, "pressure:neg"),
        ("Head office gives us targets that we can't possibly hit.", OTHER, "pressure:neg"),
        ("My boss keeps piling more work on us with no extra staff.", IMPROVE, "pressure:neg"),
        (
            "My manager says yes to everything senior leaders ask and we drown.",
            IMPROVE,
            "pressure:neg",
        ),
        ("Working through lunch is basically expected by my supervisor.", IMPROVE, "pressure:neg"),
        # autonomy: watched, timed, every decision signed off
        ("My team leader reads over my shoulder all day.", IMPROVE, "autonomy:neg"),
        (
            "Every email has to be approved by the manager before it goes out.",
            IMPROVE,
            "autonomy:neg",
        ),
        ("Our supervisor times our toilet breaks.", OTHER, "autonomy:neg"),
        ("The manager checks my calendar every morning.", IMPROVE, "autonomy:neg"),
        ("Gives us space to work out our own approach.", GOOD, "autonomy:pos"),
        ("My manager treats us like adults and leaves us to it.", GOOD, "autonomy:pos"),
        # clarity: not told, or told after the fact
        ("Managers never tell us anything until the day before.", IMPROVE, "clarity:neg"),
        ("We only hear about changes after the fact.", IMPROVE, "clarity:neg"),
        ("Supervisors could be clearer about priorities.", IMPROVE, "clarity:neg"),
        # listening: consultation for show, concerns brushed off
        ("Our concerns get brushed off by the directors.", IMPROVE, "listening:neg"),
        ("Management always do the opposite of what staff suggest.", IMPROVE, "listening:neg"),
        ("Changes were announced with no chance to ask questions.", IMPROVE, "listening:neg"),
        ("Ask the people on the ground before changing the process.", ADVICE, "listening:neg"),
        # recognition: credit taken, nobody thanked
        ("My manager presents it as her own work at the board.", IMPROVE, "recognition:neg"),
        ("Nobody ever gets thanked by the managers here.", IMPROVE, "recognition:neg"),
        ("Never a word of thanks from the supervisors.", IMPROVE, "recognition:neg"),
    ],
)
def test_new_cue_families_find_their_label(text: str, question: str, label: str) -> None:
    (labels,) = rule_labels((text, question))
    assert label in labels


def test_writer_thanking_or_appreciating_is_not_recognition() -> None:
    survey, appreciate, credit = rule_labels(
        ("Thank you for running this survey.", OTHER),
        ("What I appreciate most is the flexible rota.", GOOD),
        ("Left for a job at a credit union.", OTHER),
    )
    assert "recognition:pos" not in survey
    assert "recognition:pos" not in appreciate
    assert "recognition:pos" not in credit


def test_takes_credit_is_recognition_neg_only() -> None:
    (labels,) = rule_labels(("My manager takes credit for our work.", IMPROVE))
    assert "recognition:neg" in labels
    assert "recognition:pos" not in labels


def test_manager_shielding_team_from_pressure_above_is_not_autonomy_neg() -> None:
    (labels,) = rule_labels(
        ("Even when head office is breathing down her neck she stays calm.", GOOD)
    )
    assert "autonomy:neg" not in labels
