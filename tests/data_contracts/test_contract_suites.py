"""Suites built from the project's constants: registry, classified comments, trend table."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from data_contracts import get_suite, run_suite
from data_contracts.columns import SCORE_COLUMNS, TREND_COLUMNS, score_column
from data_contracts.contexts import ephemeral_context
from data_contracts.output_suites import labels_regex
from data_contracts.registry import SUITE_NAMES
from models.taxonomy import LABELS, join_labels


@pytest.fixture(scope="module")
def ctx():
    return ephemeral_context()


def test_registry_names_and_unknown_name():
    assert SUITE_NAMES == ("raw_survey", "raw_complaint", "records", "classified", "trend")
    for name in SUITE_NAMES:
        suite = get_suite(name, directorates=["Housing"])
        assert suite.name == name
        assert suite.expectations
    with pytest.raises(KeyError, match="unknown suite 'nope'; valid names are raw_survey, "):
        get_suite("nope")


def test_records_suite_needs_directorates():
    with pytest.raises(ValueError, match=r"directorates\.yaml"):
        get_suite("records")


def test_records_suite_reference_list_comes_from_argument():
    suite = get_suite("records", directorates=["Housing", "Finance"])
    in_set = [
        e
        for e in suite.expectations
        if e.expectation_type == "expect_column_values_to_be_in_set" and e.column == "directorate"
    ]
    assert [sorted(e.value_set) for e in in_set] == [["Finance", "Housing"]]


def test_score_column_names():
    assert score_column("listening:neg") == "score_listening_neg"
    assert len(SCORE_COLUMNS) == len(LABELS) == 18


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("", True),
        ("listening:neg", True),
        ("listening:neg;clarity:pos;overall:pos", True),
        (join_labels(list(LABELS)), True),
        ("clarity:pos;listening:neg", False),  # not codebook order
        ("listening:neg;listening:neg", False),  # repeated
        ("listening:neg;", False),
        (";listening:neg", False),
        ("listening:negclarity:pos", False),
        ("listening:neutral", False),
        ("Listening:neg", False),
    ],
)
def test_labels_regex(value, ok):
    assert bool(re.search(labels_regex(), value)) is ok


def _classified(n=3):
    frame = pd.DataFrame(
        {"record_id": [f"R{i}" for i in range(n)], "labels": ["listening:neg", "", "clarity:pos"]}
    )
    for col in SCORE_COLUMNS:
        frame[col] = 0.5
    return frame


def test_classified_suite_accepts_good_frame(ctx):
    result = run_suite(_classified(), "classified", context=ctx)
    assert result.success, [e for e in result.failed]


def test_classified_suite_rejects_bad_frame(ctx):
    frame = _classified()
    frame.loc[1, "labels"] = "listening:neg;kindness:pos"
    frame.loc[2, "record_id"] = "R0"
    frame.loc[0, score_column("overall:pos")] = 1.5
    result = run_suite(frame, "classified", context=ctx)
    assert not result.success
    failed = {(e.expectation_type, e.columns) for e in result.failed}
    assert ("expect_column_values_to_match_regex", ("labels",)) in failed
    assert ("expect_column_values_to_be_unique", ("record_id",)) in failed
    assert ("expect_column_values_to_be_between", ("score_overall_pos",)) in failed
    assert result.failing_rows() == {0, 1, 2}


def test_classified_suite_rejects_missing_score_column(ctx):
    result = run_suite(_classified().drop(columns="score_support_neg"), "classified", context=ctx)
    assert any(
        e.check == "missing_column" and e.columns == ("score_support_neg",) for e in result.failed
    )


def _trend():
    return pd.DataFrame(
        {
            "period": ["2025-06", "2025-06", "2025-07"],
            "directorate": ["Housing", "Housing", "Housing"],
            "source": ["survey", "survey", "survey"],
            "label": ["listening:neg", "clarity:neg", "listening:neg"],
            "n_comments": [20, 20, 4],
            "n_flagged": [5, 0, 1],
            "rate": [0.25, 0.0, None],
            "ci_low": [0.1, 0.0, None],
            "ci_high": [0.45, 0.16, None],
            "suppressed": [False, False, True],
        },
        columns=list(TREND_COLUMNS),
    )


def test_trend_suite_accepts_good_frame(ctx):
    result = run_suite(_trend(), "trend", context=ctx)
    assert result.success, [e for e in result.failed]


@pytest.mark.parametrize(
    ("change", "expectation", "row"),
    [
        ({"label": "kindness:neg"}, "expect_column_values_to_be_in_set", 1),
        ({"n_flagged": 25}, "expect_column_pair_values_a_to_be_greater_than_b", 1),
        ({"n_comments": -1, "n_flagged": -2}, "expect_column_values_to_be_between", 1),
        ({"label": "listening:neg"}, "expect_compound_columns_to_be_unique", 1),
        ({"ci_high": 0.2, "rate": 0.3}, "expect_column_pair_values_a_to_be_greater_than_b", 1),
        ({"rate": None, "ci_low": None, "ci_high": None}, "expect_column_values_to_not_be_null", 1),
    ],
)
def test_trend_suite_rejects_bad_frame(ctx, change, expectation, row):
    frame = _trend()
    for col, value in change.items():
        frame.loc[row, col] = value
    result = run_suite(frame, "trend", context=ctx)
    assert not result.success
    hits = [e for e in result.failed if e.expectation_type == expectation]
    assert hits
    assert all(row in e.failing_rows for e in hits)


def test_trend_suite_rejects_non_integer_counts_and_non_bool_suppressed(ctx):
    frame = _trend()
    frame["n_comments"] = frame["n_comments"].astype(float)
    frame["suppressed"] = ["no", "no", "yes"]
    result = run_suite(frame, "trend", context=ctx)
    failed = {e.columns for e in result.failed if e.check == "column_type"}
    assert {("n_comments",), ("suppressed",)} <= failed
