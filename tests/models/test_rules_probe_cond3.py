"""Conduct cue families from HR case-file wording and long survey stories (own sentences).

Unwelcome or inappropriate contact, sexualised remarks, disparaging and degrading talk,
being spoken to like a child or a criminal, scolding verbs, physical intimidation
(squaring up, cornering, finger in the face), ostracism (sent to Coventry, cold
shoulder), witch hunts and vendettas, threats to a career; and near misses about
customers, pay, chemicals, food and targets.
"""

from __future__ import annotations

import pytest

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The complainant alleges unwelcome advances from her line manager at a leaving do.", None),
        ("Employee reports inappropriate physical contact by a senior colleague.", None),
        ("The complainant alleges a pattern of sexualised remarks from a supervisor.", None),
        ("Employee reports the team leader has been openly disparaging about her.", None),
        ("Employee reports he was told to shut up in the safety briefing.", None),
        ("Employee alleges she was gaslit by her manager about past meetings.", None),
        ("Employee reports feeling degraded by the way the regional manager addressed her.", None),
        ("i get spoken to like a child by my supervisor every shift", OTHER),
        ("Treated like a criminal for taking two extra minutes on break.", IMPROVE),
        ("The shift manager jabbed his finger in my face over the rota.", OTHER),
        ("He squared up to me in the yard after the briefing.", OTHER),
        ("My manager cornered me in the office until I agreed to drop my complaint.", None),
        ("The complainant alleges he kissed her and put his arm around her waist.", None),
        ("There is a witch hunt against anyone who raises concerns on this unit.", OTHER),
        ("My manager has had a vendetta against me since I went off sick.", OTHER),
        ("I was sent to Coventry by the whole office after the grievance.", OTHER),
        ("Constant cold shoulder from the senior carers if you are new.", IMPROVE),
        ("Lots of microaggressions towards staff from minority backgrounds.", IMPROVE),
        ("An undercurrent of ageism, older drivers get called dinosaurs.", OTHER),
        ("The office culture is chauvinistic and the directors set the tone.", OTHER),
        ("Sectarian remarks are tolerated on the shop floor.", IMPROVE),
        ("The head of faculty lambasted the department in an all staff email.", OTHER),
        ("I was chastised for taking my lunch by a deputy who then walked off.", OTHER),
        ("got a roasting from the night manager for something i never did", OTHER),
        ("Management are discourteous and uncivil to the cleaners.", IMPROVE),
        ("There is a poisonous atmosphere created by the leadership team.", OTHER),
        ("The store manager is a little Hitler.", IMPROVE),
        ("Bullyboy tactics from the area manager to push the new contracts.", OTHER),
        ("He snarled at me when I asked for a hand on the tills.", OTHER),
        ("She scoffed at my suggestion in front of everybody.", OTHER),
        ("was called lazy and useless by my team leader in my first week", OTHER),
        ("Jokes at my expense every day from the senior team.", IMPROVE),
        ("I was told to keep my mouth shut or my career would suffer.", OTHER),
        ("The complainant alleges she was told her card was marked.", None),
        ("There is intimidatory behaviour from some senior managers in meetings.", OTHER),
        ("The complainant reports sustained hostility from her line manager.", None),
        ("Received unsolicited pictures from a shift manager and HR told me to block him.", OTHER),
        ("The team leader kept commenting on my sex life in the staff room.", OTHER),
        ("Managers use derogatory language about agency workers.", IMPROVE),
        ("Our manager read us the riot act in the corridor in full view of visitors.", OTHER),
        ("I was bad-mouthed to the rest of the team by my own supervisor.", OTHER),
        ("Supervisor hollered at me across the whole warehouse.", OTHER),
        ("the team leader wolf whistles at the women on the line", OTHER),
        ("Employee reports being told she would be 'managed out' if she complained.", None),
        ("My manager made me feel like an idiot over a system I was never shown.", OTHER),
        ("I was made an example of in the team meeting for a whole team mistake.", OTHER),
        ("Supervisor called me a prick in the canteen.", OTHER),
        ("The team leader gets into people's personal space when he is angry.", OTHER),
        ("My supervisor mutters insults under his breath at the new starters.", OTHER),
        ("My manager stares people down in meetings until they back off.", OTHER),
        ("Employee reports a colleague sent her a string of abusive text messages.", None),
        (
            "The work is rewarding and the patients are lovely but a clique of senior assistants"
            " make new staff's lives hell, whispering and excluding them at break, and the ward"
            " manager is friends with them so nothing is done.",
            OTHER,
        ),
        (
            "I dread Tuesdays when the operations manager is in, he picks one person each week"
            " to pull apart in the meeting and you just pray it is not you.",
            OTHER,
        ),
    ],
)
def test_case_file_and_story_wording_is_conduct_neg(text, question):
    (labels,) = rule_labels((text, question))
    assert "conduct:neg" in labels
    assert "conduct:pos" not in labels


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("The complainant alleges that her overtime was calculated wrongly.", None),
        ("Employee reports that the rota was published late again.", None),
        ("Employee reports the lift has been out of order for three weeks.", None),
        ("The canteen food is vile.", IMPROVE),
        ("Shift patterns are brutal on the body.", IMPROVE),
        ("Customers can be very rude at the tills.", OTHER),
        ("The public can be abusive on the phones.", OTHER),
        ("A member of the public spat at me on the bus.", OTHER),
        ("Parking is a nightmare every morning.", IMPROVE),
        ("Targets are aggressive this year.", IMPROVE),
        ("The job is stressful and emotionally draining.", OTHER),
        ("The thermostat cannot be adjusted and the office is freezing.", IMPROVE),
        ("My manager is lovely and makes me feel welcome.", GOOD),
        ("Made to feel valued by my supervisor.", GOOD),
        ("I feel respected here.", GOOD),
        ("Favouritism in the allocation of overtime.", IMPROVE),
        ("Communication from senior leadership is poor.", IMPROVE),
        ("Unrealistic deadlines set by management.", IMPROVE),
        ("Career progression is limited unless you move site.", IMPROVE),
        ("We are a bit short staffed on nights.", IMPROVE),
        ("Prisoners hurl abuse at officers every day.", OTHER),
        ("Private life is respected and nobody rings on days off.", GOOD),
    ],
)
def test_near_misses_get_no_conduct_neg(text, question):
    (labels,) = rule_labels((text, question))
    assert "conduct:neg" not in labels
