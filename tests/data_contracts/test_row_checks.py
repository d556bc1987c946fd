"""Row checks: the pandas masks count exactly what the GX records suite counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_contracts import rules
from data_contracts.contexts import ephemeral_context
from data_contracts.row_checks import (
    RowCheck,
    RuleDriftError,
    failing_mask,
    first_failing_rule,
    records_checks,
    rule_masks,
)
from data_contracts.runner import frame_for_gx, run_suite
from pipelines.validate import prepare_records

DIRECTORATES = ["Housing", "Finance"]


@pytest.fixture(scope="module")
def ctx():
    return ephemeral_context()


def _messy() -> pd.DataFrame:
    """Every kind of value the row checks must treat as GX does."""
    texts = ["fine", None, "", " ", "\t\n", "\x0b", "\u00a0", "\u2003x", float("nan"), "ok"]
    n = len(texts)
    frame = pd.DataFrame(
        {
            "record_id": ["a", "b", "a", None, "c", "c", "d", "e", "f", "a"],
            "source": ["survey"] * n,
            "period": ["2025-06", "2025-6", None, "2025-13", "x", "", *["2025-06"] * 4],
            "directorate": ["Housing", None, "Narnia", "housing", "Finance", np.nan]
            + ["Housing"] * 4,
            "question": "Q",
            "text": texts,
            "provenance": [f"w.csv:row {i}" for i in range(n)],
            "raw_directorate": "Housing",
            "occurred_at": [pd.Timestamp("2025-06-03"), pd.NaT, pd.Timestamp("2025-07-01")]
            + [pd.Timestamp("2025-06-30")] * (n - 3),
            "batch_period": ["2025-06", "2025-06", "2025-06", None, None] + ["2025-06"] * (n - 5),
            "parse_error": [None, "row has 8 fields, expected 7", None, np.nan] + [None] * (n - 4),
        }
    )
    return frame_for_gx(prepare_records(frame))


def test_masks_agree_with_gx_counts(ctx):
    frame = _messy()
    result = run_suite(
        frame, "records", context=ctx, directorates=DIRECTORATES, row_positions=False
    )
    assert all(e.failing_rows == () for e in result.expectations)
    checks = records_checks(DIRECTORATES)
    masks = rule_masks(frame, checks, result)  # raises if any count differs
    assert set(masks) == set(rules.RULE_PRIORITY)
    positions = run_suite(frame, "records", context=ctx, directorates=DIRECTORATES)
    for rule, mask in masks.items():
        assert set(np.flatnonzero(mask)) == set(positions.failing_rows(rule)), rule


def test_drift_between_masks_and_suite_is_an_error(ctx):
    frame = _messy()
    result = run_suite(
        frame, "records", context=ctx, directorates=DIRECTORATES, row_positions=False
    )
    checks = list(records_checks(DIRECTORATES))
    in_set = next(i for i, c in enumerate(checks) if c.kind == "in_set")
    checks[in_set] = RowCheck(
        rules.UNKNOWN_DIRECTORATE, "in_set", "directorate", value_set=("Housing",)
    )
    with pytest.raises(RuleDriftError, match="GX counted"):
        rule_masks(frame, checks, result)
    with pytest.raises(RuleDriftError, match="row-level expectations"):
        rule_masks(frame, checks[:-1], result)


def test_failing_mask_ignores_missing_values_like_gx():
    frame = pd.DataFrame({"x": ["a", None, "a", np.nan, "b"]}, dtype=object)
    unique = RowCheck(rules.DUPLICATE_RECORD_ID, "unique", "x")
    assert failing_mask(frame, unique).tolist() == [True, False, True, False, False]
    regex = RowCheck(rules.BLANK_TEXT, "match_regex", "x", regex="b")
    assert failing_mask(frame, regex).tolist() == [True, False, True, False, False]


def test_first_failing_rule_keeps_the_first_duplicate_and_the_priority():
    ids = pd.Series(["a", "b", "a", "a"], index=[7, 5, 3, 1])
    masks = {
        rules.DUPLICATE_RECORD_ID: np.array([True, False, True, True]),
        rules.BLANK_TEXT: np.array([False, True, True, False]),
    }
    assert first_failing_rule(masks, ids).tolist() == [
        None,
        rules.BLANK_TEXT,
        rules.BLANK_TEXT,
        rules.DUPLICATE_RECORD_ID,
    ]
