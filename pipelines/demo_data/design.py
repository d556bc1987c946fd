"""The demo world: directorate sizes, baseline label rates and planted patterns.

Everything here is a parameter of the generator, fixed in code so the demo
data (and the ground truth a test checks a report against) is reproducible.
Months are counted from 1 (the first generated wave).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from models.taxonomy import LABELS
from pipelines.schema import CASE_CATEGORIES

QUESTIONS: Final[tuple[tuple[str, str], ...]] = (
    ("Q1", "What does your manager do well?"),
    ("Q2", "What could your manager do better?"),
    ("Q3", "Any other comments?"),
)
ANSWER_PROBABILITY: Final[tuple[float, ...]] = (0.74, 0.72, 0.36)
"""Chance a respondent answers each question (the rest are left blank)."""

_RAW_POLARITY_WEIGHT: Final[dict[str, tuple[float, ...]]] = {
    "neg": (0.25, 1.6, 1.1),
    "pos": (1.7, 0.35, 0.8),
}


def _normalised(weights: Sequence[float]) -> tuple[float, ...]:
    mean = sum(a * w for a, w in zip(ANSWER_PROBABILITY, weights, strict=True))
    mean /= sum(ANSWER_PROBABILITY)
    return tuple(w / mean for w in weights)


POLARITY_WEIGHT: Final[dict[str, tuple[float, ...]]] = {
    polarity: _normalised(weights) for polarity, weights in _RAW_POLARITY_WEIGHT.items()
}
"""Per-question multipliers of a label's rate, averaging 1 over answered comments.

So a directorate's rate for a label is its share of all non-blank comments,
while praise still lands mostly under Q1 and criticism under Q2.
"""

BASE_RATES: Final[dict[str, float]] = {
    "listening:neg": 0.065,
    "listening:pos": 0.045,
    "clarity:neg": 0.075,
    "clarity:pos": 0.035,
    "pressure:neg": 0.055,
    "pressure:pos": 0.02,
    "autonomy:neg": 0.04,
    "autonomy:pos": 0.03,
    "recognition:neg": 0.05,
    "recognition:pos": 0.035,
    "fairness:neg": 0.04,
    "fairness:pos": 0.02,
    "support:neg": 0.07,
    "support:pos": 0.07,
    "conduct:neg": 0.025,
    "conduct:pos": 0.02,
    "overall:neg": 0.035,
    "overall:pos": 0.045,
}
"""Organisation-wide rate of each label among non-blank survey comments."""

RATE_SPREAD: Final[float] = 0.25
"""Log-normal sigma of a directorate's baseline rate around :data:`BASE_RATES`."""

STAFF_WEIGHTS: Final[dict[str, float]] = {
    "Adult Social Care": 0.17,
    "Children's Services": 0.15,
    "Housing": 0.10,
    "Environment": 0.09,
    "Customer Services": 0.09,
    "Highways and Transport": 0.07,
    "Finance": 0.07,
    "Digital and IT": 0.06,
    "Planning and Regeneration": 0.05,
    "Public Health": 0.05,
    "Human Resources": 0.04,
    "Legal and Democratic Services": 0.025,
}
"""Relative headcount; unlisted directorates get :data:`DEFAULT_WEIGHT`."""
DEFAULT_WEIGHT: Final[float] = 0.03
CASE_PROPENSITY: Final[dict[str, float]] = {
    "Environment": 1.4,
    "Legal and Democratic Services": 0.6,
}

RESPONDENTS_PER_WAVE: Final[int] = 2000
CASES_PER_MONTH: Final[int] = 95
CATEGORY_PROBABILITY: Final[dict[str, float]] = {
    "bullying": 0.22,
    "harassment": 0.12,
    "discrimination": 0.10,
    "grievance": 0.36,
    "other": 0.20,
}
CATEGORY_CONCENTRATION: Final[float] = 40.0


@dataclass(frozen=True)
class Pattern:
    """A planted change in one directorate's label rate.

    Attributes:
        name: Identifier used in the ground truth.
        directorate: Canonical directorate name.
        label: The label whose rate changes.
        source: ``"survey"`` or ``"complaint"``.
        start_month: First month (1-based) with a changed rate.
        full_month: First month at the full effect; from ``start_month`` (no
            change yet) the rate moves linearly to it.
        end_month: Last month of the change, ``None`` if it persists.
        multiplier: Rate at full effect relative to baseline.
        baseline_rate: Fixed baseline rate, or ``None`` to use the drawn one.
        category: For complaints, the case category whose volume changes.
        description: One line for people reading the ground truth.
    """

    name: str
    directorate: str
    label: str
    source: str
    start_month: int
    full_month: int
    end_month: int | None
    multiplier: float
    baseline_rate: float | None
    category: str | None
    description: str

    def factor(self, month: int) -> float:
        """Return the rate multiplier in a 1-based month."""
        if month < self.start_month or (self.end_month is not None and month > self.end_month):
            return 1.0
        if month >= self.full_month:
            return self.multiplier
        done = (month - self.start_month) / (self.full_month - self.start_month)
        return 1.0 + (self.multiplier - 1.0) * done


PATTERNS: Final[tuple[Pattern, ...]] = (
    Pattern(
        name="housing_pressure_doubles",
        directorate="Housing",
        label="pressure:neg",
        source="survey",
        start_month=7,
        full_month=7,
        end_month=None,
        multiplier=2.0,
        baseline_rate=0.15,
        category=None,
        description="pressure:neg share of Housing survey comments doubles from month 7 on",
    ),
    Pattern(
        name="asc_coaching_listening_falls",
        directorate="Adult Social Care",
        label="listening:neg",
        source="survey",
        start_month=7,
        full_month=7,
        end_month=None,
        multiplier=0.3,
        baseline_rate=0.20,
        category=None,
        description=(
            "coaching programme starts month 6; from month 7 the listening:neg share of "
            "Adult Social Care comments falls to 30% of its baseline and stays there"
        ),
    ),
    Pattern(
        name="environment_bullying_hotspot",
        directorate="Environment",
        label="conduct:neg",
        source="complaint",
        start_month=10,
        full_month=10,
        end_month=13,
        multiplier=3.0,
        baseline_rate=None,
        category="bullying",
        description="Environment bullying cases (conduct:neg summaries) triple in months 10-13",
    ),
    Pattern(
        name="environment_bullying_hotspot_survey",
        directorate="Environment",
        label="conduct:neg",
        source="survey",
        start_month=10,
        full_month=10,
        end_month=13,
        multiplier=4.0,
        baseline_rate=0.05,
        category=None,
        description=(
            "the same hotspot in the staff survey: conduct:neg share of Environment survey "
            "comments quadruples in months 10-13, then returns to baseline"
        ),
    ),
)
COACHING_COHORT: Final[dict[str, str | int]] = {
    "directorate": "Adult Social Care",
    "cohort": "ASC Leading Teams cohort 1",
    "start_month": 6,
}


def periods(start: str, months: int) -> list[str]:
    """Return ``months`` consecutive ``YYYY-MM`` periods from ``start``."""
    first = pd.Period(start, freq="M")
    return [str(first + i) for i in range(months)]


def staff_weights(names: Sequence[str]) -> np.ndarray:
    """Return normalised headcount weights aligned with ``names``."""
    weights = np.array([STAFF_WEIGHTS.get(n, DEFAULT_WEIGHT) for n in names])
    return np.asarray(weights / weights.sum(), dtype=float)


def baseline_rates(rng: np.random.Generator, names: Sequence[str]) -> np.ndarray:
    """Draw each directorate's stationary rate per label (directorate x label).

    Args:
        rng: Generator reserved for the baseline draw.
        names: Directorates in reference order.

    Returns:
        Rates in ``[0, 0.5]``; planted patterns' fixed baselines applied.
    """
    base = np.array([BASE_RATES[label] for label in LABELS])
    rates = base * np.exp(rng.normal(0.0, RATE_SPREAD, size=(len(names), len(LABELS))))
    for pattern in PATTERNS:
        if pattern.source == "survey" and pattern.baseline_rate is not None:
            rates[names.index(pattern.directorate), LABELS.index(pattern.label)] = (
                pattern.baseline_rate
            )
    return np.asarray(np.clip(rates, 0.0, 0.5), dtype=float)


def survey_rates(baseline: np.ndarray, names: Sequence[str], month: int) -> np.ndarray:
    """Return the label rates of a 1-based month (directorate x label)."""
    rates = baseline.copy()
    for pattern in PATTERNS:
        if pattern.source == "survey":
            rates[names.index(pattern.directorate), LABELS.index(pattern.label)] *= pattern.factor(
                month
            )
    return rates


def category_probabilities(rng: np.random.Generator, names: Sequence[str]) -> np.ndarray:
    """Draw each directorate's stationary mix of case categories (directorate x category)."""
    alpha = np.array([CATEGORY_PROBABILITY[c] for c in CASE_CATEGORIES]) * CATEGORY_CONCENTRATION
    mix = rng.dirichlet(alpha, size=len(names))
    return np.asarray(mix, dtype=float)


def case_volumes(names: Sequence[str], scale: float) -> np.ndarray:
    """Expected cases per month per directorate."""
    propensity = np.array([CASE_PROPENSITY.get(n, 1.0) for n in names])
    return np.asarray(CASES_PER_MONTH * scale * staff_weights(names) * propensity, dtype=float)
