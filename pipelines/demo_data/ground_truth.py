"""Assemble ``ground_truth.json``: planted patterns, stationary cells and mess."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from models.taxonomy import LABELS
from pipelines.demo_data import design
from pipelines.demo_data.phrasebank import load_phrase_bank
from pipelines.schema import CASE_CATEGORIES, SURVEY_COLUMNS

_LIST_KEYS = ("duplicate_rows", "whitespace_comments", "unknown_directorate", "outside_wave_dates")


def _period(start: str, month: int) -> str:
    return str(pd.Period(start, freq="M") + (month - 1))


def _label_probability(label: str) -> np.ndarray:
    """P(summary carries ``label`` | category), behaviour groups drawn uniformly."""
    behaviours = load_phrase_bank().cases.behaviours
    return np.array([np.mean([label in b.labels for b in behaviours[c]]) for c in CASE_CATEGORIES])


def _survey_pattern(
    pattern: design.Pattern, start: str, periods: list[str], rate: float
) -> dict[str, Any]:
    return {
        "monthly_expected_rate": {
            p: round(rate * pattern.factor(m), 4) for m, p in enumerate(periods, start=1)
        },
        "baseline_rate": round(rate, 4),
        "planted_rate": round(rate * pattern.multiplier, 4),
        "rate_unit": "share of the directorate's non-blank survey comments",
    }


def _case_pattern(
    pattern: design.Pattern, periods: list[str], mix: np.ndarray, volume: float
) -> dict[str, Any]:
    assert pattern.category is not None
    share = _label_probability(pattern.label)
    cell = CASE_CATEGORIES.index(pattern.category)

    def rate(factor: float) -> float:
        boosted = mix.copy()
        boosted[cell] *= factor
        return float((boosted * share).sum() / boosted.sum())

    return {
        "category": pattern.category,
        "monthly_expected_rate": {
            p: round(rate(pattern.factor(m)), 4) for m, p in enumerate(periods, start=1)
        },
        "baseline_rate": round(rate(1.0), 4),
        "planted_rate": round(rate(pattern.multiplier), 4),
        "rate_unit": f"share of the directorate's cases whose summary carries {pattern.label}",
        "baseline_monthly_cases": round(volume * mix[cell], 2),
        "planted_monthly_cases": round(volume * mix[cell] * pattern.multiplier, 2),
    }


def _patterns(
    names: list[str],
    start: str,
    periods: list[str],
    baseline: np.ndarray,
    case_mix: np.ndarray,
    case_volumes: np.ndarray,
) -> list[dict[str, Any]]:
    out = []
    for pattern in design.PATTERNS:
        d = names.index(pattern.directorate)
        entry: dict[str, Any] = {
            "name": pattern.name,
            "directorate": pattern.directorate,
            "label": pattern.label,
            "source": pattern.source,
            "start_period": _period(start, pattern.start_month),
            "full_effect_period": _period(start, pattern.full_month),
            "end_period": _period(start, pattern.end_month) if pattern.end_month else None,
            "multiplier": pattern.multiplier,
            "in_run": pattern.start_month <= len(periods),
            "description": pattern.description,
        }
        if pattern.source == "survey":
            rate = float(baseline[d, LABELS.index(pattern.label)])
            entry |= _survey_pattern(pattern, start, periods, rate)
        else:
            entry |= _case_pattern(pattern, periods, case_mix[d], float(case_volumes[d]))
        out.append(entry)
    return out


def _stationary(names: list[str]) -> list[dict[str, Any]]:
    planted = {(p.source, p.directorate, p.label) for p in design.PATTERNS}
    return [
        {
            "source": source,
            "directorate": name,
            "labels": [lab for lab in LABELS if (source, name, lab) not in planted],
        }
        for source in ("survey", "complaint")
        for name in names
    ]


def merge_mess(survey: Sequence[dict[str, Any]], cases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Combine per-wave and per-month mess records into exact totals.

    Args:
        survey: One mess record per wave (from the wave generator).
        cases: One mess record per month (from the case generator).

    Returns:
        ``{"survey": {...}, "complaint": {...}}`` with a ``count`` per kind.
    """
    out: dict[str, Any] = {"survey": {}, "complaint": {}}
    for key in _LIST_KEYS:
        ids = [r for wave in survey for r in wave[key]]
        out["survey"][key] = {"count": len(ids), "record_ids": ids}
    empty = sum(wave["empty_comments"] for wave in survey)
    out["survey"]["empty_comments"] = {"count": empty}
    out["survey"]["blank_comments_total"] = empty + out["survey"]["whitespace_comments"]["count"]
    stray = [w for w in survey if w.get("stray_delimiter_row")]
    out["survey"]["stray_delimiter"] = {
        "count": len(stray),
        "record_ids": [r for w in stray for r in w["stray_delimiter"]],
        "rows": [w["stray_delimiter_row"] for w in stray],
        "fields": len(SURVEY_COLUMNS) + 1,
        "expected_fields": len(SURVEY_COLUMNS),
    }
    out["survey"]["unknown_directorate"]["spellings"] = sorted(
        {s for wave in survey for s in wave["unknown_spellings"]}
    )
    for source, records in (("survey", survey), ("complaint", cases)):
        variants: Counter[str] = Counter()
        for record in records:
            variants.update(record["directorate_variants"])
        out[source]["directorate_variants"] = {
            "count": sum(variants.values()),
            "by_spelling": dict(sorted(variants.items())),
        }
        leaks = [leak for record in records for leak in record["personal_data"]]
        out[source]["personal_data"] = {"count": len(leaks), "records": leaks}
    for key in ("unknown_directorate", "blank_summaries"):
        ids = [r for month in cases for r in month[key]]
        out["complaint"][key] = {"count": len(ids), "record_ids": ids}
    out["complaint"]["unknown_directorate"]["spellings"] = sorted(
        {s for month in cases for s in month["unknown_spellings"]}
    )
    return out


def build_ground_truth(
    *,
    names: list[str],
    periods: list[str],
    parameters: dict[str, Any],
    baseline: np.ndarray,
    case_mix: np.ndarray,
    case_volumes: np.ndarray,
    mess: dict[str, Any],
    files: dict[str, Any],
    counts: dict[str, int],
) -> dict[str, Any]:
    """Return the ground-truth document (JSON-ready, no wall-clock values).

    Args:
        names: Directorates in reference order.
        periods: Generated waves/months.
        parameters: The generator's arguments.
        baseline: Survey baseline rates (directorate x label).
        case_mix: Case category mix (directorate x category).
        case_volumes: Expected cases per month per directorate.
        mess: Output of :func:`merge_mess`.
        files: Written files.
        counts: Row counts.

    Returns:
        The document.
    """
    start = str(parameters["start"])
    respondents = design.RESPONDENTS_PER_WAVE * float(parameters["scale"])
    weights = design.staff_weights(names)
    cohort = design.COACHING_COHORT
    return {
        "generator": {**parameters, "periods": periods},
        "counts": counts,
        "files": files,
        "directorates": [
            {
                "name": name,
                "expected_respondents_per_wave": round(respondents * weights[d], 1),
                "expected_cases_per_month": round(float(case_volumes[d]), 2),
            }
            for d, name in enumerate(names)
        ],
        "patterns": _patterns(names, start, periods, baseline, case_mix, case_volumes),
        "stationary": _stationary(names),
        "coaching_register": [
            {
                "directorate": cohort["directorate"],
                "cohort": cohort["cohort"],
                "start_period": _period(start, int(cohort["start_month"])),
            }
        ],
        "survey_baseline_rates": {
            name: {lab: round(float(baseline[d, j]), 4) for j, lab in enumerate(LABELS)}
            for d, name in enumerate(names)
        },
        "case_category_mix": {
            name: {c: round(float(case_mix[d, k]), 4) for k, c in enumerate(CASE_CATEGORIES)}
            for d, name in enumerate(names)
        },
        "notes": [
            "Rates are expected shares of a directorate's non-blank comments in a month; "
            "observed counts add binomial noise only.",
            "overall:* is dropped from a comment that also has a specific aspect of the same "
            "polarity (codebook rule), so observed overall rates sit below their baselines.",
            "Mess counts are rows as the sources read them; blank rows include rows of "
            "respondents with unknown directorates or out-of-wave dates.",
        ],
        "mess": mess,
    }
