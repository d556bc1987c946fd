"""Fairness and recognition cues, round 3: review-site "cons", role names, first-person accounts.

Staff name the manager by role ("my TL", "the GM", "the powers that be"), bury the cue
in a long answer, and reach for idioms ("mates club", "in the GM's good books",
"passed off as the manager's own"). Near misses keep pay, rotas, customers and the
job itself out of scope.
"""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

MINE = {"fairness:neg", "fairness:pos", "recognition:neg", "recognition:pos"}


def test_closed_circles_and_who_you_know_are_fairness_neg() -> None:
    labels = rule_labels(
        ("Same old faces get the overtime every month.", IMPROVE),
        ("It's not what you know it's who you know at head office.", IMPROVE),
        ("Management needs to stop having pets.", IMPROVE),
        ("Holiday is first come first served unless you're a mate of the supervisor.", IMPROVE),
        ("Cons: low pay, long hours, and the managers' friends get all the raises.", IMPROVE),
        ("Honestly it's a mates club in the warehouse.", IMPROVE),
        ("You have to be in the GM's good books to get anything.", IMPROVE),
        ("Senior management look after their own.", IMPROVE),
        ("If your face doesn't fit you won't get anywhere.", IMPROVE),
        ("our TL lets her besties leave early every night", IMPROVE),
        ("If you're not in with management you have no chance.", IMPROVE),
        ("The sarge lets his drinking mates off with stuff.", IMPROVE),
    )
    for found in labels:
        assert "fairness:neg" in found, found


def test_promotion_rewards_and_rules_bent_for_some_are_fairness_neg() -> None:
    labels = rule_labels(
        ("Promotions seem to be decided before the interviews even happen.", IMPROVE),
        ("Certain members of staff are allowed to work from home, others are not.", IMPROVE),
        ("Pay rises are handed out based on who the boss gets on with.", IMPROVE),
        ("Inconsistency in how discipline is applied across the department.", IMPROVE),
        ("The powers that be only promote people who tell them what they want to hear.", IMPROVE),
        ("The TL cherry picks who gets the training courses.", IMPROVE),
        ("Rules are bent for some.", IMPROVE),
        (
            "Advice to management - stop promoting people because they go to the pub with you "
            "on a Friday, it's obvious to everyone on the floor.",
            IMPROVE,
        ),
        ("The deputy head gives the good classes to the teachers she's friendly with.", IMPROVE),
        ("Bonus decisions always seem to favour the office staff over the warehouse.", IMPROVE),
        ("There's one set of rules for the lads on days and another for nights.", IMPROVE),
        (
            "When I raised it with HR nothing happened and my line manager started giving me "
            "all the worst jobs on the rota after that.",
            OTHER,
        ),
    )
    for found in labels:
        assert "fairness:neg" in found, found


def test_even_handed_and_strict_but_fair_are_fairness_pos() -> None:
    labels = rule_labels(
        ("My line manager is very even handed when sorting out annual leave.", GOOD),
        ("The GM is strict but fair.", GOOD),
        ("Honestly the fairest manager I've had.", GOOD),
        ("No matter who you are, the rules apply to everyone.", GOOD),
        ("Everyone gets a chance to do overtime.", GOOD),
        ("Promotions here are earned, not given to mates.", GOOD),
        ("My manager applies the rules to everyone the same, including herself.", GOOD),
    )
    for found in labels:
        assert "fairness:pos" in found, found
        assert "fairness:neg" not in found, found


def test_credit_taken_and_work_passed_off_are_recognition_neg() -> None:
    labels = rule_labels(
        ("My manager presented my work to the directors as if she had done it herself.", IMPROVE),
        ("When we hit our targets the credit goes to the manager.", IMPROVE),
        ("my ideas get passed off as the manager's own", IMPROVE),
        ("my manager claimed the new process was her idea when it was mine", OTHER),
        ("My TL claims my sales as his own.", IMPROVE),
        ("My line manager presents my reports with her name on them.", IMPROVE),
        ("I stayed late for the audit and my manager took the praise for it.", IMPROVE),
    )
    for found in labels:
        assert "recognition:neg" in found, found
        assert "recognition:pos" not in found, found


def test_unthanked_unnoticed_and_only_criticised_are_recognition_neg() -> None:
    labels = rule_labels(
        ("they dont appreciate anything you do", IMPROVE),
        ("No one gives a damn how hard you work.", IMPROVE),
        ("A simple thank you now and again would go a long way.", IMPROVE),
        ("nothing you do is ever good enough for them", IMPROVE),
        ("The only feedback we get is negative.", IMPROVE),
        ("Management take the staff for granted.", IMPROVE),
        ("you never get so much as a thanks from the people upstairs", IMPROVE),
        ("no-one says thanks", IMPROVE),
        ("Our hard work is never rewarded.", IMPROVE),
        ("we get nothing but criticism from the store manager", IMPROVE),
        ("I feel like my hard work goes completely unnoticed by my TL.", IMPROVE),
        ("Managers only comment when something is wrong.", IMPROVE),
        ("It's always what you did wrong, never what you did right.", IMPROVE),
        ("I've never been told I'm doing a good job.", IMPROVE),
        ("The powers that be don't value experience at all.", IMPROVE),
        ("Upper mgmt couldn't care less about the effort we put in.", IMPROVE),
    )
    for found in labels:
        assert "recognition:neg" in found, found
        assert "recognition:pos" not in found, found


def test_bigging_up_and_credit_passed_on_are_recognition_pos() -> None:
    labels = rule_labels(
        ("My TL makes a point of telling us when we've done well.", GOOD),
        ("My manager bigs us up to senior leadership.", GOOD),
        ("They make you feel like your work matters.", GOOD),
        ("My manager sings our praises to head office.", GOOD),
        ("My manager makes sure the credit goes to the people who did the work.", GOOD),
        ("my supervisor always tells me i'm doing a good job", GOOD),
    )
    for found in labels:
        assert "recognition:pos" in found, found
        assert "recognition:neg" not in found, found


def test_cues_buried_in_long_answers() -> None:
    labels = rule_labels(
        (
            "Pros are the discount and some nice colleagues. Cons are the hours and the fact "
            "that the TLs look after each other's mates when it comes to overtime.",
            IMPROVE,
        ),
        (
            "Applied for three team leader roles and was told I needed more experience, then "
            "a guy who'd been here six months got it because he plays five a side with the "
            "ops manager.",
            OTHER,
        ),
        (
            "Was made redundant after I raised a grievance, funny how my role was the only one "
            "cut while the manager's cousin kept hers.",
            OTHER,
        ),
        (
            "Since the new GM arrived his old team have all been given the senior roles "
            "without any interviews and the rest of us feel pushed out.",
            OTHER,
        ),
    )
    for found in labels:
        assert "fairness:neg" in found, found
    labels = rule_labels(
        (
            "We worked double shifts through the floods and head office sent a generic email "
            "without mentioning our site once, we felt invisible.",
            OTHER,
        ),
        (
            "I came up with the new booking process, my manager presented it at the board and "
            "it went in the newsletter as her initiative.",
            OTHER,
        ),
        ("the money is rubbish and the managers are ungrateful, nothing is ever enough", IMPROVE),
        ("The new director doesn't know anyone's name and never walks the floor.", IMPROVE),
    )
    for found in labels:
        assert "recognition:neg" in found, found
    (found,) = rule_labels(
        (
            "After a tough week on the ward our matron came round to thank each of us, small "
            "things but it shows she values what we do.",
            GOOD,
        ),
    )
    assert "recognition:pos" in found and "recognition:neg" not in found, found


def test_near_misses_get_no_fairness_or_recognition_round_three() -> None:
    labels = rule_labels(
        ("Customers play favourites with certain staff.", IMPROVE),
        ("The customers always say thank you.", GOOD),
        ("I appreciate the flexible hours.", GOOD),
        ("Members of the public are rude and don't appreciate what we do.", IMPROVE),
        ("Customers take us for granted.", IMPROVE),
        ("Colleagues are my favourite part of the job.", GOOD),
        ("Lots of chances to pick up extra shifts.", GOOD),
        ("Hiring freeze means no promotions available.", IMPROVE),
        ("Fair enough, the pay could be better.", OTHER),
        ("Fairly paid and decent hours.", GOOD),
        ("Our patients' families send thank you cards.", GOOD),
        ("Customers complain loudest and get free stuff.", IMPROVE),
        ("Passengers never say thank you to drivers.", IMPROVE),
        ("I value the flexibility of the shift pattern.", GOOD),
        ("Customers always ask for the same few staff.", IMPROVE),
        ("Public think we are just numbers.", IMPROVE),
        ("Tenants never say thanks for repairs.", IMPROVE),
        ("We are a close-knit team.", GOOD),
        ("The interview panel were nice but the process took ages.", IMPROVE),
        ("Overtime has dried up since the new contract.", IMPROVE),
        ("Cons: pay is low, hours are long and the car park is tiny.", IMPROVE),
    )
    for found in labels:
        assert not found & MINE, found
