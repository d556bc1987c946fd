"""Per-label precision, recall and F1, scored the way ``shared/eval/score.py`` does."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from models.taxonomy import LABELS

MIN_SUPPORT = 5


@dataclass(frozen=True)
class Scores:
    """Per-label and summary scores of one model on one labelled set."""

    per_label: dict[str, dict[str, float]]
    macro_f1: float
    micro_f1: float
    n: int

    def summary(self) -> str:
        """One line: n, macro-F1 (labels with >= 5 examples), micro-F1, conduct:neg P/R."""
        c = self.per_label["conduct:neg"]
        return (
            f"n={self.n} macro_f1={self.macro_f1:.3f} micro_f1={self.micro_f1:.3f} "
            f"conduct_neg_recall={c['recall']:.3f} conduct_neg_precision={c['precision']:.3f}"
        )


def score(y: np.ndarray, pred: np.ndarray) -> Scores:
    """Score binary predictions against gold indicators.

    Args:
        y: Gold indicator matrix ``(n, 18)``.
        pred: Predicted indicator matrix ``(n, 18)``.

    Returns:
        Per-label precision/recall/F1/support, macro-F1 over labels with at
        least :data:`MIN_SUPPORT` gold examples, and micro-F1.
    """
    y, pred = y.astype(bool), pred.astype(bool)
    per: dict[str, dict[str, float]] = {}
    tps = fps = fns = 0
    for j, lab in enumerate(LABELS):
        tp = int(np.sum(y[:, j] & pred[:, j]))
        fp = int(np.sum(~y[:, j] & pred[:, j]))
        fn = int(np.sum(y[:, j] & ~pred[:, j]))
        tps, fps, fns = tps + tp, fps + fp, fns + fn
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"precision": p, "recall": r, "f1": f, "support": float(tp + fn)}
    scored = [v["f1"] for v in per.values() if v["support"] >= MIN_SUPPORT]
    macro = float(np.mean(scored)) if scored else 0.0
    micro = 2 * tps / (2 * tps + fps + fns) if tps else 0.0
    return Scores(per, macro, micro, int(y.shape[0]))
