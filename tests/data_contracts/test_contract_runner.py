"""run_suite: typed results, row positions, and no cell content in results or Data Docs."""

from __future__ import annotations

import gc
import json

import pandas as pd
import pytest

from data_contracts import SuiteResult, build_data_docs, file_context, run_suite
from data_contracts.columns import SCORE_COLUMNS
from data_contracts.contexts import ephemeral_context
from data_contracts.sanitize import sanitize_exception_info, sanitize_suite_result
from pipelines.validate import validate_records

SECRET = "ZEBRA-SECRET-7731 my manager Jane Doe shouted"
DIRECTORATES = ["Housing", "Finance"]


@pytest.fixture(scope="module")
def ctx():
    return ephemeral_context()


@pytest.fixture(scope="module")
def validation_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("validation")


@pytest.fixture(scope="module")
def file_ctx(validation_dir):
    return file_context(validation_dir)


def _records_with_secret():
    base = {
        "source": "survey",
        "period": "2025-06",
        "directorate": "Housing",
        "question": "What could be better?",
        "text": SECRET,
        "raw_directorate": "Housing",
        "occurred_at": pd.Timestamp("2025-06-10"),
        "batch_period": "2025-06",
        "parse_error": None,
    }
    rows = [
        {**base, "record_id": "S1", "text": "fine"},
        {**base, "record_id": "S2", "directorate": None, "raw_directorate": "Dept 14"},
        {**base, "record_id": "S3", "period": SECRET},
        {**base, "record_id": "S3"},
        {**base, "record_id": "S4", "occurred_at": pd.Timestamp("2025-09-01")},
        {**base, "record_id": "S5", "directorate": SECRET},
    ]
    frame = pd.DataFrame(rows)
    frame["provenance"] = [f"surveys/wave_2025-06.csv:row {i + 2}" for i in range(len(frame))]
    return frame


def _classified_with_secret():
    frame = pd.DataFrame({"record_id": ["R1", "R2"], "labels": ["listening:neg", SECRET]})
    for col in SCORE_COLUMNS:
        frame[col] = 0.5
    return frame


def test_run_suite_returns_typed_positions(ctx):
    frame = _classified_with_secret()
    frame.index = ["a", "b"]  # positions, not labels, come back
    result = run_suite(frame, "classified", context=ctx, run_id="unit")
    assert isinstance(result, SuiteResult)
    assert result.run_id == "unit"
    assert result.row_count == 2
    assert not result.success
    (failed,) = result.failed
    assert failed.expectation_type == "expect_column_values_to_match_regex"
    assert failed.columns == ("labels",)
    assert failed.unexpected_count == 1
    assert failed.failing_rows == (1,)
    assert result.failing_rows() == {1}
    assert all(e.success for e in result.expectations if e is not failed)
    assert SECRET not in json.dumps(result.to_dict(), default=str)


def test_run_suite_unknown_suite(ctx):
    with pytest.raises(KeyError, match="valid names are"):
        run_suite(pd.DataFrame(), "nope", context=ctx)


def test_sanitize_strips_values_that_gx_would_return(ctx):
    """The second line of defence works on a deliberately verbose GX result."""
    from data_contracts.registry import get_suite
    from data_contracts.runner import _batch_definition, frame_for_gx

    suite = ctx.suites.add_or_update(get_suite("classified"))
    batch = _batch_definition(ctx, "classified").get_batch(
        batch_parameters={"dataframe": frame_for_gx(_classified_with_secret())}
    )
    verbose = {
        "result_format": "COMPLETE",
        "partial_unexpected_count": 20,
        "include_unexpected_rows": True,
        "unexpected_index_column_names": ["record_id"],
    }
    result = batch.validate(suite, result_format=verbose)
    assert SECRET in json.dumps(result.to_json_dict(), default=str)
    sanitize_suite_result(result)
    assert SECRET not in json.dumps(result.to_json_dict(), default=str)


def test_sanitize_exception_keeps_only_the_class():
    info = {
        "raised_exception": True,
        "exception_message": f"could not convert string to float: '{SECRET}'",
        "exception_traceback": f"Traceback (most recent call last):\nValueError: bad '{SECRET}'",
    }
    clean = sanitize_exception_info(info)
    assert clean["raised_exception"] is True
    assert clean["exception_message"].startswith("ValueError")
    assert SECRET not in json.dumps(clean)
    assert sanitize_exception_info(None)["raised_exception"] is False


def test_no_text_in_stored_results_or_data_docs(file_ctx, validation_dir):
    outcome = validate_records(
        _records_with_secret(), directorates=DIRECTORATES, run_id="run-secret", context=file_ctx
    )
    assert len(outcome.quarantine) == 5
    classified = run_suite(_classified_with_secret(), "classified", context=file_ctx)
    assert not classified.success

    index = build_data_docs(file_ctx)
    assert index is not None
    assert index.name == "index.html"
    assert index.is_file()
    files = [p for p in validation_dir.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html" and "validations" in p.parts]
    stored = [p for p in files if p.suffix == ".json" and "validations" in p.parts]
    assert len(pages) >= 2
    assert len(stored) >= 2
    needle = SECRET.encode()
    leaks = [p for p in files if needle in p.read_bytes() or b"ZEBRA-SECRET" in p.read_bytes()]
    assert leaks == []
    assert b"run-secret" in b"".join(p.read_bytes() for p in stored)


def test_data_docs_show_the_latest_results_of_every_suite_and_stop_growing(tmp_path):
    from data_contracts.contexts import RESULTS_KEPT_PER_SUITE

    ctx = file_context(tmp_path)
    frame = _classified_with_secret().assign(labels=["listening:neg", ""])
    records = _records_with_secret()
    validate_records(records, directorates=DIRECTORATES, run_id="records-0", context=ctx)
    runs = RESULTS_KEPT_PER_SUITE + 3
    for i in range(runs):
        assert run_suite(frame, "classified", context=ctx, run_id=f"run-{i}").success
        index = build_data_docs(ctx)
    assert index is not None
    kept = {f"run-{i}" for i in range(runs - RESULTS_KEPT_PER_SUITE, runs)}
    names = {
        (k.expectation_suite_identifier.name, k.run_id.run_name)
        for k in ctx.validation_results_store.list_keys()
    }
    assert names == {("classified", n) for n in kept} | {("records", "records-0")}
    pages = [p for p in tmp_path.rglob("*.html") if "validations" in p.parts]
    assert len(pages) == RESULTS_KEPT_PER_SUITE + 1
    html = index.read_text()
    assert f"run-{runs - 1}" in html and "records-0" in html
    assert "run-0" not in html  # pruned: neither its page nor its index entry is left


def test_run_suite_without_positions_returns_counts_only(ctx):
    result = run_suite(_classified_with_secret(), "classified", context=ctx, row_positions=False)
    (failed,) = result.failed
    assert failed.unexpected_count == 1
    assert failed.failing_rows == ()


def _frames_holding(secret: str) -> int:
    """Live pandas objects anywhere in the process whose values include ``secret``."""
    gc.collect()
    found = 0
    for obj in gc.get_objects():
        if isinstance(obj, pd.DataFrame):
            columns = [obj[c] for c in obj.columns if obj[c].dtype == object]
        elif isinstance(obj, pd.Series) and obj.dtype == object:
            columns = [obj]
        else:
            continue
        found += any(column.isin([secret]).any() for column in columns)
    return found


def test_a_validated_frame_is_not_kept_by_the_long_lived_context(file_ctx):
    # the flows keep one file context per process; GX's shared execution engine
    # would keep the last batch and every metric computed on it (comment text)
    assert _frames_holding(SECRET) == 0
    result = run_suite(
        _records_with_secret(), "records", context=file_ctx, directorates=["Housing"]
    )
    assert not result.success
    assert _frames_holding(SECRET) == 0
