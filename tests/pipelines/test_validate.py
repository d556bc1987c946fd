"""Batch-level contract errors and row-level validation with quarantine."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from data_contracts import rules
from data_contracts.contexts import ephemeral_context
from pipelines.schema import CASE_COLUMNS, QUARANTINE_COLUMNS, RECORD_COLUMNS, SURVEY_COLUMNS
from pipelines.validate import (
    ContractError,
    assign_rules,
    check_batch,
    check_counts,
    validate_records,
)

DIRECTORATES = ["Housing", "Finance", "Human Resources"]
SECRET = "QUOKKA-7731 my manager Jane Doe"


@pytest.fixture(scope="module")
def ctx():
    return ephemeral_context()


def rec(record_id, **over):
    row = {
        "record_id": record_id,
        "source": "survey",
        "period": "2025-06",
        "directorate": "Housing",
        "question": "What could be better?",
        "text": f"{SECRET} {record_id}",
        "provenance": f"surveys/wave_2025-06.csv:row {record_id}",
        "raw_directorate": "Housing",
        "occurred_at": pd.Timestamp("2025-06-15 09:30"),
        "batch_period": "2025-06",
        "parse_error": None,
    }
    row.update(over)
    return row


def frame(*rows):
    return pd.DataFrame(list(rows))


def run(records, ctx):
    return validate_records(records, directorates=DIRECTORATES, run_id="run-7", context=ctx)


def test_all_good_rows_pass(ctx):
    records = frame(rec("1"), rec("2", source="complaint", provenance="cases:case_id=C-000017"))
    out = run(records, ctx)
    pd.testing.assert_frame_equal(out.passed, records)
    assert list(out.quarantine.columns) == list(QUARANTINE_COLUMNS)
    assert out.quarantine.empty
    assert out.counts.to_dict("records") == [
        {"source": "survey", "read": 1, "passed": 1, "quarantined": 0},
        {"source": "complaint", "read": 1, "passed": 1, "quarantined": 0},
    ]


@pytest.mark.parametrize(
    ("over", "rule", "reason"),
    [
        ({"parse_error": "row has 8 fields, expected 7"}, rules.PARSE_ERROR, "row has 8 fields"),
        ({"text": "   "}, rules.BLANK_TEXT, "whitespace only"),
        ({"text": "\t\n "}, rules.BLANK_TEXT, "whitespace only"),
        ({"text": None}, rules.BLANK_TEXT, "empty"),
        ({"text": ""}, rules.BLANK_TEXT, "empty"),
        (
            {"directorate": None, "raw_directorate": "Dept 14"},
            rules.UNKNOWN_DIRECTORATE,
            "directorate 'Dept 14' is not in the reference list; add it or an alias to "
            "pipelines/config/directorates.yaml",
        ),
        ({"directorate": None, "raw_directorate": None}, rules.UNKNOWN_DIRECTORATE, "missing"),
        ({"directorate": "Narnia"}, rules.UNKNOWN_DIRECTORATE, "'Narnia'"),
        ({"period": "2025-6"}, rules.BAD_PERIOD, "'2025-6' is not YYYY-MM"),
        ({"period": None}, rules.BAD_PERIOD, "YYYY-MM"),
        ({"period": "a sentence that is far too long"}, rules.BAD_PERIOD, "period is not"),
        (
            {"occurred_at": pd.Timestamp("2025-07-01")},
            rules.DATE_OUTSIDE_PERIOD,
            "2025-07-01 is outside the batch period 2025-06",
        ),
        ({"occurred_at": pd.NaT}, rules.DATE_OUTSIDE_PERIOD, "missing or unreadable"),
        ({"batch_period": None}, rules.DATE_OUTSIDE_PERIOD, "declares no period"),
    ],
)
def test_each_rule_quarantines_with_reason(ctx, over, rule, reason):
    records = frame(rec("ok"), rec("bad", **over))
    out = run(records, ctx)
    assert out.passed["record_id"].tolist() == ["ok"]
    (row,) = out.quarantine.to_dict("records")
    assert row["record_id"] == "bad"
    assert row["rule"] == rule
    assert reason in row["reason"]
    assert row["provenance"] == "surveys/wave_2025-06.csv:row bad"
    assert row["source"] == "survey"
    assert row["run_id"] == "run-7"


def test_duplicates_after_the_first_are_quarantined(ctx):
    records = frame(
        rec("A", provenance="w.csv:row 2"),
        rec("B", provenance="w.csv:row 3"),
        rec("A", provenance="w.csv:row 4"),
        rec("A", provenance="w.csv:row 5"),
    )
    out = run(records, ctx)
    assert out.passed["provenance"].tolist() == ["w.csv:row 2", "w.csv:row 3"]
    assert out.quarantine["rule"].tolist() == [rules.DUPLICATE_RECORD_ID] * 2
    assert out.quarantine["provenance"].tolist() == ["w.csv:row 4", "w.csv:row 5"]
    assert "already seen at w.csv:row 2" in out.quarantine["reason"].iloc[0]


def test_priority_order_one_row_once(ctx):
    records = frame(
        # fails every rule: parse_error wins
        rec(
            "X",
            parse_error="row has 8 fields, expected 7",
            text=" ",
            directorate=None,
            occurred_at=pd.NaT,
        ),
        rec("X", text=" ", directorate=None),  # duplicate, blank, unknown: blank_text wins
        rec("Y", directorate=None, occurred_at=pd.NaT, period="June"),  # unknown_directorate
        rec("Z", period="June", occurred_at=pd.NaT),  # bad_period before date_outside_period
        rec("W", occurred_at=pd.NaT),
        rec("W"),  # duplicate only
        rec("V"),
    )
    out = run(records, ctx)
    assert out.quarantine["rule"].tolist() == [
        rules.PARSE_ERROR,
        rules.BLANK_TEXT,
        rules.UNKNOWN_DIRECTORATE,
        rules.BAD_PERIOD,
        rules.DATE_OUTSIDE_PERIOD,
        rules.DUPLICATE_RECORD_ID,
    ]
    assert out.passed["record_id"].tolist() == ["V"]
    assert len(out.passed) + len(out.quarantine) == len(records)
    assert rules.RULE_PRIORITY[:3] == ("parse_error", "blank_text", "unknown_directorate")
    assert rules.RULE_PRIORITY[-2:] == ("date_outside_period", "duplicate_record_id")


def test_counts_per_source_and_invariant(ctx):
    records = frame(
        rec("1"),
        rec("2", text=""),
        rec("3", source="complaint"),
        rec("4", source="complaint", directorate=None),
        rec("5", source="complaint", occurred_at=pd.Timestamp("2024-01-01")),
    )
    out = run(records, ctx)
    counts = out.counts.set_index("source")
    assert counts.loc["survey"].tolist() == [2, 1, 1]
    assert counts.loc["complaint"].tolist() == [3, 1, 2]
    assert (counts["read"] == counts["passed"] + counts["quarantined"]).all()


def test_check_counts_raises_when_rows_are_lost():
    counts = pd.DataFrame(
        {"source": ["survey"], "read": [3], "passed": [1], "quarantined": [1]},
    )
    with pytest.raises(RuntimeError, match="read != passed \\+ quarantined"):
        check_counts(counts, total=3)


def test_passed_keeps_columns_and_index(ctx):
    records = frame(rec("1"), rec("2", text=" "), rec("3"))
    records.index = [10, 20, 30]
    out = run(records, ctx)
    assert out.passed.index.tolist() == [10, 30]
    assert list(out.passed.columns) == list(records.columns)


def test_no_comment_text_in_quarantine_or_logs(ctx, caplog):
    records = frame(rec("1", directorate=None), rec("1"), rec("2", period="x", text=SECRET))
    with caplog.at_level(logging.DEBUG):
        out = run(records, ctx)
    assert "text" not in out.quarantine.columns
    assert len(out.quarantine) == 3
    assert SECRET not in out.quarantine.to_csv()
    assert "QUOKKA" not in caplog.text


def test_missing_record_columns_raise(ctx):
    records = frame(rec("1")).drop(columns=["batch_period", "parse_error"])
    with pytest.raises(ContractError, match="'batch_period', 'parse_error'") as err:
        run(records, ctx)
    assert "RECORD_COLUMNS" in err.value.fix
    assert set(RECORD_COLUMNS) <= set(frame(rec("1")).columns)


def test_unknown_source_is_a_contract_error(ctx):
    with pytest.raises(ContractError, match="expect_column_values_to_be_in_set on 'source'"):
        run(frame(rec("1", source="email")), ctx)


def test_empty_records(ctx):
    out = run(frame(rec("1")).iloc[0:0], ctx)
    assert out.passed.empty
    assert out.quarantine.empty
    assert out.counts["read"].sum() == 0


def test_assign_rules_is_pure():
    ids = pd.Series(["a", "b", "a", "a"], index=[7, 5, 3, 1])
    failing = {rules.DUPLICATE_RECORD_ID: {0, 2, 3}, rules.BLANK_TEXT: {1, 2}}
    assert assign_rules(failing, ids).tolist() == [
        None,
        rules.BLANK_TEXT,
        rules.BLANK_TEXT,
        rules.DUPLICATE_RECORD_ID,
    ]


# --- check_batch ------------------------------------------------------------------------


def survey_raw(n=2):
    return pd.DataFrame(
        {
            "response_id": [str(i) for i in range(n)],
            "wave": "2025-06",
            "submitted_at": "2025-06-03 10:00",
            "directorate": "Housing",
            "question_id": "Q1",
            "question_text": "What could be better?",
            "comment": SECRET,
        },
        columns=list(SURVEY_COLUMNS),
    )


def cases_raw():
    return pd.DataFrame(
        {
            "case_id": ["C-000001", "C-000002"],
            "opened_at": ["2025-06-01", "2025-06-02"],
            "directorate": ["HR", "Housing"],
            "category": ["bullying", "grievance"],
            "status": ["open", "closed"],
            "summary": [SECRET, SECRET],
        },
        columns=list(CASE_COLUMNS),
    )


def test_check_batch_accepts_good_batches(ctx):
    check_batch(survey_raw(), kind="survey", file="surveys/wave_2025-06.csv", context=ctx)
    check_batch(cases_raw(), kind="complaint", file="cases", context=ctx)


def test_missing_column_names_file_column_and_fix(ctx):
    raw = survey_raw().drop(columns=["comment"])
    with pytest.raises(ContractError) as err:
        check_batch(raw, kind="survey", file="surveys/wave_2025-06.csv", context=ctx)
    message = str(err.value)
    assert message.startswith("surveys/wave_2025-06.csv: missing column(s) 'comment'")
    assert "Fix: re-export the wave" in message
    assert "SURVEY_COLUMNS" in message
    assert err.value.file == "surveys/wave_2025-06.csv"
    assert "'comment'" in err.value.problem
    assert isinstance(err.value, ValueError)


def test_empty_batch(ctx):
    with pytest.raises(ContractError, match=r"wave_2025-07\.csv: the batch has no rows\. Fix: "):
        check_batch(survey_raw(0), kind="survey", file="wave_2025-07.csv", context=ctx)


def test_unknown_case_category_and_no_text_in_error(ctx):
    raw = cases_raw()
    raw.loc[1, "category"] = "misconduct"
    with pytest.raises(ContractError) as err:
        check_batch(raw, kind="complaint", file="cases", context=ctx)
    assert "1 case(s) have a category outside" in err.value.problem
    assert "C-000002" in err.value.problem
    assert "CASE_CATEGORIES" in err.value.fix
    assert "QUOKKA" not in str(err.value)


def test_non_text_comment_column(ctx):
    raw = survey_raw()
    raw["comment"] = [1, 2]
    with pytest.raises(ContractError, match="column 'comment'"):
        check_batch(raw, kind="survey", file="w.csv", context=ctx)
