"""The codebook's labels, question kinds and label helpers (models.taxonomy)."""

from __future__ import annotations

import pytest

from models.taxonomy import (
    ASPECTS,
    LABEL_INDEX,
    LABEL_SEPARATOR,
    LABELS,
    NEGATIVE_LABELS,
    QuestionKind,
    join_labels,
    question_kind,
    sort_labels,
    validate_labels,
)

# Copied by hand from the last paragraph of ../shared/codebook.md ("The 18 labels, in order").
CODEBOOK_ORDER = (
    "listening:neg listening:pos clarity:neg clarity:pos pressure:neg pressure:pos "
    "autonomy:neg autonomy:pos recognition:neg recognition:pos fairness:neg fairness:pos "
    "support:neg support:pos conduct:neg conduct:pos overall:neg overall:pos"
).split()


def test_there_are_18_labels_in_codebook_order():
    assert len(LABELS) == 18
    assert list(LABELS) == CODEBOOK_ORDER


def test_labels_are_unique_and_aspect_major_neg_before_pos():
    assert len(set(LABELS)) == 18
    assert len(ASPECTS) == 9
    for i, aspect in enumerate(ASPECTS):
        assert LABELS[2 * i] == f"{aspect}:neg"
        assert LABELS[2 * i + 1] == f"{aspect}:pos"


def test_label_index_matches_position():
    assert all(LABEL_INDEX[lab] == i for i, lab in enumerate(LABELS))


def test_negative_labels_are_the_nine_coaching_needs_in_order():
    assert tuple(lab for lab in CODEBOOK_ORDER if lab.endswith(":neg")) == NEGATIVE_LABELS
    assert len(NEGATIVE_LABELS) == 9


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is good about working here?", QuestionKind.GOOD),
        ("What does your manager do well?", QuestionKind.GOOD),
        ("What do you like most about your job?", QuestionKind.GOOD),
        ("Pros", QuestionKind.GOOD),
        ("What could be improved?", QuestionKind.IMPROVE),
        ("What could your manager do better?", QuestionKind.IMPROVE),
        ("What one thing would you change?", QuestionKind.IMPROVE),
        ("Cons", QuestionKind.IMPROVE),
        ("What frustrates you most?", QuestionKind.IMPROVE),
        ("What advice would you give to senior management?", QuestionKind.ADVICE),
        ("Do you have any suggestions?", QuestionKind.ADVICE),
        ("Complaint summary", QuestionKind.COMPLAINT),
        ("Grievance details", QuestionKind.COMPLAINT),
        ("Any other comments?", QuestionKind.OTHER),
        ("Is there anything else?", QuestionKind.OTHER),
        ("", QuestionKind.OTHER),
        (None, QuestionKind.OTHER),
    ],
)
def test_question_kind_maps_typical_wordings(question, kind):
    assert question_kind(question) is kind


def test_question_kind_least_liked_is_improve_not_good():
    # "like" alone would say GOOD; "least" must win.
    assert question_kind("What do you like least about your job?") is QuestionKind.IMPROVE


def test_question_kind_is_case_insensitive():
    assert question_kind("WHAT COULD BE IMPROVED?") is QuestionKind.IMPROVE
    assert question_kind("what does your manager do well?") is QuestionKind.GOOD


def test_question_kind_anything_else_you_would_like_to_tell_us_is_other():
    assert question_kind("Is there anything else you would like to tell us?") is QuestionKind.OTHER


def test_question_kind_values_are_plain_strings():
    assert {k.value for k in QuestionKind} == {"good", "improve", "advice", "complaint", "other"}
    # The kind's value maps back to the same kind (predict.py re-reads it).
    assert all(question_kind(k.value) is k for k in QuestionKind)


def test_validate_labels_accepts_every_codebook_label():
    validate_labels(list(LABELS))
    validate_labels(set())


@pytest.mark.parametrize("bad", ["listening", "listening:neutral", "Listening:neg", "bullying:neg"])
def test_validate_labels_rejects_unknown_label_and_names_it(bad):
    with pytest.raises(ValueError, match="unknown labels") as info:
        validate_labels(["support:pos", bad])
    # Only the unknown label is named as unknown; the valid ones are listed after.
    assert str(info.value).startswith(f"unknown labels [{bad!r}];")


def test_sort_labels_returns_codebook_order_without_duplicates():
    assert sort_labels({"overall:pos", "listening:neg", "conduct:neg"}) == [
        "listening:neg",
        "conduct:neg",
        "overall:pos",
    ]
    assert sort_labels(["support:pos", "clarity:pos", "support:pos"]) == [
        "clarity:pos",
        "support:pos",
    ]
    assert sort_labels([]) == []


def test_sort_labels_rejects_unknown_label():
    with pytest.raises(ValueError, match="unknown labels"):
        sort_labels(["support:pos", "pay:neg"])


def test_join_labels_is_semicolon_separated_in_codebook_order():
    assert LABEL_SEPARATOR == ";"
    assert join_labels(["autonomy:neg", "fairness:neg"]) == "autonomy:neg;fairness:neg"
    assert join_labels(["fairness:neg", "autonomy:neg"]) == "autonomy:neg;fairness:neg"


def test_join_labels_of_no_labels_is_empty_string():
    assert join_labels([]) == ""
    assert join_labels(set()) == ""


def test_join_labels_rejects_unknown_label():
    with pytest.raises(ValueError, match="unknown labels"):
        join_labels(["support:pos", "support"])
