"""Expectation suites for the input boundaries: raw survey rows, raw cases, records.

Every suite is built in code from the project's constants, so a renamed column
or a new directorate changes the contract in one place. Expectations carry a
``meta`` dict: ``{"rule": name}`` on the row-level rules of the records suite
(see :mod:`data_contracts.rules`), ``{"check": kind}`` on everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import great_expectations as gx

from data_contracts import _gx as gxe
from data_contracts.columns import OCCURRED_MONTH, RECORDS_INPUT_COLUMNS
from data_contracts.row_checks import RowCheck, records_checks
from pipelines.schema import CASE_CATEGORIES, CASE_COLUMNS, SOURCES, SURVEY_COLUMNS

TEXT_TYPES: tuple[str, ...] = ("str",)
"""Python types a text cell may hold (``run_suite`` hands GX string columns as objects)."""


def _columns_exist(columns: Sequence[str]) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnToExist(column=col, meta={"check": "missing_column"}) for col in columns
    ]


def _non_empty() -> gxe.Expectation:
    return gxe.ExpectTableRowCountToBeBetween(
        min_value=1, meta={"check": "empty_batch"}, description="The batch has at least one row."
    )


def _text_typed(column: str) -> gxe.Expectation:
    return gxe.ExpectColumnValuesToBeInTypeList(
        column=column,
        type_list=list(TEXT_TYPES),
        meta={"check": "column_type"},
        description=f"Non-empty cells of `{column}` are text.",
    )


def raw_survey_suite() -> gx.ExpectationSuite:
    """Contract of one raw survey export (one wave file).

    Returns:
        Suite ``raw_survey``: every column of ``SURVEY_COLUMNS`` present, at
        least one row, and text in the question and comment columns.
    """
    expectations = [
        *_columns_exist(SURVEY_COLUMNS),
        _non_empty(),
        _text_typed("question_text"),
        _text_typed("comment"),
    ]
    return gx.ExpectationSuite(name="raw_survey", expectations=expectations)


def raw_complaint_suite() -> gx.ExpectationSuite:
    """Contract of the raw complaints ``cases`` query result.

    Returns:
        Suite ``raw_complaint``: every column of ``CASE_COLUMNS`` present, at
        least one row, text summaries, and ``category`` in ``CASE_CATEGORIES``.
    """
    expectations = [
        *_columns_exist(CASE_COLUMNS),
        _non_empty(),
        _text_typed("summary"),
        gxe.ExpectColumnValuesToBeInSet(
            column="category",
            value_set=list(CASE_CATEGORIES),
            meta={"check": "value_set"},
            description="Case categories are the known ones.",
        ),
    ]
    return gx.ExpectationSuite(name="raw_complaint", expectations=expectations)


_EXPECTATIONS: Final[dict[str, Callable[[RowCheck], gxe.Expectation]]] = {
    "null": lambda c: gxe.ExpectColumnValuesToBeNull(column=c.column, description=c.description),
    "not_null": lambda c: gxe.ExpectColumnValuesToNotBeNull(
        column=c.column, description=c.description
    ),
    "match_regex": lambda c: gxe.ExpectColumnValuesToMatchRegex(
        column=c.column, regex=c.regex, description=c.description
    ),
    "in_set": lambda c: gxe.ExpectColumnValuesToBeInSet(
        column=c.column, value_set=list(c.value_set), description=c.description
    ),
    "pair_equal": lambda c: gxe.ExpectColumnPairValuesToBeEqual(
        column_A=c.column, column_B=c.other, ignore_row_if="neither", description=c.description
    ),
    "unique": lambda c: gxe.ExpectColumnValuesToBeUnique(
        column=c.column, description=c.description
    ),
}


def row_expectation(check: RowCheck) -> gxe.Expectation:
    """The GX expectation of one row-level check, tagged ``meta["rule"]``.

    Args:
        check: A check from :func:`data_contracts.row_checks.records_checks`.

    Returns:
        A new expectation.
    """
    expectation = _EXPECTATIONS[check.kind](check)
    expectation.meta = {"rule": check.rule}
    return expectation


def records_suite(directorates: Sequence[str]) -> gx.ExpectationSuite:
    """Contract of the normalised records, one expectation per row-level check.

    The frame must also hold the derived column ``occurred_month`` (see
    :func:`pipelines.validate.prepare_records`). The row-level expectations
    come from :func:`data_contracts.row_checks.records_checks`, which also
    computes their failing rows with pandas for the quarantine.

    Args:
        directorates: Canonical directorate names of the reference list.

    Returns:
        Suite ``records``. Structural expectations (columns, ``source``,
        ``record_id`` present) have ``meta["check"]``; row-level rules have
        ``meta["rule"]``.
    """
    if not directorates:
        raise ValueError("records suite needs the reference list of directorate names")
    structural = [
        *_columns_exist((*RECORDS_INPUT_COLUMNS, OCCURRED_MONTH)),
        gxe.ExpectColumnValuesToBeInSet(
            column="source", value_set=list(SOURCES), meta={"check": "value_set"}
        ),
        gxe.ExpectColumnValuesToNotBeNull(column="source", meta={"check": "not_null"}),
        gxe.ExpectColumnValuesToNotBeNull(column="record_id", meta={"check": "not_null"}),
    ]
    row_rules = [row_expectation(check) for check in records_checks(directorates)]
    return gx.ExpectationSuite(name="records", expectations=[*structural, *row_rules])
