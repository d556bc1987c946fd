"""Flag counts and the trend table: denominators, intervals, suppression, history, FDR."""

from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from data_contracts.columns import TREND_COLUMNS, TREND_KEY
from models.taxonomy import LABEL_INDEX, LABELS, NEGATIVE_LABELS, validate_labels
from pipelines.periods import parse_period
from pipelines.trends import (
    TREND_OUTPUT_COLUMNS,
    build_trends,
    concat_counts,
    count_flags,
    two_period_p_value,
)

META = {"model_version": "test-1", "run_id": "run-1", "generated_at": pd.Timestamp("2025-09-01")}
PLANTED = "pressure:neg"
MONTHS = [f"2025-{m:02d}" for m in range(1, 9)]
RISE_MONTH = MONTHS[4]


def random_classified(
    rng: np.random.Generator,
    periods: list[str],
    directorates: list[str],
    n: int,
    base: np.ndarray,
    p_complaint: float = 0.2,
) -> pd.DataFrame:
    """Comments with independent Bernoulli labels at per-label baselines."""
    frames = []
    for period in periods:
        for name in directorates:
            flags = rng.random((n, len(LABELS))) < base
            frames.append(
                pd.DataFrame(
                    {
                        "record_id": [f"{period}/{name}/{i}" for i in range(n)],
                        "period": period,
                        "directorate": name,
                        "source": np.where(rng.random(n) < p_complaint, "complaint", "survey"),
                        "labels": [[LABELS[k] for k in np.flatnonzero(row)] for row in flags],
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


@functools.cache
def planted_trends() -> pd.DataFrame:
    """10 directorates x 8 months, ~300 comments each; D3's pressure:neg doubles from month 5.

    A small directorate ("D10", 6 comments a month) is always suppressed.
    """
    rng = np.random.default_rng(20250901)
    base = rng.uniform(0.03, 0.2, len(LABELS))
    base[LABELS.index(PLANTED)] = 0.25
    big = [f"D{i}" for i in range(10)]
    frames = [random_classified(rng, MONTHS, big, 300, base)]
    frames.append(random_classified(rng, MONTHS, ["D10"], 6, base))
    classified = pd.concat(frames, ignore_index=True)
    rise = (
        (classified["directorate"] == "D3")
        & (classified["period"] >= RISE_MONTH)
        & (rng.random(len(classified)) < 0.25 / 0.75)  # 25% -> 50% of comments
    )
    classified.loc[rise, "labels"] = classified.loc[rise, "labels"].map(
        lambda labs: sorted(set(labs) | {PLANTED}, key=LABELS.index)
    )
    return build_trends(count_flags(classified), MONTHS, **META)


def reference_count_flags(classified: pd.DataFrame) -> pd.DataFrame:
    """count_flags as it was first written: one exploded row per (comment, label), then groupby.

    Slow and plain on purpose: the vectorised count_flags must give exactly this.
    """
    cell = ["period", "directorate", "source"]
    comments = classified[["record_id", *cell]].copy()
    for period in comments["period"].unique():
        parse_period(str(period))
    assert not comments["record_id"].duplicated().any()

    def label_list(value: object) -> list[str]:
        if isinstance(value, str):
            return [lab for lab in value.split(";") if lab]
        if isinstance(value, list | tuple | set | frozenset | np.ndarray):
            return [str(lab) for lab in value]
        return []  # None or NaN

    flags = comments.assign(label=classified["labels"].map(label_list)).explode("label")
    flags = flags.dropna(subset=["label"]).drop_duplicates(["record_id", "label"])
    validate_labels(flags["label"].astype(str).unique().tolist())
    comments = pd.concat([comments, comments.assign(source="all")])
    flags = pd.concat([flags, flags.assign(source="all")])
    n_comments = comments.groupby(cell).size().rename("n_comments").reset_index()
    n_flagged = flags.groupby([*cell, "label"]).size().rename("n_flagged").reset_index()
    grid = n_comments.merge(pd.DataFrame({"label": list(LABELS)}), how="cross")
    out = grid.merge(n_flagged, how="left", on=list(TREND_KEY))
    out["n_comments"] = out["n_comments"].astype("int64")
    out["n_flagged"] = out["n_flagged"].fillna(0).astype("int64")
    order = {"survey": 0, "complaint": 1, "all": 2}
    out = out.assign(_s=out["source"].map(order), _l=out["label"].map(LABEL_INDEX))
    out = out.sort_values(["period", "directorate", "_s", "_l"], kind="stable")
    columns = [*TREND_KEY, "n_comments", "n_flagged"]
    return out[columns].astype({c: "str" for c in TREND_KEY}).reset_index(drop=True)


def counts_frame(rows: list[tuple[str, str, str, str, int, int]]) -> pd.DataFrame:
    cols = ["period", "directorate", "source", "label", "n_comments", "n_flagged"]
    return pd.DataFrame(rows, columns=cols)


# --- count_flags -----------------------------------------------------------


def test_count_flags_denominators_and_zero_cells():
    classified = pd.DataFrame(
        {
            "record_id": ["a", "b", "c", "d", "e"],
            "period": ["2025-06"] * 4 + ["2025-07"],
            "directorate": ["Housing"] * 5,
            "source": ["survey", "survey", "survey", "complaint", "survey"],
            "labels": [
                ["pressure:neg"],
                ["pressure:neg", "listening:neg"],
                [],
                ["conduct:neg"],
                [],
            ],
        }
    )
    counts = count_flags(classified)
    assert list(counts.columns) == [*TREND_COLUMNS[:4], "n_comments", "n_flagged"]
    assert counts["n_comments"].dtype == "int64" and counts["n_flagged"].dtype == "int64"
    # 2025-06: survey, complaint, all; 2025-07: survey, all (no complaint comments)
    assert len(counts) == 5 * len(LABELS)
    assert not ((counts["period"] == "2025-07") & (counts["source"] == "complaint")).any()
    cell = counts.set_index(["period", "source", "label"]).sort_index()
    assert (cell.loc[("2025-06", "survey"), "n_comments"] == 3).all()
    assert cell.loc[("2025-06", "survey", "pressure:neg"), "n_flagged"].item() == 2
    assert cell.loc[("2025-06", "survey", "clarity:neg"), "n_flagged"].item() == 0
    assert cell.loc[("2025-06", "all", "conduct:neg"), ["n_comments", "n_flagged"]].tolist() == [
        4,
        1,
    ]
    assert (cell.loc[("2025-07", "all"), "n_flagged"] == 0).all()
    assert list(counts["label"].iloc[:18]) == list(LABELS)


def test_count_flags_all_is_survey_plus_complaint():
    rng = np.random.default_rng(7)
    months = ["2025-01", "2025-02"]
    classified = random_classified(rng, months, ["A", "B", "C"], 40, rng.uniform(0, 0.3, 18))
    counts = count_flags(classified).set_index(["period", "directorate", "label", "source"])
    by_source = counts[["n_comments", "n_flagged"]].unstack("source", fill_value=0)
    for col in ("n_comments", "n_flagged"):
        parts = by_source[(col, "survey")] + by_source[(col, "complaint")]
        assert (parts == by_source[(col, "all")]).all()
    assert (by_source[("n_comments", "all")] == 40).all()
    direct = classified["labels"].map(lambda labs: "fairness:neg" in labs).sum()
    flagged = counts.xs(("fairness:neg", "all"), level=("label", "source"))["n_flagged"].sum()
    assert flagged == direct


def test_count_flags_accepts_joined_strings_and_rejects_bad_input():
    joined = pd.DataFrame(
        {
            "record_id": ["a", "b"],
            "period": ["2025-06"] * 2,
            "directorate": ["X"] * 2,
            "source": ["survey"] * 2,
            "labels": ["listening:neg;clarity:pos", ""],
        }
    )
    counts = count_flags(joined).set_index(["source", "label"])
    assert counts.loc[("all", "clarity:pos"), "n_flagged"] == 1
    with pytest.raises(ValueError, match="unknown labels"):
        count_flags(joined.assign(labels=[["kindness:neg"], []]))
    with pytest.raises(ValueError, match="unknown source"):
        count_flags(joined.assign(source=["survey", "email"]))
    with pytest.raises(ValueError, match="duplicated"):
        count_flags(joined.assign(record_id=["a", "a"]))


def messy_classified(rng: np.random.Generator) -> pd.DataFrame:
    """Random comments with every label form count_flags accepts, in mixed order."""
    base = rng.uniform(0.0, 0.4, len(LABELS))
    names = ["Housing", "Children's Services", "Adult Social Care", "Finance"]
    months = ["2025-10", "2025-11", "2025-12", "2026-01"]
    frame = random_classified(rng, months, names, 50, base).sample(frac=1.0, random_state=1)
    frame = frame.reset_index(drop=True)
    forms = rng.integers(0, 6, len(frame))
    labels: list[object] = []
    for form, labs in zip(forms, frame["labels"], strict=True):
        if form == 1:
            labels.append(";".join(labs))
        elif form == 2:
            labels.append(tuple(reversed(labs)))
        elif form == 3:
            labels.append(np.array(labs + labs[:1], dtype=object))  # a label twice
        elif form == 4:
            labels.append(None if not labs else set(labs))
        else:
            labels.append(labs)
    return frame.assign(labels=pd.Series(labels, dtype=object))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_count_flags_equals_the_exploded_reference(seed: int):
    frame = messy_classified(np.random.default_rng(seed))
    pd.testing.assert_frame_equal(count_flags(frame), reference_count_flags(frame))
    joined = frame.assign(labels=frame["labels"].map(reference_joined).astype("str"))
    pd.testing.assert_frame_equal(count_flags(joined), reference_count_flags(frame))


def reference_joined(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else ";".join(str(lab) for lab in value)


def test_count_flags_skips_comments_without_a_directorate_like_the_reference():
    frame = messy_classified(np.random.default_rng(3))
    frame.loc[frame.index[:7], "directorate"] = None
    frame.loc[frame.index[7:9], "labels"] = np.nan
    pd.testing.assert_frame_equal(count_flags(frame), reference_count_flags(frame))
    empty = count_flags(frame.iloc[:0])
    assert empty.empty and list(empty.columns) == [*TREND_KEY, "n_comments", "n_flagged"]
    assert all(empty[c].dtype == "str" for c in TREND_KEY)


def test_concat_counts_of_disjoint_scopes_equals_counting_them_pooled():
    frame = messy_classified(np.random.default_rng(4))
    months = sorted(frame["period"].unique())
    old = frame["period"] < months[-1]
    housing = frame["directorate"] == "Housing"
    parts = [frame[old], frame[~old & housing], frame[~old & ~housing]]
    pooled = concat_counts(*(count_flags(p) for p in parts))
    pd.testing.assert_frame_equal(pooled, count_flags(frame))
    pd.testing.assert_frame_equal(concat_counts(count_flags(frame.iloc[:0]), pooled), pooled)


# --- build_trends ------------------------------------------------------------


def test_columns_wilson_interval_and_org_rate():
    counts = counts_frame(
        [
            ("2025-06", "A", "survey", "listening:neg", 20, 5),
            ("2025-06", "B", "survey", "listening:neg", 30, 0),
        ]
    )
    trends = build_trends(counts, ["2025-06"], **META)
    assert tuple(trends.columns) == TREND_OUTPUT_COLUMNS
    a = trends.iloc[0]
    low, high = proportion_confint(5, 20, alpha=0.05, method="wilson")
    assert a["rate"] == 0.25
    assert a["ci_low"] == pytest.approx(low) and a["ci_high"] == pytest.approx(high)
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((0.1119, 0.4687), abs=1e-4)
    assert a["org_rate"] == pytest.approx(5 / 50)
    b = trends.iloc[1]
    assert b["ci_low"] == 0.0 and b["rate"] == 0.0 and b["ci_high"] > 0
    assert math.isnan(a["prev_rate"]) and math.isnan(a["p_value"]) and not a["significant"]
    assert (trends["generated_at"] == META["generated_at"]).all()


def test_suppressed_cells_are_nan_not_zero():
    counts = counts_frame(
        [
            ("2025-05", "A", "survey", "pressure:neg", 50, 10),
            ("2025-06", "A", "survey", "pressure:neg", 9, 8),
            ("2025-07", "A", "survey", "pressure:neg", 40, 30),
        ]
    )
    trends = build_trends(counts, ["2025-06", "2025-07"], min_cell_size=10, **META)
    june, july = trends.iloc[0], trends.iloc[1]
    assert june["suppressed"] and not july["suppressed"]
    assert trends["suppressed"].dtype == bool and trends["significant"].dtype == bool
    for col in ("rate", "ci_low", "ci_high", "change", "p_value", "rolling_rate_3m"):
        assert math.isnan(june[col]), col
    assert math.isnan(june["coaching_priority"]) and pd.isna(june["priority_rank"])
    assert not june["significant"]
    assert pd.isna(june["n_flagged"]) and pd.isna(june["n_comments"])  # counts hidden too
    assert math.isnan(june["prev_rate"])
    assert trends["n_comments"].dtype == "Int64" and trends["n_flagged"].dtype == "Int64"
    # the previous cell is suppressed, so July has no comparison ...
    assert math.isnan(july["prev_rate"]) and math.isnan(july["p_value"])
    # ... and its rolling rate pools only the published months (never the suppressed June)
    assert july["rolling_rate_3m"] == pytest.approx((10 + 30) / (50 + 40))


def test_min_cell_size_below_five_is_refused():
    counts = counts_frame([("2025-06", "A", "all", "support:neg", 20, 2)])
    with pytest.raises(ValueError, match="at least 5"):
        build_trends(counts, ["2025-06"], min_cell_size=4, **META)
    assert build_trends(counts, ["2025-06"], min_cell_size=5, **META)["rate"].iloc[0] == 0.1


def three_directorates() -> pd.DataFrame:
    """One month, label support:neg: C has 3 complaints; A and B are large."""
    rows = []
    for name, survey, complaint in (
        ("A", (40, 4), (20, 2)),
        ("B", (60, 6), (30, 9)),
        ("C", (50, 5), (3, 1)),
    ):
        for source, (n, x) in (("survey", survey), ("complaint", complaint)):
            rows.append(("2025-06", name, source, "support:neg", n, x))
        all_n, all_x = survey[0] + complaint[0], survey[1] + complaint[1]
        rows.append(("2025-06", name, "all", "support:neg", all_n, all_x))
    return counts_frame(rows)


def test_complementary_suppression_hides_partners():
    trends = build_trends(three_directorates(), ["2025-06"], min_cell_size=10, **META)
    hidden = set(
        trends.loc[trends["suppressed"], ["directorate", "source"]].itertuples(
            index=False, name=None
        )
    )
    # C's complaints (3) are primary; C's survey or total, and A's complaints (the smallest
    # other complaint cell) with one of A's other cells, are its complements
    assert ("C", "complaint") in hidden and ("A", "complaint") in hidden
    assert {("C", "survey"), ("C", "all")} & hidden and {("A", "survey"), ("A", "all")} & hidden
    assert ("B", "complaint") not in hidden and ("B", "all") not in hidden
    rows = trends[trends["suppressed"]]
    assert rows["n_comments"].isna().all() and rows["n_flagged"].isna().all()
    assert rows["rate"].isna().all() and rows["coaching_priority"].isna().all()
    # the organisation rate pools every directorate (the disclosure audit includes it)
    shown = trends[~trends["suppressed"] & (trends["source"] == "complaint")]
    assert shown["org_rate"].iloc[0] == pytest.approx((2 + 9 + 1) / (20 + 30 + 3))
    plain = build_trends(
        three_directorates(), ["2025-06"], min_cell_size=10, complementary=False, **META
    )
    assert set(plain.loc[plain["suppressed"], "directorate"]) == {"C"}


def test_rolling_rate_and_previous_month_by_hand():
    counts = counts_frame(
        [
            ("2025-01", "A", "all", "support:neg", 20, 2),
            ("2025-02", "A", "all", "support:neg", 40, 10),
            # no comments in 2025-03
            ("2025-04", "A", "all", "support:neg", 50, 5),
            ("2025-05", "A", "all", "support:neg", 30, 12),
        ]
    )
    trends = build_trends(counts, ["2025-01", "2025-02", "2025-04", "2025-05"], **META)
    got = trends.set_index("period")
    assert got["rolling_rate_3m"].to_dict() == pytest.approx(
        {"2025-01": 2 / 20, "2025-02": 12 / 60, "2025-04": 15 / 90, "2025-05": 17 / 80}
    )
    assert math.isnan(got.loc["2025-01", "prev_rate"])
    assert got.loc["2025-02", "prev_rate"] == 0.1
    assert got.loc["2025-02", "change"] == pytest.approx(0.15)
    assert math.isnan(got.loc["2025-04", "prev_rate"])  # 2025-03 has no comments
    assert got.loc["2025-05", "change"] == pytest.approx(0.4 - 0.1)


def test_p_value_uses_fisher_for_small_expected_counts():
    assert two_period_p_value(3, 20, 0, 20) == pytest.approx(fisher_exact([[3, 17], [0, 20]])[1])
    assert two_period_p_value(0, 20, 0, 25) == 1.0
    z_p = proportions_ztest([60, 40], [300, 300])[1]
    assert two_period_p_value(60, 300, 40, 300) == pytest.approx(z_p)


def test_rejects_bad_arguments():
    counts = counts_frame([("2025-06", "A", "all", "support:neg", 20, 2)])
    with pytest.raises(ValueError, match="YYYY-MM"):
        build_trends(counts, ["June"], **META)
    with pytest.raises(ValueError, match="duplicated"):
        build_trends(pd.concat([counts, counts]), ["2025-06"], **META)
    with pytest.raises(ValueError, match="lacks columns"):
        build_trends(counts.drop(columns="n_flagged"), ["2025-06"], **META)


# --- the planted rise ----------------------------------------------------------


def test_planted_rise_is_significant_and_fdr_holds_elsewhere():
    trends = planted_trends()
    assert set(trends["period"]) == set(MONTHS)
    planted = (
        (trends["directorate"] == "D3")
        & (trends["label"] == PLANTED)
        & (trends["period"] == RISE_MONTH)
    )
    cell = trends[planted & (trends["source"] == "all")].iloc[0]
    assert cell["significant"] and cell["change"] > 0.1
    assert cell["priority_rank"] == 1 and cell["coaching_priority"] > 10
    tested = trends["p_value"].notna() & ~planted
    assert tested.sum() > 3000
    assert trends.loc[tested, "significant"].sum() <= 0.05 * tested.sum()
    first = trends[trends["period"] == MONTHS[0]]
    assert first["prev_rate"].isna().all() and not first["significant"].any()


def test_planted_suppression_and_priority_scope():
    trends = planted_trends()
    small = trends[trends["directorate"] == "D10"]
    assert small["suppressed"].all() and small["rate"].isna().all()
    assert not small["significant"].any() and small["coaching_priority"].isna().all()
    scored = trends["coaching_priority"].notna()
    assert set(trends.loc[scored, "label"]) == set(NEGATIVE_LABELS)
    assert (scored == trends["priority_rank"].notna()).all()
    assert trends["priority_rank"].dtype == "Int64"
    big = ~trends["suppressed"]
    assert trends.loc[big, "rate"].between(0, 1).all()
    assert (trends.loc[big, "ci_low"] <= trends.loc[big, "rate"]).all()
    assert (trends.loc[big, "rate"] <= trends.loc[big, "ci_high"]).all()


def test_trend_table_satisfies_the_data_contract():
    from data_contracts import run_suite
    from data_contracts.contexts import ephemeral_context

    result = run_suite(planted_trends(), "trend", context=ephemeral_context())
    assert result.success, [(e.expectation_type, e.columns) for e in result.failed]


def test_data_contract_rejects_a_rate_in_a_suppressed_row():
    from data_contracts import run_suite
    from data_contracts.contexts import ephemeral_context

    trends = build_trends(three_directorates(), ["2025-06"], min_cell_size=10, **META)
    assert run_suite(trends, "trend", context=ephemeral_context()).success
    leaky = trends.copy()
    leaky.loc[leaky.index[leaky["suppressed"]][0], "rate"] = 0.3
    result = run_suite(leaky, "trend", context=ephemeral_context())
    assert not result.success and {o.check for o in result.failed} == {"suppressed"}
