"""Probe phrasings for clarity, listening, autonomy and pressure: idioms, slang, fragments."""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

GROUP = {
    f"{aspect}:{polarity}"
    for aspect in ("clarity", "listening", "autonomy", "pressure")
    for polarity in ("neg", "pos")
}


def test_evasive_and_contradictory_managers_are_clarity_neg():
    labels = rule_labels(
        ("the regional team are as clear as mud about the new structure", IMPROVE),
        ("Directors are really cagey about what happens to our depot", OTHER),
        ("it is all smoke and mirrors with the board", OTHER),
        ("everything is hush hush until the day it happens", IMPROVE),
        ("the left hand doesnt know what the right hand is doing up there", IMPROVE),
        ("Info about the merger gets drip fed to us months late", IMPROVE),
        ("mixed signals from the duty managers every shift", IMPROVE),
        ("we get told different things by the two deputies", IMPROVE),
        ("my supervisor keeps her cards close to her chest", OTHER),
        ("nothing is ever explained properly when the process changes", IMPROVE),
    )
    for found in labels:
        assert "clarity:neg" in found


def test_withheld_information_and_unstable_plans_are_clarity_neg():
    labels = rule_labels(
        ("Decisions arent shared with the floor until it is too late", IMPROVE),
        ("left guessing what the area manager actually wants from us", IMPROVE),
        ("Job roles are never properly defined so nobody owns anything", IMPROVE),
        ("vague responsibilities and a muddled remit for our team", IMPROVE),
        ("the plan changes at the drop of a hat", IMPROVE),
        ("we only ever hear about restructures second hand", OTHER),
    )
    for found in labels:
        assert "clarity:neg" in found


def test_upfront_managers_who_keep_people_informed_are_clarity_pos():
    labels = rule_labels(
        ("She is upfront with us even when the news is not good", GOOD),
        ("honest with the team about the budget cuts", GOOD),
        ("keeps the whole team fully informed", GOOD),
        ("with him you always know where you stand", GOOD),
        ("We know exactly what is expected of us each shift", GOOD),
        ("tells it like it is, no sugar coating", GOOD),
        ("good at explaining the reasoning behind a change", GOOD),
    )
    for found in labels:
        assert "clarity:pos" in found
        assert "clarity:neg" not in found


def test_dismissed_views_and_sham_consultation_are_listening_neg():
    labels = rule_labels(
        ("honestly like talking to a brick wall with the senior team", IMPROVE),
        ("whatever you say goes in one ear and out the other", IMPROVE),
        ("staff views count for nothing in this trust", OTHER),
        ("they ask for feedback and then do nothing", IMPROVE),
        ("our concerns get swept under the carpet every time", IMPROVE),
        ("the restructure consultation was a complete sham", OTHER),
        ("changes are decided over our heads at head office", IMPROVE),
        ("you cant get a word in edgeways in her team meetings", IMPROVE),
        ("totally closed to new ideas from the shop floor", IMPROVE),
        ("speaking up gets you nowhere in this place", IMPROVE),
        ("the deputy head thinks she knows best about everything", IMPROVE),
    )
    for found in labels:
        assert "listening:neg" in found


def test_welcomed_ideas_and_a_say_are_listening_pos():
    labels = rule_labels(
        ("he welcomes fresh ideas from the apprentices", GOOD),
        ("our suggestions actually get implemented", GOOD),
        ("She always takes our views into account", GOOD),
        ("encourages staff to speak up in huddles", GOOD),
        ("we have a real say in how the rota works", GOOD),
        ("genuine two way conversation with my line manager", GOOD),
    )
    for found in labels:
        assert "listening:pos" in found
        assert "listening:neg" not in found


def test_watching_and_permission_for_everything_is_autonomy_neg():
    labels = rule_labels(
        ("the shift lead has a finger in every pie", IMPROVE),
        ("constant nit-picking over how we fill in forms", IMPROVE),
        ("they watch your every move on the shop floor", IMPROVE),
        ("we are treated like naughty school kids", IMPROVE),
        ("you have to run everything past the office first", IMPROVE),
        ("way too much control from head office over our branch", IMPROVE),
        ("it is big brother here with the supervisors", OTHER),
        ("loo breaks are timed by the team leaders", IMPROVE),
    )
    for found in labels:
        assert "autonomy:neg" in found


def test_free_rein_and_own_decisions_are_autonomy_pos():
    labels = rule_labels(
        ("given free rein over how I plan my caseload", GOOD),
        ("treated like adults rather than numbers", GOOD),
        ("we are free to make our own decisions on site", GOOD),
        ("lets us run the lab however we see fit", GOOD),
        ("I am trusted to manage my own diary", GOOD),
    )
    for found in labels:
        assert "autonomy:pos" in found
        assert "autonomy:neg" not in found


def test_squeezed_and_chased_staff_are_pressure_neg():
    labels = rule_labels(
        ("management squeeze every last drop out of the pickers", IMPROVE),
        ("sales targets have gone through the roof this year", IMPROVE),
        ("the manager is always on at us about conversions", IMPROVE),
        ("my boss wants everything done yesterday", IMPROVE),
        ("store managers obsessed with the numbers", IMPROVE),
        ("you get pulled aside if you dont hit your numbers", IMPROVE),
        ("they make you feel guilty for taking your full lunch", IMPROVE),
        ("new projects sprung on us by the directors with no warning", IMPROVE),
    )
    for found in labels:
        assert "pressure:neg" in found


def test_realistic_and_protective_managers_are_pressure_pos():
    labels = rule_labels(
        ("realistic about what the team can get done in a week", GOOD),
        ("sets achievable targets for the new starters", GOOD),
        ("keeps head office off our backs", GOOD),
        ("never makes us feel rushed on a busy ward", GOOD),
        ("she keeps our workload manageable", GOOD),
    )
    for found in labels:
        assert "pressure:pos" in found
        assert "pressure:neg" not in found


def test_out_of_scope_near_misses_get_none_of_these_labels():
    labels = rule_labels(
        ("long hours and low pay", IMPROVE),
        ("The heating never works in winter", IMPROVE),
        ("Great pension and a free gym", GOOD),
        ("Too much paperwork on every visit", IMPROVE),
        ("the new till software is really confusing", IMPROVE),
        ("bought secondhand boots from a mate", OTHER),
        ("free hand cream in the staff toilets", GOOD),
        ("I have confidence in my own ability after the course", GOOD),
        ("the wifi keeps dropping out", IMPROVE),
        ("you are expected to wear safety boots", OTHER),
        ("honest customers hand in lost wallets", GOOD),
        ("software updates every week break the scanners", IMPROVE),
        ("Holiday requests are approved quickly", GOOD),
        ("great bunch of colleagues", GOOD),
    )
    for found in labels:
        assert not found & GROUP


def test_other_aspects_and_flipped_praise_stay_out_of_the_wrong_label():
    favourites, shouting, never_micro, informed, listens, patient = rule_labels(
        ("Managers play favourites with overtime", IMPROVE),
        ("my supervisor shouts at us in front of everyone", IMPROVE),
        ("She never micromanages anyone", GOOD),
        ("never in the dark here, she tells us everything", GOOD),
        ("always listens to the night shift", GOOD),
        ("never demanding, very patient with us", GOOD),
    )
    assert not favourites & GROUP
    assert not shouting & GROUP
    assert "autonomy:neg" not in never_micro
    assert "clarity:neg" not in informed
    assert "listening:neg" not in listens
    assert "pressure:neg" not in patient
