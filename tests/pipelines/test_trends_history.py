"""History for the trends and the impact estimate: ``flag_counts`` against counting comments.

A warehouse of eight months of comments (every directorate, both sources) is
written month by month through the flow's own task bodies (aggregate, impact,
write; the data contracts are skipped here, the flow tests run them), then a
middle month is rerun for one directorate with new labels, and for another
whose comments are gone. After each step, every month's history read from
``flag_counts`` (the months the trend table looks back on, and all earlier
months for the impact estimate) must equal counting the stored comments in
pandas, as the tasks did before ``flag_counts`` existed; and ``flag_counts``
must equal the count of every stored comment. The same on PostgreSQL (its own
throwaway database). A warehouse written before ``flag_counts`` existed is
read by counting its comments until the next write fills the table in.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

import data_contracts
import pipelines.publish
import pipelines.trend_tasks as tasks
from models.taxonomy import LABELS
from pipelines.directorates import load_reference
from pipelines.periods import period_range, shift_period
from pipelines.publish import write_outputs
from pipelines.settings import Settings
from pipelines.trends import concat_counts, count_flags
from pipelines.warehouse import Replacement, connect, open_warehouse
from pipelines.warehouse.counts import FLAG_COUNTS, stored_counts
from tests.pipelines.crash import FailingConnection
from tests.pipelines.pg import postgres_url
from tests.pipelines.test_trends import reference_count_flags

__all__ = ["postgres_url"]  # the session fixture, imported so pytest finds it

pytestmark = pytest.mark.slow

MONTHS = period_range("2025-06", "2026-01")
NAMES = list(load_reference(Settings().directorates_file).names)
COUNT_KEY = ["period", "directorate", "source", "label"]


def _comments(period: str, seed: int, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """One month's classified comments: 8-60 a directorate (some small cells), labels lists."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.02, 0.35, len(LABELS))
    frames = []
    for name in NAMES:
        if name in skip:
            continue
        n = int(rng.integers(8, 60))
        flags = rng.random((n, len(LABELS))) < base
        frames.append(
            pd.DataFrame(
                {
                    "record_id": [f"{period}/{name}/{seed}/{i}" for i in range(n)],
                    "period": period,
                    "directorate": name,
                    "source": np.where(rng.random(n) < 0.3, "complaint", "survey"),
                    "question": "q1",
                    "text": "a redacted comment",
                    "labels": [[LABELS[k] for k in np.flatnonzero(row)] for row in flags],
                    "model_version": "test-1",
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _run_month(settings: Settings, classified: pd.DataFrame, scope: list[str] | None) -> None:
    """The aggregate, impact and write steps of one monthly run."""
    period = str(classified["period"].iloc[0])
    run_id = f"run-{uuid.uuid4().hex[:6]}"
    tables = tasks.aggregate.fn(classified, settings, period, scope or NAMES, run_id)
    if scope is None:
        tables["coaching_impact"] = tasks.assess_impact.fn(classified, settings, period, NAMES)
    intake = pd.DataFrame({"source": ["survey"], "read": [len(classified)]})
    quarantine = pd.DataFrame({"record_id": pd.Series([], dtype="str")})
    tasks.write.fn(settings, tables, quarantine, intake, period, scope, run_id)


def _split(frame: pd.DataFrame) -> pd.DataFrame:
    """Stored comments with their labels as lists again, as the tasks used to split them."""
    labels = frame["labels"].fillna("").map(lambda s: [x for x in s.split(";") if x])
    return frame.assign(labels=labels)


def _pandas_counts(settings: Settings, where: str, params: list[Any]) -> pd.DataFrame:
    """What the tasks read before flag_counts: the stored comments, counted in pandas."""
    return reference_count_flags(
        _split(open_warehouse(settings).read_table("classified_comments", where, params))
    )


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(COUNT_KEY).reset_index(drop=True)


def _assert_history_matches(settings: Settings, current: pd.DataFrame) -> None:
    """Every month's history and the counts fed to build_trends / coaching_impact match."""
    store = open_warehouse(settings)
    for period in MONTHS:
        first = shift_period(period, -tasks.HISTORY_MONTHS)
        trend_where = ("period BETWEEN ? AND ? AND period <> ?", [first, period, period])
        expected = _pandas_counts(settings, *trend_where)
        pd.testing.assert_frame_equal(tasks._history(settings, period), expected, obj=period)
        earlier = _pandas_counts(settings, "period < ?", [period])
        pd.testing.assert_frame_equal(
            stored_counts(store, "period < ?", [period]), earlier, obj=f"before {period}"
        )
    # what aggregate and assess_impact count for a run of the month after the last
    stored = store.read_table("classified_comments", "period <> ?", [current["period"].iloc[0]])
    pooled = pd.concat([_split(stored), current])
    history = stored_counts(store, "period < ?", [current["period"].iloc[0]])
    pd.testing.assert_frame_equal(
        concat_counts(history, count_flags(current)), reference_count_flags(pooled)
    )
    everything = store.read_table(FLAG_COUNTS)
    assert not everything.duplicated(COUNT_KEY).any()
    pd.testing.assert_frame_equal(
        _sorted(everything.drop(columns="run_id")),
        _sorted(_pandas_counts(settings, "TRUE", [])),
        obj="flag_counts",
    )


@pytest.fixture
def quiet_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the task bodies outside a flow, without the (slow, separately tested) contracts."""
    passed = type("Passed", (), {"success": True, "failed": []})()
    monkeypatch.setitem(vars(data_contracts), "run_suite", lambda *a, **k: passed)
    monkeypatch.setattr(tasks, "validation_context", lambda path: None)
    monkeypatch.setattr(tasks, "get_run_logger", lambda: logging.getLogger("test"))


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.slow)])
def settings(
    request: pytest.FixtureRequest, tmp_path: Path, quiet_tasks: None
) -> Iterator[Settings]:
    """Settings of an empty warehouse: a DuckDB file, or a fresh PostgreSQL database."""
    if request.param == "duckdb":
        yield Settings(home=tmp_path, warehouse_url=None)
        return
    server: str = request.getfixturevalue("postgres_url")
    name = f"history_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        url = sa.make_url(server).set(database=name).render_as_string(hide_password=False)
        yield Settings(home=tmp_path, warehouse_url=url)
    finally:
        with admin.connect() as con:
            con.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_history_from_flag_counts_equals_counting_the_stored_comments(settings: Settings) -> None:
    for i, period in enumerate(MONTHS):
        _run_month(settings, _comments(period, seed=i), None)
    after = shift_period(MONTHS[-1], 1)
    _assert_history_matches(settings, _comments(after, seed=99))

    middle = MONTHS[3]
    rerun = _comments(middle, seed=1000)  # the same month, classified anew
    _run_month(settings, rerun, ["Housing"])
    gone = _comments(middle, seed=1001, skip=("Finance",))
    _run_month(settings, gone, ["Finance"])  # Finance has no comments now
    stored = open_warehouse(settings).read_table("classified_comments", "period = ?", [middle])
    assert "Finance" not in set(stored["directorate"])
    assert set(stored.loc[stored["directorate"] == "Housing", "record_id"]) == set(
        rerun.loc[rerun["directorate"] == "Housing", "record_id"]
    )
    _assert_history_matches(settings, _comments(after, seed=99))


def _write_comments_only(settings: Settings, classified: pd.DataFrame) -> None:
    """A write as the flow made it before flag_counts existed."""
    period = str(classified["period"].iloc[0])
    stored = classified.assign(labels=classified["labels"].map(";".join))
    key = {"period": [period], "directorate": NAMES}
    write_outputs(
        open_warehouse(settings),
        settings.parquet_dir,
        [Replacement("classified_comments", stored, key)],
        partitioned=("classified_comments",),
    )


def test_a_warehouse_without_flag_counts_is_counted_then_filled_in(settings: Settings) -> None:
    for i, period in enumerate(MONTHS[:5]):
        _write_comments_only(settings, _comments(period, seed=i))
    store = open_warehouse(settings)
    assert not store.has_table(FLAG_COUNTS)
    for period in MONTHS[:6]:
        pd.testing.assert_frame_equal(
            stored_counts(store, "period < ?", [period]),
            _pandas_counts(settings, "period < ?", [period]),
        )

    _run_month(settings, _comments(MONTHS[2], seed=50), ["Housing"])  # fills the table in
    assert store.has_table(FLAG_COUNTS)
    for i, period in enumerate(MONTHS[5:], start=5):
        _run_month(settings, _comments(period, seed=i), None)
    _assert_history_matches(settings, _comments(shift_period(MONTHS[-1], 1), seed=99))


def test_filling_in_is_rolled_back_with_a_failed_write(
    tmp_path: Path, quiet_tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(home=tmp_path, warehouse_url=None)
    for i, period in enumerate(MONTHS[:3]):
        _write_comments_only(settings, _comments(period, seed=i))
    store = open_warehouse(settings)
    before = store.read_table("classified_comments")
    monkeypatch.setattr(
        pipelines.publish, "connect", lambda path: FailingConnection(connect(path), "theme_trends")
    )
    with pytest.raises(RuntimeError, match="injected crash"):
        _run_month(settings, _comments(MONTHS[3], seed=3), None)
    assert not store.has_table(FLAG_COUNTS)
    pd.testing.assert_frame_equal(store.read_table("classified_comments"), before)
