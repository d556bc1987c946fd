"""Read survey platform exports (CSV, XLSX, Parquet; one file per wave).

Every data row comes through, including blank, duplicated or unparseable
ones: validation decides what to quarantine. Only problems with a whole
file raise :class:`~pipelines.sources.errors.BatchError`.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import charset_normalizer
import pandas as pd

from pipelines.directorates import DirectorateReference
from pipelines.schema import SURVEY_COLUMNS
from pipelines.sources.errors import BatchError
from pipelines.sources.frame import (
    clean_value,
    empty_frame,
    finish,
    normalise_directorates,
    parse_timestamps,
)

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: Final[tuple[str, ...]] = (".csv", ".xlsx", ".parquet")
_PERIOD = re.compile(r"(?<!\d)(\d{4})-(0[1-9]|1[0-2])(?!\d)")
_DELIMITERS: Final[str] = ",;\t|"
_PREFERRED_LEGACY_ENCODING: Final[str] = "cp1252"
_CHAOS_TOLERANCE: Final[float] = 0.05
_EXPORT_FIX: Final[str] = (
    f"re-export the wave with the columns {', '.join(SURVEY_COLUMNS)} as CSV, XLSX or Parquet"
)

Row = tuple[int, list[Any]]
"""A data row: its 1-based number and its cells."""


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


def _csv_rows(path: Path, label: str) -> tuple[list[str], Iterator[Row]]:
    data = path.read_bytes()
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
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    logger.debug("%s: encoding %s, delimiter %r", label, encoding, delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise BatchError(label, f"header could not be parsed ({exc})", _EXPORT_FIX) from exc

    def rows() -> Iterator[Row]:
        number = 0
        try:
            for cells in reader:
                if not cells:
                    continue
                number += 1
                yield number, list(cells)
        except csv.Error as exc:
            raise BatchError(
                label, f"CSV could not be parsed after data row {number} ({exc})", _EXPORT_FIX
            ) from exc

    return header, rows()


def _trim(cells: list[Any]) -> list[Any]:
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


def _xlsx_rows(path: Path, label: str) -> tuple[list[str], Iterator[Row]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise BatchError(
            label, f"not a readable XLSX workbook ({type(exc).__name__})", _EXPORT_FIX
        ) from exc
    sheet = workbook.worksheets[0]
    cells_iter = sheet.iter_rows(values_only=True)
    header = _trim([clean_value(v) or "" for v in next(cells_iter, ())])

    def rows() -> Iterator[Row]:
        # Spreadsheets drop trailing empty cells (a blank comment), so pad to
        # the header; only extra non-empty cells count as a malformed row.
        number = 0
        try:
            for values in cells_iter:
                cells = _trim(list(values))
                if not cells:
                    continue
                number += 1
                yield number, cells + [None] * (len(header) - len(cells))
        finally:
            workbook.close()

    return header, rows()


def _parquet_rows(path: Path, label: str) -> tuple[list[str], Iterator[Row]]:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for broken files
        raise BatchError(
            label, f"not a readable Parquet file ({type(exc).__name__})", _EXPORT_FIX
        ) from exc
    header = [str(c) for c in frame.columns]
    records = frame.astype(object).itertuples(index=False, name=None)
    return header, ((i, list(values)) for i, values in enumerate(records, start=1))


_READERS = {".csv": _csv_rows, ".xlsx": _xlsx_rows, ".parquet": _parquet_rows}


def _file_wave(path: Path, wave_values: Iterable[str | None], label: str) -> str:
    match = _PERIOD.search(path.stem)
    if match:
        return f"{match.group(1)}-{match.group(2)}"
    declared = {v.strip() for v in wave_values if v and _PERIOD.fullmatch(v.strip())}
    if len(declared) == 1:
        return declared.pop()
    raise BatchError(
        label,
        f"cannot tell which wave the file holds (no YYYY-MM in its name, {len(declared)} "
        "distinct values in the wave column)",
        "export one wave per file and name it wave_YYYY-MM with its extension",
    )


def _column_positions(header: Sequence[str], label: str) -> dict[str, int]:
    folded = [h.replace("\ufeff", "").strip().lower() for h in header]
    missing = [c for c in SURVEY_COLUMNS if c not in folded]
    if missing:
        raise BatchError(label, f"missing required column(s): {', '.join(missing)}", _EXPORT_FIX)
    return {column: folded.index(column) for column in SURVEY_COLUMNS}


def survey_wave_of(path: Path) -> str | None:
    """Return the ``YYYY-MM`` wave in a file name, or ``None`` if it has none."""
    match = _PERIOD.search(path.stem)
    return f"{match.group(1)}-{match.group(2)}" if match else None


def read_survey_file(
    path: Path, reference: DirectorateReference, *, label: str | None = None
) -> pd.DataFrame:
    """Read one survey export into the normalised source frame.

    Args:
        path: A ``.csv``, ``.xlsx`` or ``.parquet`` export of one wave.
        reference: Directorate reference used to canonicalise directorates.
        label: How the file is named in provenance and errors; defaults to
            ``<folder name>/<file name>``.

    Returns:
        One row per data row (see :data:`pipelines.sources.frame.SOURCE_COLUMNS`).

    Raises:
        BatchError: Unsupported type, unreadable or empty file, missing column,
            or no declared wave.
    """
    label = label or f"{path.parent.name}/{path.name}"
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise BatchError(
            label,
            f"unsupported file type {path.suffix or '(none)'!r}",
            f"move it out of the folder or export it as one of {', '.join(SUPPORTED_SUFFIXES)}",
        )
    try:
        header, rows = reader(path, label)
    except OSError as exc:
        raise BatchError(
            label,
            f"file could not be read ({type(exc).__name__})",
            "check the file and its permissions",
        ) from exc
    if not header:
        raise BatchError(label, "file is empty (no header row)", _EXPORT_FIX)
    positions = _column_positions(header, label)
    width = len(header)
    numbers: list[int] = []
    fields: dict[str, list[Any]] = {column: [] for column in SURVEY_COLUMNS}
    errors: list[str | None] = []
    for number, cells in rows:
        numbers.append(number)
        errors.append(
            None if len(cells) == width else f"row has {len(cells)} fields, expected {width}"
        )
        for column, position in positions.items():
            value = cells[position] if position < len(cells) else None
            fields[column].append(value if column == "submitted_at" else clean_value(value))
    if not numbers:
        raise BatchError(
            label, "file has a header but no data rows", "re-export the wave with its responses"
        )
    wave = _file_wave(path, fields["wave"], label)
    raw_directorate = pd.Series(fields["directorate"], dtype=object)
    parse_error = pd.Series(errors, dtype=object)
    text = pd.Series(fields["comment"], dtype=object).where(parse_error.isna(), None)
    record_id = [
        f"survey:{r}:{q}" for r, q in zip(fields["response_id"], fields["question_id"], strict=True)
    ]
    return finish(
        {
            "record_id": record_id,
            "source": "survey",
            "period": wave,
            "directorate": normalise_directorates(raw_directorate, reference),
            "question": fields["question_text"],
            "text": text,
            "provenance": [f"{label}:row {n}" for n in numbers],
            "raw_directorate": raw_directorate,
            "occurred_at": parse_timestamps(pd.Series(fields["submitted_at"], dtype=object)),
            "batch_period": wave,
            "parse_error": parse_error,
        }
    )


def _is_ignorable(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or not path.is_file()


def read_survey_exports(
    folder: Path, reference: DirectorateReference, *, periods: set[str] | None = None
) -> pd.DataFrame:
    """Read every survey export in a folder into one normalised frame.

    Hidden files and Excel lock files (``~$...``) are skipped; any other
    file must be a supported export.

    Args:
        folder: Folder of ``.csv``, ``.xlsx`` and ``.parquet`` exports, one wave each.
        reference: Directorate reference used to canonicalise directorates.
        periods: Only read waves in this set (``YYYY-MM``); all if ``None``.

    Returns:
        All rows of all selected files, in file-name then row order.

    Raises:
        BatchError: If the folder is missing or any selected file is unusable.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BatchError(
            str(folder), "survey folder does not exist", "create it or fix the configured path"
        )
    frames: list[pd.DataFrame] = []
    for path in sorted(p for p in folder.iterdir() if not _is_ignorable(p)):
        wave = survey_wave_of(path)
        if periods is not None and path.suffix.lower() not in SUPPORTED_SUFFIXES:
            wave = None  # let read_survey_file reject it whatever its name says
        if periods is not None and wave is not None and wave not in periods:
            continue
        frame = read_survey_file(path, reference, label=f"{folder.name}/{path.name}")
        if periods is not None and wave is None and not frame["batch_period"].isin(periods).all():
            continue
        logger.info("read %s: %d rows", path.name, len(frame))
        frames.append(frame)
    if not frames:
        return empty_frame()
    return pd.concat(frames, ignore_index=True)
