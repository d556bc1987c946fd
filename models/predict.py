"""Load trained artefacts and classify comments: the API the CLI and flows use.

``ThemeClassifier.load(dir)`` returns the default ensemble: the rule
component, the scikit-learn pipeline and the spaCy ``textcat_multilabel``
model, combined as ``max(rules, mean(sklearn, spacy))`` with a tuned
threshold per label (see ``ensemble.json`` in the artefact folder): the
rules are precise, and the trained models add what the rules miss.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import joblib
import numpy as np
import pandas as pd

from models import sk_model, spacy_model
from models.rules import rule_pipeline, rule_scores, rule_scores_and_tokens
from models.taxonomy import LABEL_INDEX, LABELS, score_column
from models.text import cached_question_kind, clean_text

ModelKind = Literal["ensemble", "sklearn", "spacy", "rules"]
MODEL_KINDS: tuple[ModelKind, ...] = ("ensemble", "sklearn", "spacy", "rules")
RULE_THRESHOLD = 0.45
_OVERALL = [LABEL_INDEX["overall:neg"], LABEL_INDEX["overall:pos"]]
_SPECIFIC = [i for i, label in enumerate(LABELS) if not label.startswith("overall:")]
MIXED_MARGIN = 0.2
"""How far past its threshold each polarity must be for a comment to count as mixed."""
SCORE_BATCH = 5_000
"""Distinct comments scored at a time: the TF-IDF and n-gram matrices of one batch are
transient, so a 20,000-comment chunk peaks about 150 MiB lower than in one go
(same scores; ``make bench``)."""


def combine(rules: np.ndarray, ml: np.ndarray) -> np.ndarray:
    """Ensemble score: the larger of the rule confidence and the mean model probability.

    A negative rule score (:data:`models.rules.VETO`) scores the label 0: the rules
    found the comment out of scope for it (harassment by strangers outside work).
    """
    return np.asarray(np.where(rules < 0, 0.0, np.maximum(rules, ml)), dtype=np.float32)


@dataclass
class ThemeClassifier:
    """A loaded classifier of one kind.

    Attributes:
        kind: Which model scores comments.
        version: Model version from the artefact manifest.
        params: Ensemble weights and per-label thresholds.
    """

    kind: ModelKind
    version: str
    params: dict[str, Any]
    _sk: Any = field(default=None, repr=False)
    _nlp: Any = field(default=None, repr=False)
    _share_tokens: bool | None = field(default=None, repr=False)

    @classmethod
    def load(cls, artefact_dir: Path, kind: ModelKind = "ensemble") -> ThemeClassifier:
        """Load trained artefacts built by ``make train``.

        Args:
            artefact_dir: Folder holding ``manifest.json``.
            kind: ``ensemble`` (default), ``sklearn``, ``spacy`` or ``rules``.

        Returns:
            The classifier.

        Raises:
            FileNotFoundError: If the artefacts are missing (run ``make train``).
            ValueError: If ``kind`` is unknown.
        """
        if kind not in MODEL_KINDS:
            raise ValueError(f"unknown model kind {kind!r}; choose one of {MODEL_KINDS}")
        manifest_path = artefact_dir / "manifest.json"
        if not manifest_path.exists():
            raise FileNotFoundError(
                f"no trained models in {artefact_dir} (manifest.json missing); run `make train`"
            )
        manifest = json.loads(manifest_path.read_text())
        params = json.loads((artefact_dir / "ensemble.json").read_text())
        sk = (
            joblib.load(artefact_dir / "sklearn.joblib")
            if kind in ("ensemble", "sklearn")
            else None
        )
        nlp = spacy_model.load(artefact_dir / "spacy") if kind in ("ensemble", "spacy") else None
        return cls(kind=kind, version=manifest["version"], params=params, _sk=sk, _nlp=nlp)

    @property
    def thresholds(self) -> np.ndarray:
        """Per-label decision thresholds of this kind of model."""
        if self.kind == "rules":
            return np.full(len(LABELS), RULE_THRESHOLD, dtype=np.float32)
        return np.asarray(self.params["thresholds"][self.kind], dtype=np.float32)

    def _scores_clean(self, texts: list[str], questions: list[str | None]) -> np.ndarray:
        if self.kind == "rules":
            return np.asarray(np.maximum(rule_scores(texts, questions), 0.0), dtype=np.float32)
        if self.kind == "sklearn":
            return sk_model.predict_proba(self._sk, texts, questions)
        if self.kind == "spacy":
            return spacy_model.predict_proba(self._nlp, texts, questions)
        if self._share_tokens is None:
            self._share_tokens = spacy_model.reuses_tokens(self._nlp, rule_pipeline()[0])
        if self._share_tokens:
            rules, tokens = rule_scores_and_tokens(texts, questions)
            sp = spacy_model.predict_proba_from_tokens(self._nlp, tokens, questions)
        else:
            rules = rule_scores(texts, questions)
            sp = spacy_model.predict_proba(self._nlp, texts, questions)
        ml = (sk_model.predict_proba(self._sk, texts, questions) + sp) / 2
        return combine(rules, ml)

    def scores(
        self, texts: Sequence[object], questions: Sequence[str | None] | None = None
    ) -> np.ndarray:
        """Scores ``(n, 18)`` in codebook order; empty comments score 0.

        Identical (comment, question kind) pairs are scored once, in batches of
        :data:`SCORE_BATCH` (each row's scores do not depend on the batch).

        Args:
            texts: Raw comments (any value; non-strings count as empty).
            questions: The question each comment answers, or ``None``.

        Returns:
            A float32 array.
        """
        qs: list[str | None] = list(questions) if questions is not None else [None] * len(texts)
        if len(qs) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(qs)} questions")
        cleaned = [clean_text(t) for t in texts]
        keys = [(c, cached_question_kind(q).value) for c, q in zip(cleaned, qs, strict=True)]
        unique: dict[tuple[str, str], int] = {}
        for key in keys:
            if key[0] and key not in unique:
                unique[key] = len(unique)
        out = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
        if not unique:
            return out
        u_texts = [k[0] for k in unique]
        u_questions: list[str | None] = [k[1] for k in unique]
        u_scores = np.concatenate(
            [
                self._scores_clean(u_texts[i : i + SCORE_BATCH], u_questions[i : i + SCORE_BATCH])
                for i in range(0, len(u_texts), SCORE_BATCH)
            ]
        )
        rows = [i for i, k in enumerate(keys) if k[0]]
        out[rows] = u_scores[[unique[keys[i]] for i in rows]]
        return out

    def decide(self, scores: np.ndarray) -> np.ndarray:
        """Boolean label matrix from scores: thresholds, then one polarity per aspect.

        When both polarities of an aspect pass their thresholds, both are kept
        only if each clears its threshold by :data:`MIXED_MARGIN` (a genuinely
        mixed comment); otherwise the polarity that went further from its
        threshold towards certainty wins (``(score - t) / (1 - t)``, so a low
        threshold does not make its label win by default).
        Last, the codebook's rule for ``overall``: it applies only when no
        specific aspect of the same polarity does, so a specific label drops it.
        """
        margins = scores - self.thresholds
        hits = margins >= 0
        neg, pos = margins[:, 0::2], margins[:, 1::2]
        both = (neg >= 0) & (pos >= 0) & (np.minimum(neg, pos) < MIXED_MARGIN)
        reach = margins / np.maximum(1 - self.thresholds, 1e-6)
        neg_reach, pos_reach = reach[:, 0::2], reach[:, 1::2]
        hits[:, 0::2] &= ~(both & (pos_reach > neg_reach))
        hits[:, 1::2] &= ~(both & (neg_reach >= pos_reach))
        by_aspect = hits[:, _SPECIFIC].reshape(len(hits), len(_SPECIFIC) // 2, 2)
        hits[:, _OVERALL] &= ~by_aspect.any(axis=1)
        return np.asarray(hits, dtype=bool)

    def predict(
        self, texts: Sequence[object], questions: Sequence[str | None] | None = None
    ) -> list[list[str]]:
        """Label sets in codebook order, one per comment."""
        hits = self.decide(self.scores(texts, questions))
        return [[LABELS[j] for j in np.flatnonzero(row)] for row in hits]


def classify_texts(
    texts: pd.Series | Sequence[object],
    questions: pd.Series | Sequence[str | None] | None = None,
    *,
    classifier: ThemeClassifier,
) -> pd.DataFrame:
    """Classify comments for a flow: labels plus a score column per label.

    Args:
        texts: Comments (a pandas Series keeps its index).
        questions: The question each answers.
        classifier: A loaded :class:`ThemeClassifier`.

    Returns:
        A frame with ``labels`` (list of labels) and ``score_<label>`` columns,
        indexed like ``texts``.
    """
    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
    q = list(questions) if questions is not None else None
    scores = classifier.scores(list(texts), q)
    hits = classifier.decide(scores)
    frame = pd.DataFrame(scores, columns=[score_column(lab) for lab in LABELS], index=index)
    frame.insert(0, "labels", [[LABELS[j] for j in np.flatnonzero(r)] for r in hits])
    return frame
