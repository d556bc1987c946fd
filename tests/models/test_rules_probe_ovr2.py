"""Overall judgements in real-world phrasing (round 2): idioms, slang, misspellings, narratives."""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

OVERALL = {"overall:neg", "overall:pos"}


def test_wreck_and_farce_metaphors_about_managers_are_overall_neg():
    labels = rule_labels(
        ("Management is a total clown show.", IMPROVE),
        ("leadership is a car crash", IMPROVE),
        ("upper management is a train wreck", IMPROVE),
        ("the management are a shower honestly", OTHER),
        ("Management is a laughing stock.", OTHER),
        ("The management is below par.", IMPROVE),
        ("management is all over the place", IMPROVE),
    )
    for found in labels:
        assert "overall:neg" in found


def test_slang_and_misspelt_verdicts_are_overall_neg():
    labels = rule_labels(
        ("Senior leadership team are a bunch of muppets", OTHER),
        ("Managers here are jokers.", IMPROVE),
        ("Management are a bunch of cowboys.", IMPROVE),
        ("managers are pretty naff", IMPROVE),
        ("Mgmt is a bit pants tbh", IMPROVE),
        ("management are diabolical", IMPROVE),
        ("mangement is terible", IMPROVE),
        ("managment is apalling", IMPROVE),
        ("managers are completely incompetant", IMPROVE),
        ("the gaffer is a numpty", IMPROVE),
        ("The leadership is rotten to the core.", OTHER),
    )
    for found in labels:
        assert "overall:neg" in found


def test_not_up_to_the_role_and_decline_are_overall_neg():
    labels = rule_labels(
        ("Our managers are not up to scratch.", IMPROVE),
        ("Our manager is simply not cut out for management.", IMPROVE),
        ("supervisors are out of their league", IMPROVE),
        ("our manager couldnt manage her way out of a paper bag", OTHER),
        ("leadership has gone downhill massively over the last two years", IMPROVE),
        ("Management has gone to pot since the takeover.", OTHER),
        ("Managers are running the place into the ground.", IMPROVE),
        ("The place is rudderless since the old manager left.", OTHER),
        ("Too many chiefs, not enough indians.", IMPROVE),
        ("the problem is management", IMPROVE),
        ("The managers are the problem, always have been.", IMPROVE),
        ("Our head teacher is an embarrassment.", IMPROVE),
    )
    for found in labels:
        assert "overall:neg" in found


def test_overall_verdict_buried_in_a_narrative_is_overall_neg():
    labels = rule_labels(
        (
            "we get free parking and the canteen is decent, the work is steady, but management"
            " here has gone downhill since the buyout and everyone on the shop floor can see it,"
            " the uniforms are also really cheap and fall apart.",
            IMPROVE,
        ),
        (
            "Decent pension and the sick pay is better than most. Unfortunately the leadership"
            " team is a laughing stock across the county, they're in the local paper every other"
            " month, and it makes it embarrassing to say where you work.",
            OTHER,
        ),
        (
            "After eleven years here the company has a lot going for it, good products and loyal"
            " customers, but leadership is the weakest it has ever been and the owners seem to"
            " have lost interest.",
            OTHER,
        ),
    )
    for found in labels:
        assert "overall:neg" in found


def test_idioms_of_quality_about_managers_are_overall_pos():
    labels = rule_labels(
        ("management are top notch", GOOD),
        ("Management is top drawer.", GOOD),
        ("Managers here are first class.", GOOD),
        ("Leadership is first rate", GOOD),
        ("The leadership here is world class.", GOOD),
        ("the supervisors are all sound as a pound", GOOD),
        ("managers are sound", GOOD),
        ("managers are ace", GOOD),
        ("the management are alright actually", GOOD),
        ("our new head teacher is a breath of fresh air", OTHER),
        ("the manager has turned this store around", GOOD),
        ("It's a well led organisation", GOOD),
        ("The site is well managed.", GOOD),
    )
    for found in labels:
        assert "overall:pos" in found


def test_praise_buried_in_a_narrative_is_overall_pos():
    labels = rule_labels(
        (
            "The shifts are long and the pay isn't amazing but honestly the management team is"
            " top notch and it makes a massive difference, plus the free breakfast on a Friday"
            " is a nice touch.",
            GOOD,
        ),
        (
            "The warehouse is cold and the work is hard on your back, I won't lie, but the"
            " supervisors are sound and the shift manager is first class, so it balances out.",
            GOOD,
        ),
    )
    for found in labels:
        assert "overall:pos" in found


def test_the_same_idioms_about_things_are_not_overall():
    labels = rule_labels(
        ("The food in the canteen is top notch.", GOOD),
        ("Pension scheme is first class.", GOOD),
        ("The cafe is top drawer.", GOOD),
        ("The product range is world class.", GOOD),
        ("the app is a car crash", IMPROVE),
        ("The rota is all over the place.", IMPROVE),
        ("my colleagues are sound and we look out for each other", GOOD),
        ("The canteen food has gone downhill since they changed the supplier.", IMPROVE),
        ("The payroll app is not up to the job.", IMPROVE),
        ("The Wi-Fi is a joke.", IMPROVE),
        ("The car park is a shambles.", IMPROVE),
        ("the building is falling apart", IMPROVE),
        ("Traffic getting into the site is an absolute shambles.", IMPROVE),
        ("The job satisfaction when a family you support turns things around", GOOD),
        ("Parents can be a nightmare.", OTHER),
        ("My colleagues are useless and lazy.", IMPROVE),
        ("Time management is my weakness.", OTHER),
        ("The pay is a joke.", IMPROVE),
        ("Too many layers of sign-off for simple purchases.", IMPROVE),
        ("The work itself is a total car crash some days with all the deliveries.", IMPROVE),
    )
    for found in labels:
        assert not found & OVERALL


def test_a_specific_behaviour_in_an_idiom_comment_keeps_overall_off():
    labels = rule_labels(
        ("Management is a clown show and never listens to us.", IMPROVE),
        ("Managers are sound and always thank us for our hard work.", GOOD),
    )
    assert "overall:neg" not in labels[0]
    assert "overall:pos" not in labels[1]
