"""Conduct cue families from survey and review-site phrasing (own example sentences).

Temper idioms, colleagues' bitchiness and "banter", contempt and superiority, rule by
fear, sexual advances, common misspellings; feeling respected; and near misses where
"toxic", "aggressive", "mock" or "grab" are about chemicals, targets, exams or coffee.
"""

from __future__ import annotations

import pytest

from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels


@pytest.mark.parametrize(
    "text",
    [
        "My team leader went ballistic at me over a missed scan.",
        "The duty manager flies off the handle at the slightest thing.",
        "Our supervisor loses his rag with the night crew every week.",
        "The deputy blew her top at a new starter in the office.",
        "The site manager bawled me out in the yard.",
        "Got my head bitten off for asking where the spare stock was.",
        "The store manager has real anger issues.",
        "Supervisors bark orders at the pickers all shift.",
        "The shift lead got right in my face over a break.",
        "Charge nurse has a short fuse and everyone knows it.",
        "He went mental at a colleague for being five minutes late.",
        "A senior partner tore a strip off me in front of a client.",
        "My work was torn to shreds in the weekly huddle.",
        "Shouty team leaders on every floor.",
        "Effing and blinding at staff is normal for our area manager.",
        "The gaffer is a tyrant.",
        "Senior consultants look down on the healthcare assistants.",
        "Directors look down their noses at the warehouse lads.",
        "The deputy head treats support staff like something on her shoe.",
        "Our new supervisor is obnoxious and confrontational.",
        "A spiteful team leader who holds grudges.",
        "The area manager throws his weight around at every visit.",
        "Senior staff on the unit are snooty and stuck-up.",
        "My manager has no manners at all.",
        "Foul-mouthed supervisors who think it is funny.",
        "The floor manager is a narcissist.",
        "The office is so bitchy, colleagues slag each other off constantly.",
        "Lots of backbiting and back stabbing on the ward.",
        "Mean girls clique on reception.",
        "Laddish culture in the depot and the supervisors join in.",
        "Banter that goes over the line and management laugh along.",
        "I have been blanked by my line manager since the grievance.",
        "The depot is run on fear.",
        "Senior leadership manage through intimidation.",
        "My supervisor made a pass at me on a night out.",
        "They made my life a living hell after I went off sick.",
        "Staff are scared to raise anything with the new head.",
        "Everyone walks around on eggshells when she is in.",
        "I was verbally attacked by the assistant manager.",
        "harrasment from a coworker and nobody did anything",
        "bulling by my team leader",
    ],
)
def test_new_conduct_families_are_conduct_neg(text):
    (labels,) = rule_labels((text, OTHER))
    assert "conduct:neg" in labels
    assert "conduct:pos" not in labels


@pytest.mark.parametrize(
    "text",
    [
        "Bullying",
        "Less shouty managers.",
        "Don't bite people's heads off.",
    ],
)
def test_conduct_needs_in_answers_to_improve_are_conduct_neg(text):
    (labels,) = rule_labels((text, IMPROVE))
    assert "conduct:neg" in labels


@pytest.mark.parametrize(
    "text",
    [
        "I feel respected here.",
        "I feel valued and respected by my team leader.",
        "Staff are respected for what they know.",
        "The company genuinely respects its employees.",
        "A culture of mutual respect on the ward.",
        "My manager speaks to everyone like a human being.",
        "You are treated as an equal, whatever your grade.",
        "She says please and thank you, which goes a long way.",
        "Well mannered and even tempered supervisors.",
        "No bullying, and everyone mucks in.",
        "Never been spoken down to by anyone.",
    ],
)
def test_feeling_respected_is_conduct_pos(text):
    (labels,) = rule_labels((text, GOOD))
    assert "conduct:pos" in labels
    assert "conduct:neg" not in labels


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Toxic fumes from the forklifts in the loading bay.", IMPROVE),
        ("Handling toxic chemicals without the right gloves.", IMPROVE),
        ("Aggressive sales targets every quarter.", IMPROVE),
        ("Aggressive growth targets from head office.", OTHER),
        ("Marking mocks eats every weekend in January.", IMPROVE),
        ("Mock exams mean no free periods for staff.", OTHER),
        ("Barely time to grab my lunch on a late shift.", IMPROVE),
        ("Grabbing my coffee on the way in is my only break.", OTHER),
        ("Customers can be rude and aggressive at the tills.", OTHER),
        ("Drunk passengers shout and swear on the night buses.", OTHER),
        ("The pay is poor and the car park is full by eight.", IMPROVE),
        ("The job is physically demanding and the hours are long.", OTHER),
        ("The rota system crashes every Monday.", IMPROVE),
        ("My manager is supportive and always has time for me.", GOOD),
        ("Managers have favourites for the overtime.", IMPROVE),
        ("No recognition for hard work.", IMPROVE),
        ("Micromanagement from head office.", IMPROVE),
        ("Lots of heavy lifting in the chiller.", IMPROVE),
        ("Communication from head office is poor.", IMPROVE),
        ("Parents can be abusive at the school gate.", OTHER),
    ],
)
def test_near_misses_get_no_conduct_label(text, question):
    (labels,) = rule_labels((text, question))
    assert "conduct:neg" not in labels
    assert "conduct:pos" not in labels
