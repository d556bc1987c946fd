"""Training is deterministic: the same corpus and config give byte-identical models."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from models import sk_model, spacy_model
from models.corpus import label_matrix, load_corpus, split
from models.text import clean_text


def _small_corpus(n: int = 300):
    return split(load_corpus())["train"][:n]


def test_sklearn_training_twice_gives_identical_probabilities() -> None:
    examples = _small_corpus()
    texts = [clean_text(e.text) for e in examples]
    questions = [e.question for e in examples]
    y = label_matrix(examples)
    first = sk_model.predict_proba(sk_model.fit(texts, questions, y), texts, questions)
    second = sk_model.predict_proba(sk_model.fit(texts, questions, y), texts, questions)
    assert np.array_equal(first, second)


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "meta.json"):
        h.update(f.relative_to(folder).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def test_spacy_training_twice_gives_identical_weights(tmp_path: Path) -> None:
    examples = _small_corpus(200)
    train = spacy_model.to_docbin(examples[:160], tmp_path / "train.spacy")
    dev = spacy_model.to_docbin(examples[160:], tmp_path / "dev.spacy")
    short = {"training.max_epochs": 2, "training.eval_frequency": 20}
    a = spacy_model.train(train, dev, tmp_path / "a", overrides=short)
    b = spacy_model.train(train, dev, tmp_path / "b", overrides=short)
    assert _digest(a) == _digest(b)
