"""Generate one month of complaint cases with true labels and planted mess."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from pipelines.demo_data.mess import CASE_PERSONAL_DATA, PERSONAL_KINDS, UNKNOWN_DIRECTORATES
from pipelines.demo_data.mess import personal_data as leak
from pipelines.demo_data.phrasebank import PhraseBank
from pipelines.demo_data.text import compose_case_summary
from pipelines.schema import CASE_CATEGORIES

VARIANT_PROBABILITY: Final[float] = 0.02
_STATUSES: Final[tuple[str, ...]] = (
    "open",
    "under investigation",
    "closed - upheld",
    "closed - not upheld",
    "withdrawn",
)
_STATUS_BY_AGE: Final[tuple[tuple[float, ...], ...]] = (
    (0.5, 0.5, 0.0, 0.0, 0.0),
    (0.1, 0.5, 0.15, 0.15, 0.1),
    (0.0, 0.05, 0.35, 0.45, 0.15),
)


@dataclass
class MonthSpec:
    """What to generate for one month of cases.

    Attributes:
        index: 0-based month number.
        months: Months in the run (case status depends on age at the end).
        period: ``YYYY-MM``.
        names: Directorates in reference order.
        expected: Expected cases this month (directorate x category).
        variants: Alias/variant spellings per directorate.
        first_number: Number of this month's first case id.
    """

    index: int
    months: int
    period: str
    names: list[str]
    expected: np.ndarray
    variants: dict[str, tuple[str, ...]]
    first_number: int


def _opened_at(rng: np.random.Generator, period: str, size: int) -> list[pd.Timestamp]:
    month = pd.Period(period, freq="M")
    days = pd.bdate_range(month.start_time, month.end_time.normalize())
    picked = days[rng.integers(0, len(days), size=size)]
    offsets = pd.to_timedelta(rng.integers(8 * 3600, 18 * 3600, size=size), unit="s")
    return sorted(picked + offsets)


def generate_month(
    rng: np.random.Generator, spec: MonthSpec, bank: PhraseBank
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Generate one month's cases.

    Args:
        rng: The month's random stream.
        spec: What to generate.
        bank: Phrase banks.

    Returns:
        Case rows (:data:`pipelines.schema.CASE_COLUMNS` plus ``record_id``,
        ``true_directorate`` and ``labels``) in ``opened_at`` order, and the
        planted mess of this month.
    """
    counts = rng.poisson(spec.expected)
    cells = [(d, c) for d in range(counts.shape[0]) for c in range(counts.shape[1])]
    pairs = [cell for cell in cells for _ in range(counts[cell])]
    pairs = [pairs[i] for i in rng.permutation(len(pairs))]
    opened = _opened_at(rng, spec.period, len(pairs))
    age = min(spec.months - 1 - spec.index, 2)
    statuses = rng.choice(len(_STATUSES), size=len(pairs), p=_STATUS_BY_AGE[age])
    cases: list[dict[str, Any]] = []
    for k, ((d, c), at, status) in enumerate(zip(pairs, opened, statuses, strict=True)):
        summary, labels = compose_case_summary(rng, bank, CASE_CATEGORIES[c], _STATUSES[status])
        case_id = f"C-{spec.first_number + k:06d}"
        name = spec.names[d]
        cases.append(
            {
                "case_id": case_id,
                "opened_at": at.to_pydatetime(),
                "directorate": name,
                "category": CASE_CATEGORIES[c],
                "status": _STATUSES[status],
                "summary": summary,
                "record_id": f"complaint:{case_id}",
                "true_directorate": name,
                "labels": labels,
            }
        )
    return cases, _plant_mess(rng, cases, spec)


def _plant_mess(
    rng: np.random.Generator, cases: list[dict[str, Any]], spec: MonthSpec
) -> dict[str, Any]:
    pool = [int(i) for i in rng.permutation(len(cases))]
    unknown = pool[:1] if spec.index % 4 == 1 else []
    leaking = pool[len(unknown) : len(unknown) + 1] if spec.index % 3 == 0 else []
    blank = pool[2:3] if spec.index % 6 == 2 else []
    for i in unknown:
        cases[i]["directorate"] = UNKNOWN_DIRECTORATES[spec.index % len(UNKNOWN_DIRECTORATES)]
    leaks: list[dict[str, str]] = []
    for i in leaking:
        kind = PERSONAL_KINDS[(spec.index // 3) % len(PERSONAL_KINDS)]
        value, sentence = leak(rng, kind, CASE_PERSONAL_DATA)
        cases[i]["summary"] = f"{cases[i]['summary']} {sentence}"
        leaks.append({"record_id": cases[i]["record_id"], "kind": kind, "value": value})
    for i in blank:
        cases[i]["summary"], cases[i]["labels"] = None, []
    messy = set(unknown) | set(leaking) | set(blank)
    variants: dict[str, int] = {}
    for i, case in enumerate(cases):
        if i not in messy and rng.random() < VARIANT_PROBABILITY:
            options = spec.variants[case["directorate"]]
            case["directorate"] = options[int(rng.integers(0, len(options)))]
            variants[case["directorate"]] = variants.get(case["directorate"], 0) + 1
    return {
        "unknown_directorate": [cases[i]["record_id"] for i in unknown],
        "unknown_spellings": sorted({cases[i]["directorate"] for i in unknown}),
        "personal_data": leaks,
        "blank_summaries": [cases[i]["record_id"] for i in blank],
        "directorate_variants": dict(sorted(variants.items())),
    }
