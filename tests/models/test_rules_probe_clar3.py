"""Round-3 probe phrasings for clarity, pressure, autonomy and listening: review-site cons,
first-person accounts, managers named by role, and job-pressure near misses."""

from __future__ import annotations

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels

GROUP = {
    f"{aspect}:{polarity}"
    for aspect in ("clarity", "listening", "autonomy", "pressure")
    for polarity in ("neg", "pos")
}


def test_contradictions_silence_and_making_it_up_are_clarity_neg():
    labels = rule_labels(
        (
            "my TL gives one instruction and then the shift manager gives the complete opposite",
            IMPROVE,
        ),
        ("the rota gets changed again without anyone telling us", IMPROVE),
        ("total radio silence from senior leadership about the merger", IMPROVE),
        ("the senior team are making it up as they go", IMPROVE),
        ("they announce big changes with zero explanation", IMPROVE),
        ("Management are very wishy washy about promotions", IMPROVE),
        ("i ask my TL what level 2 needs and each time i get a different answer", OTHER),
        (
            "my manager posts instructions in a group chat at midnight, no proper handover at all",
            OTHER,
        ),
        (
            "The job is fine but the updates from the directors are so vague that nobody on "
            "the floor can tell you what the company is trying to achieve",
            IMPROVE,
        ),
        ("comms from head office are non existent, we find out from facebook", IMPROVE),
    )
    for found in labels:
        assert "clarity:neg" in found


def test_briefings_and_honesty_are_clarity_pos():
    labels = rule_labels(
        ("The store manager briefs us every morning so we all know what is going on", GOOD),
        ("leadership are open and honest even when the news is bad", GOOD),
        ("My TL always keeps us in the know about changes coming down the line", GOOD),
        ("the manager communicates really well with the whole team", GOOD),
        ("sets clear targets and tells us straight away if anything changes", GOOD),
        ("the GM goes through the numbers with everyone each month", GOOD),
    )
    for found in labels:
        assert "clarity:pos" in found
        assert "clarity:neg" not in found


def test_pushing_insisting_and_out_of_reach_targets_are_pressure_neg():
    labels = rule_labels(
        ("my TL is constantly pushing us to take more calls and cut our wrap time", IMPROVE),
        ("the GM is always pushing for more sales, more signups, more everything", IMPROVE),
        ("my manager wants everything done at once", IMPROVE),
        ("the targets set by head office are a joke and nobody can hit them", IMPROVE),
        ("upper mgmt keep setting targets that are out of reach", IMPROVE),
        ("Management constantly pushing us to do more with fewer staff", IMPROVE),
        (
            "three people off sick and the shift manager still insisted we hit the full pick rate",
            OTHER,
        ),
        ("every hour the TLs announce who is behind on their stats", IMPROVE),
        ("the head of department told me I just need to work harder", OTHER),
        ("My TL started ringing me on my days off asking me to cover", OTHER),
        ("our director expects replies to messages within minutes, even late at night", IMPROVE),
    )
    for found in labels:
        assert "pressure:neg" in found


def test_own_pace_and_no_rushing_are_pressure_pos():
    labels = rule_labels(
        ("she lets new starters learn at their own pace", GOOD),
        ("never rushes you", GOOD),
        ("never puts us under silly pressure", GOOD),
        ("he won't pass that pressure down to the team", GOOD),
    )
    for found in labels:
        assert "pressure:pos" in found
        assert "pressure:neg" not in found


def test_sign_off_tracking_and_logs_are_autonomy_neg():
    labels = rule_labels(
        ("you need sign off for literally everything from the area manager", IMPROVE),
        ("he picks apart every sentence I write", IMPROVE),
        ("we are tracked by the minute on the scanners", IMPROVE),
        ("the new manager wants to be copied into every email we send", OTHER),
        ("I still have to justify every decision to a band 7", OTHER),
        ("team leaders follow you around with a clipboard", IMPROVE),
        ("she asks for a log of everything we have done that day", OTHER),
        ("the GM has to be involved in every single decision", IMPROVE),
        ("my manager insisted on reviewing every report before it went out", OTHER),
    )
    for found in labels:
        assert "autonomy:neg" in found


def test_trusting_named_staff_is_autonomy_pos():
    labels = rule_labels(
        ("management actually trust engineers to make decisions on site", GOOD),
        ("I feel really trusted in this team", GOOD),
    )
    for found in labels:
        assert "autonomy:pos" in found
        assert "autonomy:neg" not in found


def test_saying_no_bubbles_and_repeat_issues_are_listening_neg():
    labels = rule_labels(
        ("every time you suggest something the GM just says no", IMPROVE),
        ("Management don't care about our opinions", IMPROVE),
        ("any ideas from the floor are immediately dismissed by the regional team", IMPROVE),
        ("she said that's how it's always been done", OTHER),
        ("my views are never taken into account", IMPROVE),
        ("staff forums leave no time for questions", IMPROVE),
        ("the senior team make decisions in a bubble", IMPROVE),
        ("we raise the same issues every year", IMPROVE),
        ("the depot manager refused to even look at it because it wasn't his idea", OTHER),
        ("my TL never lets me finish a sentence", IMPROVE),
    )
    for found in labels:
        assert "listening:neg" in found


def test_listeners_and_mattering_opinions_are_listening_pos():
    labels = rule_labels(
        ("my TL is a good listener", GOOD),
        ("I feel like my opinion matters here", GOOD),
        ("Staff voice is valued", GOOD),
        ("she follows up on our suggestions", GOOD),
        ("you can go to the manager with any idea", GOOD),
    )
    for found in labels:
        assert "listening:pos" in found
        assert "listening:neg" not in found


def test_the_job_own_pressure_and_demands_are_not_pressure():
    labels = rule_labels(
        ("there is a lot of pressure in this job but that comes with the territory", IMPROVE),
        ("I feel under pressure because of my mortgage", OTHER),
        ("shifts are long and physically demanding", IMPROVE),
        ("The role is very demanding both physically and mentally", IMPROVE),
        ("the job is high pressure by nature, you're dealing with emergencies", IMPROVE),
        ("its a busy shop especially at weekends", IMPROVE),
        ("the targets are fine and achievable", GOOD),
        ("long hours and not enough staff", IMPROVE),
        ("the customers can be very demanding", IMPROVE),
        ("I work long hours because I choose to pick up overtime", OTHER),
    )
    for found in labels:
        assert "pressure:neg" not in found


def test_out_of_scope_near_misses_get_none_of_these_labels():
    labels = rule_labels(
        ("patients don't listen to advice", OTHER),
        ("the IT system is unclear and confusing", IMPROVE),
        ("the signage in the warehouse is confusing for new starters", OTHER),
        ("parents expect instant replies to emails", IMPROVE),
        ("KPIs are tracked by the system automatically", IMPROVE),
        ("i get to work independently in the van most of the day", GOOD),
        ("clients rarely communicate what they actually need", IMPROVE),
        ("the tenants never listen to the advice we give them", IMPROVE),
        ("visitors are always in a rush and impatient with staff", IMPROVE),
        ("Pay is clear and paid on time every month", GOOD),
    )
    for found in labels:
        assert not found & GROUP


def test_managers_named_by_role_are_caught_across_the_group():
    need_to_know, heads_up, no_store, hurry, final_say, unheard = rule_labels(
        ("the powers that be tell us things on a need to know basis", IMPROVE),
        ("Always gives us a heads up before the rota changes", GOOD),
        ("head office dictate targets that no store could hit", IMPROVE),
        ("the TLs are constantly telling us to hurry up", IMPROVE),
        ("the GM has to have the final say on everything", IMPROVE),
        ("the night shift feel completely unheard by SLT", IMPROVE),
    )
    assert "clarity:neg" in need_to_know
    assert "clarity:pos" in heads_up
    assert "pressure:neg" in no_store
    assert "pressure:neg" in hurry
    assert "autonomy:neg" in final_say
    assert "listening:neg" in unheard


def test_no_pressure_and_outside_pressure_keep_their_polarity():
    none_at_all, silly, peer, nhs, pub = rule_labels(
        ("there is no pressure at all from my manager", GOOD),
        ("never puts anyone under silly pressure", GOOD),
        ("peer pressure to go to the pub after every shift", OTHER),
        ("the NHS is under huge pressure at the moment", OTHER),
        ("demanding customers and long queues at lunchtime", IMPROVE),
    )
    assert "pressure:pos" in none_at_all and "pressure:neg" not in none_at_all
    assert "pressure:pos" in silly and "pressure:neg" not in silly
    assert not peer & GROUP
    assert not nhs & GROUP
    assert not pub & GROUP
