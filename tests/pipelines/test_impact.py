"""Coaching impact: the difference-in-differences estimator and the coaching register."""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from models.taxonomy import NEGATIVE_LABELS
from pipelines.demo_data import design, generate_demo_data
from pipelines.directorates import load_reference
from pipelines.impact import IMPACT_COLUMNS, coaching_impact, load_register
from pipelines.periods import shift_period
from pipelines.settings import Settings
from pipelines.trends import count_flags

REPO_ROOT = Path(__file__).resolve().parents[2]
REGISTER_FILE = REPO_ROOT / "pipelines" / "config" / "coaching_register.csv"
NAMES = list(load_reference(Settings().directorates_file).names)

# Each null label is tested on its own at 5%, so with 8 null labels a single
# interval excluding 0 happens by chance about a third of the time (1 - 0.95**8);
# two or more is rare (about 6%; less with the between-directorate term).
MAX_CHANCE_HITS = 1

SYN_DIRECTORATES = [f"D{i}" for i in range(8)]
SYN_PERIODS = [shift_period("2025-01", k) for k in range(18)]
SYN_COACHED = "D2"
SYN_START = SYN_PERIODS[6]  # month 7
SYN_LISTENING_RATE = 0.12


def excludes_zero(frame: pd.DataFrame) -> pd.Series:
    return (frame["ci_high"] < 0) | (frame["ci_low"] > 0)


def register_frame(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=["directorate", "cohort", "start_period"])


@functools.cache
def synthetic_counts() -> pd.DataFrame:
    """8 directorates x 18 months x 9 labels, ~400 comments a cell, stationary rates.

    Rates are drawn once per directorate and label and only binomial noise
    moves them, except the coached directorate's listening:neg, which halves
    from month 7 on.
    """
    rng = np.random.default_rng(0)
    rates = rng.uniform(0.03, 0.12, size=(len(SYN_DIRECTORATES), len(NEGATIVE_LABELS)))
    coached = SYN_DIRECTORATES.index(SYN_COACHED)
    rates[coached, NEGATIVE_LABELS.index("listening:neg")] = SYN_LISTENING_RATE
    rows = []
    for t, period in enumerate(SYN_PERIODS):
        for d, name in enumerate(SYN_DIRECTORATES):
            n = int(rng.poisson(400))
            for j, label in enumerate(NEGATIVE_LABELS):
                rate = rates[d, j]
                if name == SYN_COACHED and label == "listening:neg" and t >= 6:
                    rate /= 2
                rows.append((period, name, "survey", label, n, int(rng.binomial(n, rate))))
    columns = ["period", "directorate", "source", "label", "n_comments", "n_flagged"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- synthetic


def test_synthetic_effect_found_and_null_labels_quiet() -> None:
    register = register_frame((SYN_COACHED, "cohort A", SYN_START))
    out = coaching_impact(synthetic_counts(), register)
    assert list(out.columns) == list(IMPACT_COLUMNS)
    assert list(out["label"]) == list(NEGATIVE_LABELS)
    assert set(out["directorate"]) == {SYN_COACHED}

    listening = out.set_index("label").loc["listening:neg"]
    assert listening["estimate"] < 0
    assert listening["ci_high"] < 0 and bool(listening["significant"])
    truth = -SYN_LISTENING_RATE / 2
    assert listening["ci_low"] <= truth <= listening["ci_high"]

    others = out[out["label"] != "listening:neg"]
    assert int(excludes_zero(others).sum()) <= MAX_CHANCE_HITS, others

    first = out.iloc[0]
    assert first["pre_periods"] == 6 and first["post_periods"] == 12
    assert first["n_control_directorates"] == 7
    assert first["n_comments_treated_pre"] > 6 * 300
    assert first["n_comments_control"] > 7 * 18 * 300


def test_other_coached_directorates_are_not_controls() -> None:
    register = register_frame(
        (SYN_COACHED, "cohort A", SYN_START), ("D5", "cohort B", SYN_PERIODS[9])
    )
    out = coaching_impact(synthetic_counts(), register)
    assert len(out) == 2 * len(NEGATIVE_LABELS)
    assert set(out["n_control_directorates"]) == {6}
    d2 = out[out["directorate"] == SYN_COACHED].set_index("label")
    assert d2.loc["listening:neg", "ci_high"] < 0
    # D2's drop must not show up as a rise in D5, since D2 is never D5's control.
    d5 = out[out["directorate"] == "D5"]
    assert int(excludes_zero(d5).sum()) <= MAX_CHANCE_HITS, d5


def test_no_estimate_without_months_on_both_sides() -> None:
    late = register_frame((SYN_COACHED, "cohort A", "2030-01"))
    out = coaching_impact(synthetic_counts(), late)
    assert out["estimate"].isna().all() and not out["significant"].any()
    assert set(out["post_periods"]) == {0} and set(out["pre_periods"]) == {18}
    missing = register_frame(("Nowhere", "cohort A", SYN_START))
    assert coaching_impact(synthetic_counts(), missing)["estimate"].isna().all()


def test_impact_input_errors() -> None:
    counts, register = synthetic_counts(), register_frame((SYN_COACHED, "c", SYN_START))
    with pytest.raises(ValueError, match="unknown source"):
        coaching_impact(counts, register, source="email")
    with pytest.raises(ValueError, match="alpha"):
        coaching_impact(counts, register, alpha=1.5)
    with pytest.raises(ValueError, match="n_flagged"):
        coaching_impact(counts.drop(columns="n_flagged"), register)
    with pytest.raises(ValueError, match="YYYY-MM"):
        coaching_impact(counts, register_frame((SYN_COACHED, "c", "2025/07")))
    with pytest.raises(ValueError, match="duplicated"):
        coaching_impact(pd.concat([counts, counts.head(1)]), register)


def test_empty_register_gives_empty_frame() -> None:
    out = coaching_impact(synthetic_counts(), register_frame())
    assert out.empty and list(out.columns) == list(IMPACT_COLUMNS)


# --------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo_counts(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """Counts of the demo's ground-truth labels: measures the estimator, not the classifier."""
    summary = generate_demo_data(tmp_path_factory.mktemp("impact_demo"), months=18, seed=0)
    columns = ["record_id", "source", "period", "directorate", "labels", "text"]
    truth = pq.read_table(summary.true_labels_path, columns=columns).to_pandas()
    # The pipeline quarantines blank answers (rule blank_text) before counting; the text
    # column is read only for that mask and dropped at once.
    truth = truth[truth["text"].notna()].drop(columns="text")
    return count_flags(truth)


def _planted_effect(directorate: str, label: str, start: str) -> float:
    """Mean planted change in rate points over the post months of the demo."""
    pattern = next(p for p in design.PATTERNS if (p.directorate, p.label) == (directorate, label))
    assert pattern.baseline_rate is not None
    first = design.periods("2025-06", 18)
    months = [m for m, period in enumerate(first, start=1) if period >= start]
    return pattern.baseline_rate * float(np.mean([pattern.factor(m) - 1 for m in months]))


def test_demo_asc_listening_falls(demo_counts: pd.DataFrame) -> None:
    register = load_register(REGISTER_FILE, NAMES)
    out = coaching_impact(demo_counts, register).set_index("label")
    listening = out.loc["listening:neg"]
    assert listening["estimate"] < 0 and listening["ci_high"] < 0
    truth = _planted_effect("Adult Social Care", "listening:neg", "2025-11")
    assert listening["ci_low"] <= truth <= listening["ci_high"], (truth, listening)
    # Housing's pressure:neg doubling (same months, uncoached) must not read as an ASC effect.
    assert not excludes_zero(out.loc[["pressure:neg"]]).any()
    others = out.drop(index="listening:neg").reset_index()
    assert int(excludes_zero(others).sum()) <= MAX_CHANCE_HITS, others


def test_demo_uncoached_change_does_not_leak(demo_counts: pd.DataFrame) -> None:
    """Finance has no planted pattern: as if coached at 2025-11, nothing should show."""
    register = pd.concat(
        [
            load_register(REGISTER_FILE, NAMES),
            register_frame(("Finance", "placebo cohort", "2025-11")),
        ],
        ignore_index=True,
    )
    out = coaching_impact(demo_counts, register)
    finance = out[out["directorate"] == "Finance"]
    assert len(finance) == len(NEGATIVE_LABELS)
    assert set(finance["n_control_directorates"]) == {len(NAMES) - 2}
    assert not excludes_zero(finance[finance["label"] == "pressure:neg"]).any(), finance
    assert int(excludes_zero(finance).sum()) <= MAX_CHANCE_HITS, finance


# --------------------------------------------------------------------------- register


def test_committed_register_matches_the_demo_cohort() -> None:
    register = load_register(REGISTER_FILE, NAMES)
    start = design.periods("2025-06", int(design.COACHING_COHORT["start_month"]))[-1]
    assert register.to_dict("records") == [
        {
            "directorate": design.COACHING_COHORT["directorate"],
            "cohort": design.COACHING_COHORT["cohort"],
            "start_period": start,
        }
    ]
    assert start == "2025-11"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_register_reads_bom_whitespace_and_extra_columns(tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "directorate, cohort ,start_period,notes\n Housing ,H1, 2026-01 ,pilot\n",
        encoding="utf-8-sig",
    )
    register = load_register(path, NAMES)
    assert register.to_dict("records") == [
        {"directorate": "Housing", "cohort": "H1", "start_period": "2026-01"}
    ]
    header_only = _write(tmp_path, "directorate,cohort,start_period\n")
    assert load_register(header_only, NAMES).empty


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("directorate,cohort\nHousing,H1\n", r"lacks column\(s\) \['start_period'\]"),
        ("directorate,cohort,start_period\nHousing,H1,2026/01\n", "line 2: start_period"),
        ("directorate,cohort,start_period\nHousing,H1,2026-13\n", "is not YYYY-MM"),
        ("directorate,cohort,start_period\nHousing,H1,\n", "line 2: start_period ''"),
        (
            "directorate,cohort,start_period\nHousing,H1,2026-01\nadult social care,A,2026-01\n",
            "line 3: directorate 'adult social care'.*did you mean 'Adult Social Care'",
        ),
        ("directorate,cohort,start_period\nParks,P1,2026-01\n", "'Parks' is not a known"),
        ("directorate,cohort,start_period\n,P1,2026-01\n", "directorate is blank"),
        ("directorate,cohort,start_period\nHousing,,2026-01\n", "cohort is blank"),
        (
            "directorate,cohort,start_period\nHousing,H1,2026-01\nHousing,H1,2026-02\n",
            "line 3: cohort 'H1' of 'Housing' is already on line 2",
        ),
        ("", "is empty"),
    ],
)
def test_register_errors_name_file_line_and_fix(tmp_path: Path, body: str, expected: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ValueError, match=expected) as info:
        load_register(path, NAMES)
    message = str(info.value)
    assert str(path) in message
    assert "directorate,cohort,start_period" in message  # the fix: the expected header


def test_register_reports_every_problem_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "directorate,cohort,start_period\nParks,P1,2026-01\nHousing,,26-01\n")
    with pytest.raises(ValueError) as info:
        load_register(path, NAMES)
    message = str(info.value)
    assert "line 2: directorate 'Parks'" in message
    assert "line 3: cohort is blank" in message and "line 3: start_period '26-01'" in message


def test_missing_register_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="coaching register"):
        load_register(tmp_path / "nope.csv", NAMES)
