"""Row-level checks of the records contract, defined once for GX and for pandas (no GX import).

Each :class:`RowCheck` becomes one expectation of the ``records`` suite
(:func:`data_contracts.suites.records_suite`), and :func:`failing_mask`
computes the rows that expectation counts as unexpected with the same pandas
operations GX's pandas engine uses. :func:`rule_masks` checks that both agree
on every count, so the quarantine is decided by the GX contract's rules while
GX itself is asked for counts only (no per-row lists for large frames).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
import pandas as pd

from data_contracts import rules
from data_contracts.columns import OCCURRED_MONTH, PERIOD_REGEX

if TYPE_CHECKING:
    from data_contracts.runner import SuiteResult

CheckKind = Literal["null", "not_null", "match_regex", "in_set", "pair_equal", "unique"]

NOT_WHITESPACE: Final[str] = r"\S"


@dataclass(frozen=True, slots=True)
class RowCheck:
    """One row-level expectation and the quarantine rule it stands for.

    Attributes:
        rule: Quarantine rule name (see :mod:`data_contracts.rules`).
        kind: What the expectation asserts about each row.
        column: The column checked (``column_A`` of a pair).
        other: ``column_B`` of a ``pair_equal`` check (else empty).
        regex: Pattern of a ``match_regex`` check, searched, not anchored (else empty).
        value_set: Allowed values of an ``in_set`` check.
        description: Shown in Data Docs.
    """

    rule: str
    kind: CheckKind
    column: str
    other: str = ""
    regex: str = ""
    value_set: tuple[str, ...] = ()
    description: str | None = None


class RuleDriftError(RuntimeError):
    """The pandas row masks and the GX contract counted different failing rows."""


def records_checks(directorates: Sequence[str]) -> tuple[RowCheck, ...]:
    """Row-level checks of the normalised records, in suite order.

    Args:
        directorates: Canonical directorate names of the reference list.

    Returns:
        One check per row-level expectation of the ``records`` suite.
    """
    return (
        RowCheck(
            rules.PARSE_ERROR, "null", "parse_error", description="The source row was parsed."
        ),
        RowCheck(rules.BLANK_TEXT, "not_null", "text"),
        RowCheck(
            rules.BLANK_TEXT,
            "match_regex",
            "text",
            regex=NOT_WHITESPACE,
            description="Comment text is not whitespace only.",
        ),
        RowCheck(rules.UNKNOWN_DIRECTORATE, "not_null", "directorate"),
        RowCheck(rules.UNKNOWN_DIRECTORATE, "in_set", "directorate", value_set=tuple(directorates)),
        RowCheck(rules.BAD_PERIOD, "not_null", "period"),
        RowCheck(rules.BAD_PERIOD, "match_regex", "period", regex=PERIOD_REGEX),
        RowCheck(
            rules.DATE_OUTSIDE_PERIOD,
            "pair_equal",
            OCCURRED_MONTH,
            other="batch_period",
            description="The date falls in the month the wave or query declares.",
        ),
        RowCheck(rules.DUPLICATE_RECORD_ID, "unique", "record_id"),
    )


def failing_mask(frame: pd.DataFrame, check: RowCheck) -> np.ndarray:
    """Rows the check's GX expectation counts as unexpected, computed with pandas.

    Mirrors GX's pandas engine: null checks look at every row, the pair check
    compares every row (``ignore_row_if="neither"``), and the other checks
    skip missing values.

    Args:
        frame: The frame as validated (see :func:`data_contracts.runner.frame_for_gx`).
        check: The check.

    Returns:
        A boolean array, ``True`` for failing rows, in row order.
    """
    column = frame[check.column]
    if check.kind == "null":
        return column.notna().to_numpy(dtype=bool)
    if check.kind == "not_null":
        return column.isna().to_numpy(dtype=bool)
    if check.kind == "pair_equal":
        return ~(column == frame[check.other]).to_numpy(dtype=bool)
    present = column.notna().to_numpy(dtype=bool)
    values = column[present]
    if check.kind == "match_regex":
        ok = values.astype(str).str.contains(check.regex)
    elif check.kind == "in_set":
        ok = values.isin(check.value_set)
    else:
        ok = ~values.duplicated(keep=False)
    failing = np.zeros(len(column), dtype=bool)
    failing[present] = ~ok.to_numpy(dtype=bool)
    return failing


def rule_masks(
    frame: pd.DataFrame, checks: Sequence[RowCheck], result: SuiteResult
) -> dict[str, np.ndarray]:
    """Failing rows per rule, after checking them against the GX contract's counts.

    Args:
        frame: The frame GX validated.
        checks: The row-level checks the suite was built from, in suite order.
        result: The suite result (counts per expectation).

    Returns:
        Rule name -> boolean array of the rows failing any of its checks.

    Raises:
        RuleDriftError: The suite's row-level expectations do not match
            ``checks``, or a count differs from the pandas mask.
    """
    outcomes = [e for e in result.expectations if e.rule is not None]
    if len(outcomes) != len(checks):
        raise RuleDriftError(
            f"suite {result.suite_name!r} has {len(outcomes)} row-level expectations, "
            f"the row checks {len(checks)}"
        )
    masks: dict[str, np.ndarray] = {}
    for outcome, check in zip(outcomes, checks, strict=True):
        mask = failing_mask(frame, check)
        counted = int(mask.sum())
        if outcome.rule != check.rule or outcome.columns[0] != check.column:
            raise RuleDriftError(
                f"expectation {outcome.expectation_type} on {outcome.columns} does not match "
                f"the row check {check.kind} on {check.column!r}"
            )
        if counted != outcome.unexpected_count:
            raise RuleDriftError(
                f"{outcome.expectation_type} on {outcome.columns}: GX counted "
                f"{outcome.unexpected_count} failing rows, the row mask {counted}"
            )
        previous = masks.get(check.rule)
        masks[check.rule] = mask if previous is None else previous | mask
    return masks


def first_failing_rule(masks: Mapping[str, np.ndarray], record_ids: pd.Series) -> pd.Series:
    """Pick, for every row, the first failing rule in ``rules.RULE_PRIORITY``.

    For ``duplicate_record_id`` the rows failing are every occurrence of a
    duplicated id (as GX reports them); the first occurrence among them is
    kept, so only the later ones count as failing that rule.

    Args:
        masks: Rule name -> boolean array of failing rows (rules may be absent).
        record_ids: ``record_id`` of every row, in row order.

    Returns:
        Rule name per row (same index as ``record_ids``), ``None`` for rows that pass.
    """
    codes = np.full(len(record_ids), len(rules.RULE_PRIORITY))
    for code in range(len(rules.RULE_PRIORITY) - 1, -1, -1):  # the first rule is written last
        rule = rules.RULE_PRIORITY[code]
        mask = masks.get(rule)
        if mask is None or not mask.any():
            continue
        if rule == rules.DUPLICATE_RECORD_ID:
            rows = np.flatnonzero(mask)
            later = record_ids.iloc[rows].duplicated(keep="first").to_numpy(dtype=bool)
            mask = np.zeros(len(record_ids), dtype=bool)
            mask[rows[later]] = True
        codes[mask] = code
    names = np.array([*rules.RULE_PRIORITY, None], dtype=object)
    return pd.Series(names[codes], index=record_ids.index, dtype=object)
