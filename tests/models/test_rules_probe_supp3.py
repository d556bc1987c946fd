"""Support cue families, round 3: review-site cons, reports that went nowhere, role names."""

from __future__ import annotations

from tests.models.test_rules import ADVICE, GOOD, IMPROVE, OTHER, rule_labels

SUPPORT = {"support:neg", "support:pos"}


def test_reports_that_went_nowhere_are_support_neg() -> None:
    labels = rule_labels(
        ("you flag a problem and it goes nowhere", IMPROVE),
        ("told the GM about it twice and they did absolutely nothing", OTHER),
        ("when I reported it to my TL nobody ever followed it up", OTHER),
        ("no one did a thing about it even though the whole shift saw", OTHER),
        ("I complained about him and got transferred to another ward instead of him", OTHER),
        ("the manager who groped me faced no consequences whatsoever", OTHER),
        ("HR and my line manager just kept passing me back and forth for months", OTHER),
        ("head office pass the buck to the stores every time", IMPROVE),
        ("I raised it and was sent from pillar to post", OTHER),
        ("when i said i was struggling i was told it comes with the job", OTHER),
        ("still waiting for a response to my grievance from March", OTHER),
        ("apparently there is an open door but it is always shut", IMPROVE),
    )
    for found in labels:
        assert "support:neg" in found
        assert "support:pos" not in found


def test_absent_uncaring_role_names_are_support_neg() -> None:
    labels = rule_labels(
        ("the area manager won't give the floor staff the time of day", IMPROVE),
        ("no one from SLT has asked how the department is coping since the cuts", IMPROVE),
        ("the powers that be ignore our welfare completely", IMPROVE),
        ("felt abandoned by upper mgmt after the restructure", IMPROVE),
        ("we never get any guidance from the TLs", IMPROVE),
        ("there's no manager to escalate to after 6pm", IMPROVE),
        ("nobody from head office reached out when my husband died", OTHER),
        ("supervisors are too stretched to train anyone properly", IMPROVE),
        ("welfare debriefs just don't happen after serious incidents", IMPROVE),
        ("lots of posters but it's all talk about wellbeing from the directors", IMPROVE),
        ("The GM is more interested in covering his own back than anything else", IMPROVE),
        ("the duty managers are nice to your face but useless when you need them", IMPROVE),
        ("Cons: poor pay, weekend shifts, and nobody has the time to coach new agents", IMPROVE),
    )
    for found in labels:
        assert "support:neg" in found
        assert "support:pos" not in found


def test_new_starters_and_development_gaps_are_support_neg() -> None:
    labels = rule_labels(
        ("you get a login and nobody to show you how anything works", IMPROVE),
        ("probationers get hardly any tutoring and are left to work it out", IMPROVE),
        ("Managers should support their people through change instead of hiding", IMPROVE),
        ("the store doesn't support staff who have kids, they refuse every swap", IMPROVE),
        ("my 1:1 has been bumped again this month", IMPROVE),
        ("the ops manager is happy to let people drown", IMPROVE),
        ("my TL said she couldn't get involved in staff disputes", OTHER),
        ("upper management have abandoned our depot", IMPROVE),
        ("the GM can't be bothered to help with complaints", IMPROVE),
        ("no pastoral support for teachers whatsoever", IMPROVE),
        ("Check on your night staff now and then", ADVICE),
        ("Free up your supervisors' time to coach", ADVICE),
        ("show a bit of compassion when someone is ill", ADVICE),
        ("the TLs are too afraid of the GM to stand up for their agents", IMPROVE),
        ("the regional director has never once set foot in our branch", IMPROVE),
        ("my supervisor phoned me during my annual leave about a rota gap", OTHER),
        ("after the last two incidents I have given up reporting", OTHER),
        ("the ops manager only rings when the figures are bad", IMPROVE),
        ("HR dismissed my grievance after one meeting", OTHER),
        ("nobody from head office came near the site after the fire", OTHER),
        ("the deputies leave nurses to get on with it on their own", IMPROVE),
        ("every concern we raise vanishes into the void", IMPROVE),
        ("upper mgmt make you feel as if you are a burden", IMPROVE),
    )
    for found in labels:
        assert "support:neg" in found


def test_caring_and_hands_on_managers_are_support_pos() -> None:
    labels = rule_labels(
        ("my sergeant knows every one of us by name", GOOD),
        ("the GM remembers our names and always asks how your kids are", GOOD),
        ("my TL always asks the team how they are getting on", GOOD),
        ("she reached out to me while I was off sick", OTHER),
        ("my supervisor walked me through every step on my first week", GOOD),
        ("the deputy went through everything with me before my first night shift", GOOD),
        ("my manager sat with me until my partner came to pick me up", OTHER),
        ("upper management genuinely listens and supports", GOOD),
        ("when I reported it my manager took it very seriously", OTHER),
        ("I felt believed from the moment I told my manager", OTHER),
        ("the complaint was investigated within a week and he was moved", OTHER),
        ("the store manager barred him from the shop after he threatened me", OTHER),
        ("my line manager encourages me to do courses and apply for secondments", GOOD),
        ("our head of year will bend over backwards to help new teachers", GOOD),
        ("the matron is an absolute gem", GOOD),
        ("my TL covered my shift when my daughter was rushed in", GOOD),
        ("the GM looks out for the younger lads on nights", GOOD),
        ("my sergeant really wants us to progress", GOOD),
        ("my manager sat down and talked to me about my career goals", GOOD),
        ("the deputy head always takes staff's side with difficult parents", GOOD),
        ("HR and my manager made all the adjustments I asked for", GOOD),
        ("the GM will go out of his way to sort your problems", GOOD),
        ("my TL let me compress my hours after my divorce", GOOD),
        ("you get assigned a mentor in your first week", GOOD),
        ("my sergeant rings at the end of each shift to see how we are", GOOD),
        ("my manager drove me home after the attack", OTHER),
    )
    for found in labels:
        assert "support:pos" in found
        assert "support:neg" not in found


def test_pay_public_and_other_aspects_stay_without_support() -> None:
    labels = rule_labels(
        ("the pay is poor and the car park is a joke", IMPROVE),
        ("customers can be very rude on the phone", IMPROVE),
        ("no sick pay for the first three days", IMPROVE),
        ("12 hour shifts are exhausting", IMPROVE),
        ("the canteen food is awful", IMPROVE),
        ("the job is stressful by its nature", IMPROVE),
        ("I like helping customers find what they need", GOOD),
        ("good pension and holidays", GOOD),
        ("lots of overtime available", GOOD),
        ("My manager micromanages every little thing", IMPROVE),
        ("managers have favourites", IMPROVE),
        ("communication from head office is poor", IMPROVE),
        ("targets are unrealistic", IMPROVE),
        ("the building is falling apart and the heating never works", IMPROVE),
        ("Pay people properly", IMPROVE),
        ("there are not enough staff on the floor at weekends", IMPROVE),
        ("the rota comes out late every month", IMPROVE),
        ("the printer on our floor never works", IMPROVE),
        ("I did absolutely nothing wrong and still got the blame", OTHER),
        ("the memory of that night stayed with me", OTHER),
        ("we invest in new tills next year", OTHER),
        ("the customers always take the side of the cheapest quote", OTHER),
        ("our colleagues watch the new starters like hawks", OTHER),
    )
    for found in labels:
        assert not (found & SUPPORT)
