"""The Excel companion of the report: one sheet per table, safe to open.

Every text cell goes through :func:`pipelines.comment_io.safe_cell`, so no
value starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return can run
as a formula, and is written with XlsxWriter's ``write_string`` (never parsed
as a formula or number). Missing, non-finite and suppressed numbers are blank
(the rate and comment count of a suppressed row read "suppressed"), never 0.

Sheets are written by XlsxWriter in ``constant_memory`` mode, a row at a time,
with each column's number format set on the column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

import pandas as pd
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipelines.comment_io import safe_cell
from pipelines.report.data import ReportData
from pipelines.report.fmt import howto_items, month_name, timestamp
from pipelines.report.sheet_columns import (
    FORMATS,
    PRIORITY_COLUMNS,
    TREND_COLUMNS,
    Column,
    column_cells,
    impact_columns,
)

HEADER_STYLE: Final[dict[str, object]] = {
    "bold": True,
    "font_color": "#FFFFFF",
    "bg_color": "#1F4E79",
    "pattern": 1,
    "valign": "vcenter",
}
WRAP_STYLE: Final[dict[str, object]] = {"text_wrap": True, "valign": "top"}
BOOK_OPTIONS: Final[dict[str, object]] = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
SUPPRESSED: Final[str] = "suppressed"
MAX_WIDTH: Final[int] = 70


@dataclass(frozen=True)
class Styles:
    """The workbook's cell formats.

    Attributes:
        header: Bold white on dark blue, vertically centred.
        wrap: Wrapped text, aligned to the top.
        numbers: Number format of each number kind.
    """

    header: Format
    wrap: Format
    numbers: dict[str, Format]

    @classmethod
    def of(cls, book: Workbook) -> Styles:
        """Register the formats with ``book``."""
        return cls(
            header=book.add_format(HEADER_STYLE),
            wrap=book.add_format(WRAP_STYLE),
            numbers={k: book.add_format({"num_format": f}) for k, f in FORMATS.items()},
        )


def _sheet_cells(frame: pd.DataFrame, present: Sequence[Column]) -> list[list[object]]:
    """Each column's cell values; a suppressed row's rate and count read "suppressed"."""
    hidden = (
        frame["suppressed"].fillna(False).astype(bool).tolist()
        if "suppressed" in frame.columns
        else [False] * len(frame)
    )
    columns = []
    for column in present:
        cells = column_cells(frame[column.key], column.kind)
        if column.key in ("rate", "n_comments"):
            # a suppressed count reads "suppressed", never 0 or blank
            missing_count = column.key == "n_comments"
            cells = [
                SUPPRESSED if h or (missing_count and c is None) else c
                for h, c in zip(hidden, cells, strict=True)
            ]
        columns.append(cells)
    return columns


def _width(column: Column, cells: list[object]) -> int:
    """Column width in characters: the longest text, at least 10 for numbers."""
    width = len(column.header)
    if column.kind == "text":
        width = max([width, *(len(str(c)) for c in cells if c is not None)])
    elif any(c is not None for c in cells):
        width = max(width, 10)
    return min(max(width, 8) + 2, MAX_WIDTH)


def write_sheet(
    book: Workbook,
    title: str,
    frame: pd.DataFrame,
    columns: Sequence[Column],
    styles: Styles,
    *,
    fixed: Mapping[str, tuple[int, Format]] | None = None,
) -> Worksheet:
    """Add a sheet of ``frame``'s ``columns`` (those present) under a styled header.

    The header is frozen and filtered, columns are sized to their text and
    carry their number format. Rows are written in order (``constant_memory``).

    Args:
        book: The workbook.
        title: Sheet name.
        frame: Rows to write.
        columns: Column specs, in sheet order.
        styles: The workbook's formats.
        fixed: Width and format of some columns (by key), instead of the defaults.

    Returns:
        The sheet.
    """
    ws = book.add_worksheet(title)
    present = [c for c in columns if c.key in frame.columns]
    cells = _sheet_cells(frame, present)
    for i, (column, values) in enumerate(zip(present, cells, strict=True)):
        width, style = _width(column, values), styles.numbers.get(column.kind)
        if fixed and column.key in fixed:
            width, style = fixed[column.key]
        ws.set_column(i, i, width, style)
        ws.write_string(0, i, str(safe_cell(column.header)), styles.header)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(frame), max(len(present), 1) - 1)
    write: dict[type, Callable[[int, int, Any], object]] = {
        str: ws.write_string,
        bool: ws.write_boolean,
        int: ws.write_number,
        float: ws.write_number,
        datetime: ws.write_datetime,
    }
    for r, row in enumerate(zip(*cells, strict=True), start=1):
        for c, cell in enumerate(row):
            if cell is not None:
                write[type(cell)](r, c, cell)
    return ws


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
    sheets: list[tuple[str, pd.DataFrame, tuple[Column, ...]]] = [
        ("Priorities", data.priorities, PRIORITY_COLUMNS),
        (f"Theme trends {data.period}", data.month, TREND_COLUMNS),
        (f"Trends last {len(data.periods)} months", data.window, TREND_COLUMNS),
    ]
    if not data.impact.empty:
        sheets.append(("Impact", data.impact, impact_columns(data.impact)))
    names = [title for title, _, _ in sheets] + ["About"]
    about = pd.DataFrame(_about_rows(data, generated_at, names), columns=["item", "value"])
    with Workbook(str(path), BOOK_OPTIONS) as book:
        styles = Styles.of(book)
        for title, frame, columns in sheets:
            write_sheet(book, title, frame, columns, styles)
        write_sheet(
            book,
            "About",
            about,
            (Column("item", "Item"), Column("value", "Value")),
            styles,
            fixed={"value": (110, styles.wrap)},
        )
    return path
