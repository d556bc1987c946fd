"""Loading artefacts and classifying comments (models.predict)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.predict import (
    MODEL_KINDS,
    RULE_THRESHOLD,
    ThemeClassifier,
    classify_texts,
    combine,
    score_column,
)
from models.rules import rule_scores
from models.taxonomy import LABEL_INDEX, LABELS
from models.text import clean_text

IMPROVE = "What could be improved?"
SCORE_COLUMNS = [score_column(lab) for lab in LABELS]


@pytest.fixture(scope="module")
def rules_classifier(artefact_dir: Path) -> ThemeClassifier:
    return ThemeClassifier.load(artefact_dir, "rules")


def test_score_column_names_follow_label_order():
    assert SCORE_COLUMNS[0] == "score_listening_neg"
    assert SCORE_COLUMNS[-1] == "score_overall_pos"
    assert len(set(SCORE_COLUMNS)) == 18


def test_classify_texts_returns_labels_and_18_score_columns_with_series_index(classifier):
    texts = pd.Series(
        ["My manager never listens to us.", "Pay is low.", "Great managers."], index=[7, 3, 42]
    )
    questions = pd.Series([IMPROVE, IMPROVE, "What is good about working here?"], index=[7, 3, 42])
    frame = classify_texts(texts, questions, classifier=classifier)
    assert list(frame.columns) == ["labels", *SCORE_COLUMNS]
    assert list(frame.index) == [7, 3, 42]
    assert frame[SCORE_COLUMNS].dtypes.eq(np.float32).all()
    assert ((frame[SCORE_COLUMNS] >= 0) & (frame[SCORE_COLUMNS] <= 1)).all().all()
    assert "listening:neg" in frame.loc[7, "labels"]
    assert frame.loc[3, "labels"] == []


def test_classify_texts_labels_are_codebook_ordered_and_match_thresholds(classifier):
    texts = ["Managers have favourites and micromanage the rest of us."]
    frame = classify_texts(texts, [IMPROVE], classifier=classifier)
    labels = frame.loc[0, "labels"]
    assert labels == sorted(labels, key=LABEL_INDEX.__getitem__)
    scores = frame[SCORE_COLUMNS].to_numpy()[0]
    hits = scores >= classifier.thresholds
    assert labels == [lab for lab, hit in zip(LABELS, hits, strict=True) if hit]


def test_classify_texts_of_a_list_gets_a_range_index(classifier):
    frame = classify_texts(["a", "b"], classifier=classifier)
    assert list(frame.index) == [0, 1]


def test_classify_texts_of_no_comments_is_an_empty_frame(classifier):
    frame = classify_texts(pd.Series([], dtype=object), classifier=classifier)
    assert len(frame) == 0
    assert list(frame.columns) == ["labels", *SCORE_COLUMNS]


@pytest.mark.parametrize("value", ["", "   ", "\n\t", None, math.nan, "<p></p>"])
def test_empty_whitespace_or_missing_comment_gets_no_labels_and_zero_scores(classifier, value):
    frame = classify_texts(pd.Series([value], dtype=object), [IMPROVE], classifier=classifier)
    assert frame.loc[0, "labels"] == []
    assert not frame[SCORE_COLUMNS].to_numpy().any()


@pytest.mark.parametrize(
    "text",
    [
        "My manager never listens. " * 4000,  # > 100,000 characters
        "x" * 100_000,
        "Mon responsable ne nous écoute jamais et crie sur l'équipe.",  # French
        "Mój kierownik nigdy nas nie słucha, ciągle krzyczy na zespół.",  # Polish
        "<div><p>My manager <b>never</b> listens</p><script>alert(1)</script></div>",
        "😡😡😡",
        "👍",
        "My manager doesnâ€™t listen and the cafÃ© is closed",
        "\x00\x01 control \ufffd characters",
        "=SUM(A1:A9)",
    ],
    ids=[
        "long",
        "long-word",
        "french",
        "polish",
        "html",
        "emoji",
        "emoji1",
        "mojibake",
        "ctrl",
        "formula",
    ],
)
def test_unusual_comments_do_not_crash(classifier, text):
    frame = classify_texts([text], [IMPROVE], classifier=classifier)
    assert len(frame) == 1
    assert set(frame.loc[0, "labels"]) <= set(LABELS)
    assert np.isfinite(frame[SCORE_COLUMNS].to_numpy()).all()


def test_long_comment_scores_like_its_first_max_chars(classifier):
    long = "My manager never listens. " * 4000
    scores = classifier.scores([long, clean_text(long)], [IMPROVE, IMPROVE])
    np.testing.assert_array_equal(scores[0], scores[1])


def test_identical_comments_get_identical_scores(classifier):
    text = "My manager is supportive but the targets are unrealistic."
    texts = [text, "Pay is low.", text, text]
    scores = classifier.scores(texts, [IMPROVE] * 4)
    np.testing.assert_array_equal(scores[0], scores[2])
    np.testing.assert_array_equal(scores[0], scores[3])


def test_scores_do_not_depend_on_batch_neighbours(classifier):
    text = "My manager takes credit for our work."
    alone = classifier.scores([text], [IMPROVE])[0]
    batched = classifier.scores(["Great managers.", text, "Pay is low."], [None, IMPROVE, None])[1]
    np.testing.assert_allclose(alone, batched, atol=1e-6)


def test_same_question_kind_gives_same_scores(classifier):
    text = "Communication."
    a, b = classifier.scores(
        [text, text], ["What could be improved?", "What could your manager do better?"]
    )
    np.testing.assert_array_equal(a, b)


def test_scores_texts_and_questions_must_have_same_length(classifier):
    with pytest.raises(ValueError, match="2 texts but 1 questions"):
        classifier.scores(["a", "b"], [None])


def test_predict_returns_label_lists_in_codebook_order(classifier):
    labels = classifier.predict(["Supportive and makes expectations clear.", ""], [None, None])
    assert len(labels) == 2
    assert labels[1] == []
    assert labels[0] == sorted(labels[0], key=LABEL_INDEX.__getitem__)


def test_combine_takes_the_larger_of_rule_and_model_score():
    rules = np.array([[0.9, 0.0]], dtype=np.float32)
    ml = np.array([[0.2, 0.6]], dtype=np.float32)
    combined = combine(rules, ml)
    assert combined.dtype == np.float32
    np.testing.assert_array_equal(combined, np.array([[0.9, 0.6]], dtype=np.float32))


def _decided(**scores: float) -> set[str]:
    """Labels that ``decide`` keeps from the given label scores (rule threshold)."""
    row = np.zeros((1, len(LABELS)), dtype=np.float32)
    for name, value in scores.items():
        row[0, LABEL_INDEX[name.replace("_", ":")]] = value
    clf = ThemeClassifier(kind="rules", version="test", params={})
    return {LABELS[j] for j in np.flatnonzero(clf.decide(row)[0])}


def test_decide_drops_overall_when_a_specific_aspect_of_that_polarity_applies():
    assert _decided(overall_neg=0.9, conduct_neg=0.5) == {"conduct:neg"}
    assert _decided(overall_pos=0.9, support_pos=0.6) == {"support:pos"}


def test_decide_keeps_overall_beside_a_specific_aspect_of_the_other_polarity():
    assert _decided(overall_pos=0.8, pressure_neg=0.7) == {"overall:pos", "pressure:neg"}
    assert _decided(overall_neg=0.5) == {"overall:neg"}


def test_decide_keeps_one_polarity_unless_both_clear_the_mixed_margin():
    assert _decided(support_neg=0.5, support_pos=0.9) == {"support:pos"}
    assert _decided(support_neg=0.9, support_pos=0.9) == {"support:neg", "support:pos"}


def test_decide_picks_the_polarity_that_went_further_towards_certainty():
    thresholds = np.full(len(LABELS), 0.5)
    thresholds[LABEL_INDEX["overall:neg"]] = 0.425
    thresholds[LABEL_INDEX["overall:pos"]] = 0.75
    clf = ThemeClassifier(
        kind="ensemble", version="test", params={"thresholds": {"ensemble": thresholds.tolist()}}
    )
    row = np.zeros((1, len(LABELS)), dtype=np.float32)
    row[0, LABEL_INDEX["overall:neg"]] = 0.54  # 0.115 past 0.425: 20% of the way to 1
    row[0, LABEL_INDEX["overall:pos"]] = 0.84  # 0.09 past 0.75: 36% of the way to 1
    assert [LABELS[j] for j in np.flatnonzero(clf.decide(row)[0])] == ["overall:pos"]


def test_decide_of_no_comments_is_an_empty_matrix():
    clf = ThemeClassifier(kind="rules", version="test", params={})
    assert clf.decide(np.zeros((0, len(LABELS)), dtype=np.float32)).shape == (0, len(LABELS))


def test_ensemble_thresholds_are_18_probabilities(classifier):
    assert classifier.kind == "ensemble"
    assert classifier.thresholds.shape == (18,)
    assert ((classifier.thresholds > 0) & (classifier.thresholds < 1)).all()


def test_rules_kind_matches_rule_scores_and_fixed_threshold(rules_classifier):
    texts = ["My manager never listens.", "Poor management.", "Pay is low."]
    scores = rules_classifier.scores(texts, [None] * 3)
    np.testing.assert_array_equal(scores, rule_scores(texts, [None] * 3))
    assert (rules_classifier.thresholds == np.float32(RULE_THRESHOLD)).all()
    assert rules_classifier.predict(texts) == [["listening:neg"], ["overall:neg"], []]


def test_load_reads_version_from_manifest(classifier, artefact_dir):
    import json

    manifest = json.loads((artefact_dir / "manifest.json").read_text())
    assert classifier.version == manifest["version"]


def test_load_from_empty_dir_raises_file_not_found_mentioning_make_train(tmp_path):
    with pytest.raises(FileNotFoundError, match="make train") as info:
        ThemeClassifier.load(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_load_from_missing_dir_raises_file_not_found_for_every_kind(tmp_path, kind):
    with pytest.raises(FileNotFoundError, match="make train"):
        ThemeClassifier.load(tmp_path / "nope", kind)


@pytest.mark.parametrize("kind", ["bert", "", "Ensemble", "rule"])
def test_load_unknown_kind_raises_value_error(artefact_dir, kind):
    with pytest.raises(ValueError, match="unknown model kind"):
        ThemeClassifier.load(artefact_dir, kind)  # type: ignore[arg-type]


def test_missing_question_as_nan_is_treated_as_no_question(classifier):
    questions = pd.Series([IMPROVE, None])  # dtype str: None becomes NaN
    frame = classify_texts(
        ["Poor management.", "Poor management."], questions, classifier=classifier
    )
    assert len(frame) == 2
