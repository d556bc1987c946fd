"""What goes in each workbook column: the column specs and cell values.

A cell value is ``None`` (blank: missing, empty text or a non-finite number),
a bool, an int, a float, a naive datetime (aware ones in UTC), or text made safe by
:func:`pipelines.comment_io.safe_cell` (a leading ``'`` before ``=``, ``+``,
``-``, ``@``, tab or carriage return, so it can never run as a formula).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Literal

import pandas as pd

from pipelines.comment_io import safe_cell
from pipelines.report.fmt import is_missing

Kind = Literal["text", "int", "pct", "change", "pts", "p", "bool", "datetime", "num"]
FORMATS: Final[dict[str, str]] = {
    "int": "#,##0",
    "pct": "0.0%",
    "change": "+0.0%;-0.0%;0.0%",
    "pts": "+0.0;-0.0;0.0",
    "p": "0.000",
    "datetime": "yyyy-mm-dd hh:mm",
    "num": "0.000",
}


@dataclass(frozen=True)
class Column:
    """One sheet column: warehouse column, header text and how to format it."""

    key: str
    header: str
    kind: Kind = "text"


PRIORITY_COLUMNS: Final[tuple[Column, ...]] = (
    Column("rank", "Rank", "int"),
    Column("directorate", "Directorate"),
    Column("need_score", "Need score (pts)", "pts"),
    Column("n_comments", "Comments", "int"),
    Column("top_themes", "Top themes"),
    Column("evidence", "Evidence"),
    Column("period", "Period"),
    Column("model_version", "Model version"),
    Column("run_id", "Run"),
)
TREND_COLUMNS: Final[tuple[Column, ...]] = (
    Column("period", "Period"),
    Column("directorate", "Directorate"),
    Column("source", "Source"),
    Column("label", "Theme"),
    Column("n_comments", "Comments", "int"),
    Column("n_flagged", "Flagged", "int"),
    Column("rate", "Rate", "pct"),
    Column("ci_low", "95% CI low", "pct"),
    Column("ci_high", "95% CI high", "pct"),
    Column("org_rate", "Organisation rate", "pct"),
    Column("prev_rate", "Previous month rate", "pct"),
    Column("change", "Change", "change"),
    Column("p_value", "p-value", "p"),
    Column("significant", "Significant (BH 5%)", "bool"),
    Column("rolling_rate_3m", "3-month rate", "pct"),
    Column("suppressed", "Suppressed", "bool"),
    Column("coaching_priority", "Coaching need (pts)", "pts"),
    Column("priority_rank", "Need rank", "int"),
    Column("model_version", "Model version"),
    Column("run_id", "Run"),
    Column("generated_at", "Generated (UTC)", "datetime"),
)
_IMPACT_KINDS: Final[dict[str, Kind]] = {
    "estimate": "change",
    "ci_low": "change",
    "ci_high": "change",
    "p_value": "p",
    "n_comments": "int",
    "generated_at": "datetime",
}


def _text(value: object) -> object:
    text = str(value)
    return safe_cell(text) if text else None  # an empty text is a blank cell


def _int(value: object) -> object:
    return int(value)  # type: ignore[call-overload]


def _number(value: object) -> object:
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else None


def _bool(value: object) -> object:
    return bool(value)


def _datetime(value: object) -> object:
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.to_pydatetime()


_CONVERT: Final[dict[str, Callable[[object], object]]] = {
    "text": _text,
    "int": _int,
    "bool": _bool,
    "datetime": _datetime,
    **dict.fromkeys(("pct", "change", "pts", "p", "num"), _number),
}


def cell_value(value: object, kind: Kind) -> object:
    """A warehouse value as a cell value (text neutralised, missing blank).

    Args:
        value: Any value from a frame.
        kind: How the column is formatted.

    Returns:
        ``None`` (missing, empty text or a non-finite number), a bool, int,
        float, naive datetime (UTC), or text made safe by ``safe_cell``.
    """
    return None if is_missing(value) else _CONVERT[kind](value)


def column_cells(series: pd.Series[Any], kind: Kind) -> list[object]:
    """:func:`cell_value` of every value of a column (missing values found at once).

    Args:
        series: One frame column.
        kind: How the column is formatted.

    Returns:
        The cell values, in row order.
    """
    convert = _CONVERT[kind]
    memo: dict[object, object] = {}  # a timestamp column holds few distinct stamps
    cells: list[object] = []
    for value, gap in zip(series.tolist(), series.isna().tolist(), strict=True):
        if gap:
            cells.append(None)
        elif kind == "datetime":
            if value not in memo:
                memo[value] = convert(value)
            cells.append(memo[value])
        else:
            cells.append(convert(value))
    return cells


def impact_columns(impact: pd.DataFrame) -> tuple[Column, ...]:
    """Specs of every column of a ``coaching_impact`` frame, formatted by name or dtype.

    Args:
        impact: The impact rows.

    Returns:
        One spec per column, headed by its name in words.
    """
    columns = []
    for key in impact.columns:
        kind = _IMPACT_KINDS.get(str(key))
        if kind is None:
            dtype = impact[key].dtype
            kind = (
                "int"
                if pd.api.types.is_integer_dtype(dtype)
                else "num"
                if pd.api.types.is_float_dtype(dtype)
                else "bool"
                if pd.api.types.is_bool_dtype(dtype)
                else "text"
            )
        columns.append(Column(str(key), str(key).replace("_", " ").capitalize(), kind))
    return tuple(columns)
