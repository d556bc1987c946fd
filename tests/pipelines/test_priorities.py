"""Ranking directorates by coaching need: need score, themes, evidence, suppression."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pipelines.priorities import (
    RANKING_COLUMNS,
    rank_directorates,
    suppressed_evidence,
    theme_evidence,
)
from pipelines.trends import build_trends
from tests.pipelines.test_trends import META, PLANTED, RISE_MONTH, counts_frame, planted_trends


def test_planted_directorate_ranks_first_with_its_theme():
    ranking = rank_directorates(planted_trends(), RISE_MONTH)
    assert tuple(ranking.columns) == RANKING_COLUMNS
    assert len(ranking) == 11 and ranking["directorate"].is_unique
    top = ranking.iloc[0]
    assert top["directorate"] == "D3" and top["rank"] == 1
    assert PLANTED in top["top_themes"].split(";")
    assert top["need_score"] > ranking["need_score"].iloc[1:].max()
    assert re.search(
        rf"{PLANTED} \d+% \(org \d+%, 95% CI \d+-\d+%, up \d+ pts, significant\)", top["evidence"]
    )
    assert ranking["rank"].dtype == "Int64"


def test_suppressed_directorate_is_listed_without_rank():
    ranking = rank_directorates(planted_trends(), RISE_MONTH).set_index("directorate")
    small = ranking.loc["D10"]
    assert pd.isna(small["rank"]) and pd.isna(small["need_score"])
    assert small["evidence"] == suppressed_evidence(10) and small["top_themes"] == ""
    assert small["evidence"].startswith("suppressed (fewer than 10 comments")
    unranked = ranking["rank"].isna().to_numpy()
    assert "D10" in ranking.index[unranked] and unranked[-unranked.sum() :].all()  # listed last
    assert pd.isna(ranking["n_comments"].loc["D10"])  # its count is not published either
    assert ranking["n_comments"].dtype == "Int64"
    other = rank_directorates(planted_trends(), RISE_MONTH, min_cell_size=25)
    assert (
        other.set_index("directorate")
        .loc["D10", "evidence"]
        .startswith("suppressed (fewer than 25")
    )


def test_complementary_suppressed_directorate_is_not_ranked():
    rows = []
    for name, n, survey in (("A", 8, 1), ("B", 12, 6), ("C", 200, 20), ("D", 300, 30)):
        for source in ("survey", "all"):  # survey only: the total equals the survey cell
            rows.append(("2025-06", name, source, "pressure:neg", n, survey))
    trends = build_trends(counts_frame(rows), ["2025-06"], min_cell_size=10, **META)
    ranking = rank_directorates(trends, "2025-06").set_index("directorate")
    # A (8) is primary; B (12, the smallest other directorate) hides it from the org total
    assert ranking.loc[["A", "B"], "rank"].isna().all()
    assert ranking.loc[["A", "B"], "n_comments"].isna().all()
    assert ranking.loc["A", "evidence"] == ranking.loc["B", "evidence"]
    assert ranking.loc[["C", "D"], "rank"].notna().all()
    assert ranking.loc["C", "n_comments"] == 200


def test_need_score_sums_positive_priorities_and_top_n():
    trends = planted_trends()
    month = trends[(trends["period"] == RISE_MONTH) & (trends["source"] == "survey")]
    ranking = rank_directorates(trends, RISE_MONTH, source="survey", top_n=1).set_index(
        "directorate"
    )
    for name, cells in month[month["coaching_priority"].notna()].groupby("directorate"):
        positive = cells["coaching_priority"].clip(lower=0).sum()
        assert ranking.loc[name, "need_score"] == pytest.approx(positive)
        assert len([t for t in ranking.loc[name, "top_themes"].split(";") if t]) <= 1
    assert ranking["rank"].min() == 1


def test_evidence_text_is_numbers_only():
    counts = counts_frame(
        [
            ("2025-05", "A", "all", "pressure:neg", 100, 10),
            ("2025-06", "A", "all", "pressure:neg", 100, 30),
            ("2025-05", "B", "all", "pressure:neg", 400, 40),
            ("2025-06", "B", "all", "pressure:neg", 400, 41),
        ]
    )
    trends = build_trends(counts, ["2025-05", "2025-06"], **META)
    ranking = rank_directorates(trends, "2025-06")
    assert ranking["directorate"].tolist() == ["A", "B"]
    assert ranking.loc[0, "evidence"] == (
        "pressure:neg 30% (org 14%, 95% CI 22-40%, up 20 pts, significant)"
    )
    assert ranking.loc[1, "evidence"] == "no negative theme clearly above the organisation rate"
    assert ranking.loc[1, "need_score"] == 0 and ranking.loc[1, "rank"] == 2
    row = trends.iloc[0].copy()  # May: no previous month
    assert theme_evidence(row).endswith(", no previous month)")
    row["change"], row["significant"] = -0.01, False
    assert theme_evidence(row).endswith(", down 1 pt, not significant)")


def test_rejects_unknown_source_and_absent_period():
    trends = planted_trends()
    with pytest.raises(ValueError, match="unknown source"):
        rank_directorates(trends, RISE_MONTH, source="email")
    with pytest.raises(ValueError, match="periods present"):
        rank_directorates(trends, "2030-01")
