"""The project's labelled training corpus: loading, checking and splitting.

The corpus is JSONL under ``models/corpus/`` written for this project
(never ``../shared/eval``). Splits are decided by a hash of each comment's
id, so they are stable when files grow and identical on every machine.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.taxonomy import LABEL_INDEX, LABELS, sort_labels

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HELDOUT_SHARE = 0.15
DEV_SHARE = 0.15


@dataclass(frozen=True)
class Example:
    """One labelled comment."""

    id: str
    question: str | None
    text: str
    labels: tuple[str, ...]


def read_jsonl(path: Path) -> list[Example]:
    """Read labelled comments from one JSONL file.

    Args:
        path: File with one ``{"id", "question", "text", "labels"}`` object a line.

    Returns:
        The examples, labels in codebook order.

    Raises:
        ValueError: Naming the file and line of a malformed record or unknown label.
    """
    examples: list[Example] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                labels = tuple(sort_labels(list(raw.get("labels") or [])))
                examples.append(
                    Example(str(raw["id"]), raw.get("question"), str(raw["text"]), labels)
                )
            except (KeyError, ValueError, TypeError, AttributeError) as exc:
                raise ValueError(f"{path}:{lineno}: bad labelled comment ({exc})") from exc
    return examples


def load_corpus(files: Iterable[Path] | None = None) -> list[Example]:
    """Load and de-duplicate the training corpus.

    A text that appears twice with the same question is kept once (the first).

    Args:
        files: JSONL files; by default every ``*.jsonl`` in :data:`CORPUS_DIR`.

    Returns:
        Examples in a stable order (file name, then line).

    Raises:
        ValueError: If ids repeat or no examples are found.
    """
    paths = sorted(files) if files is not None else sorted(CORPUS_DIR.glob("*.jsonl"))
    seen_ids: set[str] = set()
    seen_text: set[tuple[str | None, str]] = set()
    out: list[Example] = []
    for path in paths:
        for ex in read_jsonl(path):
            if ex.id in seen_ids:
                raise ValueError(f"{path}: id {ex.id!r} is used twice in the corpus")
            seen_ids.add(ex.id)
            key = (ex.question, ex.text.strip().lower())
            if key in seen_text:
                continue
            seen_text.add(key)
            out.append(ex)
    if not out:
        raise ValueError(f"no labelled comments found in {[str(p) for p in paths]}")
    return out


def _bucket(example_id: str) -> float:
    digest = hashlib.sha256(example_id.encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split(examples: list[Example]) -> dict[str, list[Example]]:
    """Split into ``train``, ``dev`` (tuning) and ``heldout`` (model card only).

    Args:
        examples: The corpus.

    Returns:
        A dict of three disjoint lists.
    """
    parts: dict[str, list[Example]] = {"train": [], "dev": [], "heldout": []}
    for ex in examples:
        b = _bucket(ex.id)
        if b < HELDOUT_SHARE:
            parts["heldout"].append(ex)
        elif b < HELDOUT_SHARE + DEV_SHARE:
            parts["dev"].append(ex)
        else:
            parts["train"].append(ex)
    return parts


def label_matrix(examples: list[Example]) -> np.ndarray:
    """Binary indicator matrix ``(n, 18)`` in codebook order."""
    y = np.zeros((len(examples), len(LABELS)), dtype=np.int8)
    for i, ex in enumerate(examples):
        for lab in ex.labels:
            y[i, LABEL_INDEX[lab]] = 1
    return y
