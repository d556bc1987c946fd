"""scikit-learn classifier: word + character TF-IDF, one logistic regression per label.

Word features are read from negation-marked text (``never neg_listens``)
with the question kind as a pseudo-word, so the linear model can tell
"listens" from "never listens" and "communication" under "what is good?"
from the same word under "what could be improved?".
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import numpy as np
from scipy.special import expit
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from models.fast_features import FastColumnTfidf
from models.text import negation_marked, question_token

SEED = 0


def features_frame(texts: Sequence[str], questions: Sequence[str | None]) -> dict[str, list[str]]:
    """The two text views the vectorisers read.

    Args:
        texts: Cleaned comments.
        questions: The question each answers.

    Returns:
        ``{"words": [...], "chars": [...]}`` aligned with ``texts``.
    """
    words = [
        f"{question_token(q)} {negation_marked(t)}" for t, q in zip(texts, questions, strict=True)
    ]
    chars = [t.lower() for t in texts]
    return {"words": words, "chars": chars}


def build_pipeline(c: float = 4.0) -> Pipeline:
    """An untrained TF-IDF + one-vs-rest logistic regression pipeline.

    Args:
        c: Inverse regularisation strength of each logistic regression.

    Returns:
        A scikit-learn pipeline taking the dict from :func:`features_frame`.
    """
    vectorise = ColumnTransformer(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    min_df=2,
                    sublinear_tf=True,
                    token_pattern=r"\S+",  # noqa: S106
                    lowercase=False,
                ),
                "words",
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 5),
                    min_df=3,
                    sublinear_tf=True,
                    max_features=60000,
                    dtype=np.float32,
                ),
                "chars",
            ),
        ]
    )
    model = OneVsRestClassifier(
        LogisticRegression(
            C=c, class_weight="balanced", max_iter=3000, solver="liblinear", random_state=SEED
        )
    )
    return Pipeline([("features", vectorise), ("model", model)])


def _as_frame(texts: Sequence[str], questions: Sequence[str | None]) -> object:
    import pandas as pd

    return pd.DataFrame(features_frame(texts, questions))


def fit(texts: Sequence[str], questions: Sequence[str | None], y: np.ndarray) -> Pipeline:
    """Fit the pipeline on labelled comments.

    Args:
        texts: Cleaned comments.
        questions: The question each answers.
        y: Indicator matrix ``(n, 18)``.

    Returns:
        The fitted pipeline.
    """
    pipe = build_pipeline()
    pipe.fit(_as_frame(texts, questions), y)
    for _, vectoriser, _ in pipe.named_steps["features"].transformers_:
        if isinstance(vectoriser, TfidfVectorizer):
            # Unused after fitting, and not reproducible when pickled: a set ordered by
            # Python's hash seed, and a memory address sklearn caches.
            vectoriser.stop_words_ = None
            vectoriser.__dict__.pop("_stop_words_id", None)
    return pipe


_FAST: weakref.WeakKeyDictionary[Pipeline, FastColumnTfidf] = weakref.WeakKeyDictionary()


def fast_features(pipe: Pipeline) -> FastColumnTfidf | None:
    """The fast feature path of a fitted pipeline (built once per pipeline), if it applies.

    Args:
        pipe: A pipeline from :func:`fit` (or loaded from its artefact).

    Returns:
        The fast transform of its features step, or ``None`` when the pipeline
        has another shape or its vectorisers are not supported.
    """
    if len(pipe.steps) != 2 or not isinstance(pipe.steps[0][1], ColumnTransformer):
        return None
    fast = _FAST.get(pipe)
    if fast is None or fast.transformer is not pipe.steps[0][1] or not fast.is_current():
        fast = FastColumnTfidf(pipe.steps[0][1])
        _FAST[pipe] = fast
    return fast if fast.exact else None


def predict_proba(
    pipe: Pipeline, texts: Sequence[str], questions: Sequence[str | None]
) -> np.ndarray:
    """Per-label probabilities ``(n, 18)``.

    Features come from :mod:`models.fast_features` (bit-identical to the
    pipeline's own, several times faster), then the fitted classifier.
    """
    if not texts:
        return np.zeros((0, 18), dtype=np.float32)
    fast = fast_features(pipe)
    if fast is None:
        return np.asarray(pipe.predict_proba(_as_frame(texts, questions)), dtype=np.float32)
    features = fast.transform(features_frame(texts, questions))
    return np.asarray(_predict_proba(pipe.steps[-1][1], features), dtype=np.float32)


_STACKED: weakref.WeakKeyDictionary[
    OneVsRestClassifier, tuple[list[object], np.ndarray, np.ndarray]
]
_STACKED = weakref.WeakKeyDictionary()


def _predict_proba(model: OneVsRestClassifier, features: object) -> np.ndarray:
    """``model.predict_proba(features)``, in one product when every label has its own LR.

    A multilabel one-vs-rest of binary logistic regressions gives
    ``expit(X @ coef.T + intercept)`` per label; one sparse product for all
    18 labels instead of 18 (each re-validating the matrix) gives the same numbers.
    """
    estimators = getattr(model, "estimators_", [])
    stacked = _STACKED.get(model)
    if stacked is None or stacked[0] is not estimators:
        binary = [isinstance(e, LogisticRegression) and len(e.classes_) == 2 for e in estimators]
        if not getattr(model, "multilabel_", False) or len(binary) < 2 or not all(binary):
            return np.asarray(model.predict_proba(features))
        coef = np.ascontiguousarray(np.vstack([e.coef_ for e in estimators]).T)
        stacked = (estimators, coef, np.hstack([e.intercept_ for e in estimators]))
        _STACKED[model] = stacked
    _, coef, intercept = stacked
    return np.asarray(expit(features @ coef + intercept))


def out_of_fold(
    texts: Sequence[str], questions: Sequence[str | None], y: np.ndarray, folds: int = 5
) -> np.ndarray:
    """Out-of-fold probabilities by K-fold cross-validation (fixed seed).

    Args:
        texts: Cleaned comments.
        questions: The question each answers.
        y: Indicator matrix.
        folds: Number of folds.

    Returns:
        Probabilities ``(n, 18)`` where each row was predicted by a model
        that did not see it.
    """
    oof = np.zeros(y.shape, dtype=np.float32)
    texts, questions = list(texts), list(questions)
    for train_idx, test_idx in KFold(folds, shuffle=True, random_state=SEED).split(texts):
        pipe = fit([texts[i] for i in train_idx], [questions[i] for i in train_idx], y[train_idx])
        oof[test_idx] = predict_proba(
            pipe, [texts[i] for i in test_idx], [questions[i] for i in test_idx]
        )
    return oof
