"""Strip cell content from GX validation results before they are kept anywhere.

The runner already asks GX not to collect unexpected values; this module is
the second line: it keeps only an allow-list of counts and row positions, so
no comment text (nor any other cell) reaches stored results or Data Docs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from great_expectations.core import ExpectationSuiteValidationResult

SAFE_RESULT_KEYS: Final[frozenset[str]] = frozenset(
    {
        "element_count",
        "missing_count",
        "missing_percent",
        "unexpected_count",
        "unexpected_percent",
        "unexpected_percent_total",
        "unexpected_percent_nonmissing",
    }
)
"""Result entries that are counts only."""

METADATA_OBSERVED: Final[frozenset[str]] = frozenset(
    {
        "expect_column_values_to_be_in_type_list",
        "expect_column_values_to_be_of_type",
        "expect_table_row_count_to_be_between",
        "expect_table_row_count_to_equal",
        "expect_table_column_count_to_be_between",
        "expect_table_column_count_to_equal",
        "expect_table_columns_to_match_set",
        "expect_table_columns_to_match_ordered_list",
    }
)
"""Expectations whose ``observed_value`` is a dtype, a count or column names, never a cell."""

REDACTED: Final[str] = "[redacted: cell content is never stored]"


def _is_position_list(value: object) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    )


def sanitize_result_dict(expectation_type: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only counts, row positions and metadata of one expectation's result.

    Args:
        expectation_type: Snake-case type, e.g. ``"expect_column_values_to_be_null"``.
        result: The ``result`` dict GX returned.

    Returns:
        A new dict without ``unexpected_list``, ``partial_unexpected_list``,
        ``partial_unexpected_counts``, ``unexpected_rows``, index queries or
        any observed value that could be a cell.
    """
    safe = {key: value for key, value in result.items() if key in SAFE_RESULT_KEYS}
    positions = result.get("unexpected_index_list")
    if _is_position_list(positions):
        safe["unexpected_index_list"] = positions
    if "observed_value" in result and expectation_type in METADATA_OBSERVED:
        safe["observed_value"] = result["observed_value"]
    return safe


def sanitize_exception_info(info: Mapping[str, Any] | None) -> dict[str, Any]:
    """Keep whether an exception was raised and its class, never its message.

    Exception messages from pandas can quote a cell (``could not convert
    string to float: '...'``), so only the exception's class name survives.

    Args:
        info: GX ``exception_info`` (possibly keyed by metric id), or ``None``.

    Returns:
        ``raised_exception``, a redacted ``exception_message`` naming the
        class, and no traceback.
    """
    if not info:
        return {"raised_exception": False, "exception_message": None, "exception_traceback": None}
    entries = [info] if "raised_exception" in info else [v for v in info.values() if v]
    raised = any(bool(e.get("raised_exception")) for e in entries if isinstance(e, Mapping))
    if not raised:
        return {"raised_exception": False, "exception_message": None, "exception_traceback": None}
    names = sorted(
        {
            _exception_class(str(e.get("exception_traceback") or e.get("exception_message") or ""))
            for e in entries
            if isinstance(e, Mapping) and e.get("raised_exception")
        }
    )
    return {
        "raised_exception": True,
        "exception_message": f"{', '.join(names)} ({REDACTED})",
        "exception_traceback": None,
    }


def _exception_class(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return "Exception"
    head = lines[-1].split(":", 1)[0].strip()
    return head if head.replace(".", "").replace("_", "").isalnum() else "Exception"


def sanitize_suite_result(
    result: ExpectationSuiteValidationResult,
) -> ExpectationSuiteValidationResult:
    """Sanitize every expectation result of a suite validation, in place.

    Args:
        result: What ``Batch.validate(suite)`` returned.

    Returns:
        The same object, with each ``result`` and ``exception_info`` reduced
        by :func:`sanitize_result_dict` and :func:`sanitize_exception_info`.
    """
    for item in result.results:
        config = item.expectation_config
        kind = config.type if config is not None else ""
        item.result = sanitize_result_dict(kind, item.result or {})
        item.exception_info = sanitize_exception_info(item.exception_info)
    return result
