"""How the rules read one cue match (models.rule_reading), called directly on word lists."""

from __future__ import annotations

import pytest
import spacy

from models.rule_context import (
    WORD_HYPHEN,
    clause_bounds,
    contrasted,
    denied_after,
    mark_word_hyphens,
)
from models.rule_reading import (
    QUESTION_VERDICT,
    CueSite,
    in_compound,
    named_people,
    not_said_of_staff,
    out_of_scope,
    read_polarity,
    read_verdict,
)
from models.rules import VETO, rule_scores
from models.taxonomy import LABEL_INDEX, QuestionKind
from tests.models.test_rules import GOOD, IMPROVE, OTHER, rule_labels


def site(text: str, cue: str, qkind: QuestionKind = QuestionKind.OTHER) -> CueSite:
    """The site of the first occurrence of ``cue`` in ``text`` (both space-separated words)."""
    words, cue_words = text.lower().split(), cue.lower().split()
    start = next(i for i in range(len(words)) if words[i : i + len(cue_words)] == cue_words)
    return CueSite.at(words, start, start + len(cue_words), qkind)


def test_site_keeps_to_the_clause_of_the_cue():
    s = site("pay is low , but my manager listens to us", "listens")
    assert s.words[s.c_start : s.c_end] == "my manager listens to us".split()
    assert s.before == "my manager".split()
    assert s.after == "to us".split()


@pytest.mark.parametrize(
    ("text", "cue", "kind", "expected"),
    [
        ("my manager never listens", "listens", "pos", "neg"),
        ("my manager always listens", "listens", "pos", "pos"),
        ("my manager micromanages everything", "micromanages", "neg", "neg"),
    ],
)
def test_read_polarity_follows_negation(text, cue, kind, expected):
    reading = read_polarity("listening", kind, site(text, cue))
    assert reading is not None
    assert reading[0] == expected


def test_advice_to_do_a_strength_is_a_need():
    reading = read_polarity(
        "listening", "pos", site("listen to your staff", "listen", QuestionKind.ADVICE)
    )
    assert reading == ("neg", 0.7)


def test_advice_not_to_do_a_need_stays_a_need():
    s = site("do n't micromanage people", "micromanage", QuestionKind.ADVICE)
    reading = read_polarity("autonomy", "neg", s)
    assert reading is not None
    assert reading[0] == "neg"


def test_bare_topic_takes_its_polarity_from_the_question():
    assert read_polarity(
        "clarity", "topic", site("communication", "communication", QuestionKind.IMPROVE)
    ) == ("neg", 0.6)
    assert read_polarity(
        "clarity", "topic", site("communication", "communication", QuestionKind.GOOD)
    ) == ("pos", 0.6)
    assert read_polarity("clarity", "topic", site("communication", "communication")) is None


@pytest.mark.parametrize(
    ("text", "qkind", "expected"),
    [
        ("management is awful here", QuestionKind.OTHER, "neg"),
        ("management has got much better", QuestionKind.OTHER, "pos"),
        ("the managers are not very good", QuestionKind.OTHER, "neg"),
        ("management needs to get a grip", QuestionKind.OTHER, "neg"),
        ("management", QuestionKind.IMPROVE, "neg"),
    ],
)
def test_read_verdict_judges_a_mention_of_management(text, qkind, expected):
    cue = "managers" if "managers" in text else "management"
    s = site(text, cue, qkind)
    reading = read_polarity("overall", "topic", s)
    assert reading is not None
    verdict = read_verdict("topic", reading, s)
    assert verdict is not None
    assert verdict[0] == expected


def test_read_verdict_ignores_management_as_part_of_a_system_name():
    s = site("the case management system crashes", "management")
    reading = read_polarity("overall", "topic", s)
    assert reading is None or read_verdict("topic", reading, s) is None


def test_conduct_by_customers_is_out_of_scope_unless_management_is_in_the_clause():
    assert out_of_scope("conduct", "neg", site("customers shout at us", "shout"))
    assert not out_of_scope(
        "conduct", "neg", site("my manager shouts at us in front of customers", "shouts")
    )
    assert not out_of_scope("conduct", "neg", site("my colleague shouts at me", "shouts"))


def test_support_keeps_outsiders_because_management_failing_to_act_is_a_need():
    s = site("customers swear at us and nobody helps", "helps")
    assert not out_of_scope("support", "neg", s)
    assert out_of_scope("listening", "neg", site("patients never listen", "listen"))


def test_in_compound_spots_compounds_of_a_one_word_cue():
    assert in_compound("my blood pressure is high".split(), 2, 3)
    assert not in_compound("constant pressure from my manager".split(), 1, 2)


def test_the_writers_own_thanks_is_not_recognition():
    s = site("i really appreciate the free lunches", "appreciate")
    assert not_said_of_staff("recognition", "pos", s, set())
    s = site("my manager appreciates our work", "appreciates")
    assert not not_said_of_staff("recognition", "pos", s, set())


def test_a_hyphen_inside_a_word_ends_no_clause_but_a_spaced_dash_does():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("never any face-to-face talks - none")
    words = mark_word_hyphens(doc, [t.lower_ for t in doc])
    assert words.count(WORD_HYPHEN) == 2
    assert words.count("-") == 1
    assert clause_bounds(words, 0, 1) == (0, words.index("-"))


def test_a_negation_reaches_a_cue_past_a_hyphenated_word():
    assert (
        "clarity:neg"
        in rule_labels("Never any face-to-face communication from the senior team.")[0]
    )


@pytest.mark.parametrize(
    ("after", "denied"),
    [
        ("is not tolerated here", True),
        ("isn't an issue in my team".replace("isn't", "is n't"), True),
        ("has never been a problem", True),
        ("and harassment are not tolerated", True),
        ("is not dealt with by management", False),
        ("is n't just a problem , it is the culture", False),
        ("is a problem here", False),
    ],
)
def test_denied_after_reads_a_denial_that_follows_the_need(after, denied):
    assert denied_after(after.split()) is denied


def test_a_need_denied_after_it_is_no_need():
    tolerated, rife = rule_labels(
        "Bullying and harassment are not tolerated in this team.",
        "Bullying isn't just a problem here, it is the culture.",
    )
    assert "conduct:neg" not in tolerated
    assert "conduct:neg" in rife


def test_management_as_a_task_is_no_verdict_on_managers():
    stock, time_, managers = rule_labels(
        "Stock management is poor, we never have the right sizes.",
        ("time management", IMPROVE),
        "Senior management is poor.",
    )
    assert "overall:neg" not in stock | time_
    assert managers == {"overall:neg"}


def test_in_front_of_the_team_never_turns_into_a_strength():
    (told,) = rule_labels("My manager told me I'm not good enough in front of the whole team.")
    assert "conduct:pos" not in told


def test_the_writers_own_care_is_not_support_but_care_they_receive_is():
    own, hospice, felt, managers = rule_labels(
        "I support my team as best I can but get nothing back.",
        "We support the local hospice every year.",
        "I really feel supported by my manager.",
        "My manager supports me.",
    )
    assert "support:pos" not in own | hospice
    assert "support:pos" in felt
    assert "support:pos" in managers


def test_instead_of_denies_the_behaviour_after_it_in_a_description():
    talks, trusts, fear = rule_labels(
        "My manager talks at us instead of listening.",
        "My manager trusts us to get on with it rather than micromanaging.",
        "They use fear rather than praise.",
    )
    assert talks == {"listening:neg"}
    assert "autonomy:neg" not in trusts
    assert "autonomy:pos" in trusts
    assert fear == {"recognition:neg"}


def test_instead_of_in_advice_names_what_happens_now():
    (bullets,) = rule_labels(
        ("- actually deal with complaints instead of sweeping them under the carpet", IMPROVE)
    )
    assert "support:pos" not in bullets
    assert not contrasted(["instead", "of"], ["i", "wish", "he", "would"], QuestionKind.OTHER)
    assert contrasted(["talks", "instead", "of", "just"], ["he"], QuestionKind.OTHER)


def test_a_strength_wished_for_is_a_need_but_one_that_acts_is_not():
    thanks, supportive = rule_labels(
        ("A word of thanks from the GM would be nice.", IMPROVE),
        "My manager is supportive and would do anything for you.",
    )
    assert "recognition:neg" in thanks
    assert "recognition:pos" not in thanks
    assert supportive == {"support:pos"}


def test_the_staffs_own_need_is_no_hedge_on_the_managers_strength():
    there, needs = rule_labels(
        ("always there when you need her and fights for us", GOOD),
        "My manager needs to support the team more.",
    )
    assert there == {"support:pos"}
    assert needs == {"support:neg"}


def test_conduct_by_the_outsider_named_in_an_earlier_sentence_is_out_of_scope():
    tenant, colleague, writer, watched = rule_labels(
        ("A tenant followed me to my car last week. He kept shouting threats at me.", OTHER),
        ("A colleague on my shift is vile. He kept shouting threats at me.", OTHER),
        ("I'm a woman on nights. The supervisor keeps making comments about my body.", OTHER),
        ("In front of the customers he screamed at me. He belittles everyone.", OTHER),
    )
    assert "conduct:neg" not in tenant
    assert "conduct:neg" in colleague
    assert "conduct:neg" in writer
    assert "conduct:neg" in watched


def test_the_subject_before_the_cue_decides_who_acts_in_a_clause_naming_both():
    customer, manager = rule_labels(
        ("When the customer threatened to stab me my manager said he says that to everyone", OTHER),
        ("My manager screams at me in front of customers.", OTHER),
    )
    assert "conduct:neg" not in customer
    assert "conduct:neg" in manager


def test_named_people_gives_the_last_person_named_before_each_position():
    words = "a tenant shouted , then my manager laughed in front of customers".split()
    people = named_people(words)
    assert len(people) == len(words) + 1
    assert people[0] is None
    assert people[words.index("shouted")] == (1, "outsider")
    assert people[words.index("laughed")] == (6, "staff")
    assert people[len(words)] == (6, "staff")  # customers only watching


@pytest.mark.parametrize(
    "text",
    [
        "Loads of impatient and rude shoppers",
        "demanding clients and long hours",
        "impatient patients",
    ],
)
def test_an_adjective_cue_of_outsiders_named_after_it_is_out_of_scope(text):
    assert rule_labels((text, IMPROVE)) == [set()]


def test_an_adjective_cue_of_managers_beside_outsiders_stays_in_scope():
    assert rule_labels(("impatient managers and pushy customers", IMPROVE)) == [{"pressure:neg"}]
    assert rule_labels(
        ("Make the promotion criteria public so people stop thinking it's rigged.", IMPROVE)
    ) == [{"clarity:neg"}]


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [("Management", GOOD, "overall:pos"), ("pay, management, hours", IMPROVE, "overall:neg")],
)
def test_management_named_as_the_answer_is_judged_by_the_question_and_rules_out_the_other_way(
    text, question, expected
):
    scores = rule_scores([text], [question])[0]
    other = expected.replace("neg", "x").replace("pos", "neg").replace("x", "pos")
    assert scores[LABEL_INDEX[expected]] == pytest.approx(QUESTION_VERDICT)
    assert scores[LABEL_INDEX[other]] == VETO


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coworkers are kind and helpful", set()),
        ("the team is really supportive", set()),
        ("Lovely colleagues who'd do anything for you", set()),
        ("team leader is supportive", {"support:pos"}),
        ("my colleagues and my manager are supportive", {"support:pos"}),
    ],
)
def test_support_from_colleagues_is_not_a_managers_strength(text, expected):
    assert rule_labels((text, GOOD)) == [expected]


def test_support_for_colleagues_from_management_stays_in_scope():
    assert rule_labels(("praises the team and supports them when things go wrong", GOOD)) == [
        {"recognition:pos", "support:pos"}
    ]


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("managers are too important to care about us", IMPROVE, {"support:neg"}),
        ("my manager is too proud to listen", IMPROVE, {"listening:neg"}),
        ("managers are never too busy to help", GOOD, {"support:pos"}),
        ("my manager is not too proud to listen", GOOD, {"listening:pos"}),
    ],
)
def test_too_something_to_denies_the_strength_that_follows(text, question, expected):
    assert rule_labels((text, question)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("End the discriminatory shift allocation against night staff.", {"fairness:neg"}),
        (
            "she was discriminated against by her supervisor because of her religion",
            {"conduct:neg"},
        ),
    ],
)
def test_discrimination_in_allocation_is_fairness_and_as_treatment_is_conduct(text, expected):
    assert rule_labels((text, IMPROVE)) == [expected]
