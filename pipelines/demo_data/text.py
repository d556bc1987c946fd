"""Turn drawn labels into comment text, and draw case summaries.

A comment's true labels are exactly the labels whose phrases it contains;
chatter and non-answers carry none. Random choices are drawn as numpy
arrays for a whole wave at once; only the string joins loop in Python.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from models.taxonomy import LABELS
from pipelines.demo_data.phrasebank import Behaviour, PhraseBank

_FORM_PROBABILITY: Final[tuple[float, float, float]] = (0.45, 0.25, 0.30)
_SPECIFIC = {
    polarity: np.array([lab.endswith(polarity) and not lab.startswith("overall") for lab in LABELS])
    for polarity in (":neg", ":pos")
}
_OVERALL = {polarity: LABELS.index(f"overall{polarity}") for polarity in (":neg", ":pos")}


def apply_overall_rule(labels: np.ndarray) -> np.ndarray:
    """Drop ``overall:*`` where a specific aspect of the same polarity is present.

    The codebook uses ``overall`` only for judgements with no specific
    behaviour of the same polarity, so such comments never say both.

    Args:
        labels: Boolean matrix, comments x :data:`~models.taxonomy.LABELS`.

    Returns:
        The matrix with those ``overall`` cells cleared (a copy).
    """
    out = labels.copy()
    for polarity, specific in _SPECIFIC.items():
        out[:, _OVERALL[polarity]] &= ~out[:, specific].any(axis=1)
    return out


def _label_phrases(rng: np.random.Generator, bank: PhraseBank, label: str, size: int) -> list[str]:
    phrases = bank.labels[label]
    forms = rng.choice(3, size=size, p=_FORM_PROBABILITY)
    pools = (phrases.with_subject, phrases.without_subject, phrases.bare)
    draws = [rng.integers(0, len(pool), size=size) for pool in pools]
    return [pools[f][draws[f][i]] for i, f in enumerate(forms)]


def _style(text: str, lower: bool, typo: bool, curly: bool, typos: dict[str, str]) -> str:
    if typo:
        for word, wrong in typos.items():
            if word in text:
                text = text.replace(word, wrong, 1)
                break
    if curly:
        text = text.replace("'", "\u2019")
    return text.lower() if lower else text


def compose_comments(
    rng: np.random.Generator, labels: np.ndarray, question_ids: list[str], bank: PhraseBank
) -> list[str]:
    """Write one comment per row of ``labels`` using exactly those labels.

    Args:
        rng: Random generator (the wave's stream).
        labels: Boolean matrix, comments x labels (after :func:`apply_overall_rule`).
        question_ids: ``Q1``/``Q2``/``Q3`` per comment (for non-answers).
        bank: Phrase banks.

    Returns:
        The comments, in row order.
    """
    n = labels.shape[0]
    pieces: list[list[str]] = [[] for _ in range(n)]
    for j, label in enumerate(LABELS):
        rows = np.flatnonzero(labels[:, j])
        for row, phrase in zip(rows, _label_phrases(rng, bank, label, len(rows)), strict=True):
            pieces[row].append(phrase)
    u = rng.random((n, 8))
    first = rng.integers(0, len(bank.chatter), size=n)
    second = (first + rng.integers(1, len(bank.chatter), size=n)) % len(bank.chatter)
    chatter = [bank.chatter[i] for i in np.asarray(first).tolist()]
    chatter2 = [bank.chatter[i] for i in np.asarray(second).tolist()]
    terminators = np.where(u[:, 3] < 0.6, ".", np.where(u[:, 3] < 0.92, "", "!"))
    out: list[str] = []
    for i in range(n):
        parts = pieces[i]
        if not parts:
            if u[i, 0] < 0.22:
                options = bank.vague[question_ids[i]]
                out.append(options[int(u[i, 1] * len(options))])
                continue
            parts = [chatter[i], chatter2[i]] if u[i, 1] < 0.2 else [chatter[i]]
        elif u[i, 0] < 0.35:
            parts = [chatter[i], *parts] if u[i, 1] < 0.5 else [*parts, chatter[i]]
        if len(parts) > 1 and u[i, 2] < 0.5:
            parts = parts[::-1]
        if len(parts) > 1 and u[i, 4] < 0.08:
            text = "\n".join(f"- {p}" for p in parts)
        else:
            text = ". ".join(parts) + str(terminators[i])
        out.append(_style(text, u[i, 5] < 0.12, u[i, 6] < 0.06, u[i, 7] < 0.1, bank.typos))
    return out


def _clause(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(0, len(options)))]


def compose_case_summary(
    rng: np.random.Generator, bank: PhraseBank, category: str, status: str
) -> tuple[str, list[str]]:
    """Write an anonymised case-file paragraph for a case.

    Args:
        rng: Random generator (the month's case stream).
        bank: Phrase banks.
        category: One of :data:`pipelines.schema.CASE_CATEGORIES`.
        status: The case status (chooses the closing sentence).

    Returns:
        The summary and its true labels.
    """
    cases = bank.cases
    behaviours = cases.behaviours[category]
    behaviour: Behaviour = behaviours[int(rng.integers(0, len(behaviours)))]
    complainant = _clause(rng, cases.complainants).format(
        role=_clause(rng, cases.roles), team=_clause(rng, cases.teams)
    )
    labels = list(behaviour.labels)
    if category == "other":
        first = f"{complainant} {_clause(rng, behaviour.clauses)}."
    else:
        conduct = "conduct:neg" in behaviour.labels and rng.random() < 0.35
        respondent = _clause(rng, cases.colleagues if conduct else cases.managers)
        first = f"{complainant} alleges that {respondent} {_clause(rng, behaviour.clauses)}"
        if category in ("bullying", "harassment") and rng.random() < 0.3:
            first += " " + _clause(rng, cases.failed_to_act.clauses)
            labels += list(cases.failed_to_act.labels)
        first += "."
    context = [_clause(rng, cases.context) for _ in range(int(rng.integers(1, 3)))]
    sentences = [first, *dict.fromkeys(context), _clause(rng, cases.outcomes[status])]
    return " ".join(sentences), sorted(set(labels), key=LABELS.index)
