"""Names of the row-level rules of the records contract (no GX import here).

Each row-level expectation in the ``records`` suite carries one of these names
in its ``meta["rule"]``; :func:`pipelines.validate.validate_records` maps the
failing rows of that expectation to quarantine rows with that rule.
"""

from __future__ import annotations

from typing import Final

PARSE_ERROR: Final[str] = "parse_error"
BLANK_TEXT: Final[str] = "blank_text"
UNKNOWN_DIRECTORATE: Final[str] = "unknown_directorate"
BAD_PERIOD: Final[str] = "bad_period"
DATE_OUTSIDE_PERIOD: Final[str] = "date_outside_period"
DUPLICATE_RECORD_ID: Final[str] = "duplicate_record_id"

RULE_PRIORITY: Final[tuple[str, ...]] = (
    PARSE_ERROR,
    BLANK_TEXT,
    UNKNOWN_DIRECTORATE,
    BAD_PERIOD,
    DATE_OUTSIDE_PERIOD,
    DUPLICATE_RECORD_ID,
)
"""A row failing several rules is quarantined once, under the first of these."""
