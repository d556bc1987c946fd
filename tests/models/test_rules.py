"""The rule component on its own (models.rules.rule_scores and its spaCy factory).

Each ``rule_scores`` call builds the matcher (~0.3 s), so a test scores its
comments in one call.
"""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from models import lexicon, rules
from models.predict import RULE_THRESHOLD
from models.rules import RULES_FACTORY, compile_cue, expand, rule_scores
from models.taxonomy import LABELS, QuestionKind
from models.text import clean_text

GOOD = "What does your manager do well?"
IMPROVE = "What could your manager do better?"
ADVICE = "What advice would you give to senior management?"
OTHER = "Any other comments?"


def rule_labels(*comments: str | tuple[str, str | None]) -> list[set[str]]:
    """Labels the rules give (score >= the rules' threshold), one set per comment."""
    pairs = [(c, None) if isinstance(c, str) else c for c in comments]
    scores = rule_scores([clean_text(t) for t, _ in pairs], [q for _, q in pairs])
    return [{LABELS[j] for j in np.flatnonzero(row >= RULE_THRESHOLD)} for row in scores]


def test_rule_scores_shape_dtype_and_range():
    scores = rule_scores(["My manager never listens.", "Pay is low."], [None, IMPROVE])
    assert scores.shape == (2, 18)
    assert scores.dtype == np.float32
    assert ((scores >= 0) & (scores <= 1)).all()


def test_rule_scores_of_no_comments_is_empty_18_column_array():
    scores = rule_scores([], [])
    assert scores.shape == (0, 18)


def test_rule_scores_texts_and_questions_must_align():
    with pytest.raises(ValueError):
        rule_scores(["one", "two"], [None])


def test_never_listens_is_listening_neg_and_always_listens_is_listening_pos():
    never, always, doesnt = rule_labels(
        "My manager never listens.",
        "My manager always listens.",
        "My manager doesn't listen to anyone.",
    )
    assert never == {"listening:neg"}
    assert always == {"listening:pos"}
    assert doesnt == {"listening:neg"}


def test_negated_need_cue_becomes_weak_strength():
    micromanages, never_micromanages = rule_labels(
        "My manager micromanages everything.", "My manager never micromanages."
    )
    assert micromanages == {"autonomy:neg"}
    assert never_micromanages == {"autonomy:pos"}


def test_a_negation_does_not_reach_a_need_across_and():
    first, second = rule_labels(
        "My supervisor didn't thank anyone and played favourites with the rota.",
        "The shift lead never says well done and shouts at the new starters.",
    )
    assert "fairness:neg" in first and "fairness:pos" not in first
    assert "conduct:neg" in second and "conduct:pos" not in second


def test_a_negation_reaches_seven_words_back():
    (labels,) = rule_labels("My manager has not in all my six years here thanked me.")
    assert "recognition:neg" in labels and "recognition:pos" not in labels


def test_negation_scope_ends_at_but():
    (labels,) = rule_labels("She never listens, but she is supportive.")
    assert labels == {"listening:neg", "support:pos"}


def test_hedged_strength_could_listen_more_is_listening_neg():
    could, should, supportive = rule_labels(
        "My manager could listen more.",
        "My manager should listen more.",
        ("Could be more supportive.", IMPROVE),
    )
    assert could == {"listening:neg"}
    assert should == {"listening:neg"}
    assert supportive == {"support:neg"}


def test_hedged_communication_is_clarity_neg():
    topic, transparent = rule_labels(
        "Communication from managers could be better.", "Managers need to be more transparent."
    )
    assert topic == {"clarity:neg"}
    assert transparent == {"clarity:neg"}


def test_could_communicate_more_is_clarity_neg():
    (labels,) = rule_labels("My manager could communicate more.")
    assert labels == {"clarity:neg"}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("My manager does not recognise hard work.", "recognition:neg"),
        ("Managers should involve staff in decisions.", "listening:neg"),
    ],
)
def test_base_form_of_cue_verb_is_matched(text, label):
    (labels,) = rule_labels(text)
    assert labels == {label}


def test_we_need_more_managers_is_not_overall_neg():
    (labels,) = rule_labels("We need more managers.")
    assert "overall:neg" not in labels


def test_advice_imperative_listen_to_your_staff_is_listening_neg():
    advice, improve = rule_labels(
        ("Listen to your staff.", ADVICE), ("Listen to your staff.", IMPROVE)
    )
    assert advice == {"listening:neg"}
    assert improve == {"listening:neg"}


def test_advice_should_listen_is_listening_neg():
    (labels,) = rule_labels(("Managers should listen to staff.", ADVICE))
    assert labels == {"listening:neg"}


def test_stated_strength_answering_good_question_is_pos():
    (labels,) = rule_labels(("Always listens.", GOOD))
    assert labels == {"listening:pos"}


def test_customer_abuse_is_not_conduct():
    shout, rude, threat = rule_labels(
        "Customers shout at me and are abusive.",
        "A customer was rude and aggressive to me.",
        "A member of the public threatened me at the counter.",
    )
    assert "conduct:neg" not in shout
    assert "conduct:neg" not in rude
    assert "conduct:neg" not in threat


@pytest.mark.parametrize(
    "text",
    ["Customers shout at staff.", "My manager is great, but customers shout at us."],
)
def test_customer_abuse_with_staff_or_manager_mentioned_is_not_conduct(text):
    (labels,) = rule_labels(text)
    assert "conduct:neg" not in labels


def test_colleague_abuse_is_conduct_neg():
    bully, shout, rude = rule_labels(
        "My colleagues bully me.",
        "A colleague shouted at me in front of everyone.",
        "My team leader is rude to me.",
    )
    assert "conduct:neg" in bully
    assert "conduct:neg" in shout
    assert rude == {"conduct:neg"}


def test_customer_abuse_management_ignored_is_support_neg():
    (labels,) = rule_labels("A customer harassed me and management did nothing.")
    assert "support:neg" in labels


def test_poor_management_alone_is_overall_neg():
    alone, improve, useless = rule_labels(
        "Poor management.", ("Poor management", IMPROVE), "Management is useless."
    )
    assert alone == {"overall:neg"}
    assert improve == {"overall:neg"}
    assert useless == {"overall:neg"}


def test_poor_management_no_recognition_is_recognition_neg_not_overall_neg():
    (labels,) = rule_labels("Poor management, no recognition for hard work.")
    assert "recognition:neg" in labels
    assert "overall:neg" not in labels


def test_praise_negated_or_hedged_after_the_verb_is_a_need():
    results = rule_labels(
        "The communication is not good.",
        "Communication from our senior managers is never great.",
        "Recognition from the managers here is rare.",
        "Decent place, managers could be more organised.",
    )
    assert results == [
        {"clarity:neg"},
        {"clarity:neg"},
        {"recognition:neg"},
        {"overall:neg"},
    ]


def test_verdict_after_a_copula_further_away_is_read():
    far, praise = rule_labels(
        "Communication from head office to the branches is honestly awful.",
        "The communication from management is excellent.",
    )
    assert far == {"clarity:neg"}
    assert praise == {"clarity:pos"}


def test_only_before_a_strength_does_not_make_it_one():
    favourites, targets = rule_labels(
        "She only praises her favourites.", "Upper management only cares about targets."
    )
    assert "recognition:pos" not in favourites
    assert "fairness:neg" in favourites
    assert targets == {"overall:neg"}


def test_management_named_alone_answers_the_question():
    improve, advice, good, other, longer = rule_labels(
        ("Management, as always.", IMPROVE),
        ("Upper management. Everything else is fine.", ADVICE),
        ("My manager.", "What is good about working here?"),
        ("Management.", OTHER),
        ("The managers are the ones who sign the rota off.", IMPROVE),
    )
    assert improve == {"overall:neg"}
    assert advice == {"overall:neg"}
    assert good == {"overall:pos"}
    assert other == set()
    assert longer == set()


def test_replace_a_named_manager_is_overall_neg():
    (labels,) = rule_labels(("Fire the regional manager. Seriously.", ADVICE))
    assert labels == {"overall:neg"}


def test_a_wished_for_strength_answering_improve_is_a_need():
    wish, conditional, stated = rule_labels(
        ("Managers who listen to their staff.", IMPROVE),
        ("It would help if they actually listened.", IMPROVE),
        ("My manager listens, but the pay is poor.", IMPROVE),
    )
    assert wish == {"listening:neg"}
    assert conditional == {"listening:neg"}
    assert stated == {"listening:pos"}


@pytest.mark.parametrize(
    "text", ["the mangers are clueless", "GM is useless", "Mgmt is a joke", "our CEO is hopeless"]
)
def test_misspelt_and_abbreviated_management_is_judged(text):
    (labels,) = rule_labels((text, IMPROVE))
    assert labels == {"overall:neg"}


def test_management_that_must_change_is_overall_neg_unless_the_change_is_named():
    vague, named, staffing = rule_labels(
        ("Management needs to get its act together.", IMPROVE),
        ("Managers should listen to us.", IMPROVE),
        ("We need more managers on the late shift.", IMPROVE),
    )
    assert vague == {"overall:neg"}
    assert named == {"listening:neg"}
    assert staffing == set()


def test_judgements_without_a_verdict_adjective_are_overall_neg():
    results = rule_labels(
        "Upper management only cares about themselves.",
        "The managers here have no idea.",
        "Half the managers don't know how to manage people.",
    )
    assert results == [{"overall:neg"}] * 3


def test_management_in_a_short_answer_to_improve_is_overall_neg_but_headcount_is_not():
    listed, hedged, headcount = rule_labels(
        ("management and pay", IMPROVE),
        ("More organised management.", ADVICE),
        ("Need more managers.", IMPROVE),
    )
    assert listed == {"overall:neg"}
    assert hedged == {"overall:neg"}
    assert headcount == set()


def test_advice_to_share_work_fairly_is_a_fairness_need():
    share, consistent = rule_labels(
        ("Distribute the overtime fairly.", IMPROVE), ("Be consistent with everyone.", IMPROVE)
    )
    assert share == {"fairness:neg"}
    assert consistent == {"fairness:neg"}


def test_id_like_and_advice_verbs_make_strengths_needs():
    like, check = rule_labels(
        ("I'd like more regular 1:1s with my manager.", OTHER),
        ("Check in with people now and then.", IMPROVE),
    )
    assert like == {"support:neg"}
    assert check == {"support:neg"}


def test_advice_not_to_do_something_is_a_need_but_a_stated_absence_is_a_strength():
    dont, advice, stated = rule_labels(
        ("Don't micromanage us.", IMPROVE),
        ("Never shout at staff in front of customers.", ADVICE),
        ("Nothing really, she never micromanages.", IMPROVE),
    )
    assert dont == {"autonomy:neg"}
    assert advice == {"conduct:neg"}
    assert stated == {"autonomy:pos"}


def test_abuse_from_regulars_or_relatives_is_not_conduct():
    regulars, relatives, colleague = rule_labels(
        ("One of the regulars shouts at us every single morning.", OTHER),
        ("A resident's relatives were abusive and threatening on the phone.", OTHER),
        ("One of the senior carers shouts at the new starters.", OTHER),
    )
    assert "conduct:neg" not in regulars
    assert "conduct:neg" not in relatives
    assert "conduct:neg" in colleague


def test_generic_advice_about_how_staff_are_treated_is_a_need():
    better, care, show, stated = rule_labels(
        ("Treat your employees better.", ADVICE),
        ("Take care of your people.", ADVICE),
        ("Show your staff that you care.", ADVICE),
        ("They treat their employees well here.", "What is good about working here?"),
    )
    assert better == {"overall:neg"}
    assert care == {"support:neg"}
    assert show == {"support:neg"}
    assert stated == {"overall:pos"}


def test_a_verdict_on_a_pronoun_for_managers_named_just_before_is_overall():
    they, some, customers = rule_labels(
        ("Management? They're clueless.", IMPROVE),
        ("The managers are fine. Some are lazy though.", OTHER),
        ("Customers are rude. They are awful.", IMPROVE),
    )
    assert they == {"overall:neg"}
    assert "overall:neg" in some
    assert customers == set()


def test_great_managers_is_overall_pos():
    (labels,) = rule_labels("Great managers.")
    assert labels == {"overall:pos"}


def test_out_of_scope_comments_get_no_rule_labels():
    results = rule_labels(
        ("Pay is low and the car park is always full.", IMPROVE),
        ("The laptops are ancient and the VPN keeps dropping.", IMPROVE),
        ("", OTHER),
    )
    assert results == [set(), set(), set()]


def test_factory_is_registered_with_spacy_and_sets_rule_scores():
    nlp = spacy.blank("en")
    nlp.add_pipe("coachlens_theme_rules")
    assert RULES_FACTORY == "coachlens_theme_rules"
    assert nlp.pipe_names == ["coachlens_theme_rules"]
    doc = nlp("My manager never listens.")
    assert doc._.rule_scores is not None
    assert doc._.rule_scores.shape == (18,)
    assert doc._.rule_scores[LABELS.index("listening:neg")] >= RULE_THRESHOLD


def test_factory_uses_doc_question_kind():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("coachlens_theme_rules")
    doc = nlp.make_doc("Listen to your staff.")
    doc._.question_kind = QuestionKind.ADVICE
    scores = component(doc)._.rule_scores
    assert scores[LABELS.index("listening:neg")] >= RULE_THRESHOLD
    assert scores[LABELS.index("listening:pos")] < RULE_THRESHOLD


def test_expand_lists_every_word_of_a_finite_token_regex():
    assert expand(r"listen(s|ed|ing)?") == ["listen", "listened", "listening", "listens"]


def test_compile_cue_expands_optional_tokens():
    phrases = compile_cue(r"acts? on [our] feedback")
    assert ["act", "on", "feedback"] in phrases
    assert ["acts", "on", "our", "feedback"] in phrases
    assert len(phrases) == 4


@pytest.mark.parametrize("token", [r"[a-z]{5}", r"(manager|[a-z]{4}) ?[0-9]{3}"])
def test_too_broad_cue_token_raises_value_error(token):
    with pytest.raises(ValueError, match="too broad"):
        expand(token)


@pytest.mark.parametrize("token", [r"\w+", r"listen.*"])
def test_unbounded_cue_token_raises_value_error(token):
    with pytest.raises(ValueError, match="too broad"):
        expand(token)


def test_too_broad_lexicon_cue_raises_value_error_when_rules_are_built(monkeypatch):
    broad = {**lexicon.CUES["listening"], "pos": (r"listens", r"my [a-z]{6}")}
    monkeypatch.setitem(lexicon.CUES, "listening", broad)
    rules.rule_pipeline.cache_clear()  # the pipeline is built once per process
    try:
        with pytest.raises(ValueError, match=r"too broad"):
            rules.rule_scores(["My manager listens."], [None])
    finally:
        rules.rule_pipeline.cache_clear()


# Cue families added for recall (fairness, support, pressure, clarity, listening, overall,
# conduct); each with a counter-example the family must leave alone.


def test_favouritism_phrasings_are_fairness_neg():
    likes, mates, merit, retaliation, equal = rule_labels(
        "Whether you get a pay rise depends on whether the area manager likes you.",
        "The best shifts always go to her mates on the rota.",
        "People get promoted on popularity rather than merit.",
        "Ever since I raised a grievance it has been pure retaliation.",
        ("He treats everyone the same.", GOOD),
    )
    assert "fairness:neg" in likes
    assert "fairness:neg" in mates
    assert "fairness:neg" in merit
    assert "fairness:neg" in retaliation
    assert equal == {"fairness:pos"}


def test_inaction_and_absence_phrasings_are_support_neg():
    heard, asked, invisible, checks, asked_how = rule_labels(
        "I put in a formal complaint in January and heard nothing back.",
        "Nobody from management asked how I was after the incident.",
        "Senior managers are invisible on the night shift.",
        ("My supervisor checks in with me every week.", GOOD),
        "My manager asked how I was coping after the funeral.",
    )
    assert "support:neg" in heard
    assert "support:neg" in asked
    assert "support:neg" in invisible
    assert checks == {"support:pos"}
    assert asked_how == {"support:pos"}


def test_pushed_targets_and_out_of_hours_calls_are_pressure_neg_but_workload_alone_is_not():
    impossible, rest_day, urgent, workload = rule_labels(
        "The weekly targets are literally impossible and she keeps piling more on.",
        "The depot manager phones us on our rest days about rounds.",
        "With him everything is urgent and needed yesterday.",
        "Workload is crazy since the restructure.",
    )
    assert "pressure:neg" in impossible
    assert "pressure:neg" in rest_day
    assert "pressure:neg" in urgent
    assert "pressure:neg" not in workload


def test_finding_out_second_hand_is_clarity_neg_but_unrelated_not_knowing_is_not():
    news, going_on, printer = rule_labels(
        "We found out about the office closure from the local paper.",
        "Honestly nobody knows what's going on from one week to the next.",
        "The printer keeps jamming and nobody knows why.",
    )
    assert "clarity:neg" in news
    assert "clarity:neg" in going_on
    assert printer == set()


def test_unheard_staff_phrasings_are_listening_neg():
    asking, labelled, talk_at = rule_labels(
        "Rotas get changed without asking a single nurse.",
        "Raise a concern and you get labelled a troublemaker.",
        "Team briefings are just the manager talking at us.",
    )
    assert "listening:neg" in asking
    assert "listening:neg" in labelled
    assert "listening:neg" in talk_at


def test_management_verdicts_further_away_and_negated_praise_are_overall_neg():
    clueless, touch, not_good, system = rule_labels(
        "The management at this branch is completely clueless.",
        "Upper management are out of touch.",
        "The managers here are not very good.",
        "The new case management system is a disaster.",
    )
    assert clueless == {"overall:neg"}
    assert touch == {"overall:neg"}
    assert not_good == {"overall:neg"}
    assert system == set()


def test_insults_and_public_humiliation_are_conduct_neg_but_abuse_from_the_public_is_not():
    insult, humiliated, comments, customers, passengers = rule_labels(
        "The shift manager called me a 'useless cow' on the phone.",
        "I was humiliated in front of the patients on the ward.",
        "He keeps making sly comments about my age.",
        "Customers call me stupid most days.",
        "We get slapped and shoved by passengers on the late buses.",
    )
    assert "conduct:neg" in insult
    assert "conduct:neg" in humiliated
    assert "conduct:neg" in comments
    assert "conduct:neg" not in customers
    assert "conduct:neg" not in passengers


def test_ignored_feedback_and_instant_demands_and_joke_verdicts_on_topics():
    ignored, instant, training, helped = rule_labels(
        "Our suggestions are always ignored by the senior team.",
        "She expects everything instantly and sulks if it isn't done.",
        "The training is a joke.",
        ("Pushed me to do my level 3 and backed me all the way.", GOOD),
    )
    assert "listening:neg" in ignored
    assert "pressure:neg" in instant
    assert "support:neg" in training
    assert "pressure:neg" not in helped


def test_idioms_of_failed_management_are_overall_neg():
    labels = rule_labels(
        "Senior management are a law unto themselves.",
        "The management here leaves a lot to be desired.",
        "Upper management has lost the plot.",
        "Management are not fit for purpose.",
        "I have zero faith in senior leadership.",
        "management dont know what there doing",
        "Managers are the reason good people leave.",
        "Managers have no people skills whatsoever.",
        "Management are in it for themselves.",
        "Management is very old fashioned.",
        "Managers are promoted way beyond their ability.",
    )
    for found in labels:
        assert "overall:neg" in found


def test_knowing_best_is_not_praise_and_unfit_equipment_is_not_management():
    know_best, equipment = rule_labels(
        "The managers think they know best.",
        "The lockers are not fit for purpose and the car park is full.",
    )
    assert know_best == {"listening:neg"}  # not praise: they do not listen
    assert equipment == set()


def test_a_negation_word_in_an_idiom_negates_nothing():
    no_favourites, no_matter, second, no_thanks = rule_labels(
        ("There is no favouritism here.", GOOD),
        "She treats everyone the same way no matter who they are.",
        "Our management is second to none.",
        "Not one thank you from the supervisors all year.",
    )
    assert no_favourites == {"fairness:pos"}
    assert no_matter == {"fairness:pos"}
    assert second == {"overall:pos"}
    assert no_thanks == {"recognition:neg"}
    unequal, listens = rule_labels(
        "We are not treated equally by the supervisors.", "No matter how busy she is, she listens."
    )
    assert unequal == {"fairness:neg"}
    assert listens == {"listening:pos"}


def test_idioms_of_praise_for_a_named_manager_are_overall_pos():
    labels = rule_labels(
        ("My manager is a legend.", GOOD),
        ("Management are on the ball.", GOOD),
        ("My line manager is a pleasure to work for.", GOOD),
        ("My supervisor is the reason I stay.", GOOD),
        ("I have a great relationship with my manager.", GOOD),
        ("Managers are very down to earth.", GOOD),
        ("Managers here actually know what they're doing.", GOOD),
    )
    for found in labels:
        assert "overall:pos" in found
    (food,) = rule_labels(("The canteen food is spot on and the gym is a godsend.", GOOD))
    assert food == set()


def test_outsiders_acting_are_out_of_scope_for_every_aspect_but_support():
    patients, callers, thanks, failed = rule_labels(
        "Patients dont listen to a word you tell them.",
        "The callers can be very demanding.",
        "Customers never say thank you.",
        "Customers swear at us and nobody does anything about it.",
    )
    assert patients == callers == thanks == set()
    assert "support:neg" in failed


def test_pretending_negates_and_without_after_a_negation_leaves_a_need():
    pretend, head = rule_labels(
        "They pretend to listen and then do what they want anyway.",
        "You can't speak up without getting shouted at by the supervisor.",
    )
    assert "listening:neg" in pretend and "listening:pos" not in pretend
    assert "conduct:neg" in head and "conduct:pos" not in head


def test_more_verdicts_on_management_are_overall_neg():
    labels = rule_labels(
        "Management are a waste of space.",
        "Senior leadership sit in their ivory towers.",
        "Management have their heads in the clouds.",
        "Head office has no idea about life on the shop floor.",
        "Management are indecisive and spineless.",
        "Leadership is non existent.",
        "I don't rate the management here at all.",
        "Managers are two faced.",
        "The quality of management is very patchy.",
        "Management can talk the talk all day long.",
    )
    for found in labels:
        assert "overall:neg" in found
    (meeting,) = rule_labels("The weekly meeting is a waste of time and the heating is patchy.")
    assert meeting == set()


def test_praise_in_front_of_others_is_no_insult_and_the_writers_thanks_no_recognition():
    kudos, told_off, lunches, appreciated = rule_labels(
        ("She thanks people in front of the whole team.", GOOD),
        "Told off in front of customers again.",
        ("I really appreciate the free lunches.", GOOD),
        ("I feel appreciated by my manager.", GOOD),
    )
    assert kudos == {"recognition:pos"}
    assert told_off == {"conduct:neg"}
    assert lunches == set()
    assert appreciated == {"recognition:pos"}


def test_a_longer_cue_of_the_other_polarity_wins_and_compounds_are_not_cues():
    off, pushed, blood, washer = rule_labels(
        ("She takes the pressure off us when it gets busy.", GOOD),
        "Constant pressure from management to hit the numbers.",
        ("Blood pressure checks for staff would be nice.", IMPROVE),
        "The pressure washer in the yard is broken again.",
    )
    assert off == {"pressure:pos"}
    assert pushed == {"pressure:neg"}
    assert blood == washer == set()


def test_advice_opening_with_any_imperative_is_a_need():
    labels = rule_labels(
        ("Give staff a voice.", IMPROVE),
        ("Encourage people to speak up.", IMPROVE),
        ("Notice when people go the extra mile.", IMPROVE),
        ("Engage with your staff.", IMPROVE),
        ("Include staff in decisions.", IMPROVE),
        ("Update us when things change.", IMPROVE),
        ("Reward hard work.", IMPROVE),
        ("Lead by example.", IMPROVE),
        ("Get to know your team.", IMPROVE),
        ("Follow up on concerns raised.", IMPROVE),
    )
    for found in labels:
        assert found and not any(label.endswith(":pos") for label in found), found
    thanks, fair = rule_labels(
        ("Thank you for supporting me through a hard year.", ADVICE),
        ("Pay is poor but to be fair my manager listens.", IMPROVE),
    )
    assert thanks == {"support:pos"}
    assert fair == {"listening:pos"}


def test_a_verdict_detached_by_punctuation_still_judges_management():
    labels = rule_labels(
        "The management, in my opinion, are awful.",
        "Management: poor.",
        "Senior management, especially the new director, is terrible.",
        "Leadership at this company is, frankly, weak.",
        "Management, however, are not great.",
    )
    for found in labels:
        assert found == {"overall:neg"}
    praise, bullets, pay = rule_labels(
        "Management, on the whole, are excellent.",
        "- Great team - Good manager - Crap pay",
        "Management is fine, the pay is terrible.",
    )
    assert praise == bullets == {"overall:pos"}
    assert pay == set()


def test_a_refused_strength_is_missing_but_a_refused_need_stays_a_need():
    listen, leave = rule_labels(
        "She refused to listen when I raised it.",
        "He refused my leave while approving it for his mates.",
    )
    assert listen == {"listening:neg"}
    assert "fairness:neg" in leave and "fairness:pos" not in leave


def test_a_topic_in_advice_opened_by_an_imperative_is_a_need():
    respect, development, going = rule_labels(
        ("Treat the night shift with some respect for once, we are people too.", IMPROVE),
        ("Give me some development, I have asked for two years now.", IMPROVE),
        ("Keep the communication going like it has been this year.", IMPROVE),
    )
    assert respect == {"conduct:neg"}
    assert development == {"support:neg"}
    assert going == set()


def test_a_topic_wished_for_or_worsening_is_a_need():
    labels = rule_labels(
        ("Communication from the top needs a lot of work.", IMPROVE),
        ("It would be nice if they actually communicated before changing the rota.", IMPROVE),
        ("Recognition from senior leaders would go a long way here.", IMPROVE),
        ("Communication has got worse since the new director started.", IMPROVE),
    )
    for found in labels:
        assert found and not any(label.endswith(":pos") for label in found), found
    (must,) = rule_labels(
        ("The team is spread out so async communication is a must, which suits me.", GOOD)
    )
    assert must == set()


def test_double_standards_and_closed_circles_are_fairness_neg():
    labels = rule_labels(
        "Managers can do whatever they like while we get written up for being late.",
        "Managers don't follow the rules they make us follow.",
        "Interviews are just a formality, they already know who they want.",
        "You only get on if you are in with the right people.",
        "Certain people are untouchable.",
        "Some staff can do no wrong in her eyes.",
        "Managers play politics with people's careers.",
    )
    for found in labels:
        assert "fairness:neg" in found
    (surgeon,) = rule_labels(
        "He brings in the money so he is untouchable, and he shouts at nurses."
    )
    assert "fairness:neg" not in surgeon


def test_management_without_leadership_or_wished_replaced_is_overall_neg():
    labels = rule_labels(
        "Management don't know their job.",
        "Managers don't manage, they forward emails from head office.",
        "Managers who can't manage people.",
        "My manager is not a leader.",
        "Managers here are just glorified admin.",
        "Nobody seems to be in charge.",
        "It feels like the inmates are running the asylum.",
        ("New management.", IMPROVE),
        ("Competent managers.", ADVICE),
    )
    for found in labels:
        assert "overall:neg" in found
    good, more = rule_labels(("Good managers.", GOOD), ("More managers.", IMPROVE))
    assert good == {"overall:pos"}
    assert more == set()


def test_a_cue_inside_a_longer_cue_of_its_aspect_defers_to_it():
    filter_down, well_done = rule_labels(
        "Information doesn't filter down from senior management to the front line.",
        ("Maybe say well done once in a while? Doesn't cost anything.", IMPROVE),
    )
    assert filter_down == {"clarity:neg"}
    assert well_done == {"recognition:neg"}


def test_pushing_harder_is_pressure_neg_and_a_named_strength_answering_improve_is_a_need():
    labels = rule_labels(
        "Management keep moving the targets up every time we hit them.",
        "Management push, push, push for more sales.",
        "We get hounded to come in on our days off.",
        ("Stop pushing us so hard.", IMPROVE),
        ("Realistic targets.", IMPROVE),
    )
    for found in labels:
        assert "pressure:neg" in found and "pressure:pos" not in found
    stats, listens, nothing = rule_labels(
        "Stats, stats, stats, that's all the manager cares about.",
        ("She listens.", IMPROVE),
        ("Nothing, great manager.", IMPROVE),
    )
    assert "support:pos" not in stats
    assert listens == {"listening:pos"}
    assert nothing == {"overall:pos"}


def test_close_control_of_when_and_how_staff_work_is_autonomy_neg():
    labels = rule_labels(
        "We have to ask permission to go to the toilet.",
        "He has to be copied in on everything.",
        "We are watched like hawks on the cameras.",
        "Everything has to be done her way.",
        "My manager redoes my work without telling me.",
        "Our breaks are timed to the minute by the supervisor.",
        "Constant checking and rechecking of our work.",
    )
    for found in labels:
        assert "autonomy:neg" in found
    (checks_in,) = rule_labels(("My shift lead always checks in on how we are doing.", GOOD))
    assert "autonomy:neg" not in checks_in


def test_do_not_opening_a_clause_is_advice_whatever_the_question():
    stupid, micromanaged = rule_labels(
        "Do not talk to us like we are stupid.",
        ("dont get micromanaged which is nice", GOOD),
    )
    assert stupid == {"conduct:neg"}
    assert micromanaged == {"autonomy:pos"}


def test_a_reported_improvement_is_praise_and_an_nhs_trust_is_no_autonomy():
    improved, better, could, lot = rule_labels(
        "Management has improved massively since the new GM started.",
        "Management is a lot better now.",
        ("Management could be better.", IMPROVE),
        ("management could do with a lot of improvement", IMPROVE),
    )
    assert improved == better == {"overall:pos"}
    assert could == lot == {"overall:neg"}
    asset, distrust = rule_labels(
        ("She is a real asset to the trust.", GOOD), "Management do not trust us."
    )
    assert asset == set()
    assert distrust == {"autonomy:neg"}


def test_policies_and_training_about_bullying_are_not_bullying():
    policy, training, rife = rule_labels(
        "The anti-bullying policy is on the intranet.",
        "We all did harassment awareness training last month.",
        "Bullying by the supervisor is rife.",
    )
    assert policy == training == set()
    assert rife == {"conduct:neg"}


def test_an_imperative_opening_a_sentence_is_advice_with_no_question():
    speak, treat, supports = rule_labels(
        "Speak to staff with respect.",
        "Treat staff like professionals please. My manager checks my diary hourly.",
        "Supports me every day.",
    )
    assert speak == {"conduct:neg"}
    assert "autonomy:pos" not in treat and "autonomy:neg" in treat
    assert supports == {"support:pos"}


def test_too_busy_to_help_is_a_need_but_busy_and_supportive_is_a_strength():
    too_busy, busy = rule_labels(
        "Sergeants are too busy to support new officers.", "She is busy but always supportive."
    )
    assert too_busy == {"support:neg"}
    assert busy == {"support:pos"}


def test_no_cue_is_longer_than_max_cue():
    from models import lexicon
    from models.rule_context import MAX_CUE

    longest = max(len(c.split()) for d in lexicon.CUES.values() for cs in d.values() for c in cs)
    assert longest <= MAX_CUE
