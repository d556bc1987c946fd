"""Faults around the monthly flow, with real components: a database that comes up late
or never, a writer killed with SIGKILL mid-transaction, and two runs of one scope at once.

Demo data is generated once for the module, its complaints database in a folder of
its own so a test can make it unreachable by moving the folder. What
test_publish.py and test_reruns.py already prove (injected exceptions in the
write, two writers of one scope at the ``write_outputs`` level, sequential
reruns) is not repeated: here the whole flow runs, in this process or in real
child processes that talk to the session's Prefect API.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa

from pipelines.demo_data import generate_demo_data
from pipelines.publish import read_partitioned
from pipelines.settings import Settings
from pipelines.sources import SourceUnavailableError
from pipelines.warehouse import read_table

pytestmark = pytest.mark.slow

RERUN = "Housing"
TABLES = ("theme_trends", "classified_comments", "coaching_priorities", "quarantine", "flag_counts")
PARTITIONED = ("theme_trends", "classified_comments")
VOLATILE = ("run_id", "generated_at")
CHILD_TIMEOUT = 900

CHILD = r"""
import os, sys, time
from pathlib import Path

pause_at = os.environ.get("FAULT_PAUSE_AT")
if pause_at:  # hold the DuckDB transaction open at this table's INSERT, then wait to be killed
    import pipelines.publish as publish

    real_connect = publish.connect

    class Pausing:
        def __init__(self, con):
            self._con = con

        def execute(self, sql, *args):
            if sql.startswith(f'INSERT INTO "{pause_at}"'):
                Path(os.environ["FAULT_MARKER"]).write_text(str(os.getpid()))
                time.sleep(3600)
            return self._con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self._con, name)

    publish.connect = lambda path: Pausing(real_connect(path))

from pipelines.monthly_theme_trends import monthly_theme_trends

state = monthly_theme_trends(period=sys.argv[1], directorates=sys.argv[2:] or None,
                             return_state=True)
state.result()
print("flow_run_id", state.state_details.flow_run_id)
"""


@dataclass(frozen=True)
class Demo:
    home: Path
    periods: tuple[str, ...]
    db_dir: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.db_dir / 'complaints.sqlite'}"

    @property
    def settings(self) -> Settings:
        return Settings(home=self.home, complaints_url=self.url)

    @property
    def period(self) -> str:
        return self.periods[-1]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)


def _tables(settings: Settings) -> dict[str, pd.DataFrame]:
    return {t: _sorted(read_table(settings.warehouse_path, t)) for t in TABLES}


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    return _sorted(frame.drop(columns=[c for c in VOLATILE if c in frame.columns]))


def _assert_rows_equal(after: dict[str, pd.DataFrame], before: dict[str, pd.DataFrame]) -> None:
    for t, frame in before.items():
        pd.testing.assert_frame_equal(after[t], frame, obj=t)


def _parquet_files(settings: Settings) -> dict[str, str]:
    root = settings.parquet_dir
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*.parquet"))
    }


def _run(period: str, directorates: list[str] | None = None) -> str:
    from pipelines.monthly_theme_trends import monthly_theme_trends

    state: Any = monthly_theme_trends(period=period, directorates=directorates, return_state=True)
    state.result()
    return str(state.state_details.flow_run_id)


def _child_env(demo: Demo, **extra: str) -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith(("COACHLENS_", "PREFECT_"))}
    env.update(
        COACHLENS_HOME=str(demo.home),
        COACHLENS_COMPLAINTS_URL=demo.url,
        PREFECT_API_URL=str(PREFECT_API_URL.value()),
        **extra,
    )
    return env


def _spawn(demo: Demo, args: list[str], **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        env=_child_env(demo, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _scope(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    return frame[(frame["period"] == period) & (frame["directorate"] == RERUN)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Iterator[Demo]:
    """Two months of demo data and full runs of both (the database is up)."""
    home = tmp_path_factory.mktemp("faults")
    db_dir = home / "complaints-db"
    db_dir.mkdir()
    made = Demo(home, (), db_dir)
    summary = generate_demo_data(
        home / "demo", months=2, seed=5, scale=0.03, complaints_url=made.url
    )
    demo = Demo(home, tuple(summary.periods), db_dir)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACHLENS_HOME", str(home))
        mp.setenv("COACHLENS_COMPLAINTS_URL", demo.url)
        mp.delenv("COACHLENS_WAREHOUSE_URL", raising=False)
        for period in demo.periods:
            _run(period)
        yield demo


# --------------------------------------------------------------------------- database down


def test_database_down_for_two_attempts_then_up_gives_the_same_tables(demo: Demo) -> None:
    before = _tables(demo.settings)
    hidden = demo.db_dir.with_name("complaints-db-offline")
    demo.db_dir.rename(hidden)  # SQLite cannot open a file in a missing folder
    attempts: list[float] = []

    def on_connect(dialect: Any, record: Any, cargs: Any, cparams: Any) -> None:
        if "complaints.sqlite" not in str(cargs):
            return  # some other engine
        attempts.append(time.monotonic())
        if len(attempts) == 3:  # the database comes back before the third attempt
            hidden.rename(demo.db_dir)

    sa.event.listen(sa.engine.Engine, "do_connect", on_connect)
    try:
        _run(demo.period)
    finally:
        sa.event.remove(sa.engine.Engine, "do_connect", on_connect)
        if hidden.exists():
            hidden.rename(demo.db_dir)
    assert len(attempts) == 3, f"expected two failed attempts and one success: {len(attempts)}"
    after = _tables(demo.settings)
    for t in TABLES:
        pd.testing.assert_frame_equal(_stable(after[t]), _stable(before[t]), obj=t)
    counts = read_table(demo.settings.warehouse_path, "intake_counts", "period = ?", [demo.period])
    assert int(counts.loc[counts["source"] == "complaint", "read"].iloc[0]) > 0


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_database_down_for_good_fails_clearly_and_leaves_tables_alone(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, files = _tables(demo.settings), _parquet_files(demo.settings)
    secret = "s3cret-Pa55word"
    url = f"postgresql+psycopg://coach:{secret}@127.0.0.1:{_closed_port()}/complaints"
    monkeypatch.setenv("COACHLENS_COMPLAINTS_URL", url)
    with pytest.raises(SourceUnavailableError) as err:
        _run(demo.period)
    message = str(err.value)
    assert secret not in message and "***" in message
    assert "127.0.0.1" in message and "complaints" in message
    assert "COACHLENS_COMPLAINTS_URL" in message and "Fix:" in message
    _assert_rows_equal(_tables(demo.settings), before)
    assert _parquet_files(demo.settings) == files


# --------------------------------------------------------------------------- SIGKILL


def test_sigkill_inside_the_write_transaction_keeps_tables_and_the_next_run_completes(
    demo: Demo, tmp_path: Path
) -> None:
    before = _tables(demo.settings)
    marker = tmp_path / "writing"
    child = _spawn(
        demo,
        [demo.period, RERUN],
        FAULT_PAUSE_AT="theme_trends",  # classified_comments is already deleted + inserted
        FAULT_MARKER=str(marker),
    )
    try:
        deadline = time.monotonic() + CHILD_TIMEOUT
        while not marker.exists():
            assert child.poll() is None, f"the child ended early: {child.communicate()[1][-2000:]}"
            assert time.monotonic() < deadline, "the child never reached the write step"
            time.sleep(0.5)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    _assert_rows_equal(_tables(demo.settings), before)  # nothing of the killed run committed

    run_id = _run(demo.period, [RERUN])  # the next run is not blocked (lock, WAL) and repairs
    after = _tables(demo.settings)
    for t in ("theme_trends", "classified_comments", "coaching_priorities", "flag_counts"):
        assert set(_scope(after[t], demo.period)["run_id"]) == {run_id}
        pd.testing.assert_frame_equal(_stable(after[t]), _stable(before[t]), obj=t)
    for t in PARTITIONED:  # the Parquet mirror agrees with DuckDB again (hidden leftovers unread)
        mirrored = _scope(read_partitioned(demo.settings.parquet_dir, t), demo.period)
        stored = _scope(after[t], demo.period)
        assert len(mirrored) == len(stored) and set(mirrored["run_id"]) == {run_id}


# --------------------------------------------------------------------------- two runs at once


def test_two_flow_processes_for_the_same_scope_leave_one_consistent_result(demo: Demo) -> None:
    before = _tables(demo.settings)
    children = [_spawn(demo, [demo.period, RERUN]) for _ in range(2)]
    outputs = [child.communicate(timeout=CHILD_TIMEOUT) for child in children]
    for child, (_, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err[-2000:]
    run_ids = {out.split("flow_run_id", 1)[1].strip() for out, _ in outputs}
    assert len(run_ids) == 2

    after = _tables(demo.settings)
    winners = set()
    for t in ("theme_trends", "classified_comments", "coaching_priorities", "flag_counts"):
        scoped = _scope(after[t], demo.period)
        assert scoped["run_id"].nunique() == 1, f"{t} mixes runs"
        winners |= set(scoped["run_id"])
        pd.testing.assert_frame_equal(_stable(after[t]), _stable(before[t]), obj=t)
    assert len(winners) == 1 and winners <= run_ids, "tables disagree on the winning run"
    for t in PARTITIONED:
        mirrored = _scope(read_partitioned(demo.settings.parquet_dir, t), demo.period)
        assert set(mirrored["run_id"]) == winners
        assert len(mirrored) == len(_scope(after[t], demo.period))
    pd.testing.assert_frame_equal(after["quarantine"], before["quarantine"], obj="quarantine")
