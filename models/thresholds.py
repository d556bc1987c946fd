"""Per-label decision thresholds chosen to maximise F1 on out-of-sample scores."""

from __future__ import annotations

import numpy as np

GRID = np.round(np.arange(0.1, 0.91, 0.025), 3)


def f1_at(y: np.ndarray, scores: np.ndarray, threshold: float) -> float:
    """F1 of one label when predicting ``scores >= threshold``."""
    pred = scores >= threshold
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def tune(
    y: np.ndarray, scores: np.ndarray, default: float = 0.5, recall_slack: float = 0.0
) -> np.ndarray:
    """Best threshold per label on the grid; ``default`` for labels with no positives.

    With ``recall_slack`` 0, ties are broken towards the threshold closest to
    ``default`` so that a flat F1 curve does not drift to an extreme. With a
    slack, the lowest threshold whose F1 is within ``recall_slack`` of the best
    wins: on a plateau, recall.

    Args:
        y: Indicator matrix ``(n, k)``.
        scores: Scores ``(n, k)`` from a model that did not train on these rows.
        default: Threshold used when a label has no positive example.
        recall_slack: F1 the choice may give up for a lower threshold.

    Returns:
        Thresholds ``(k,)``.
    """
    out = np.full(y.shape[1], default, dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].sum() == 0:
            continue
        f1s = np.array([f1_at(y[:, j], scores[:, j], float(t)) for t in GRID])
        best = f1s.max()
        if recall_slack > 0:
            out[j] = GRID[f1s >= best - recall_slack].min()
            continue
        candidates = GRID[np.isclose(f1s, best)]
        out[j] = candidates[np.argmin(np.abs(candidates - default))]
    return out
