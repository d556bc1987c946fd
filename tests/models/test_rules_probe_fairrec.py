"""Fairness and recognition cues probed with real-world survey phrasing.

Idioms, slang, typos and fragments the way staff write in anonymous surveys
and on review sites, and near misses (pay, customers, the job itself) that
must stay out of scope.
"""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

MINE = {"fairness:neg", "fairness:pos", "recognition:neg", "recognition:pos"}


def test_preferential_treatment_and_in_crowds_are_fairness_neg() -> None:
    labels = rule_labels(
        ("Preferential treatment for a few people on the night shift.", IMPROVE),
        ("the depot manager treats some drivers preferentially", IMPROVE),
        ("There's an in-crowd on the ward and if you're not in it tough luck", IMPROVE),
        ("its the in crowd and the out crowd with our sergeant", IMPROVE),
        ("The chosen few get sent on every course going.", IMPROVE),
        ("Her chosen ones never do a late shift.", IMPROVE),
        ("the inspector has his blue eyed boys", IMPROVE),
        ("Sheer hypocrisy from the SLT, they break the rules they make us follow", IMPROVE),
        ("Managers are hypocrites about phone use on the floor.", IMPROVE),
        ("The same person gets picked to act up every single time.", IMPROVE),
        ("same names get chosen for secondments", IMPROVE),
    )
    for found in labels:
        assert "fairness:neg" in found


def test_uneven_allocation_and_selective_leniency_are_fairness_neg() -> None:
    labels = rule_labels(
        ("Weekend cover is handed out unevenly by the rota manager.", IMPROVE),
        ("Holidays are allocated inequitably between teams.", IMPROVE),
        ("He allows certain people to swap shifts but says no to the rest of us", IMPROVE),
        ("Supervisors let some staff leave early every Friday.", IMPROVE),
        ("sups treat there mates diffrently", IMPROVE),
        ("Managers could be fairer when handing out overtime.", IMPROVE),
    )
    for found in labels:
        assert "fairness:neg" in found


def test_treated_alike_and_promotion_on_merit_are_fairness_pos() -> None:
    labels = rule_labels(
        ("Everybody is treated the same by the store managers.", GOOD),
        ("we are all treated equally whatever our contract", GOOD),
        ("Our head treats all staff with equal respect.", GOOD),
        ("Extra hours are offered to everyone fairly.", GOOD),
        ("They enforce the uniform policy the same for everybody.", GOOD),
        ("Promotion is on merit here.", GOOD),
        ("A genuine meritocracy, you get on if you are good.", GOOD),
    )
    for found in labels:
        assert "fairness:pos" in found
        assert "fairness:neg" not in found


def test_merit_and_equal_treatment_negated_are_fairness_neg() -> None:
    labels = rule_labels(
        ("Part timers are not treated equally by management.", IMPROVE),
        ("Promotions are never on merit.", IMPROVE),
    )
    for found in labels:
        assert "fairness:neg" in found


def test_credit_grabbing_and_being_a_number_are_recognition_neg() -> None:
    labels = rule_labels(
        ("The area manager hogs all the glory for our results.", IMPROVE),
        ("My boss claimed the credit for my project.", IMPROVE),
        ("all the credit goes upstairs", IMPROVE),
        ("She passes our ideas off as her own.", IMPROVE),
        ("We are just numbers to upper management.", IMPROVE),
        ("You're only a number to them", OTHER),
        ("Unappreciative managers who never say a word.", IMPROVE),
        ("Management are quick to criticise and slow to praise.", IMPROVE),
    )
    for found in labels:
        assert "recognition:neg" in found


def test_noticed_only_for_mistakes_and_missing_thanks_are_recognition_neg() -> None:
    labels = rule_labels(
        ("We only ever hear from the manager when something goes wrong.", IMPROVE),
        ("You only get feedback if you make a mistake.", IMPROVE),
        ("Work a double shift and no one would notice", IMPROVE),
        ("Not once a pat on the back from the office.", IMPROVE),
        ("Management should value staff more.", IMPROVE),
        ("Show your staff some gratitude!", IMPROVE),
        ("zero gratitude from the top", IMPROVE),
        ("no apreciation", IMPROVE),
        ("never get reconised for anything", IMPROVE),
        ("It'd be nice to be told when we have done a good job.", IMPROVE),
    )
    for found in labels:
        assert "recognition:neg" in found


def test_shout_outs_kudos_and_thank_you_cards_are_recognition_pos() -> None:
    labels = rule_labels(
        ("Regular shout outs in the weekly huddle.", GOOD),
        ("Manager gives shoutouts to whoever went the extra mile.", GOOD),
        ("The boss gives kudos in front of everyone.", GOOD),
        ("A pat on the back when you've had a tough call.", GOOD),
        ("Our deputy writes thank you cards after a busy week.", GOOD),
        ("Always thanked for covering extra shifts.", GOOD),
        ("Your efforts are noticed and rewarded.", GOOD),
        ("She celebrates individual achievements in team meetings.", GOOD),
        ("My line manager always credits the team in front of the directors.", GOOD),
    )
    for found in labels:
        assert "recognition:pos" in found
        assert "recognition:neg" not in found


def test_near_misses_get_no_fairness_or_recognition() -> None:
    labels = rule_labels(
        ("Pay is fair for the sector.", GOOD),
        ("fair wages and a decent pension", GOOD),
        ("To be fair the rota software is easy to use.", OTHER),
        ("a fair bit of driving between sites", OTHER),
        ("Low pay and no sick pay.", IMPROVE),
        ("The IT system is slow and crashes.", IMPROVE),
        ("Free parking and a subsidised canteen.", GOOD),
        ("My manager shouts at people in meetings.", IMPROVE),
        ("Managers never explain changes to the rota.", IMPROVE),
        ("My supervisor is approachable and kind.", GOOD),
        ("Thanks for asking.", OTHER),
        ("nothing thanks", IMPROVE),
        ("the office has a pet dog on Fridays", GOOD),
        ("We got a number of new starters this month.", OTHER),
        ("Customers are in and out all day.", OTHER),
        ("Group supervision in the clinic is useful.", GOOD),
        ("the same person on reception every morning is lovely", GOOD),
        ("The canteen food is decent.", GOOD),
        ("More staff needed on nights.", IMPROVE),
        ("Lots of overtime available.", GOOD),
    )
    for found in labels:
        assert not found & MINE, found
