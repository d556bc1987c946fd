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


def test_fitted_sklearn_pipeline_pickles_without_hash_ordered_sets() -> None:
    examples = _small_corpus(120)
    texts = [clean_text(e.text) for e in examples]
    pipe = sk_model.fit(texts, [e.question for e in examples], label_matrix(examples))
    for _, vectoriser, _ in pipe.named_steps["features"].transformers_:
        assert getattr(vectoriser, "stop_words_", None) is None
        assert not hasattr(vectoriser, "_stop_words_id")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
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
    assert str(tmp_path) not in (a / "config.cfg").read_text()


SKLEARN_DIGEST = """
import hashlib, io, joblib
from models import sk_model
from models.corpus import label_matrix, load_corpus, split
from models.text import clean_text
ex = split(load_corpus())["train"][:200]
pipe = sk_model.fit([clean_text(e.text) for e in ex], [e.question for e in ex], label_matrix(ex))
buf = io.BytesIO()
joblib.dump(pipe, buf)
print(hashlib.sha256(buf.getvalue()).hexdigest())
"""


def test_sklearn_artefact_bytes_do_not_depend_on_the_hash_seed() -> None:
    import os
    import subprocess
    import sys

    digests = set()
    for seed in ("1", "7"):
        out = subprocess.run(
            [sys.executable, "-c", SKLEARN_DIGEST],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1
