"""Read survey platform exports (CSV, XLSX, Parquet; one file per wave).

Every data row comes through, including blank, duplicated or unparseable
ones: validation decides what to quarantine. Only problems with a whole
file raise :class:`~pipelines.sources.errors.BatchError`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from pipelines.directorates import DirectorateReference
from pipelines.schema import SURVEY_COLUMNS
from pipelines.sources.errors import BatchError
from pipelines.sources.exports import EXPORT_FIX, Loader, read_csv, read_parquet
from pipelines.sources.frame import (
    clean_column,
    empty_frame,
    finish,
    normalise_directorates,
    parse_timestamps,
)
from pipelines.sources.xlsx import read_xlsx

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: Final[tuple[str, ...]] = (".csv", ".xlsx", ".parquet")
_PERIOD = re.compile(r"(?<!\d)(\d{4})-(0[1-9]|1[0-2])(?!\d)")
_READERS: Final[dict[str, Callable[[Path, str], tuple[list[str], Loader]]]] = {
    ".csv": read_csv,
    ".xlsx": read_xlsx,
    ".parquet": read_parquet,
}


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
        raise BatchError(label, f"missing required column(s): {', '.join(missing)}", EXPORT_FIX)
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
        header, load = reader(path, label)
    except OSError as exc:
        raise BatchError(
            label,
            f"file could not be read ({type(exc).__name__})",
            "check the file and its permissions",
        ) from exc
    if not header:
        raise BatchError(label, "file is empty (no header row)", EXPORT_FIX)
    positions = _column_positions(header, label)
    body = load([positions[c] for c in SURVEY_COLUMNS])
    if not body.n_rows:
        raise BatchError(
            label, "file has a header but no data rows", "re-export the wave with its responses"
        )
    cells = dict(zip(SURVEY_COLUMNS, body.columns, strict=True))
    fields = {c: clean_column(v) for c, v in cells.items() if c != "submitted_at"}
    wave = _file_wave(path, pd.unique(fields["wave"]), label)
    raw_directorate = pd.Series(fields["directorate"], dtype=object)
    parse_error = pd.Series(_parse_errors(body.widths, body.n_rows, len(header)), dtype=object)
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
            "provenance": [f"{label}:row {n}" for n in range(1, body.n_rows + 1)],
            "raw_directorate": raw_directorate,
            "occurred_at": parse_timestamps(pd.Series(cells["submitted_at"], dtype=object)),
            "batch_period": wave,
            "parse_error": parse_error,
        }
    )


def _parse_errors(widths: Sequence[int] | None, n_rows: int, width: int) -> np.ndarray:
    """Why each row could not be parsed: it has the wrong number of fields (else ``None``)."""
    errors = np.full(n_rows, None, dtype=object)
    if widths is not None:
        counts = np.asarray(widths)
        bad = np.flatnonzero(counts != width)
        errors[bad] = [f"row has {counts[i]} fields, expected {width}" for i in bad]
    return errors


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
