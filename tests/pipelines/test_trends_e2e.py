"""End to end: the monthly flow over 18 demo months recovers exactly the planted patterns."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pipelines.demo_data import generate_demo_data
from pipelines.periods import shift_period
from pipelines.warehouse import read_table


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="module")
def demo_run(demo_home: Path, prefect_harness: None) -> tuple[dict[str, object], pd.DataFrame]:
    from pipelines.monthly_theme_trends import backfill_theme_trends

    home = demo_home
    mp = pytest.MonkeyPatch()
    mp.setenv("COACHLENS_HOME", str(home))
    try:
        summary = generate_demo_data(home / "demo", months=18, seed=0)
        backfill_theme_trends(summary.periods[0], summary.periods[-1])
    finally:
        mp.undo()
    truth = json.loads(summary.ground_truth_path.read_text())
    trends = read_table(home / "warehouse" / "coachlens.duckdb", "theme_trends")
    return truth, trends


def _cell(
    trends: pd.DataFrame, period: str, directorate: str, source: str, label: str
) -> pd.Series:
    rows = trends[
        (trends["period"] == period)
        & (trends["directorate"] == directorate)
        & (trends["source"] == source)
        & (trends["label"] == label)
    ]
    assert len(rows) == 1, (period, directorate, source, label)
    return rows.iloc[0]


def _planted_changes(truth: dict[str, object]) -> list[tuple[str, str, str, str, int]]:
    """(period, directorate, source, label, sign) of every planted step in the survey data."""
    changes = []
    for p in truth["patterns"]:  # type: ignore[attr-defined]
        if p["source"] != "survey":
            continue
        sign = 1 if p["multiplier"] > 1 else -1
        changes.append((p["start_period"], p["directorate"], "survey", p["label"], sign))
        if p["end_period"]:
            after = shift_period(p["end_period"], 1)
            changes.append((after, p["directorate"], "survey", p["label"], -sign))
    return changes


def test_every_planted_survey_change_is_flagged_significant_in_the_right_direction(
    demo_run: tuple[dict[str, object], pd.DataFrame],
) -> None:
    truth, trends = demo_run
    changes = _planted_changes(truth)
    assert len(changes) >= 4
    for period, directorate, source, label, sign in changes:
        cell = _cell(trends, period, directorate, source, label)
        assert bool(cell["significant"]), (period, directorate, label, cell["p_value"])
        assert np.sign(cell["change"]) == sign, (period, directorate, label, cell["change"])


def test_nothing_unplanted_is_flagged_beyond_the_false_discovery_rate(
    demo_run: tuple[dict[str, object], pd.DataFrame],
) -> None:
    truth, trends = demo_run
    planted = {(p, d, s, lab) for p, d, s, lab, _ in _planted_changes(truth)}
    tested = trends[(trends["source"] == "survey") & trends["p_value"].notna()]
    keys = zip(
        tested["period"], tested["directorate"], tested["source"], tested["label"], strict=True
    )
    unplanted = tested[[k not in planted for k in keys]]
    false_flags = unplanted[unplanted["significant"].astype(bool)]
    # Benjamini-Hochberg at 5% bounds the expected share of false discoveries among the
    # flagged cells; with ~3,700 tested cells a handful may still appear.
    assert len(false_flags) <= max(3, 0.002 * len(unplanted)), false_flags[
        ["period", "directorate", "label", "change", "p_value"]
    ].to_string()


def test_complaint_hotspot_shows_as_more_flagged_cases_in_its_months(
    demo_run: tuple[dict[str, object], pd.DataFrame],
) -> None:
    truth, trends = demo_run
    hot = next(p for p in truth["patterns"] if p["source"] == "complaint")  # type: ignore[attr-defined]
    cells = trends[
        (trends["directorate"] == hot["directorate"])
        & (trends["source"] == "complaint")
        & (trends["label"] == hot["label"])
    ]
    inside = cells["period"].between(hot["start_period"], hot["end_period"])
    rise = cells.loc[inside, "n_flagged"].mean() - cells.loc[~inside, "n_flagged"].mean()
    planted_rise = hot["planted_monthly_cases"] - hot["baseline_monthly_cases"]
    # The classifier finds most, not all, of the extra bullying cases: at least half of them.
    assert rise >= planted_rise / 2, (rise, planted_rise)


def test_top_coaching_priority_in_the_step_month_is_the_planted_directorate(
    demo_run: tuple[dict[str, object], pd.DataFrame],
) -> None:
    truth, trends = demo_run
    housing = next(p for p in truth["patterns"] if p["name"] == "housing_pressure_doubles")  # type: ignore[attr-defined]
    month = trends[
        (trends["period"] == housing["start_period"])
        & (trends["source"] == "survey")
        & (trends["directorate"] == housing["directorate"])
    ]
    top = month.sort_values("coaching_priority", ascending=False).iloc[0]
    assert top["label"] == housing["label"]


def test_coaching_impact_finds_the_planted_effect_and_nothing_else(
    demo_run: tuple[dict[str, object], pd.DataFrame], demo_home: Path
) -> None:
    truth, trends = demo_run
    last = str(trends["period"].max())
    impact = read_table(demo_home / "warehouse" / "coachlens.duckdb", "coaching_impact")
    impact = impact[impact["period"] == last]
    coached = next(p for p in truth["patterns"] if p["name"].startswith("asc_coaching"))  # type: ignore[attr-defined]
    effect = impact[
        (impact["directorate"] == coached["directorate"]) & (impact["label"] == coached["label"])
    ].iloc[0]
    assert effect["estimate"] < 0 and effect["ci_high"] < 0, effect.to_dict()
    others = impact[impact["label"] != coached["label"]]
    assert len(others) == 8
    assert int(others["significant"].astype(bool).sum()) <= 1, others.to_string()


def test_report_is_built_for_every_period(
    demo_run: tuple[dict[str, object], pd.DataFrame], demo_home: Path
) -> None:
    _, trends = demo_run
    for period in sorted(trends["period"].unique()):
        folder = demo_home / "reports" / period
        assert (folder / f"coachlens_report_{period}.html").stat().st_size > 100_000
        assert (folder / f"coachlens_report_{period}.xlsx").exists()
