"""Fairness cue families of the rules: favouritism, allocation, inconsistency, retaliation."""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels


def test_allocation_of_good_and_bad_work_is_fairness_neg():
    labels = rule_labels(
        ("Our team leader keeps the cushiest routes for himself and his pals.", IMPROVE),
        ("The new starters always get the heaviest patients on the unit.", IMPROVE),
        ("Bank holiday overtime always goes to the same handful of drivers.", IMPROVE),
        ("Promotions go to whoever plays golf with the regional director.", IMPROVE),
        ("His mates get weekends off every single month.", IMPROVE),
    )
    for found in labels:
        assert "fairness:neg" in found


def test_rules_applied_to_some_and_not_others_is_fairness_neg():
    labels = rule_labels(
        ("The lateness policy is enforced for some people and not others.", IMPROVE),
        ("Supervisors pick and choose who has to follow the uniform policy.", IMPROVE),
        ("I was written up for the same thing my colleague does daily.", OTHER),
        ("She refused my leave while approving requests from her friends.", OTHER),
        ("A colleague with less experience was given the acting up post.", OTHER),
    )
    for found in labels:
        assert "fairness:neg" in found


def test_retaliation_after_raising_concerns_is_fairness_neg():
    labels = rule_labels(
        ("I feel victimised by my line manager after my grievance.", OTHER),
        ("Since raising a safety issue I have been left off the overtime list.", OTHER),
        ("The depot manager cut my hours after I queried my payslip.", OTHER),
    )
    for found in labels:
        assert "fairness:neg" in found


def test_fair_manager_and_even_sharing_are_fairness_pos():
    labels = rule_labels(
        ("Fair and approachable, never plays games.", GOOD),
        ("She is fair with everyone whatever their grade.", GOOD),
        ("Overtime is shared out evenly across the crew.", GOOD),
        ("Treats all of us the same, agency or permanent.", GOOD),
        ("Everyone gets a fair crack at the weekend shifts.", GOOD),
    )
    for found in labels:
        assert "fairness:pos" in found
        assert "fairness:neg" not in found


def test_fairness_idioms_and_pay_alone_are_not_fairness():
    to_be_fair, pay, evenly = rule_labels(
        ("To be fair to her, she does let us know about changes early.", OTHER),
        ("The pay is fair for the area.", GOOD),
        ("Work should be shared out evenly between teams.", IMPROVE),
    )
    assert "fairness:pos" not in to_be_fair and "fairness:neg" not in to_be_fair
    assert "fairness:pos" not in pay and "fairness:neg" not in pay
    assert "fairness:neg" in evenly


def test_old_boys_networks_and_conditional_favourites_are_fairness_needs() -> None:
    network, nosers, clique, never = rule_labels(
        ("It's a good ol' boys club at the top.", IMPROVE),
        ("The brown nosers get the promotions.", IMPROVE),
        ("If you aren't in the clique you won't move up.", IMPROVE),
        ("My supervisor never plays favourites.", OTHER),
    )
    assert network == {"fairness:neg"}
    assert nosers == {"fairness:neg"}
    assert clique == {"fairness:neg"}
    assert never == {"fairness:pos"}
