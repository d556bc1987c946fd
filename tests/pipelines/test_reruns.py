"""Analyst reruns of the monthly flow: one directorate's scope replaced, nothing else touched.

Demo data is generated once for the module; the latest two periods get a full
run, then the latest period is rerun for Housing (twice). The guarantees: rows
and Parquet partitions of every other directorate and period stay identical
(run_id included), Housing's rows are replaced by the rerun's (same count, no
duplicates), the same rerun twice gives identical tables, a rerun that fails in
the write step leaves every table as it was, and an unknown directorate is
refused with the valid names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipelines.demo_data import generate_demo_data
from pipelines.publish import partition_dir
from pipelines.settings import Settings
from pipelines.trends import count_flags
from pipelines.warehouse import connect, read_table
from tests.pipelines.crash import FailingConnection

pytestmark = pytest.mark.slow

RERUN = "Housing"
SCOPED = ("theme_trends", "classified_comments", "coaching_priorities", "flag_counts")
"""Tables a directorate rerun replaces (by period and directorate)."""
PERIOD_ONLY = ("quarantine", "intake_counts")
"""Tables only a full run owns (by period): a directorate rerun must not touch them."""
PARTITIONED = ("theme_trends", "classified_comments")
VOLATILE = ("run_id", "generated_at")
KEYS = {
    "theme_trends": ["source", "label"],
    "classified_comments": ["record_id"],
    "coaching_priorities": ["directorate"],
    "flag_counts": ["source", "label"],
}
"""Columns unique within one (period, directorate) scope."""


@dataclass(frozen=True)
class Snapshot:
    """Every warehouse table (sorted) and every Parquet path with its SHA-256."""

    tables: dict[str, pd.DataFrame]
    files: dict[str, str]


@dataclass(frozen=True)
class Demo:
    home: Path
    periods: tuple[str, ...]

    @property
    def settings(self) -> Settings:
        return Settings(home=self.home)

    @property
    def period(self) -> str:
        return self.periods[-1]


@dataclass(frozen=True)
class Reruns:
    """State around two identical Housing reruns of the latest period."""

    before: Snapshot
    first: Snapshot
    second: Snapshot
    first_run_id: str
    second_run_id: str


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def _snapshot(settings: Settings) -> Snapshot:
    tables = {t: _sorted(read_table(settings.warehouse_path, t)) for t in (*SCOPED, *PERIOD_ONLY)}
    root = settings.parquet_dir
    files = {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "<dir>"
        for p in sorted(root.rglob("*"))
    }
    return Snapshot(tables, files)


def _scope_mask(frame: pd.DataFrame, period: str) -> pd.Series:
    return (frame["period"] == period) & (frame["directorate"] == RERUN)


def _outside(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[~_scope_mask(frame, period)].reset_index(drop=True)


def _inside(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[_scope_mask(frame, period)].reset_index(drop=True)


def _scope_files(period: str) -> set[str]:
    return {str(partition_dir(Path(), t, period, RERUN) / "part-0.parquet") for t in PARTITIONED}


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    return _sorted(frame.drop(columns=[c for c in VOLATILE if c in frame.columns]))


def _run(period: str, directorates: list[str] | None = None) -> str:
    """Run the monthly flow; return its flow-run id (re-raising the flow's own error)."""
    from pipelines.monthly_theme_trends import monthly_theme_trends

    state: Any = monthly_theme_trends(period=period, directorates=directorates, return_state=True)
    state.result()  # raises the flow's exception if it failed
    return str(state.state_details.flow_run_id)


def _assert_same(after: Snapshot, before: Snapshot) -> None:
    for t, frame in before.tables.items():
        pd.testing.assert_frame_equal(after.tables[t], frame, obj=t)
    assert after.files == before.files


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    home = tmp_path_factory.mktemp("reruns")
    summary = generate_demo_data(home / "demo", months=3, seed=2, scale=0.05)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACHLENS_HOME", str(home))
        yield Demo(home, tuple(summary.periods))


@pytest.fixture(scope="module")
def full(demo: Demo, prefect_harness: None) -> Snapshot:
    """Full runs of the latest two periods (the latest reads the earlier one as history)."""
    for period in demo.periods[-2:]:
        _run(period)
    return _snapshot(demo.settings)


@pytest.fixture(scope="module")
def reruns(demo: Demo, full: Snapshot) -> Reruns:
    before = _snapshot(demo.settings)
    first_id = _run(demo.period, [RERUN])
    first = _snapshot(demo.settings)
    second_id = _run(demo.period, [RERUN])
    return Reruns(before, first, _snapshot(demo.settings), first_id, second_id)


# --------------------------------------------------------------------------- full run


def test_full_runs_write_every_directorate_of_both_periods(demo: Demo, full: Snapshot) -> None:
    trends = full.tables["theme_trends"]
    for period in demo.periods[-2:]:
        month = trends[trends["period"] == period]
        assert RERUN in set(month["directorate"])
        assert month["directorate"].nunique() > 1
        assert month["run_id"].nunique() == 1
        for t in PARTITIONED:
            stored = full.tables[t]
            for directorate in stored.loc[stored["period"] == period, "directorate"].unique():
                part = partition_dir(Path(), t, period, directorate) / "part-0.parquet"
                assert str(part) in full.files
    assert not any(".staging" in k or ".old" in k for k in full.files)


# --------------------------------------------------------------------------- one rerun


def test_rerun_leaves_other_directorates_and_periods_rows_identical(
    demo: Demo, reruns: Reruns
) -> None:
    for t in SCOPED:
        pd.testing.assert_frame_equal(
            _outside(reruns.first.tables[t], demo.period),
            _outside(reruns.before.tables[t], demo.period),
            obj=f"{t} outside {demo.period}/{RERUN}",
        )
    for t in PERIOD_ONLY:  # owned by full runs only
        pd.testing.assert_frame_equal(reruns.first.tables[t], reruns.before.tables[t], obj=t)


def test_rerun_leaves_other_parquet_partitions_byte_identical(demo: Demo, reruns: Reruns) -> None:
    before, after = reruns.before.files, reruns.first.files
    assert after.keys() == before.keys(), "a partition was added or removed, or staging left"
    changed = {k for k in before if before[k] != after[k]}
    assert changed == _scope_files(demo.period)


def test_rerun_replaces_housing_rows_with_its_own_run(demo: Demo, reruns: Reruns) -> None:
    for t in SCOPED:
        old = _inside(reruns.before.tables[t], demo.period)
        new = _inside(reruns.first.tables[t], demo.period)
        assert len(old) > 0
        assert len(new) == len(old), f"{t}: {len(old)} Housing rows became {len(new)}"
        assert not new.duplicated(KEYS[t]).any(), f"{t} has duplicated Housing rows"
        assert set(new["run_id"]) == {reruns.first_run_id}
        assert reruns.first_run_id not in set(old["run_id"])
        # same sources and models: the rerun reproduces the full run's numbers
        pd.testing.assert_frame_equal(_stable(new), _stable(old), obj=f"{t} Housing rows")


def test_same_rerun_twice_gives_identical_tables(demo: Demo, reruns: Reruns) -> None:
    assert reruns.second_run_id != reruns.first_run_id
    for t in (*SCOPED, *PERIOD_ONLY):
        pd.testing.assert_frame_equal(
            _stable(reruns.second.tables[t]), _stable(reruns.first.tables[t]), obj=t
        )
    for t in SCOPED:
        assert set(_inside(reruns.second.tables[t], demo.period)["run_id"]) == {
            reruns.second_run_id
        }
    first, second = reruns.first.files, reruns.second.files
    assert second.keys() == first.keys()
    assert {k for k in first if first[k] != second[k]} <= _scope_files(demo.period)
    # the Parquet partition mirrors DuckDB's rows of the scope (the latest rerun's)
    root = demo.settings.parquet_dir
    for t in PARTITIONED:
        part = pq.read_table(root / partition_dir(Path(), t, demo.period, RERUN)).to_pandas()
        stored = _inside(reruns.second.tables[t], demo.period)
        assert len(part) == len(stored)
        assert set(part["run_id"]) == {reruns.second_run_id}
        key = KEYS[t]
        assert sorted(map(tuple, part[key].to_numpy())) == sorted(
            map(tuple, stored[key].to_numpy())
        )


def test_flag_counts_count_exactly_the_stored_comments(demo: Demo, reruns: Reruns) -> None:
    comments = reruns.second.tables["classified_comments"]
    stored = reruns.second.tables["flag_counts"]
    assert set(stored["period"]) == set(demo.periods[-2:])
    key = ["period", "directorate", "source", "label"]
    pd.testing.assert_frame_equal(
        stored.drop(columns="run_id").sort_values(key).reset_index(drop=True),
        count_flags(comments).sort_values(key).reset_index(drop=True),
    )


# --------------------------------------------------------------------------- failures


def test_rerun_failing_in_the_write_step_leaves_every_table_as_it_was(
    demo: Demo, full: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipelines.publish

    before = _snapshot(demo.settings)
    opened: list[FailingConnection] = []

    def failing_connect(path: Path) -> Any:
        con = FailingConnection(connect(path), "theme_trends")
        opened.append(con)
        return con

    monkeypatch.setattr(pipelines.publish, "connect", failing_connect)
    with pytest.raises(RuntimeError, match="injected crash"):
        _run(demo.period, [RERUN])

    (con,) = opened
    done = con.executed
    assert any(s.startswith('DELETE FROM "classified_comments"') for s in done)
    assert any(s.startswith('INSERT INTO "classified_comments"') for s in done), (
        "the crash must come after the DuckDB work has started"
    )
    _assert_same(_snapshot(demo.settings), before)


def test_unknown_directorate_is_refused_with_the_valid_names(demo: Demo, full: Snapshot) -> None:
    from pipelines.directorates import load_reference

    before = _snapshot(demo.settings)
    with pytest.raises(ValueError, match="Narnia") as err:
        _run(demo.period, [RERUN, "Narnia"])
    message = str(err.value)
    for name in load_reference(demo.settings.directorates_file).names:
        assert name in message
    _assert_same(_snapshot(demo.settings), before)
