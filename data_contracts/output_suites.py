"""Expectation suites for the outputs: classified comments and the trend table."""

from __future__ import annotations

import re

import great_expectations as gx
from great_expectations.expectations.row_conditions import Column

from data_contracts import _gx as gxe
from data_contracts.columns import (
    LABELS_COLUMN,
    PERIOD_REGEX,
    SCORE_COLUMNS,
    TREND_COLUMNS,
    TREND_KEY,
)
from models.taxonomy import LABEL_SEPARATOR, LABELS

INT_TYPES: tuple[str, ...] = ("int64", "int32", "int16", "Int64", "Int32", "Int16")
FLOAT_TYPES: tuple[str, ...] = ("float64", "float32", "Float64", "Float32")
BOOL_TYPES: tuple[str, ...] = ("bool", "boolean")
COUNT_TYPES: tuple[str, ...] = (*INT_TYPES, "Int64Dtype")
"""Trend counts: nullable integers (NA in suppressed cells); GX names that dtype ``Int64Dtype``."""


def labels_regex() -> str:
    """Regex of a ``;``-joined subset of ``LABELS`` in codebook order.

    Every label is optional and may appear only after the labels that precede
    it in the codebook; a separator is allowed only between two labels. The
    empty string (no label) matches.

    Returns:
        The anchored pattern.
    """
    sep = re.escape(LABEL_SEPARATOR)
    parts = "".join(f"(?:(?:^|(?<=.){sep}){re.escape(lab)})?" for lab in LABELS)
    return f"^{parts}$"


def classified_suite() -> gx.ExpectationSuite:
    """Contract of the classified comments.

    Returns:
        Suite ``classified``: ``record_id`` present and unique, ``labels`` an
        ordered ``;``-joined subset of the codebook (empty for none), and one
        ``score_<aspect>_<polarity>`` column per label with values in [0, 1].
    """
    expectations: list[gxe.Expectation] = [
        gxe.ExpectColumnToExist(column="record_id", meta={"check": "missing_column"}),
        gxe.ExpectColumnToExist(column=LABELS_COLUMN, meta={"check": "missing_column"}),
        gxe.ExpectColumnValuesToNotBeNull(column="record_id", meta={"check": "not_null"}),
        gxe.ExpectColumnValuesToBeUnique(column="record_id", meta={"check": "unique"}),
        gxe.ExpectColumnValuesToMatchRegex(
            column=LABELS_COLUMN,
            regex=labels_regex(),
            meta={"check": "labels"},
            description="Labels are codebook labels, `;`-joined in codebook order.",
        ),
    ]
    for col in SCORE_COLUMNS:
        expectations += [
            gxe.ExpectColumnToExist(column=col, meta={"check": "missing_column"}),
            gxe.ExpectColumnValuesToNotBeNull(column=col, meta={"check": "not_null"}),
            gxe.ExpectColumnValuesToBeBetween(
                column=col, min_value=0, max_value=1, meta={"check": "range"}
            ),
        ]
    return gx.ExpectationSuite(name="classified", expectations=expectations)


def _pair(a: str, b: str) -> gxe.Expectation:
    return gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A=a,
        column_B=b,
        or_equal=True,
        ignore_row_if="either_value_is_missing",
        meta={"check": "order"},
        description=f"`{b}` <= `{a}`.",
    )


def trend_suite() -> gx.ExpectationSuite:
    """Contract of the trend table (one row per period, directorate, source, label).

    Returns:
        Suite ``trend``: the columns of ``TREND_COLUMNS``; integer counts with
        ``0 <= n_flagged <= n_comments`` (null only in suppressed cells);
        ``rate`` in [0, 1] between ``ci_low`` and ``ci_high``, null exactly
        in suppressed cells;
        ``label`` in ``LABELS``; boolean ``suppressed``; unique key.
    """
    expectations: list[gxe.Expectation] = [
        gxe.ExpectColumnToExist(column=col, meta={"check": "missing_column"})
        for col in TREND_COLUMNS
    ]
    expectations += [
        gxe.ExpectColumnValuesToNotBeNull(column=col, meta={"check": "not_null"})
        for col in (*TREND_KEY, "suppressed")
    ]
    expectations += [
        gxe.ExpectColumnValuesToNotBeNull(
            column=col,
            row_condition=Column("suppressed") == False,  # noqa: E712
            meta={"check": "not_null"},
            description="Counts are published only in cells that are not suppressed.",
        )
        for col in ("n_comments", "n_flagged")
    ]
    expectations += [
        gxe.ExpectColumnValuesToBeNull(
            column=col,
            row_condition=Column("suppressed") == True,  # noqa: E712
            meta={"check": "suppressed"},
            description="A suppressed cell publishes no rate (never 0).",
        )
        for col in ("rate", "ci_low", "ci_high")
    ]
    expectations += [
        gxe.ExpectColumnValuesToMatchRegex(
            column="period", regex=PERIOD_REGEX, meta={"check": "format"}
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="label", value_set=list(LABELS), meta={"check": "value_set"}
        ),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=list(TREND_KEY), meta={"check": "unique"}),
        gxe.ExpectColumnValuesToBeInTypeList(
            column="suppressed", type_list=list(BOOL_TYPES), meta={"check": "column_type"}
        ),
    ]
    for col in ("n_comments", "n_flagged"):
        expectations += [
            gxe.ExpectColumnValuesToBeInTypeList(
                column=col, type_list=list(COUNT_TYPES), meta={"check": "column_type"}
            ),
            gxe.ExpectColumnValuesToBeBetween(column=col, min_value=0, meta={"check": "range"}),
        ]
    for col in ("rate", "ci_low", "ci_high"):
        expectations += [
            gxe.ExpectColumnValuesToBeInTypeList(
                column=col, type_list=list(FLOAT_TYPES), meta={"check": "column_type"}
            ),
            gxe.ExpectColumnValuesToBeBetween(
                column=col, min_value=0, max_value=1, meta={"check": "range"}
            ),
        ]
    expectations += [
        _pair("n_comments", "n_flagged"),
        _pair("rate", "ci_low"),
        _pair("ci_high", "rate"),
        gxe.ExpectColumnValuesToNotBeNull(
            column="rate",
            row_condition=Column("suppressed") == False,  # noqa: E712
            meta={"check": "not_null"},
            description="Cells that are not suppressed have a rate.",
        ),
    ]
    return gx.ExpectationSuite(name="trend", expectations=expectations)
