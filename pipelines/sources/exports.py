"""Read the cells of one survey export file (CSV, XLSX or Parquet), uncleaned.

Each reader returns the header and a loader of the data rows. Given the
column positions the caller needs, the loader returns a :class:`Body`: those
columns' cells, how many fields each row had (for the parse-error rule) and
how many data rows there are. No row is dropped except rows with no cells at
all; cleaning is up to the caller.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import charset_normalizer
import pandas as pd

from pipelines.schema import SURVEY_COLUMNS
from pipelines.sources.errors import BatchError

logger = logging.getLogger(__name__)

EXPORT_FIX: Final[str] = (
    f"re-export the wave with the columns {', '.join(SURVEY_COLUMNS)} as CSV, XLSX or Parquet"
)
_DELIMITERS: Final[str] = ",;\t|"
_PREFERRED_LEGACY_ENCODING: Final[str] = "cp1252"
_CHAOS_TOLERANCE: Final[float] = 0.05
_BATCH_ROWS: Final[int] = 256


@dataclass(frozen=True, slots=True)
class Body:
    """The cells an export holds at some column positions, one sequence per position.

    Attributes:
        columns: Cells at each requested position, in row order (``None``
            where a row is too short).
        widths: Fields per data row as a parse error reports them, or ``None``
            when every row has the header's width.
        n_rows: Number of data rows (rows with no cells are not data rows).
    """

    columns: list[Any]
    widths: Sequence[int] | None
    n_rows: int


Loader = Callable[[Sequence[int]], Body]
"""Reads the data rows' cells at the given positions; may raise :class:`BatchError`."""


def take_columns(rows: Sequence[list[Any]], positions: Sequence[int]) -> list[list[Any]]:
    """Cells at each position of each row, ``None`` where a row is too short.

    Args:
        rows: Rows of cells.
        positions: 0-based column positions.

    Returns:
        One list per position, in row order.
    """
    need = max(positions, default=-1) + 1
    if rows and min(map(len, rows)) < need:
        rows = [cells + [None] * (need - len(cells)) for cells in rows]
    # one comprehension per column: no per-row tuples for the garbage collector to scan
    return [[cells[p] for cells in rows] for p in positions]


def detect_encoding(data: bytes) -> str | None:
    """Detect the text encoding of a CSV export.

    A UTF-8 byte-order mark gives ``utf-8-sig``; valid UTF-8 gives ``utf-8``;
    otherwise charset-normalizer decides, preferring Windows-1252 (what
    Excel on a UK Windows machine writes) when it reads as cleanly as the
    detector's top pick. When the detector gives up, Windows-1252 (or
    else Latin-1) is used if the bytes decode with it, so no row is lost.

    Args:
        data: The file's bytes.

    Returns:
        A Python codec name, or ``None`` if no encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    best = charset_normalizer.from_bytes(data).best()
    legacy = charset_normalizer.from_bytes(data, cp_isolation=[_PREFERRED_LEGACY_ENCODING]).best()
    if legacy is not None and (best is None or legacy.chaos <= best.chaos + _CHAOS_TOLERANCE):
        return _PREFERRED_LEGACY_ENCODING
    if best is not None:
        return best.encoding
    # Text too odd for the detector (control characters, rare scripts): an 8-bit
    # single-byte encoding still keeps every row, so take the likeliest that decodes.
    for fallback in (_PREFERRED_LEGACY_ENCODING, "latin-1"):
        try:
            data.decode(fallback)
        except UnicodeDecodeError:
            continue
        logger.warning("encoding not detected; reading as %s", fallback)
        return fallback
    return None


def _decode(data: bytes, label: str) -> str:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:  # the common case: plain UTF-8, decoded once
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    encoding = detect_encoding(data)
    if encoding is None:
        raise BatchError(label, "text encoding could not be detected", "save it as CSV UTF-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:  # a byte-order mark that the bytes contradict
        raise BatchError(
            label,
            f"bytes at offset {exc.start} are not valid {encoding} although the file "
            "starts with its byte-order mark",
            "save it again as CSV UTF-8 (one encoding for the whole file)",
        ) from exc
    logger.debug("%s: encoding %s", label, encoding)
    return text


def _add_batch(
    batch: list[list[str]],
    positions: Sequence[int],
    columns: list[list[str | None]],
    widths: list[int],
) -> None:
    widths.extend(map(len, batch))
    for column, cells in zip(columns, take_columns(batch, positions), strict=True):
        column.extend(cells)


def read_csv(path: Path, label: str) -> tuple[list[str], Loader]:
    """Read a CSV export: the delimiter is the likeliest of ``, ; TAB |`` in the header.

    Args:
        path: The file.
        label: How errors name it.

    Returns:
        The header cells and a loader of the non-empty data rows.

    Raises:
        BatchError: Undetectable encoding, contradicted byte-order mark, or a
            header (or, from the loader, a row) the CSV parser rejects.
    """
    text = _decode(path.read_bytes(), label)
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    delimiter = max(_DELIMITERS, key=first_line.count)
    logger.debug("%s: delimiter %r", label, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise BatchError(label, f"header could not be parsed ({exc})", EXPORT_FIX) from exc

    def load(positions: Sequence[int]) -> Body:
        # Rows are taken in batches and dropped: holding every row's list at once
        # makes the garbage collector rescan them all, again and again.
        columns: list[list[str | None]] = [[] for _ in positions]
        widths: list[int] = []
        batch: list[list[str]] = []
        try:
            for cells in reader:
                if cells:
                    batch.append(cells)
                    if len(batch) == _BATCH_ROWS:
                        _add_batch(batch, positions, columns, widths)
                        batch = []
        except csv.Error as exc:
            raise BatchError(
                label,
                f"CSV could not be parsed after data row {len(widths) + len(batch)} ({exc})",
                EXPORT_FIX,
            ) from exc
        _add_batch(batch, positions, columns, widths)
        return Body(columns, widths, len(widths))

    return header, load


def read_parquet(path: Path, label: str) -> tuple[list[str], Loader]:
    """Read a Parquet export.

    Args:
        path: The file.
        label: How errors name it.

    Returns:
        The column names and a loader of the table.

    Raises:
        BatchError: The file is not readable Parquet.
    """
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for broken files
        raise BatchError(
            label, f"not a readable Parquet file ({type(exc).__name__})", EXPORT_FIX
        ) from exc

    def load(positions: Sequence[int]) -> Body:
        columns = [frame.iloc[:, p].astype(object).to_numpy() for p in positions]
        return Body(columns, None, len(frame))

    return [str(c) for c in frame.columns], load
