"""Column names shared by sources, contracts, flows and reports."""

from __future__ import annotations

from typing import Final

SOURCES: Final[tuple[str, ...]] = ("survey", "complaint")
"""Source kinds of a normalised record."""

RECORD_COLUMNS: Final[tuple[str, ...]] = (
    "record_id",
    "source",
    "period",
    "directorate",
    "question",
    "text",
    "provenance",
)
"""Columns of the normalised frame every source returns.

``period`` is ``YYYY-MM``; ``provenance`` says where the row came from
(``file.csv:row 12`` or ``cases:case_id=C-00017``) and never holds text.
"""

SURVEY_COLUMNS: Final[tuple[str, ...]] = (
    "response_id",
    "wave",
    "submitted_at",
    "directorate",
    "question_id",
    "question_text",
    "comment",
)
"""Columns of a raw survey export."""

CASE_COLUMNS: Final[tuple[str, ...]] = (
    "case_id",
    "opened_at",
    "directorate",
    "category",
    "status",
    "summary",
)
"""Columns of the complaints ``cases`` table."""

CASE_CATEGORIES: Final[tuple[str, ...]] = (
    "bullying",
    "harassment",
    "discrimination",
    "grievance",
    "other",
)

QUARANTINE_COLUMNS: Final[tuple[str, ...]] = (
    "record_id",
    "source",
    "provenance",
    "rule",
    "reason",
    "run_id",
)
"""Columns of the quarantine table: which row, which rule failed, how to fix it."""
