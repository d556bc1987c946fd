"""The Excel companion of the report: one sheet per table, safe to open.

Every text cell goes through :func:`pipelines.comment_io.safe_cell`, so no
value starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return can run
as a formula. Missing and suppressed numbers are blank (the rate and comment
count of a suppressed row read "suppressed"), never 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final, Literal

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipelines.comment_io import safe_cell
from pipelines.report.data import ReportData
from pipelines.report.fmt import howto_items, is_missing, month_name, timestamp

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
HEADER_FONT: Final[Font] = Font(bold=True, color="FFFFFF")
HEADER_FILL: Final[PatternFill] = PatternFill("solid", fgColor="1F4E79")
SUPPRESSED: Final[str] = "suppressed"
MAX_WIDTH: Final[int] = 70


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


def cell_value(value: object, kind: Kind) -> object:
    """A warehouse value as an openpyxl cell value (text neutralised, missing blank).

    Args:
        value: Any value from a frame.
        kind: How the column is formatted.

    Returns:
        ``None``, a bool, int, float, naive datetime, or safe text.
    """
    if is_missing(value):
        return None
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)  # type: ignore[call-overload]
    if kind in ("pct", "change", "pts", "p", "num"):
        return float(value)  # type: ignore[arg-type]
    if kind == "datetime":
        stamp = pd.Timestamp(value)  # type: ignore[arg-type]
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        return stamp.to_pydatetime()
    return safe_cell(str(value))


def _impact_columns(impact: pd.DataFrame) -> tuple[Column, ...]:
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


def _finish(ws: Worksheet, columns: Sequence[Column], widths: list[int]) -> None:
    """Style the header, freeze it, add an autofilter and size the columns."""
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    ws.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(max(widths[i - 1], 8) + 2, MAX_WIDTH)
        if column.kind in FORMATS:
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = FORMATS[column.kind]


def write_sheet(ws: Worksheet, frame: pd.DataFrame, columns: Sequence[Column]) -> None:
    """Fill one sheet with ``frame``'s ``columns`` (those present) under a styled header.

    Args:
        ws: Empty worksheet.
        frame: Rows to write.
        columns: Column specs, in sheet order.
    """
    present = [c for c in columns if c.key in frame.columns]
    ws.append([safe_cell(c.header) for c in present])
    widths = [len(c.header) for c in present]
    suppressed = (
        frame["suppressed"].fillna(False).astype(bool).tolist()
        if "suppressed" in frame.columns
        else [False] * len(frame)
    )
    records = frame[[c.key for c in present]].itertuples(index=False, name=None)
    for hidden, record in zip(suppressed, records, strict=True):
        row = []
        for i, (column, value) in enumerate(zip(present, record, strict=True)):
            cell = cell_value(value, column.kind)
            if (hidden and column.key in ("rate", "n_comments")) or (
                column.key == "n_comments" and cell is None
            ):
                cell = SUPPRESSED  # a suppressed count reads "suppressed", never 0 or blank
            if column.kind == "text" and cell is not None:
                widths[i] = max(widths[i], len(str(cell)))
            elif cell is not None:
                widths[i] = max(widths[i], 10)
            row.append(cell)
        ws.append(row)
    _finish(ws, present, widths)


def _about_rows(data: ReportData, generated_at: datetime, sheets: Sequence[str]) -> list[list[str]]:
    rows = [
        [
            "Report",
            f"coachlens leadership report: manager coaching priorities, {month_name(data.period)}",
        ],
        ["Period", data.period],
        ["Trend window", f"{data.periods[0]} to {data.periods[-1]}"],
        ["Report generated", timestamp(generated_at)],
        ["Figures generated", timestamp(data.data_generated_at)],
        ["Model version", ", ".join(data.model_versions) or "unknown"],
        ["Runs", ", ".join(data.run_ids) or "–"],
        ["Minimum cell size", str(data.min_cell_size)],
        ["Sheets", "; ".join(sheets)],
        ["Comment text", "Not included: only counts, rates and statistics."],
    ]
    return rows + [[term, text] for term, text in howto_items(data.min_cell_size)]


def write_workbook(data: ReportData, path: Path, generated_at: datetime) -> Path:
    """Write the report workbook to ``path``.

    Sheets: Priorities; Theme trends for the period (every source and label);
    Trends for the window; Impact (only when the table has rows); About.

    Args:
        data: Report inputs.
        path: Destination ``.xlsx`` (written in place; callers rename).
        generated_at: When the report was built (UTC).

    Returns:
        ``path``.
    """
    wb = Workbook()
    sheets: list[tuple[str, pd.DataFrame, tuple[Column, ...]]] = [
        ("Priorities", data.priorities, PRIORITY_COLUMNS),
        (f"Theme trends {data.period}", data.month, TREND_COLUMNS),
        (f"Trends last {len(data.periods)} months", data.window, TREND_COLUMNS),
    ]
    if not data.impact.empty:
        sheets.append(("Impact", data.impact, _impact_columns(data.impact)))
    first = wb.active
    if first is not None:
        wb.remove(first)
    for title, frame, columns in sheets:
        write_sheet(wb.create_sheet(title), frame, columns)
    about = wb.create_sheet("About")
    names = [title for title, _, _ in sheets] + ["About"]
    rows = pd.DataFrame(_about_rows(data, generated_at, names), columns=["item", "value"])
    write_sheet(about, rows, (Column("item", "Item"), Column("value", "Value")))
    about.column_dimensions["B"].width = 110
    for (cell,) in about.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)
    return path
