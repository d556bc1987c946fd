"""Contract checks on raw batches, and row-level validation with quarantine.

:func:`check_batch` rejects a whole raw batch (missing columns, no rows, wrong
types) with a :class:`ContractError` that names the file, the problem and the
fix. :func:`validate_records` runs the ``records`` suite and splits the
normalised records into rows that pass and quarantine rows that say which rule
failed and how to fix it. Neither ever puts comment text in a message, a log
line or the quarantine table.

Great Expectations is imported only when a check runs; the helpers
(:func:`prepare_records`, :func:`assign_rules`) are plain pandas.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
import pandas as pd

from data_contracts.columns import OCCURRED_MONTH, RECORDS_INPUT_COLUMNS
from data_contracts.row_checks import first_failing_rule, records_checks, rule_masks
from pipelines.quarantine import build_quarantine, clip, empty_quarantine
from pipelines.schema import (
    CASE_CATEGORIES,
    CASE_COLUMNS,
    SOURCES,
    SURVEY_COLUMNS,
)

if TYPE_CHECKING:
    from data_contracts._gx import AbstractDataContext
    from data_contracts.runner import ExpectationOutcome, SuiteResult

logger = logging.getLogger(__name__)

RECORDS_FILE: Final[str] = "normalised records"
"""What :class:`ContractError` names when the records frame itself is malformed."""


class ContractError(ValueError):
    """A batch breaks its data contract.

    Attributes:
        file: The file or query the batch came from.
        problem: What is wrong (column names, counts; never cell text).
        fix: What to do about it.
    """

    def __init__(self, file: str, problem: str, fix: str) -> None:
        self.file = file
        self.problem = problem
        self.fix = fix
        super().__init__(f"{file}: {problem}. Fix: {fix}")


@dataclass(frozen=True)
class ValidationOutcome:
    """Records split by the row-level rules.

    Attributes:
        passed: Records that pass every rule (same columns and index as the input).
        quarantine: One row per rejected record, columns ``QUARANTINE_COLUMNS``.
        counts: Per source: ``source``, ``read``, ``passed``, ``quarantined``.
    """

    passed: pd.DataFrame
    quarantine: pd.DataFrame
    counts: pd.DataFrame


def _names(columns: Sequence[str]) -> str:
    return ", ".join(repr(c) for c in columns)


# --- batch-level -----------------------------------------------------------------------

_BATCH: Final[dict[str, dict[str, str]]] = {
    "survey": {
        "suite": "raw_survey",
        "missing": "re-export the wave with these columns, or rename the headers to match "
        "pipelines.schema.SURVEY_COLUMNS",
        "empty": "re-export the wave (the file has a header but no rows), or remove the file "
        "if the wave had no responses",
        "type": "export the column as text, or read the file with dtype=str",
    },
    "complaint": {
        "suite": "raw_complaint",
        "missing": "select these columns in the cases query (see pipelines.schema.CASE_COLUMNS)",
        "empty": "check the period and the database URL (COACHLENS_COMPLAINTS_URL); the query "
        "returned no cases",
        "type": "cast the column to text in the cases query",
        "category": "add the category to pipelines.schema.CASE_CATEGORIES, or map it to one "
        "of them in the cases query",
    },
}


def check_batch(
    raw: pd.DataFrame,
    *,
    kind: Literal["survey", "complaint"],
    file: str,
    context: AbstractDataContext | None = None,
) -> None:
    """Check a raw batch against its suite (``raw_survey`` or ``raw_complaint``).

    Args:
        raw: The raw rows as read from the export or the cases query.
        kind: Which contract applies.
        file: Where the batch came from, for the message (e.g. ``surveys/wave_2025-06.csv``).
        context: GX context; ``None`` uses a process-wide in-memory one.

    Raises:
        ContractError: Naming the file, the problem (missing columns by name,
            an empty batch, non-text columns, unknown case categories) and the fix.
    """
    from data_contracts.runner import run_suite

    result = run_suite(raw, _BATCH[kind]["suite"], context=context)
    if result.success:
        return
    problems, fixes = _batch_problems(result, raw, kind)
    logger.warning("batch %s breaks its contract: %s", file, "; ".join(problems))
    raise ContractError(file, "; ".join(problems), "; ".join(fixes))


def _batch_problems(
    result: SuiteResult, raw: pd.DataFrame, kind: Literal["survey", "complaint"]
) -> tuple[list[str], list[str]]:
    text = _BATCH[kind]
    failed = result.failed
    missing = [e.columns[0] for e in failed if e.check == "missing_column"]
    if missing:
        expected = SURVEY_COLUMNS if kind == "survey" else CASE_COLUMNS
        problem = f"missing column(s) {_names(missing)} (expected {_names(expected)})"
        return [problem], [text["missing"]]
    problems: list[str] = []
    fixes: list[str] = []
    for outcome in failed:
        if outcome.check == "empty_batch":
            problems.append("the batch has no rows")
            fixes.append(text["empty"])
        elif outcome.check == "column_type":
            problems.append(_type_problem(outcome))
            fixes.append(text["type"])
        elif outcome.check == "value_set" and kind == "complaint":
            ids = raw.iloc[list(outcome.failing_rows[:5])]["case_id"].map(clip).tolist()
            problems.append(
                f"{outcome.unexpected_count} case(s) have a category outside "
                f"{_names(CASE_CATEGORIES)} (case_id {', '.join(ids)})"
            )
            fixes.append(text["category"])
        else:
            problems.append(f"{outcome.expectation_type} failed on {_names(outcome.columns)}")
            fixes.append("see the Data Docs of the raw suite for details")
    return problems, list(dict.fromkeys(fixes))


def _type_problem(outcome: ExpectationOutcome) -> str:
    column = _names(outcome.columns)
    if outcome.unexpected_count:
        return f"column {column} holds non-text values in {outcome.unexpected_count} row(s)"
    return f"column {column} has dtype {outcome.observed_value} but must hold text"


# --- row-level -------------------------------------------------------------------------


def prepare_records(records: pd.DataFrame) -> pd.DataFrame:
    """Select the columns the records suite reads and derive ``occurred_month``.

    Args:
        records: Normalised records with ``RECORDS_INPUT_COLUMNS``.

    Returns:
        A new frame with a ``RangeIndex`` (positions), the input columns, and
        ``occurred_month`` (``YYYY-MM`` of ``occurred_at``; missing for NaT).
    """
    out = records.loc[:, list(RECORDS_INPUT_COLUMNS)].reset_index(drop=True)
    occurred = pd.to_datetime(out["occurred_at"], errors="coerce")
    if getattr(occurred.dt, "tz", None) is not None:
        occurred = occurred.dt.tz_convert(None)
    out["occurred_at"] = occurred
    out[OCCURRED_MONTH] = occurred.dt.strftime("%Y-%m")
    return out


def assign_rules(failing: Mapping[str, Collection[int]], record_ids: pd.Series) -> pd.Series:
    """Pick, for every row, the first failing rule in ``rules.RULE_PRIORITY``.

    For ``duplicate_record_id`` the rows failing are every occurrence of a
    duplicated id (as GX reports them); the first occurrence is kept, so only
    the later ones count as failing that rule.

    Args:
        failing: Row positions (0-based) failing each rule.
        record_ids: ``record_id`` of every row, in row order.

    Returns:
        Rule name per row (same index as ``record_ids``), ``None`` for rows that pass.
    """
    masks = {}
    for rule, rows in failing.items():
        mask = np.zeros(len(record_ids), dtype=bool)
        mask[list(rows)] = True
        masks[rule] = mask
    return first_failing_rule(masks, record_ids)


def _counts(records: pd.DataFrame, passed: pd.DataFrame, quarantine: pd.DataFrame) -> pd.DataFrame:
    present = [s for s in records["source"].dropna().unique().tolist() if s not in SOURCES]
    sources = [*SOURCES, *sorted(map(str, present))]
    counts = pd.DataFrame(
        {
            "source": sources,
            "read": records["source"].value_counts().reindex(sources, fill_value=0).to_numpy(),
            "passed": passed["source"].value_counts().reindex(sources, fill_value=0).to_numpy(),
            "quarantined": quarantine["source"]
            .value_counts()
            .reindex(sources, fill_value=0)
            .to_numpy(),
        }
    ).astype({"read": "int64", "passed": "int64", "quarantined": "int64"})
    check_counts(counts, total=len(records))
    return counts


def check_counts(counts: pd.DataFrame, *, total: int) -> None:
    """Check that no record was lost or doubled: ``read == passed + quarantined``.

    Args:
        counts: Per-source counts with ``read``, ``passed``, ``quarantined``.
        total: Number of records read.

    Raises:
        RuntimeError: Naming the sources whose counts do not add up.
    """
    bad = counts.loc[counts["read"] != counts["passed"] + counts["quarantined"], "source"]
    if len(bad) or int(counts["read"].sum()) != total:
        raise RuntimeError(
            f"validation lost or doubled records: read != passed + quarantined for "
            f"{bad.tolist() or 'the total'} (read {total})"
        )


def _structural_problems(result: SuiteResult) -> list[str]:
    problems = []
    for outcome in result.failed:
        columns = _names(outcome.columns)
        if outcome.raised_exception:
            problems.append(f"{outcome.expectation_type} on {columns} could not be evaluated")
        elif outcome.rule is None:
            problems.append(
                f"{outcome.unexpected_count} row(s) fail {outcome.expectation_type} on {columns}"
            )
    return problems


def validate_records(
    records: pd.DataFrame,
    *,
    directorates: Sequence[str],
    run_id: str,
    context: AbstractDataContext | None = None,
) -> ValidationOutcome:
    """Validate normalised records row by row and quarantine the failures.

    The ``records`` suite (GX) evaluates one expectation per rule: the source
    row parsed (``parse_error``), text present and not whitespace only
    (``blank_text``), directorate known (``unknown_directorate``), period is
    ``YYYY-MM`` (``bad_period``), ``occurred_at`` present and in the month of
    ``batch_period`` (``date_outside_period``) and ``record_id`` unique
    (``duplicate_record_id``: every occurrence after the first is
    quarantined, the first is kept). A row failing several rules is
    quarantined once, under the first failing rule in this fixed priority
    order: parse_error, blank_text, unknown_directorate, bad_period,
    date_outside_period, duplicate_record_id. So every record read is either
    passed or quarantined, exactly once.

    GX is asked for counts only; the failing rows come from the same row
    checks (:mod:`data_contracts.row_checks`) evaluated with pandas, and each
    check's count must equal the count GX reports for its expectation.

    Args:
        records: Frame with ``RECORD_COLUMNS`` plus ``raw_directorate``,
            ``occurred_at``, ``batch_period`` and ``parse_error``.
        directorates: Canonical directorate names of the reference list.
        run_id: Pipeline run id, copied into every quarantine row.
        context: GX context (file-backed to keep results for Data Docs);
            ``None`` uses a process-wide in-memory one.

    Returns:
        Passed records, quarantine rows (no text column, no comment content)
        and per-source counts.

    Raises:
        ContractError: Columns are missing, or a structural expectation fails
            (unknown ``source``, missing ``record_id``).
        RuntimeError: ``read != passed + quarantined`` for some source, or the
            row masks disagree with the GX counts
            (:class:`~data_contracts.row_checks.RuleDriftError`).
    """
    missing = [c for c in RECORDS_INPUT_COLUMNS if c not in records.columns]
    if missing:
        raise ContractError(
            RECORDS_FILE,
            f"missing column(s) {_names(missing)}",
            "the source must return pipelines.schema.RECORD_COLUMNS plus "
            "raw_directorate, occurred_at, batch_period and parse_error",
        )
    if records.empty:
        empty = empty_quarantine()
        return ValidationOutcome(records.copy(), empty, _counts(records, records, empty))

    from data_contracts.runner import frame_for_gx, run_suite

    prepared = frame_for_gx(prepare_records(records))
    result = run_suite(
        prepared,
        "records",
        context=context,
        directorates=directorates,
        run_id=run_id,
        row_positions=False,
    )
    problems = _structural_problems(result)
    if problems:
        raise ContractError(
            RECORDS_FILE,
            "; ".join(problems),
            "the source must set record_id and a source in " + _names(SOURCES),
        )
    masks = rule_masks(prepared, records_checks(directorates), result)
    rule_of_row = first_failing_rule(masks, prepared["record_id"])
    keep = rule_of_row.isna().to_numpy()
    passed = records.loc[keep]
    quarantine = build_quarantine(prepared, rule_of_row, run_id)
    counts = _counts(records, passed, quarantine)
    logger.info(
        "run %s: %d records, %d passed, %d quarantined %s",
        run_id,
        len(records),
        len(passed),
        len(quarantine),
        rule_of_row.value_counts().to_dict(),
    )
    return ValidationOutcome(passed=passed, quarantine=quarantine, counts=counts)
