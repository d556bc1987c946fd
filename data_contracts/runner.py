"""Validate a pandas frame against one suite and return a typed, text-free result."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
from great_expectations.core import ExpectationSuite, ExpectationSuiteValidationResult
from great_expectations.core.batch_definition import BatchDefinition
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)
from great_expectations.datasource.fluent.pandas_datasource import PandasDatasource
from great_expectations.validator.v1_validator import Validator

from data_contracts._gx import AbstractDataContext, FileDataContext
from data_contracts.contexts import default_context, project_lock
from data_contracts.registry import get_suite
from data_contracts.sanitize import sanitize_suite_result

DATASOURCE: Final[str] = "coachlens"
BATCH_DEFINITION: Final[str] = "whole_frame"

SAFE_RESULT_FORMAT: Final[Mapping[str, Any]] = {
    "result_format": "COMPLETE",
    "partial_unexpected_count": 0,
    "include_unexpected_rows": False,
    "exclude_unexpected_values": True,
    "return_unexpected_index_query": False,
}
"""Every failing row position, and no failing value, row or query.

Rows are identified by position (the runner validates a copy with a fresh
``RangeIndex``), not by ``record_id``: ids can be duplicated, which is one of
the things the records suite checks, and not every frame has one.
"""

COUNTS_RESULT_FORMAT: Final[Mapping[str, Any]] = {
    "result_format": "BASIC",
    "partial_unexpected_count": 0,
    "exclude_unexpected_values": True,
}
"""Counts only: no failing value and no row position, however many rows fail."""

_SuiteKey = tuple[str, tuple[str, ...]]
_REGISTERED: weakref.WeakKeyDictionary[AbstractDataContext, dict[_SuiteKey, ExpectationSuite]] = (
    weakref.WeakKeyDictionary()
)
"""Suites already saved in each context (saving compares every expectation pairwise)."""


@dataclass(frozen=True, slots=True)
class ExpectationOutcome:
    """Outcome of one expectation.

    Attributes:
        expectation_type: Snake-case GX type, e.g. ``"expect_column_values_to_be_null"``.
        columns: Columns the expectation looks at (empty for table-level ones).
        rule: Quarantine rule name from ``meta["rule"]``, if any.
        check: Kind of structural check from ``meta["check"]``, if any.
        success: Whether the expectation held.
        unexpected_count: Number of failing rows (0 for table-level expectations).
        failing_rows: 0-based positions, in the validated frame, of failing rows.
        raised_exception: GX could not evaluate it (e.g. a missing column).
        observed_value: Metadata only (a dtype, a row count); never a cell.
    """

    expectation_type: str
    columns: tuple[str, ...]
    rule: str | None
    check: str | None
    success: bool
    unexpected_count: int
    failing_rows: tuple[int, ...]
    raised_exception: bool
    observed_value: Any = None


@dataclass(frozen=True, slots=True)
class SuiteResult:
    """Typed result of :func:`run_suite`; holds no cell content.

    Attributes:
        suite_name: Name of the suite that was run.
        run_id: Name of the validation run.
        success: Whether every expectation held.
        row_count: Rows in the validated frame.
        expectations: One outcome per expectation, in suite order.
    """

    suite_name: str
    run_id: str
    success: bool
    row_count: int
    expectations: tuple[ExpectationOutcome, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> tuple[ExpectationOutcome, ...]:
        """Outcomes of the expectations that did not hold."""
        return tuple(e for e in self.expectations if not e.success)

    def failing_rows(self, rule: str | None = None) -> frozenset[int]:
        """Positions of the rows failing any expectation (or those tagged ``rule``)."""
        return frozenset(
            row
            for e in self.expectations
            if rule is None or e.rule == rule
            for row in e.failing_rows
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable summary (for logs and reports)."""
        return {
            "suite_name": self.suite_name,
            "run_id": self.run_id,
            "success": self.success,
            "row_count": self.row_count,
            "expectations": [
                {
                    "expectation_type": e.expectation_type,
                    "columns": list(e.columns),
                    "rule": e.rule,
                    "check": e.check,
                    "success": e.success,
                    "unexpected_count": e.unexpected_count,
                    "failing_rows": list(e.failing_rows),
                    "raised_exception": e.raised_exception,
                    "observed_value": e.observed_value,
                }
                for e in self.expectations
            ],
        }


def frame_for_gx(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy a frame into the shape the runner validates.

    GX 1.x does not recognise pandas' ``str`` dtype in type checks, so string
    columns become ``object`` (values unchanged); the index becomes a
    ``RangeIndex`` so failing rows come back as positions.

    Args:
        frame: Any frame.

    Returns:
        A new frame.
    """
    out = frame.reset_index(drop=True)
    for col in out.columns:
        if isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].astype(object)
    return out


def _release_batches(definition: BatchDefinition[Any]) -> None:
    """Drop the frames GX's shared execution engine keeps after a validation.

    A datasource caches one execution engine for the life of the context; its
    batch manager keeps the loaded batch (the whole validated frame, comment
    text included) and its metric cache keeps every computed metric (row
    conditions, column copies) until the next validation. In a long-lived
    process (``make server``, a backfill) that is a month of comments held for
    nothing: the result is already computed and sanitised. The metric cache
    has no public method, so it is emptied where GX keeps it (GX is pinned).
    """
    engine = definition.data_asset.datasource.get_execution_engine()
    engine.batch_manager.reset_batch_cache()
    engine.batch_manager.batch_data_cache.clear()
    metric_cache = getattr(engine, "_metric_cache", None)
    if isinstance(metric_cache, dict):
        metric_cache.clear()


def _batch_definition(context: AbstractDataContext, asset_name: str) -> BatchDefinition[Any]:
    with project_lock(context):  # adding any of these rewrites the project's YAML
        sources = context.data_sources
        datasource = sources.get(DATASOURCE) if DATASOURCE in sources.all() else None
        if not isinstance(datasource, PandasDatasource):
            datasource = sources.add_or_update_pandas(name=DATASOURCE)
        if asset_name in datasource.get_asset_names():
            asset = datasource.get_asset(asset_name)
        else:
            asset = datasource.add_dataframe_asset(name=asset_name)
        definition: BatchDefinition[Any]
        if any(bd.name == BATCH_DEFINITION for bd in asset.batch_definitions):
            definition = asset.get_batch_definition(BATCH_DEFINITION)
        else:
            definition = asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)
    return definition


_COLUMN_KWARGS: Final[tuple[str, ...]] = ("column", "column_A", "column_B")


def contract_columns(suite: ExpectationSuite) -> set[str] | None:
    """Columns the suite's expectations look at, or ``None`` if one looks at the whole table.

    Args:
        suite: An expectation suite.

    Returns:
        The column names, or ``None`` when an expectation other than a row
        count depends on the table's full set of columns, or has a row
        condition (which may name any column).
    """
    columns: set[str] = set()
    for config in suite.expectation_configurations:
        kwargs = config.kwargs
        named = [kwargs[k] for k in _COLUMN_KWARGS if k in kwargs]
        named += list(kwargs.get("column_list") or ())
        whole_table = not named and config.type != "expect_table_row_count_to_be_between"
        if whole_table or kwargs.get("row_condition"):  # a condition may name any column
            return None
        columns.update(str(c) for c in named)
    return columns


def _contract_view(frame: pd.DataFrame, suite: ExpectationSuite) -> pd.DataFrame:
    """The frame's columns the suite looks at (the others cannot change its result)."""
    wanted = contract_columns(suite)
    if wanted is None or frame.columns.has_duplicates:
        return frame
    return frame.loc[:, [c for c in frame.columns if c in wanted]]


def _registered_suite(
    context: AbstractDataContext, suite_name: str, directorates: Sequence[str] | None
) -> ExpectationSuite:
    """Save the suite in the context once per process and return the saved suite.

    Suites are built deterministically from the code and the directorate list,
    so a suite saved earlier in this process with the same inputs is reused.
    """
    key = (suite_name, tuple(directorates or ()) if suite_name == "records" else ())
    saved = _REGISTERED.setdefault(context, {})
    if key not in saved:
        with project_lock(context):
            suite = get_suite(suite_name, directorates=directorates)
            saved[key] = context.suites.add_or_update(suite)
    return saved[key]


def _columns(kwargs: Mapping[str, Any]) -> tuple[str, ...]:
    if "column" in kwargs:
        return (str(kwargs["column"]),)
    if "column_A" in kwargs:
        return (str(kwargs["column_A"]), str(kwargs["column_B"]))
    return tuple(str(c) for c in kwargs.get("column_list", ()))


def _outcomes(
    result: ExpectationSuiteValidationResult, suite: ExpectationSuite
) -> tuple[ExpectationOutcome, ...]:
    order = {e.id: i for i, e in enumerate(suite.expectations)}
    outcomes = []
    for item in sorted(
        result.results, key=lambda r: order.get(getattr(r.expectation_config, "id", None), 0)
    ):
        config = item.expectation_config
        assert config is not None
        meta = config.meta or {}
        details = item.result or {}
        exception = item.exception_info or {}
        outcomes.append(
            ExpectationOutcome(
                expectation_type=config.type,
                columns=_columns(config.kwargs),
                rule=meta.get("rule"),
                check=meta.get("check"),
                success=bool(item.success),
                unexpected_count=int(details.get("unexpected_count") or 0),
                failing_rows=tuple(int(i) for i in details.get("unexpected_index_list", ())),
                raised_exception=bool(exception.get("raised_exception")),
                observed_value=details.get("observed_value"),
            )
        )
    return tuple(outcomes)


def _persist(
    context: FileDataContext,
    result: ExpectationSuiteValidationResult,
    *,
    suite_name: str,
    batch_id: str,
    run: RunIdentifier,
) -> None:
    suite_id = ExpectationSuiteIdentifier(name=suite_name)
    key = ValidationResultIdentifier(
        batch_identifier=batch_id, expectation_suite_identifier=suite_id, run_id=run
    )
    context.validation_results_store.store_validation_results(
        suite_validation_result=result,
        suite_validation_result_identifier=key,
        expectation_suite_identifier=suite_id,
    )


def run_suite(
    frame: pd.DataFrame,
    suite_name: str,
    *,
    context: AbstractDataContext | None = None,
    directorates: Sequence[str] | None = None,
    run_id: str | None = None,
    row_positions: bool = True,
) -> SuiteResult:
    """Validate a pandas frame against a registered suite.

    Only the columns the suite's expectations name are handed to GX (the
    others cannot change any expectation's result). Results carry counts and
    failing row positions only: GX is asked not to
    collect failing values (:data:`SAFE_RESULT_FORMAT`, or
    :data:`COUNTS_RESULT_FORMAT` without positions) and the result is passed
    through :func:`data_contracts.sanitize.sanitize_suite_result` before
    anything is kept. With a file-backed context the sanitised result is
    stored in the project, for :func:`data_contracts.build_data_docs`.

    Args:
        frame: The frame to validate (it is not modified).
        suite_name: One of :data:`data_contracts.registry.SUITE_NAMES`.
        context: GX context; ``None`` uses a process-wide in-memory one.
        directorates: Reference directorate names (for ``"records"``).
        run_id: Name of the run, shown in Data Docs; defaults to a timestamp.
        row_positions: Collect the positions of failing rows. Without them
            GX returns counts only, which is cheaper when many rows fail;
            ``failing_rows`` is then empty.

    Returns:
        The typed result; ``failing_rows`` are positions in ``frame``.

    Raises:
        KeyError: Unknown ``suite_name``.
    """
    ctx = context if context is not None else default_context()
    suite = _registered_suite(ctx, suite_name, directorates)
    data = frame_for_gx(_contract_view(frame, suite))
    definition = _batch_definition(ctx, suite_name)
    validator = Validator(
        batch_definition=definition,
        batch_parameters={"dataframe": data},
        result_format=dict(SAFE_RESULT_FORMAT if row_positions else COUNTS_RESULT_FORMAT),
    )
    try:
        result = validator.validate_expectation_suite(suite)
        batch_id = str(validator.active_batch_id)
    finally:
        _release_batches(definition)
    sanitize_suite_result(result)
    now = dt.datetime.now(dt.UTC)
    run = RunIdentifier(run_name=run_id or now.strftime("%Y%m%dT%H%M%SZ"), run_time=now)
    result.meta["run_id"] = run
    if isinstance(ctx, FileDataContext):
        _persist(ctx, result, suite_name=suite_name, batch_id=batch_id, run=run)
    return SuiteResult(
        suite_name=suite_name,
        run_id=str(run.run_name),
        success=bool(result.success),
        row_count=len(data),
        expectations=_outcomes(result, suite),
    )
