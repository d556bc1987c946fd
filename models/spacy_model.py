"""spaCy classifier: ``textcat_multilabel`` trained with spaCy's own training loop.

The model reads ``qq<kind> <comment>`` (see :func:`models.text.model_input`),
so the question kind is a token it can attend to. Hyperparameters live in
``models/configs/textcat.cfg``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import DocBin

from models.corpus import Example
from models.fast_bow import BowScorer
from models.taxonomy import LABELS
from models.taxonomy import QuestionKind as QK
from models.text import cached_question_kind, clean_text, model_input

CONFIG_PATH = Path(__file__).resolve().parent / "configs" / "textcat.cfg"
COMPONENT = "textcat_multilabel"


def to_docbin(examples: Sequence[Example], path: Path) -> Path:
    """Write labelled comments as a spaCy ``DocBin`` with all 18 categories set.

    Args:
        examples: Labelled comments.
        path: Output ``.spacy`` file.

    Returns:
        ``path``.
    """
    nlp = spacy.blank("en")
    db = DocBin()
    for ex in examples:
        doc = nlp.make_doc(model_input(clean_text(ex.text), ex.question))
        doc.cats = {lab: float(lab in ex.labels) for lab in LABELS}
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return path


def train(
    train_path: Path,
    dev_path: Path,
    output_dir: Path,
    overrides: dict[str, object] | None = None,
) -> Path:
    """Train with ``spacy train`` semantics (config file, fixed seed).

    Args:
        train_path: Training ``DocBin``.
        dev_path: Development ``DocBin`` (early stopping and model selection).
        output_dir: Where spaCy writes ``model-best`` and ``model-last``.
        overrides: Extra config overrides (tests shorten training with them).

    Returns:
        The path of the best model.
    """
    from spacy.cli.train import train as spacy_train

    spacy_train(
        CONFIG_PATH,
        output_path=output_dir,
        overrides={
            "paths.train": str(train_path),
            "paths.dev": str(dev_path),
            **(overrides or {}),
        },
        use_gpu=-1,
    )
    best = output_dir / "model-best"
    forget_training_paths(best)
    return best


def forget_training_paths(model_dir: Path) -> None:
    """Blank the temporary corpus paths spaCy writes into the saved ``config.cfg``.

    They point at a deleted temporary folder and differ on every run, which
    would make identical models differ byte for byte.
    """
    config = model_dir / "config.cfg"
    lines = [
        f"{line.split('=')[0].strip()} = null" if line.startswith(("train = ", "dev = ")) else line
        for line in config.read_text().splitlines()
    ]
    config.write_text("\n".join(lines) + "\n")


def load(path: Path) -> Language:
    """Load a trained pipeline from disk."""
    return spacy.load(path)


def predict_proba(
    nlp: Language,
    texts: Sequence[str],
    questions: Sequence[str | None],
    *,
    batch_size: int = 512,
) -> np.ndarray:
    """Per-label probabilities ``(n, 18)`` in codebook order.

    A bag-of-n-grams model is scored by :class:`models.fast_bow.BowScorer`
    (the same numbers as ``nlp.pipe``, several times faster).

    Args:
        nlp: A trained pipeline.
        texts: Cleaned comments.
        questions: The question each answers.
        batch_size: Documents per batch.

    Returns:
        A float32 array.
    """
    inputs = (model_input(t, q) for t, q in zip(texts, questions, strict=True))
    scorer = BowScorer.of(nlp)
    if scorer is not None:
        orths = [nlp.make_doc(text).to_array([ORTH]) for text in inputs]
        return scorer.scores(orths, batch_size)
    out = np.zeros((len(texts), len(LABELS)), dtype=np.float32)
    for i, doc in enumerate(nlp.pipe(inputs, batch_size=batch_size)):
        out[i] = [doc.cats[lab] for lab in LABELS]
    return out


def predict_proba_from_tokens(
    nlp: Language,
    orths: Sequence[np.ndarray],
    questions: Sequence[str | None],
    *,
    batch_size: int = 512,
) -> np.ndarray:
    """:func:`predict_proba` from comments already tokenised by an identical tokenizer.

    The bag-of-n-grams model reads nothing of a doc but its ``ORTH`` hashes,
    and the tokenizer splits ``"qq<kind> <comment>"`` into the question token
    followed by the comment's own tokens (a cleaned comment has no leading or
    double spaces), so the rules' tokenisation can be reused.

    Args:
        nlp: A trained pipeline for which :func:`reuses_tokens` holds.
        orths: Each cleaned comment's ``doc.to_array([ORTH])``.
        questions: The question each answers.
        batch_size: Documents per batch.

    Returns:
        A float32 array, equal to ``predict_proba(nlp, texts, questions)``.

    Raises:
        ValueError: If the pipeline is not a bag-of-n-grams text classifier.
    """
    scorer = BowScorer.of(nlp)
    if scorer is None:
        raise ValueError("the pipeline is not a bag-of-n-grams text classifier")
    strings = nlp.vocab.strings
    heads = {kind: np.array([strings.add(f"qq{kind.value}")], dtype=np.uint64) for kind in QK}
    inputs = [
        np.concatenate((heads[cached_question_kind(q)], o))
        for o, q in zip(orths, questions, strict=True)
    ]
    return scorer.scores(inputs, batch_size)


def reuses_tokens(nlp: Language, other: Language) -> bool:
    """Whether :func:`predict_proba_from_tokens` may take tokens from ``other``'s tokenizer."""
    mine, theirs = nlp.tokenizer, other.tokenizer
    if not isinstance(mine, Tokenizer) or not isinstance(theirs, Tokenizer):
        return False
    same = mine.to_bytes(exclude=["vocab"]) == theirs.to_bytes(exclude=["vocab"])
    return same and BowScorer.of(nlp) is not None
