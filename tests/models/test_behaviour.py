"""CheckList-style behavioural tests of the default ensemble.

Four test types (Ribeiro et al., 2020, "Beyond Accuracy: Behavioral Testing
of NLP Models with CheckList"):

* MFT  - minimum functionality: short, clear comments that must get a label;
* FLIP - negation/polarity pairs: the same behaviour stated and negated;
* INV  - invariance: perturbations that must not change the label set;
* DIR  - out-of-scope comments (pay, parking, IT, customer abuse) get no label.

Every example is written for this file from the codebook's definitions.
Each test type has a pass-rate floor a little below what the model achieves
today (rates measured with the artefacts of corpus 65fad238, noted next to
each floor), so a regression fails the test while known gaps do not. Failures
are printed (``pytest -s`` or on failure) so a reader sees what the model
gets wrong.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from models.predict import ThemeClassifier
from models.taxonomy import LABELS

GOOD = "What does your manager do well?"
GOOD_HERE = "What is good about working here?"
IMPROVE = "What could your manager do better?"
IMPROVE_HERE = "What could be improved?"
ADVICE = "What advice would you give to senior management?"
OTHER = "Any other comments?"
COMPLAINT = "Complaint summary"


@dataclass(frozen=True)
class Case:
    """One comment, the question it answers and the label it must (not) get."""

    question: str | None
    text: str


def predict(classifier: ThemeClassifier, cases: list[Case]) -> list[set[str]]:
    labels = classifier.predict([c.text for c in cases], [c.question for c in cases])
    return [set(row) for row in labels]


def report(title: str, failures: list[str], passed: int, total: int) -> float:
    rate = passed / total
    print(f"\n{title}: {passed}/{total} = {rate:.2f}")
    for line in failures:
        print(f"  FAIL {line}")
    return rate


# --------------------------------------------------------------------------- MFT

MFT: dict[str, list[Case]] = {
    "listening:neg": [
        Case(IMPROVE, "My manager never listens to our ideas."),
        Case(IMPROVE_HERE, "Managers ignore our concerns and make decisions without asking us."),
        Case(ADVICE, "Listen to your staff for once."),
    ],
    "listening:pos": [
        Case(GOOD, "My manager really listens to the team."),
        Case(GOOD, "She is open to new ideas and acts on our feedback."),
        Case(GOOD_HERE, "Our supervisor always asks for our views before making changes."),
    ],
    "clarity:neg": [
        Case(IMPROVE_HERE, "Communication from management is poor and we are kept in the dark."),
        Case(IMPROVE, "My manager keeps changing priorities and never explains what is expected."),
        Case(
            OTHER, "Expectations from my team leader are unclear and the goals change every week."
        ),
    ],
    "clarity:pos": [
        Case(GOOD, "My manager makes expectations clear and keeps us informed."),
        Case(GOOD_HERE, "Senior leadership are transparent about decisions."),
        Case(GOOD, "Great communicator, we always know what the priorities are."),
    ],
    "pressure:neg": [
        Case(
            IMPROVE_HERE, "Managers set unrealistic targets and push us harder when we miss them."
        ),
        Case(IMPROVE, "My manager is demanding and impatient with the team."),
        Case(OTHER, "Constant pressure from my supervisor to hit impossible deadlines."),
    ],
    "pressure:pos": [
        Case(GOOD, "My manager sets realistic deadlines and protects us from extra work."),
        Case(GOOD, "She is very patient with new starters and never rushes us."),
        Case(GOOD, "Our team leader has realistic expectations of what we can do in a shift."),
    ],
    "autonomy:neg": [
        Case(IMPROVE, "My manager micromanages everything we do."),
        Case(ADVICE, "Stop checking up on us every five minutes, we know how to do our jobs."),
        Case(OTHER, "My supervisor is controlling and doesn't trust the team to make decisions."),
    ],
    "autonomy:pos": [
        Case(GOOD, "My manager trusts us to get on with the job."),
        Case(GOOD, "I have a lot of autonomy and my manager empowers me to make decisions."),
        Case(GOOD, "She gives us the freedom to plan our own work."),
    ],
    "recognition:neg": [
        Case(IMPROVE_HERE, "No recognition for hard work from management."),
        Case(IMPROVE, "My manager takes credit for our work."),
        Case(OTHER, "Staff feel undervalued and management never say thank you."),
    ],
    "recognition:pos": [
        Case(GOOD, "My manager always praises the team when things go well."),
        Case(GOOD, "I feel valued and appreciated by my supervisor."),
        Case(GOOD_HERE, "Management recognise hard work and thank us for it."),
    ],
    "fairness:neg": [
        Case(IMPROVE_HERE, "Managers have favourites and give them the best shifts."),
        Case(IMPROVE_HERE, "There is favouritism from management in who gets promoted."),
        Case(OTHER, "My team leader applies the rules to some of us and not others."),
    ],
    "fairness:pos": [
        Case(GOOD, "My manager treats everyone fairly."),
        Case(GOOD, "She is fair and consistent with the whole team."),
        Case(GOOD, "Our supervisor shares out the work equally and has no favourites."),
    ],
    "support:neg": [
        Case(IMPROVE, "My manager is unsupportive and never available when we need help."),
        Case(IMPROVE_HERE, "No support or training from my manager."),
        Case(OTHER, "I raised a problem with my supervisor months ago and nothing was done."),
    ],
    "support:pos": [
        Case(GOOD, "My manager is very supportive and approachable."),
        Case(GOOD, "She really cares about our wellbeing and was flexible when my dad was ill."),
        Case(GOOD, "My team leader helps me develop and always has my back."),
    ],
    "conduct:neg": [
        Case(IMPROVE_HERE, "My manager shouts at staff in front of customers."),
        Case(OTHER, "I am being bullied by my team leader."),
        Case(COMPLAINT, "Employee alleges her supervisor made sexual comments about her body."),
    ],
    "conduct:pos": [
        Case(GOOD, "My manager treats us with respect."),
        Case(GOOD_HERE, "Management are always polite and respectful to staff."),
        Case(GOOD, "My supervisor treats everyone with dignity."),
    ],
    "overall:neg": [
        Case(IMPROVE_HERE, "Poor management."),
        Case(IMPROVE_HERE, "The managers here are useless."),
        Case(OTHER, "Bad leadership from the top."),
    ],
    "overall:pos": [
        Case(GOOD_HERE, "Great managers."),
        Case(GOOD_HERE, "Good leadership."),
        Case(OTHER, "My manager is brilliant."),
    ],
}

# Measured with the artefacts of corpus 65fad238: 53/54 = 0.98; every label at least 2 of 3 (the
# miss: "Expectations from my team leader are unclear and the goals change every week."
# -> clarity:pos + pressure:neg). The floor allows about three more misses.
MFT_FLOOR = 0.92
MFT_LABEL_FLOOR = 1  # of 3


def test_mft_covers_every_label_with_three_cases():
    assert list(MFT) == list(LABELS)
    assert all(len(cases) == 3 for cases in MFT.values())


def test_mft_each_label_is_found_in_short_clear_comments(classifier):
    cases = [(label, case) for label, group in MFT.items() for case in group]
    predicted = predict(classifier, [case for _, case in cases])
    hits: dict[str, int] = dict.fromkeys(MFT, 0)
    failures = []
    for (label, case), got in zip(cases, predicted, strict=True):
        if label in got:
            hits[label] += 1
        else:
            failures.append(f"{label:16s} {case.text!r} [{case.question}] -> {sorted(got)}")
    rate = report("MFT", failures, sum(hits.values()), len(cases))
    weak = {label: n for label, n in hits.items() if n < MFT_LABEL_FLOOR}
    assert rate >= MFT_FLOOR, failures
    assert not weak, f"labels found in fewer than {MFT_LABEL_FLOOR} of 3 cases: {weak}"


# -------------------------------------------------------------------------- FLIP

# (aspect, comment stating the strength, the same comment negated); question: OTHER.
FLIPS: list[tuple[str, str, str]] = [
    ("listening", "My manager listens to us.", "My manager never listens to us."),
    ("listening", "My manager always listens.", "My manager never listens."),
    ("clarity", "My manager keeps us informed.", "My manager never keeps us informed."),
    (
        "pressure",
        "My manager is patient with the team.",
        "My manager is not patient with the team.",
    ),
    (
        "autonomy",
        "My supervisor trusts us to do our jobs.",
        "My supervisor does not trust us to do our jobs.",
    ),
    ("recognition", "My manager praises good work.", "My manager never praises good work."),
    (
        "fairness",
        "My team leader treats everyone fairly.",
        "My team leader does not treat everyone fairly.",
    ),
    ("support", "My manager is supportive.", "My manager is not supportive."),
    ("support", "My boss is approachable.", "My boss is not approachable."),
    ("conduct", "My manager is respectful to staff.", "My manager is not respectful to staff."),
    ("overall", "Management here is good.", "Management here is not good."),
]

# Measured with the artefacts of corpus 65fad238: the expected polarity is found for 21/22 = 0.95
# comments, but only 13/22 = 0.59 get it *without* the opposite polarity of the same
# aspect too (the ensemble often predicts both, e.g. "My manager listens to us." ->
# listening:neg + listening:pos). Floors leave about one to two comments of slack.
FLIP_FOUND_FLOOR = 0.9
FLIP_EXCLUSIVE_FLOOR = 0.5


def test_flip_negation_turns_strength_into_coaching_need(classifier):
    cases = [Case(OTHER, text) for _, pos, neg in FLIPS for text in (pos, neg)]
    expected = [(a, pol) for a, _, _ in FLIPS for pol in ("pos", "neg")]
    predicted = predict(classifier, cases)
    missed, both = [], []
    for (aspect, pol), case, got in zip(expected, cases, predicted, strict=True):
        other = "neg" if pol == "pos" else "pos"
        line = f"want {aspect}:{pol:3s} {case.text!r} -> {sorted(got)}"
        if f"{aspect}:{pol}" not in got:
            missed.append(line)
        elif f"{aspect}:{other}" in got:
            both.append(line)
    n = len(cases)
    found = report("FLIP expected polarity found", missed, n - len(missed), n)
    exclusive = report("FLIP ... and not the opposite", both, n - len(missed) - len(both), n)
    assert found >= FLIP_FOUND_FLOOR, missed
    assert exclusive >= FLIP_EXCLUSIVE_FLOOR, missed + both


# --------------------------------------------------------------------------- INV

NAME_SWAPS = {"Dave": "Priya", "Sarah": "Kwame", "Tom": "Siobhan", "Karen": "Mohammed"}
NAME_PATTERN = re.compile(r"\b(" + "|".join(NAME_SWAPS) + r")\b")

INV_BASE: list[Case] = [
    Case(OTHER, "Dave never listens to the team."),
    Case(GOOD, "Sarah is really supportive and approachable."),
    Case(IMPROVE_HERE, "Our manager Tom shouts at people in meetings."),
    Case(IMPROVE_HERE, "Pay is low and the car park is always full."),
    Case(GOOD, "Karen makes expectations clear and keeps us informed."),
    Case(IMPROVE, "Dave micromanages everything and doesn't trust us."),
    Case(IMPROVE_HERE, "Sarah has favourites and gives them the best shifts."),
    Case(GOOD_HERE, "Great managers."),
    Case(IMPROVE_HERE, "No recognition for hard work from management."),
    Case(IMPROVE_HERE, "The IT system crashes every day."),
    Case(IMPROVE_HERE, "Managers set unrealistic targets."),
    Case(GOOD, "Tom always thanks us after a busy shift."),
    Case(GOOD, "Karen is fair with everyone."),
    Case(IMPROVE_HERE, "Poor management."),
    Case(GOOD, "Dave treats us with respect."),
    Case(IMPROVE, "My manager could listen more."),
    Case(IMPROVE, "Sarah is never available when we need help."),
    Case(GOOD, "Tom gives us the freedom to plan our own work."),
    Case(IMPROVE_HERE, "The office is too cold in winter."),
    Case(IMPROVE_HERE, "Communication from senior leadership is poor."),
]


def add_typo(text: str) -> str:
    """Swap two different adjacent letters in one word of 4+ letters (seeded by the text)."""
    rng = random.Random(text)
    words = text.split(" ")
    spots = [
        (i, j)
        for i, word in enumerate(words)
        if sum(ch.isalpha() for ch in word) >= 4
        for j in range(1, len(word) - 1)
        if word[j].isalpha() and word[j + 1].isalpha() and word[j] != word[j + 1]
    ]
    i, j = rng.choice(spots)
    word = words[i]
    words[i] = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    return " ".join(words)


def swap_names(text: str) -> str | None:
    """Replace every first name with another one; ``None`` when the text names nobody."""
    swapped = NAME_PATTERN.sub(lambda m: NAME_SWAPS[m.group(0)], text)
    return swapped if swapped != text else None


PERTURBATIONS: dict[str, Callable[[str], str | None]] = {
    "names": swap_names,
    "typo": add_typo,
    "emoji": lambda t: f"{t} 🙂",
    "upper": str.upper,
    "lower": str.lower,
    "unrelated": lambda t: f"{t} The canteen coffee is fine.",
}

# Measured with the artefacts of corpus 27a141b9 and the rules' transposition repair: per
# perturbation names 1.00, typo 0.85, emoji 1.00, upper 0.90, lower 1.00, unrelated
# sentence 0.70 (appending "The canteen coffee is fine." mostly drops a second, spurious
# label the short comment had). Floors are set about one comment below each measured rate.
INV_FLOOR = 0.85
INV_PERTURBATION_FLOORS = {
    "names": 0.9,
    "typo": 0.8,
    "emoji": 0.9,
    "upper": 0.85,
    "lower": 0.9,
    "unrelated": 0.65,
}


def test_perturbations_change_the_text_deterministically():
    for case in INV_BASE:
        typo = add_typo(case.text)
        assert typo == add_typo(case.text) != case.text
        assert sorted(typo) == sorted(case.text)
    assert swap_names("Dave and Tom") == "Priya and Siobhan"
    assert swap_names("Tomorrow my manager") is None


def test_inv_label_set_is_invariant_to_names_typos_emoji_case_and_unrelated_text(classifier):
    base = predict(classifier, INV_BASE)
    passed: dict[str, int] = dict.fromkeys(PERTURBATIONS, 0)
    totals: dict[str, int] = dict.fromkeys(PERTURBATIONS, 0)
    failures = []
    for name, perturb in PERTURBATIONS.items():
        pairs = [
            (before, c.question, text)
            for c, before in zip(INV_BASE, base, strict=True)
            if (text := perturb(c.text)) is not None
        ]
        predicted = predict(classifier, [Case(q, text) for _, q, text in pairs])
        for (before, _, text), after in zip(pairs, predicted, strict=True):
            totals[name] += 1
            if after == before:
                passed[name] += 1
            else:
                failures.append(f"{name:9s} {text!r}: {sorted(before)} -> {sorted(after)}")
    rate = report("INV", failures, sum(passed.values()), sum(totals.values()))
    per_type = {name: passed[name] / totals[name] for name in PERTURBATIONS}
    print("  per perturbation: " + ", ".join(f"{k} {v:.2f}" for k, v in per_type.items()))
    assert rate >= INV_FLOOR, failures
    weak = {k: round(v, 2) for k, v in per_type.items() if v < INV_PERTURBATION_FLOORS[k]}
    assert not weak, failures


# --------------------------------------------------------------------------- DIR

NO_LABEL: list[Case] = [
    Case(IMPROVE_HERE, "Pay is too low for the work we do."),
    Case(IMPROVE_HERE, "We haven't had a pay rise in three years."),
    Case(GOOD_HERE, "The pension scheme is good."),
    Case(IMPROVE_HERE, "Parking is a nightmare, there are never enough spaces."),
    Case(IMPROVE_HERE, "The car park is always full by 8am."),
    Case(OTHER, "Please sort out the staff parking permits."),
    Case(IMPROVE_HERE, "The laptops are ancient and the VPN keeps dropping."),
    Case(IMPROVE_HERE, "IT systems crash every day and the helpdesk takes weeks."),
    Case(OTHER, "Our printers never work."),
    Case(IMPROVE_HERE, "Customers shout at us every day."),
    Case(OTHER, "A member of the public threatened me at the counter."),
    Case(IMPROVE_HERE, "Residents can be very rude on the phone."),
    Case(OTHER, "Some patients are aggressive towards the nurses."),
    Case(IMPROVE_HERE, "Long hours and weekend shifts."),
    Case(IMPROVE_HERE, "The building is freezing in winter."),
    Case(GOOD_HERE, "The holiday allowance is generous."),
]

# Measured with the artefacts of corpus 65fad238: 16/16 = 1.00.
NO_LABEL_FLOOR = 0.9


def test_dir_pay_parking_it_and_customer_abuse_get_no_labels(classifier):
    predicted = predict(classifier, NO_LABEL)
    failures = [
        f"{case.text!r} [{case.question}] -> {sorted(got)}"
        for case, got in zip(NO_LABEL, predicted, strict=True)
        if got
    ]
    rate = report("DIR no-label", failures, len(NO_LABEL) - len(failures), len(NO_LABEL))
    assert rate >= NO_LABEL_FLOOR, failures


@pytest.mark.parametrize("question", [IMPROVE_HERE, OTHER, None])
def test_dir_empty_comment_gets_no_labels_whatever_the_question(classifier, question):
    assert predict(classifier, [Case(question, "")]) == [set()]
