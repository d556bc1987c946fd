"""Load the phrase banks (``phrases.yaml``) the demo text is built from."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from models.taxonomy import LABELS, validate_labels
from pipelines.schema import CASE_CATEGORIES


@dataclass(frozen=True)
class LabelPhrases:
    """Ways of expressing one label.

    Attributes:
        with_subject: ``"<subject> <predicate>"`` sentences.
        without_subject: Predicates on their own, capitalised ("Never listens").
        bare: Standalone phrases (advice, fragments).
    """

    with_subject: tuple[str, ...]
    without_subject: tuple[str, ...]
    bare: tuple[str, ...]

    @property
    def count(self) -> int:
        """Number of distinct phrasings."""
        return len(set(self.with_subject) | set(self.without_subject) | set(self.bare))


@dataclass(frozen=True)
class Behaviour:
    """Clauses of a case summary that carry the same labels."""

    labels: tuple[str, ...]
    clauses: tuple[str, ...]


@dataclass(frozen=True)
class CasePhrases:
    """Building blocks of anonymised complaint case summaries."""

    complainants: tuple[str, ...]
    roles: tuple[str, ...]
    teams: tuple[str, ...]
    managers: tuple[str, ...]
    colleagues: tuple[str, ...]
    behaviours: dict[str, tuple[Behaviour, ...]]
    failed_to_act: Behaviour
    context: tuple[str, ...]
    outcomes: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class PhraseBank:
    """All generator text, validated.

    Attributes:
        labels: Phrasings per label, in codebook order.
        chatter: Sentences with no label.
        vague: Short non-answers per question id.
        typos: Word -> misspelling.
        cases: Case summary building blocks.
    """

    labels: dict[str, LabelPhrases]
    chatter: tuple[str, ...]
    vague: dict[str, tuple[str, ...]]
    typos: dict[str, str]
    cases: CasePhrases


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"phrases.yaml: {where} must be a non-empty list of strings")
    return tuple(value)


def _label_phrases(label: str, entry: dict[str, Any], data: dict[str, Any]) -> LabelPhrases:
    preds = _strings(entry.get("preds"), f"{label}.preds")
    subjects = _strings(data["subjects"], "subjects")
    if entry.get("extra_subjects"):
        subjects += _strings(entry["extra_subjects"], f"{label}.extra_subjects")
    if entry.get("collective"):
        subjects += _strings(data["collective_subjects"], "collective_subjects")
    return LabelPhrases(
        with_subject=tuple(f"{s} {p}" for p in preds for s in subjects),
        without_subject=tuple(p[0].upper() + p[1:] for p in preds),
        bare=_strings(entry.get("bare"), f"{label}.bare"),
    )


def _behaviour(entry: Any, where: str) -> Behaviour:
    labels = tuple(entry.get("labels") or [])
    validate_labels(list(labels))
    return Behaviour(labels=labels, clauses=_strings(entry.get("text"), where))


def _case_phrases(data: dict[str, Any]) -> CasePhrases:
    behaviours = {
        category: tuple(_behaviour(e, f"cases.{category}") for e in data["behaviours"][category])
        for category in CASE_CATEGORIES
    }
    return CasePhrases(
        complainants=_strings(data["complainants"], "cases.complainants"),
        roles=_strings(data["roles"], "cases.roles"),
        teams=_strings(data["teams"], "cases.teams"),
        managers=_strings(data["managers"], "cases.managers"),
        colleagues=_strings(data["colleagues"], "cases.colleagues"),
        behaviours=behaviours,
        failed_to_act=_behaviour(data["failed_to_act"], "cases.failed_to_act"),
        context=_strings(data["context"], "cases.context"),
        outcomes={k: _strings(v, f"cases.outcomes.{k}") for k, v in data["outcomes"].items()},
    )


@cache
def load_phrase_bank() -> PhraseBank:
    """Read and validate the packaged ``phrases.yaml`` (cached).

    Returns:
        The phrase bank.

    Raises:
        ValueError: If a label is missing or unknown, a list is empty, or a
            phrase cannot be encoded in Windows-1252 (one export format).
    """
    text = (resources.files("pipelines.demo_data") / "phrases.yaml").read_text(encoding="utf-8")
    text.encode("cp1252")
    data = yaml.safe_load(text)
    validate_labels(list(data["labels"]))
    missing = [label for label in LABELS if label not in data["labels"]]
    if missing:
        raise ValueError(f"phrases.yaml: no phrases for {missing}")
    return PhraseBank(
        labels={label: _label_phrases(label, data["labels"][label], data) for label in LABELS},
        chatter=_strings(data["chatter"], "chatter"),
        vague={q: _strings(v, f"vague.{q}") for q, v in data["vague"].items()},
        typos={str(k): str(v) for k, v in data["typos"].items()},
        cases=_case_phrases(data["cases"]),
    )
