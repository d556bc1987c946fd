"""Expectation suites for the input boundaries: raw survey rows, raw cases, records.

Every suite is built in code from the project's constants, so a renamed column
or a new directorate changes the contract in one place. Expectations carry a
``meta`` dict: ``{"rule": name}`` on the row-level rules of the records suite
(see :mod:`data_contracts.rules`), ``{"check": kind}`` on everything else.
"""

from __future__ import annotations

from collections.abc import Sequence

import great_expectations as gx

from data_contracts import _gx as gxe
from data_contracts import rules
from data_contracts.columns import OCCURRED_MONTH, PERIOD_REGEX, RECORDS_INPUT_COLUMNS
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


def _rule(expectation: gxe.Expectation, rule: str) -> gxe.Expectation:
    expectation.meta = {"rule": rule}
    return expectation


def records_suite(directorates: Sequence[str]) -> gx.ExpectationSuite:
    """Contract of the normalised records, one expectation per row-level rule.

    The frame must also hold the derived column ``occurred_month`` (see
    :func:`pipelines.validate.prepare_records`).

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
    row_rules = [
        _rule(
            gxe.ExpectColumnValuesToBeNull(
                column="parse_error", description="The source row was parsed."
            ),
            rules.PARSE_ERROR,
        ),
        _rule(gxe.ExpectColumnValuesToNotBeNull(column="text"), rules.BLANK_TEXT),
        _rule(
            gxe.ExpectColumnValuesToMatchRegex(
                column="text", regex=r"\S", description="Comment text is not whitespace only."
            ),
            rules.BLANK_TEXT,
        ),
        _rule(gxe.ExpectColumnValuesToNotBeNull(column="directorate"), rules.UNKNOWN_DIRECTORATE),
        _rule(
            gxe.ExpectColumnValuesToBeInSet(column="directorate", value_set=list(directorates)),
            rules.UNKNOWN_DIRECTORATE,
        ),
        _rule(gxe.ExpectColumnValuesToNotBeNull(column="period"), rules.BAD_PERIOD),
        _rule(
            gxe.ExpectColumnValuesToMatchRegex(column="period", regex=PERIOD_REGEX),
            rules.BAD_PERIOD,
        ),
        _rule(
            gxe.ExpectColumnPairValuesToBeEqual(
                column_A=OCCURRED_MONTH,
                column_B="batch_period",
                ignore_row_if="neither",
                description="The date falls in the month the wave or query declares.",
            ),
            rules.DATE_OUTSIDE_PERIOD,
        ),
        _rule(gxe.ExpectColumnValuesToBeUnique(column="record_id"), rules.DUPLICATE_RECORD_ID),
    ]
    return gx.ExpectationSuite(name="records", expectations=[*structural, *row_rules])
