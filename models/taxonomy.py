"""The codebook's labels and question kinds: the one place they are defined.

Training, data contracts, tests and reports import from here, so the order
of labels (codebook order) is the same everywhere.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

ASPECTS: Final[tuple[str, ...]] = (
    "listening",
    "clarity",
    "pressure",
    "autonomy",
    "recognition",
    "fairness",
    "support",
    "conduct",
    "overall",
)
POLARITIES: Final[tuple[str, ...]] = ("neg", "pos")

LABELS: Final[tuple[str, ...]] = tuple(f"{a}:{p}" for a in ASPECTS for p in POLARITIES)
"""All 18 labels in codebook order (aspect-major, ``neg`` before ``pos``)."""

NEGATIVE_LABELS: Final[tuple[str, ...]] = tuple(lab for lab in LABELS if lab.endswith(":neg"))
"""The labels that signal a coaching need."""

LABEL_INDEX: Final[dict[str, int]] = {lab: i for i, lab in enumerate(LABELS)}
LABEL_SEPARATOR: Final[str] = ";"


class QuestionKind(StrEnum):
    """What a comment answers; the same words mean different things per kind."""

    GOOD = "good"
    IMPROVE = "improve"
    ADVICE = "advice"
    COMPLAINT = "complaint"
    OTHER = "other"


_QUESTION_PATTERNS: Final[tuple[tuple[QuestionKind, re.Pattern[str]], ...]] = (
    (QuestionKind.COMPLAINT, re.compile(r"complaint|case|grievance|incident|allegation", re.I)),
    (QuestionKind.ADVICE, re.compile(r"advice|recommend|suggest|message to", re.I)),
    (
        QuestionKind.IMPROVE,
        re.compile(r"improv|better|change|worse|cons\b|dislike|least|concern|frustrat", re.I),
    ),
    (
        QuestionKind.GOOD,
        re.compile(r"good|well|best|like (about|most|best)|pros\b|enjoy|strength|positive", re.I),
    ),
)


def question_kind(question: object) -> QuestionKind:
    """Map free question wording to the kind of answer it invites.

    Args:
        question: The question text as exported by a survey platform, a
            source name such as ``"Complaint summary"``, or anything else
            (``None``, NaN) for no question.

    Returns:
        The matching kind; ``OTHER`` for "Any other comments?" or unknown wording.
    """
    if not isinstance(question, str) or not question:
        return QuestionKind.OTHER
    for kind, pattern in _QUESTION_PATTERNS:
        if pattern.search(question):
            return kind
    return QuestionKind.OTHER


def validate_labels(labels: list[str] | tuple[str, ...] | set[str]) -> None:
    """Raise if any label is not one of the codebook's 18.

    Args:
        labels: Labels to check.

    Raises:
        ValueError: Naming the unknown labels.
    """
    unknown = sorted(set(labels) - set(LABELS))
    if unknown:
        raise ValueError(f"unknown labels {unknown}; valid labels are {', '.join(LABELS)}")


def sort_labels(labels: set[str] | list[str]) -> list[str]:
    """Return labels in codebook order.

    Args:
        labels: Any iterable of valid labels.

    Returns:
        The labels sorted by their codebook position.
    """
    validate_labels(list(labels))
    return sorted(set(labels), key=LABEL_INDEX.__getitem__)


def score_column(label: str) -> str:
    """Name of a label's score column in classified tables: ``score_listening_neg``."""
    return "score_" + label.replace(":", "_")


def join_labels(labels: set[str] | list[str]) -> str:
    """Join labels for CSV output: codebook order, ``;``-separated, empty if none."""
    return LABEL_SEPARATOR.join(sort_labels(labels))
