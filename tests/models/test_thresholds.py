"""Per-label threshold tuning (models.thresholds)."""

from __future__ import annotations

import numpy as np
import pytest

from models.thresholds import f1_at, tune


def test_f1_at_counts_hits_at_or_above_the_threshold():
    y = np.array([1, 1, 0, 0])
    scores = np.array([0.9, 0.4, 0.6, 0.1])
    assert f1_at(y, scores, 0.5) == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    assert f1_at(y, scores, 0.95) == 0.0


def plateau() -> tuple[np.ndarray, np.ndarray]:
    """One label whose F1 is 1.0 for any threshold in (0.3, 0.8]."""
    y = np.array([[1], [1], [0], [0]])
    scores = np.array([[0.85], [0.8], [0.3], [0.1]])
    return y, scores


def test_tune_breaks_ties_towards_the_default():
    y, scores = plateau()
    assert tune(y, scores)[0] == pytest.approx(0.5)


def test_recall_slack_takes_the_low_end_of_a_plateau():
    y, scores = plateau()
    assert tune(y, scores, recall_slack=0.01)[0] == pytest.approx(0.325)


def test_recall_slack_gives_up_at_most_the_slack():
    y = np.array([[1], [1], [1], [0], [0]])
    scores = np.array([[0.9], [0.8], [0.3], [0.25], [0.1]])
    best = tune(y, scores)[0]
    slack = tune(y, scores, recall_slack=0.05)[0]
    assert slack <= best
    assert f1_at(y[:, 0], scores[:, 0], slack) >= f1_at(y[:, 0], scores[:, 0], best) - 0.05


def test_a_label_with_no_positives_keeps_the_default():
    y = np.zeros((3, 2), dtype=int)
    y[0, 1] = 1
    scores = np.array([[0.2, 0.9], [0.4, 0.1], [0.6, 0.2]])
    assert tune(y, scores, default=0.5)[0] == pytest.approx(0.5)
