"""The normalised frame every source returns, and helpers to build it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from pipelines.directorates import DirectorateReference
from pipelines.schema import RECORD_COLUMNS

EXTRA_COLUMNS: Final[tuple[str, ...]] = (
    "raw_directorate",
    "occurred_at",
    "batch_period",
    "parse_error",
)
"""Columns beyond :data:`pipelines.schema.RECORD_COLUMNS` that validation needs.

``raw_directorate`` is the value as delivered, ``occurred_at`` the parsed
submission/opening time (tz-naive, ``NaT`` if unparseable), ``batch_period``
the ``YYYY-MM`` the file or query declares, and ``parse_error`` says why a
row could not be parsed (missing when it parsed fine).
"""

SOURCE_COLUMNS: Final[tuple[str, ...]] = (*RECORD_COLUMNS, *EXTRA_COLUMNS)
"""Columns, in order, of the frame returned by every source reader."""

_DAY_FIRST_FORMATS: Final[tuple[str, ...]] = ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")


def empty_frame() -> pd.DataFrame:
    """Return a frame with the source columns and no rows."""
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in SOURCE_COLUMNS})
    frame["occurred_at"] = pd.Series(dtype="datetime64[ns]")
    return frame


def clean_value(value: Any) -> str | None:
    """Turn a cell into text: ``None`` for missing or empty, ints without ``.0``.

    Args:
        value: A cell from a CSV, spreadsheet, Parquet file or database row.

    Returns:
        The text, unchanged apart from the conversions above (whitespace kept).
    """
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value)
    return text if text != "" else None


_TEXT_TYPES: Final[frozenset[type]] = frozenset({str, type(None)})
_MISSING_TYPES: Final[frozenset[type]] = frozenset({float, type(pd.NaT)})
"""Types of missing cells :func:`clean_value` turns into ``None`` (a float here is NaN)."""


def clean_column(values: Sequence[Any]) -> np.ndarray:
    """Apply :func:`clean_value` to a column, vectorised for the usual all-text column.

    Args:
        values: Cells of one column.

    Returns:
        An object array, equal element by element to ``[clean_value(v) for v in values]``.
    """
    cleaned = np.empty(len(values), dtype=object)
    kinds = set(map(type, values))
    if kinds <= _TEXT_TYPES:  # CSV cells: text, or None past a short row
        cleaned[:] = [value or None for value in values]
        return cleaned
    cleaned[:] = values
    missing = pd.isna(cleaned)
    if set(map(type, cleaned[~missing])) <= {str} and kinds <= _TEXT_TYPES | _MISSING_TYPES:
        cleaned[missing] = None
        cleaned[cleaned == ""] = None
        return cleaned
    cleaned[:] = [clean_value(value) for value in values]
    return cleaned


def text_cell(value: Any) -> str | None:
    """Like :func:`clean_value`, but bytes (a BLOB in a loosely typed table) are decoded.

    Args:
        value: A database cell of any type.

    Returns:
        The text (invalid UTF-8 bytes replaced), or ``None`` for missing or empty.
    """
    if isinstance(value, bytes | bytearray | memoryview):
        value = bytes(value).decode("utf-8", errors="replace")
    return clean_value(value)


def parse_timestamps(values: pd.Series) -> pd.Series:
    """Parse mixed timestamps to tz-naive ``datetime64[ns]``, ``NaT`` if unparseable.

    ISO 8601 strings and datetime objects are read first; the rest are tried
    as UK day-first dates (``14/06/2025 09:31``). Time-zone aware values are
    converted to UTC and made naive. Dates outside the nanosecond range
    (years before 1677 or after 2262) count as unparseable.

    Args:
        values: Strings, datetimes or missing values.

    Returns:
        A series aligned with ``values``.
    """
    raw = pd.Series(values, dtype=object, index=values.index)
    parsed = pd.to_datetime(raw, errors="coerce", format="ISO8601", utc=True)
    for fmt in _DAY_FIRST_FORMATS:
        todo = parsed.isna() & raw.notna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(raw[todo], errors="coerce", format=fmt, utc=True)
    naive = parsed.dt.tz_convert(None)
    # pandas may parse into a coarser unit; dates a nanosecond timestamp cannot hold
    # (year 9999, year 1) are as unusable as garbage, so they become NaT too
    representable = naive.isna() | naive.between(pd.Timestamp.min, pd.Timestamp.max)
    return naive.where(representable).astype("datetime64[ns]")


def normalise_directorates(raw: pd.Series, reference: DirectorateReference) -> pd.Series:
    """Map raw directorate spellings to canonical names (missing when unknown).

    Args:
        raw: Directorates as delivered.
        reference: The reference list.

    Returns:
        Canonical names aligned with ``raw``; unknown or blank -> missing.
    """
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
    canonical = np.array([*(reference.normalise(v) for v in uniques), None], dtype=object)
    return pd.Series(canonical[codes], index=raw.index, dtype=object)


def finish(columns: dict[str, Any]) -> pd.DataFrame:
    """Assemble a frame in :data:`SOURCE_COLUMNS` order with stable dtypes.

    Args:
        columns: One array-like (or one scalar for every row) per source column.

    Returns:
        The frame; text columns have object dtype with ``None`` for missing.
    """
    rows = max((len(v) for v in columns.values() if not isinstance(v, str | None)), default=0)
    data: dict[str, pd.Series] = {}
    for name in SOURCE_COLUMNS:
        value = columns[name]
        if name == "occurred_at":
            data[name] = pd.Series(value, dtype="datetime64[ns]")
            continue
        cells = np.empty(rows, dtype=object)  # object, not the inferred str dtype
        cells[:] = value.to_numpy(dtype=object) if isinstance(value, pd.Series) else value
        cells[pd.isna(cells)] = None
        data[name] = pd.Series(cells, dtype=object)
    return pd.DataFrame(data)
