"""Column names the contracts expect beyond :mod:`pipelines.schema` (no GX import here).

The sources add :data:`EXTRA_RECORD_COLUMNS` to the normalised records; the
classifier writes :data:`LABELS_COLUMN` and one :func:`score_column` per label;
the trend aggregation writes :data:`TREND_COLUMNS`, unique on :data:`TREND_KEY`.
"""

from __future__ import annotations

from typing import Final

from models.taxonomy import LABELS, score_column
from pipelines.schema import RECORD_COLUMNS

EXTRA_RECORD_COLUMNS: Final[tuple[str, ...]] = (
    "raw_directorate",
    "occurred_at",
    "batch_period",
    "parse_error",
)
"""Columns every source adds to :data:`pipelines.schema.RECORD_COLUMNS` for validation."""

RECORDS_INPUT_COLUMNS: Final[tuple[str, ...]] = RECORD_COLUMNS + EXTRA_RECORD_COLUMNS
"""All columns :func:`pipelines.validate.validate_records` needs."""

OCCURRED_MONTH: Final[str] = "occurred_month"
"""Derived column (``YYYY-MM`` of ``occurred_at``) compared with ``batch_period``."""

PERIOD_REGEX: Final[str] = r"^\d{4}-(?:0[1-9]|1[0-2])$"
"""A ``YYYY-MM`` period."""

LABELS_COLUMN: Final[str] = "labels"
"""Classified comments: the ``;``-joined labels, in codebook order."""

TREND_KEY: Final[tuple[str, ...]] = ("period", "directorate", "source", "label")
"""Columns that identify one cell of the trend table."""

TREND_COLUMNS: Final[tuple[str, ...]] = (
    *TREND_KEY,
    "n_comments",
    "n_flagged",
    "rate",
    "ci_low",
    "ci_high",
    "suppressed",
)
"""Columns of the trend table."""


SCORE_COLUMNS: Final[tuple[str, ...]] = tuple(score_column(lab) for lab in LABELS)
"""Score columns of the classified comments, in codebook order."""
