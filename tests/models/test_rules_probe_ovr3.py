"""Overall judgements in real-world phrasing (round 3): role names, review "cons", idioms."""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

OVERALL = {"overall:neg", "overall:pos"}


def test_role_names_carry_an_overall_verdict():
    labels = rule_labels(
        ("my TL is hopeless at his job", IMPROVE),
        ("our DM is a nightmare", IMPROVE),
        ("My TL is a terrible team leader.", IMPROVE),
        ("Our head of department is weak and ineffectual.", IMPROVE),
        ("The head is a poor leader.", OTHER),
        ("Cons: shocking upper mgmt, low pay, no progression", IMPROVE),
        ("Honestly the people at the top havent got a scooby", IMPROVE),
        ("Head office are in cloud cuckoo land.", IMPROVE),
        ("upper management are living on another planet", IMPROVE),
    )
    for found in labels:
        assert "overall:neg" in found


def test_idioms_of_a_failed_leadership_are_overall_neg():
    labels = rule_labels(
        ("senior leadership team are woefully inadequate", IMPROVE),
        ("The managers let the side down every single time.", IMPROVE),
        ("Senior leadership is asleep at the wheel.", OTHER),
        ("the senior team are all style and no substance", IMPROVE),
        ("The senior managers are just empty suits.", IMPROVE),
        ("our manager is a waste of a salary", IMPROVE),
        ("management dont know their arse from their elbow", IMPROVE),
        ("The rot starts at the top with the exec team.", OTHER),
        ("The senior leadership team has no grip on the organisation.", IMPROVE),
        ("management are so far removed from the frontline", IMPROVE),
        ("management are a bunch of kids playing at being bosses", IMPROVE),
        ("head office are a bunch of bean counters in shiny suits", OTHER),
        ("Leadership is non-existent on weekends.", IMPROVE),
    )
    for found in labels:
        assert "overall:neg" in found


def test_management_named_as_the_cause_or_in_need_of_change_is_overall_neg():
    labels = rule_labels(
        ("management is the main reason staff leave", IMPROVE),
        ("Managers are the reason the turnover is through the roof.", IMPROVE),
        ("The leadership team need to raise their game.", IMPROVE),
        ("Time for a change at the top.", IMPROVE),
        ("Advice to management: step aside and let someone competent take over.", OTHER),
    )
    for found in labels:
        assert "overall:neg" in found


def test_overall_neg_buried_in_a_mixed_cons_answer():
    labels = rule_labels(
        ("the staff are great but the management lets it down", IMPROVE),
        (
            "If I'm honest the only real problem here is management, everything else from the"
            " pay to the hours is fine.",
            IMPROVE,
        ),
        (
            "It pains me to say it because I loved this company but the leadership has gone"
            " completely downhill since the new owners came in and the culture is not what it was.",
            OTHER,
        ),
        (
            "The pay is fine and the team are nice but the TL is totally out of his depth and it"
            " makes every shift harder than it needs to be.",
            IMPROVE,
        ),
    )
    for found in labels:
        assert "overall:neg" in found


def test_role_names_and_idioms_of_praise_are_overall_pos():
    labels = rule_labels(
        ("my TL is sound", GOOD),
        ("our DM is fantastic", GOOD),
        ("The head is a great leader.", GOOD),
        ("The management here is second to none.", GOOD),
        ("The bosses are gems", GOOD),
        ("The leadership team are a credit to the organisation.", GOOD),
        ("the new head is a breath of fresh air", OTHER),
        ("Our GM is a top bloke", GOOD),
        ("The leadership team are a safe pair of hands.", GOOD),
        ("The manager runs a tight ship.", GOOD),
        ("The top team are brilliant.", GOOD),
        ("The leaders here are the real deal.", GOOD),
    )
    for found in labels:
        assert "overall:pos" in found


def test_change_for_the_better_and_best_run_places_are_overall_pos():
    labels = rule_labels(
        ("The new management team has made a massive difference.", GOOD),
        ("The new manager has transformed the place.", OTHER),
        ("Best run ward in the hospital by a mile.", GOOD),
        (
            "I've worked in a lot of places and this is the best managed branch I've been in,"
            " the pay is low though and the parking is awful.",
            GOOD,
        ),
        (
            "After years of chaos we finally have a leadership team that knows what it is doing,"
            " the difference in the last six months has been huge.",
            GOOD,
        ),
    )
    for found in labels:
        assert "overall:pos" in found


def test_the_same_idioms_about_pay_things_colleagues_or_customers_are_not_overall():
    labels = rule_labels(
        ("The pay is the main reason people leave.", IMPROVE),
        ("Long hours are the reason staff leave.", IMPROVE),
        ("Customers are the reason staff leave, the abuse is constant.", IMPROVE),
        ("The agency staff let the whole team down.", IMPROVE),
        ("my colleague is useless at her job", IMPROVE),
        ("Customers live on another planet sometimes.", IMPROVE),
        ("The rota has gone downhill since the new system came in.", IMPROVE),
        ("The problem lies with the IT system.", IMPROVE),
        ("I need to learn how to manage my time better.", OTHER),
        ("The floor in the warehouse has no grip on it when it's wet.", IMPROVE),
        ("The pay here is far removed from what agency staff get.", IMPROVE),
        ("The IT helpdesk is about as much use as a chocolate teapot.", IMPROVE),
        ("Students play at being adults.", OTHER),
        ("The company is a market leader with great products.", GOOD),
        ("My colleagues run a tight ship on the tills.", GOOD),
        ("The pension is a safe pair of hands.", GOOD),
        ("The canteen is second to none.", GOOD),
        ("My colleagues are legends.", GOOD),
        ("The new rota has made a massive difference.", GOOD),
        ("The new coffee machine has transformed the staff room.", GOOD),
        ("the pay is a joke", IMPROVE),
        ("Customers are rude and abusive.", IMPROVE),
    )
    for found in labels:
        assert not found & OVERALL
