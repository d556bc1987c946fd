"""Conduct cue families from first-person harassment accounts and review "cons" (own sentences).

Questions about what someone was wearing or about starting a family, pressing to meet up,
rejected advances, being told one is too fat or would never make a nurse, mimicked accents,
being picked apart, tearing into and lashing out at people, having a pop at staff, the way
head office speaks to staff, staff treated as lesser beings or the enemy, "toxic af"; and
near misses: neutral mentions of bullying and harassment training, policies and reporting
routes, threats of closure, intimidating paperwork or software, customers and the public.
"""

from __future__ import annotations

import pytest

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("My supervisor asked me what I was wearing over text at 1am.", OTHER),
        ("The store manager kept asking me to meet up after closing.", OTHER),
        ("She asked whether I was planning to start a family during my interview.", None),
        ("The whole site is toxic af", IMPROVE),
        ("Rejected his advances at the party and my shifts were cut the next week.", OTHER),
        ("Was told I was too old to learn the new tills by my TL.", OTHER),
        ("My manager told me I was useless in my review.", OTHER),
        ("She said I would never make a good teacher.", OTHER),
        ("Managers treat agency workers like dirt.", IMPROVE),
        ("The chef mimics my accent every service.", OTHER),
        ("My TL does impressions of me behind my back.", OTHER),
        ("My report was picked apart in front of the whole department.", OTHER),
        ("Made comments about my marriage in front of the team.", OTHER),
        ("my manager is verbally abusive", OTHER),
        ("He kicked me in the shin for a laugh.", OTHER),
        ("The shift lead has sworn at me twice this week.", OTHER),
        ("Constant personal attacks from the deputy head.", IMPROVE),
        ("leave your religion at the door, they said", OTHER),
        ("Threatening voicemails from the area manager.", OTHER),
        ("He tore into me over a missed delivery.", OTHER),
        ("Upper mgmt lashed out at us on the team call.", OTHER),
        ("The GM sneers at the kitchen porters.", OTHER),
        ("Supervisors take a dig at you whenever they can.", IMPROVE),
        ("The way senior management speak to us is shocking.", OTHER),
        ("The manager turns on anyone who questions her.", OTHER),
        ("We are treated like the enemy by head office.", OTHER),
        ("Head office see us as lesser mortals.", OTHER),
        ("Complainant states her manager kept brushing up against her in the corridor.", None),
        ("the powers that be treat us like something they scraped off their shoe", OTHER),
        ('My boss asks "are you on your period" whenever I disagree with him.', OTHER),
        ("The shift lead pats the girls on the head when they get something right.", OTHER),
        ("My line manager turned the team against me after my grievance.", OTHER),
        ('The GM calls the kitchen porters "the monkeys".', OTHER),
        ("He puts his arm round the young girls on the tills.", OTHER),
        ("upper mgmt openly laugh at the floor staff in the canteen", OTHER),
        ("The SLT treat support staff as lesser beings.", OTHER),
        ("I was forced to apologise to a colleague who had sworn at me.", OTHER),
        ("the supervisor told me to stop being such a girl when i asked for help lifting", OTHER),
        ("Colleagues constantly mimic my accent and the manager thinks it's funny.", OTHER),
        ("The powers that be should stop treating drivers like criminals.", IMPROVE),
        ("When I challenged the rota my manager told me to watch my step.", OTHER),
        (
            "My line manager started messaging me late at night asking what I was wearing and"
            " when I stopped replying he started giving me the worst shifts on the rota.",
            None,
        ),
        (
            "my manager rings me on my days off and if i dont answer she leaves voicemails"
            " saying i am letting the team down and she will remember this",
            OTHER,
        ),
        (
            "Upper mgmt come down to the floor once a quarter to tear into everyone about stats"
            " and then disappear again, it is a miserable place to work.",
            OTHER,
        ),
        (
            "Cons: the head chef is abusive, the hours are 60 plus a week, and the pay does not"
            " cover it. Advice to management: deal with the head chef.",
            None,
        ),
        (
            "Since my manager found out I was gay she has been making remarks about my"
            ' "lifestyle" and asking my colleagues personal questions about me.',
            None,
        ),
    ],
)
def test_first_person_accounts_are_conduct_neg(text, question):
    (labels,) = rule_labels((text, question))
    assert "conduct:neg" in labels
    assert "conduct:pos" not in labels


def test_showing_respect_is_conduct_pos_and_advice_to_show_it_is_neg():
    good, advice = rule_labels(
        ("Managers show respect to everyone.", GOOD), ("Show staff some respect.", IMPROVE)
    )
    assert "conduct:pos" in good and "conduct:neg" not in good
    assert "conduct:neg" in advice


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The bullying and harassment training was fine.", OTHER),
        ("We did a workshop on harassment.", OTHER),
        ("I feel intimidated by the amount of paperwork.", OTHER),
        ("Management take bullying complaints seriously and act quickly on them.", OTHER),
        ("The threat of closure hangs over the depot.", OTHER),
        ("The dignity at work policy is on the intranet.", OTHER),
        ("The harassment reporting portal is easy.", OTHER),
        ("Violence and aggression training is mandatory for ward staff.", OTHER),
        ("I took part in the focus group on bullying.", OTHER),
        ("As a union rep I support members through grievance and harassment cases.", OTHER),
        ("The car park is intimidating at night because it is unlit.", IMPROVE),
        ("The threat of redundancy has been hanging over us for a year.", OTHER),
        ("The new software is intimidating for new starters.", OTHER),
        ("The workload looked intimidating at first.", OTHER),
        ("Customers shout at us when the system is down.", OTHER),
        ("The callers can be abusive but we get good support from our TL.", OTHER),
        ("Our manager protects us from abusive customers.", GOOD),
        ("Pupils swearing at staff is a daily occurrence.", OTHER),
        ("Upper mgmt make decisions without asking us.", IMPROVE),
        ("Head office keeps changing the targets.", IMPROVE),
        ("Cons: long hours, weekend work, poor pay, limited career progression.", None),
        ("Drunk passengers can get aggressive on the late trains.", OTHER),
        ("Aggressive targets set by head office with no extra staff.", IMPROVE),
    ],
)
def test_near_misses_get_no_conduct_label(text, question):
    (labels,) = rule_labels((text, question))
    assert "conduct:neg" not in labels
    assert "conduct:pos" not in labels
