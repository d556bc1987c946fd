"""Read the cells of an XLSX export with python-calamine (Rust), openpyxl as the fallback.

Cells come back as openpyxl's ``data_only`` reader gave them, which the row
accounting was built on: a date is a ``datetime``, empty cells count as
missing, and only extra *non-empty* cells past the header make a row
malformed (spreadsheets drop trailing empty cells). Two kinds of cell
calamine reads as empty although openpyxl reads a value: error cells
(``#N/A``) and whitespace-only strings written without ``xml:space="preserve"``
(openpyxl itself writes them so). A workbook holding either is read with
openpyxl, so that no row it holds is dropped or changed.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from pipelines.sources.errors import BatchError
from pipelines.sources.exports import EXPORT_FIX, Body, Loader, take_columns
from pipelines.sources.frame import clean_value

logger = logging.getLogger(__name__)

_CHUNK: Final[int] = 1 << 24
_OVERLAP: Final[int] = 4096
_SUSPECT: Final[tuple[bytes, ...]] = (b"<t>", b":t>", b't="e"', b"t='e'")
"""Cheap pre-checks for :data:`_CALAMINE_BLANKS` (most workbooks contain none)."""
_CALAMINE_BLANKS: Final[re.Pattern[bytes]] = re.compile(
    rb"<(?:\w+:)?t>(?:[ \t\r\n]|&#(?:x[0-9a-fA-F]+|[0-9]+);)+</(?:\w+:)?t>|\st=[\"']e[\"']"
)
"""A whitespace-only text without ``xml:space="preserve"``, or an error cell."""


def _excel_value(value: Any) -> Any:
    """A calamine cell as openpyxl gives it (a date cell is a ``datetime``)."""
    if value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value


def _trim(cells: list[Any]) -> list[Any]:
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


def _header(first: list[Any]) -> list[str]:
    return _trim([clean_value(_excel_value(v)) or "" for v in first])


def _needs_openpyxl(path: Path) -> bool:
    """Whether the workbook holds cells calamine reads as empty but openpyxl does not."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"):
                continue
            with archive.open(name) as part:
                tail = b""
                while chunk := part.read(_CHUNK):
                    window = tail + chunk
                    if any(s in window for s in _SUSPECT) and _CALAMINE_BLANKS.search(window):
                        return True
                    tail = chunk[-_OVERLAP:]
    return False


def _calamine_rows(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    with CalamineWorkbook.from_path(str(path)) as workbook:
        kinds = [m.typ for m in workbook.sheets_metadata]
        index = kinds.index(SheetTypeEnum.WorkSheet) if SheetTypeEnum.WorkSheet in kinds else 0
        return workbook.get_sheet_by_index(index).to_python(skip_empty_area=False)


def _as_openpyxl(column: Sequence[Any]) -> Sequence[Any]:
    """Date cells become datetimes; empty cells stay ``""`` (cleaning makes them missing)."""
    return [_excel_value(v) for v in column] if dt.date in set(map(type, column)) else column


def _calamine_rows_and_widths(
    values: list[list[Any]], width: int
) -> tuple[list[list[Any]], list[int]]:
    rows = [cells for cells in values[1:] if cells.count("") != len(cells)]
    widths = [width] * len(rows)
    for i, cells in enumerate(rows):  # only extra non-empty cells make a row longer
        if len(cells) > width:
            tail = cells[width:]
            if tail.count("") != len(tail):
                widths[i] = width + max(j for j, c in enumerate(tail) if c != "") + 1
    return rows, widths


def _openpyxl_rows(path: Path) -> tuple[list[str], list[list[Any]], list[int]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        cells_iter = workbook.worksheets[0].iter_rows(values_only=True)
        header = _trim([clean_value(v) or "" for v in next(cells_iter, ())])
        rows = []
        for values in cells_iter:
            cells = _trim(list(values))
            if cells:
                rows.append(cells + [None] * (len(header) - len(cells)))
    finally:
        workbook.close()
    return header, rows, [len(cells) for cells in rows]


def read_xlsx(path: Path, label: str) -> tuple[list[str], Loader]:
    """Read the first worksheet of an XLSX export.

    Args:
        path: The file.
        label: How errors name it.

    Returns:
        The header cells and a loader of the non-empty data rows, each
        counted as wide as the header unless it has non-empty cells past it.

    Raises:
        BatchError: The file is not a readable workbook.
    """
    try:
        if _needs_openpyxl(path):
            logger.info("%s: error or whitespace-only cells; reading it with openpyxl", label)
            header, rows, widths = _openpyxl_rows(path)
        else:
            values = _calamine_rows(path)
            header = _header(values[0]) if values else []
            rows, widths = _calamine_rows_and_widths(values, len(header))
    except Exception as exc:  # zipfile, calamine and openpyxl raise many types for broken files
        raise BatchError(
            label, f"not a readable XLSX workbook ({type(exc).__name__})", EXPORT_FIX
        ) from exc

    def load(positions: Sequence[int]) -> Body:
        columns = [_as_openpyxl(c) for c in take_columns(rows, positions)]
        return Body(columns, widths, len(rows))

    return header, load
