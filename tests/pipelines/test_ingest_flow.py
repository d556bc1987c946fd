"""The intake flow end to end on messy demo data: every row accounted for, no text kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipelines.demo_data import generate_demo_data
from pipelines.warehouse import read_table


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    generate_demo_data(home / "demo", months=3, seed=1, scale=0.08)
    return home


def test_intake_accounts_for_every_row_and_quarantines_each_mess_case(
    demo_home: Path, prefect_harness: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.ingest import ingest_comments

    monkeypatch.setenv("COACHLENS_HOME", str(demo_home))
    truth = json.loads((demo_home / "demo" / "ground_truth.json").read_text())
    periods = truth["generator"]["periods"]
    counts = ingest_comments(periods)

    assert (counts["read"] == counts["passed"] + counts["quarantined"]).all()
    warehouse = demo_home / "warehouse" / "coachlens.duckdb"
    stored = read_table(warehouse, "intake_counts")
    assert stored["read"].sum() == counts["read"].sum()

    from pipelines.directorates import load_reference
    from pipelines.settings import Settings
    from pipelines.sources import read_complaint_cases, read_survey_exports

    settings = Settings(home=demo_home)
    reference = load_reference(settings.directorates_file)
    surveys = read_survey_exports(settings.survey_dir, reference)
    cases = read_complaint_cases(settings.complaints_db_url, reference)
    by_source = counts.groupby("source")["read"].sum()
    assert by_source["survey"] == len(surveys)
    assert by_source["complaint"] == len(cases)

    quarantine = read_table(warehouse, "quarantine")
    rules = set(quarantine["rule"])
    assert {"blank_text", "unknown_directorate", "duplicate_record_id"} <= rules
    assert len(quarantine) == counts["quarantined"].sum()
    assert "text" not in quarantine.columns
    texts = set(pd.concat([surveys["text"], cases["text"]]).dropna().str.strip()) - {""}
    reasons = set(quarantine["reason"])
    long_texts = [t for t in texts if len(t) > 25]
    assert not any(t in reason for reason in reasons for t in long_texts)

    validation = demo_home / "validation"
    sites = list(validation.rglob("local_site/index.html"))
    assert sites, "the flow should build a Data Docs site analysts can open"
    stored = " ".join(p.read_text(errors="ignore") for p in validation.rglob("*") if p.is_file())
    assert not any(t in stored for t in long_texts[:2000])


def test_rerunning_a_period_replaces_its_quarantine_rows(
    demo_home: Path, prefect_harness: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines.ingest import ingest_comments

    monkeypatch.setenv("COACHLENS_HOME", str(demo_home))
    warehouse = demo_home / "warehouse" / "coachlens.duckdb"
    period = json.loads((demo_home / "demo" / "ground_truth.json").read_text())["generator"][
        "periods"
    ][0]
    ingest_comments([period])
    before = read_table(warehouse, "quarantine")
    ingest_comments([period])
    after = read_table(warehouse, "quarantine")
    assert len(after) == len(before)
    cols = ["record_id", "rule", "period"]
    pd.testing.assert_frame_equal(
        before[cols].sort_values(cols).reset_index(drop=True),
        after[cols].sort_values(cols).reset_index(drop=True),
    )
