"""Small, pure formatters shared by the HTML page and the workbook."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Final

import pandas as pd

from pipelines.periods import parse_period

_MONTHS: Final[tuple[str, ...]] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def is_missing(value: object) -> bool:
    """True for ``None``, NaN, ``pd.NA`` and ``NaT``."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def month_name(period: str) -> str:
    """``"2026-10"`` -> ``"October 2026"``."""
    year, month = parse_period(period)
    return f"{_MONTHS[month - 1]} {year}"


def theme_name(label: str) -> str:
    """``"pressure:neg"`` -> ``"Pressure"`` (the aspect, capitalised)."""
    return label.split(":", 1)[0].capitalize()


def pct(value: object, digits: int = 0) -> str:
    """A share as a percentage (``0.213`` -> ``"21%"``); ``"–"`` when missing."""
    if is_missing(value):
        return "–"
    return f"{100 * float(value):.{digits}f}%"  # type: ignore[arg-type]


def points(value: object, digits: int = 1) -> str:
    """Signed percentage points (``3.25`` -> ``"+3.2"``, ``0`` -> ``"0.0"``); ``"–"`` if missing."""
    if is_missing(value):
        return "–"
    number = float(value)  # type: ignore[arg-type]
    if round(number, digits) == 0:
        return f"{0.0:.{digits}f}"
    return f"{number:+.{digits}f}"


def p_value(value: object) -> str:
    """A p-value to three decimals, ``"<0.001"`` below that; ``"–"`` when missing."""
    if is_missing(value):
        return "–"
    number = float(value)  # type: ignore[arg-type]
    return "<0.001" if number < 0.001 else f"{number:.3f}"


def count(value: object) -> str:
    """A whole number with thousands separators; ``"–"`` when missing."""
    if is_missing(value):
        return "–"
    return f"{int(value):,}"  # type: ignore[call-overload]


def timestamp(value: object) -> str:
    """A timestamp as ``YYYY-MM-DD HH:MM UTC``; ``"–"`` when missing."""
    if is_missing(value):
        return "–"
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return f"{stamp:%Y-%m-%d %H:%M} UTC"


def utc_now() -> datetime:
    """The current UTC time, naive, to the second."""
    now = pd.Timestamp.now(tz="UTC").tz_localize(None).floor("s")
    return datetime.fromisoformat(now.isoformat())


def finite(value: object) -> float | None:
    """A float for a finite number, else ``None`` (for JSON and spreadsheets)."""
    if is_missing(value):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def howto_items(min_cell_size: int) -> list[tuple[str, str]]:
    """The "How to read these figures" definitions, as (term, explanation) pairs.

    Args:
        min_cell_size: Suppression threshold quoted in the text.

    Returns:
        The pairs, in reading order (shared by the page and the workbook).
    """
    n = min_cell_size
    items = [
        (
            "Rate",
            "The share of a directorate's comments in the month that were flagged with the "
            "theme (flagged comments ÷ all comments). Unless stated, survey comments and "
            "complaint summaries are pooled.",
        ),
        (
            "95% interval",
            "A Wilson 95% confidence interval around the rate: the range the underlying rate "
            "plausibly lies in. Few comments give a wide interval (the shaded band).",
        ),
        (
            "Organisation rate",
            "The same rate with every directorate pooled (the dashed line).",
        ),
        (
            "Significance",
            "Each month is compared with the month before using a two-proportion test "
            "(Fisher's exact test when counts are small). The p-values of a month are "
            "Benjamini-Hochberg corrected across all directorates and themes, at a 5% "
            "false discovery rate; only changes marked significant are unlikely to be noise.",
        ),
        (
            "Suppression",
            f"Cells with fewer than {n} comments are suppressed to protect anonymity, and so "
            "are the cells that would let them be worked out by subtraction (another source "
            "or directorate of the same month): their counts and rates are not shown (hatched "
            "and marked “suppressed”, gaps in the trend lines), never shown as 0. The "
            "3-month rolling rate pools the published months only.",
        ),
        (
            "Coaching need",
            "For each negative theme, in percentage points: 100 × [(lower end of the 95% "
            "interval − organisation rate) + (change from last month, if significant)]. "
            "It is positive only when the directorate is clearly above the organisation or "
            "has risen significantly; small samples score less because their intervals are "
            "wider.",
        ),
        (
            "Need score and rank",
            "A directorate's need score is the sum of its positive coaching-need values over "
            "the negative themes; rank 1 has the most need. The evidence column gives the "
            "numbers behind the top themes.",
        ),
        (
            "Themes",
            "The people-management aspects of the codebook (listening, clarity, pressure, "
            "autonomy, recognition, fairness, support, conduct, overall), as flagged by an "
            "automatic classifier; see the model card for its accuracy. No comment text is "
            "shown in this report.",
        ),
    ]
    return items
