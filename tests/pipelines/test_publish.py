"""Scoped, atomic writes: pipelines.publish.write_outputs and pipelines.warehouse.replace_scopes.

Tiny inline frames in ``tmp_path``; no Prefect. The guarantees: a write for one
(period, directorate) scope replaces exactly those rows and partitions, every
other row and Parquet file stays byte-identical, rows outside the scope are
refused before anything is written, a crash anywhere in the write leaves DuckDB
and Parquet as they were (and no staging folders behind), and two writers of
the same scope serialise on the file lock so one run's rows win, never a mix.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pathlib
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from filelock import FileLock, Timeout

import pipelines.publish as publish
from pipelines.publish import partition_dir, write_outputs
from pipelines.warehouse import Replacement, connect, read_table, replace_scopes
from tests.pipelines.crash import FailingConnection

PERIODS = ("2025-07", "2025-08")
DIRECTORATES = ("Housing", "Finance", "Children's Services")
PARTITIONED = ("classified_comments", "theme_trends")
TABLES = ("classified_comments", "theme_trends", "coaching_priorities")
SCOPE_PERIOD, SCOPE_DIRECTORATE = "2025-08", "Housing"


# --------------------------------------------------------------------------- helpers


def _rows(table: str, run: str, cells: Sequence[tuple[str, str]], n: int) -> pd.DataFrame:
    """``n`` rows per (period, directorate) cell, stamped with ``run``."""
    records: list[dict[str, Any]] = []
    for period, directorate in cells:
        for i in range(n):
            records.append(
                {
                    "record_id": f"{table[:2]}-{period}-{directorate[:3]}-{i}",
                    "period": period,
                    "directorate": directorate,
                    "labels": "listening:neg;pressure:neg" if i % 2 else "",
                    "score": round(0.1 * i + len(run) / 100, 3),
                    "n_comments": 10 + i,
                    "run_id": run,
                }
            )
    return pd.DataFrame.from_records(records)


def _replacements(
    run: str, cells: Sequence[tuple[str, str]], n: int, scope: dict[str, list[str]]
) -> list[Replacement]:
    return [Replacement(t, _rows(t, run, cells, n), scope) for t in TABLES]


def _write(
    root: Path, run: str, cells: Sequence[tuple[str, str]], n: int, scope: dict[str, list[str]]
) -> None:
    write_outputs(
        root / "coachlens.duckdb",
        root / "parquet",
        _replacements(run, cells, n, scope),
        partitioned=PARTITIONED,
    )


def _write_scope(root: Path, run: str, n: int) -> None:
    """Write the test scope (2025-08, Housing) as run ``run`` with ``n`` rows per table."""
    scope = {"period": [SCOPE_PERIOD], "directorate": [SCOPE_DIRECTORATE]}
    _write(root, run, [(SCOPE_PERIOD, SCOPE_DIRECTORATE)], n, scope)


def _in_scope(frame: pd.DataFrame) -> pd.Series:
    return (frame["period"] == SCOPE_PERIOD) & (frame["directorate"] == SCOPE_DIRECTORATE)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def _tables(root: Path) -> dict[str, pd.DataFrame]:
    return {t: _sorted(read_table(root / "coachlens.duckdb", t)) for t in TABLES}


def _tree(root: Path) -> dict[str, str]:
    """Every path under the Parquet root: files by SHA-256, folders as ``<dir>``."""
    parquet = root / "parquet"
    return {
        str(p.relative_to(parquet)): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
        )
        for p in sorted(parquet.rglob("*"))
    }


def _stats(root: Path) -> dict[str, tuple[int, int]]:
    """Inode and mtime of every Parquet file (untouched files keep both)."""
    return {
        str(p.relative_to(root / "parquet")): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in (root / "parquet").rglob("*.parquet")
    }


def _scope_files(table: str) -> str:
    return str(partition_dir(Path(), table, SCOPE_PERIOD, SCOPE_DIRECTORATE) / "part-0.parquet")


def _leftovers(root: Path) -> list[str]:
    """Staging or swapped-out folders left behind anywhere under the Parquet root."""
    return [
        str(p) for p in (root / "parquet").rglob("*") if "staging" in p.name or ".old" in p.name
    ]


def _assert_unchanged(root: Path, tables: dict[str, pd.DataFrame], tree: dict[str, str]) -> None:
    after = _tables(root)
    for t in TABLES:
        pd.testing.assert_frame_equal(after[t], tables[t], obj=t)
    assert _tree(root) == tree
    assert _leftovers(root) == []


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A warehouse holding two periods x three directorates, written by run ``base``."""
    for period in PERIODS:
        cells = [(period, d) for d in DIRECTORATES]
        _write(tmp_path, "base", cells, 3, {"period": [period], "directorate": list(DIRECTORATES)})
    return tmp_path


# --------------------------------------------------------------------------- scoped replace


def test_baseline_layout_is_one_partition_per_period_and_directorate(root: Path) -> None:
    files = [k for k in _tree(root) if k.endswith(".parquet")]
    assert len(files) == len(PARTITIONED) * len(PERIODS) * len(DIRECTORATES)
    assert "theme_trends/period=2025-08/directorate=Children%27s%20Services/part-0.parquet" in files
    for t in TABLES:
        assert len(_tables(root)[t]) == 3 * len(PERIODS) * len(DIRECTORATES)


def test_scoped_replace_changes_only_its_rows_and_partitions(root: Path) -> None:
    before, tree, stats = _tables(root), _tree(root), _stats(root)

    _write_scope(root, "rerun", 2)  # fewer rows than before: stale rows must go

    after = _tables(root)
    for t in TABLES:
        old, new = before[t], after[t]
        pd.testing.assert_frame_equal(
            _sorted(new[~_in_scope(new)]), _sorted(old[~_in_scope(old)]), obj=t
        )
        expected = _rows(t, "rerun", [(SCOPE_PERIOD, SCOPE_DIRECTORATE)], 2)
        got = new[_in_scope(new)]
        assert len(got) == 2 and set(got["run_id"]) == {"rerun"}
        pd.testing.assert_frame_equal(
            _sorted(got)[list(expected.columns)], _sorted(expected), check_dtype=False, obj=t
        )

    tree_after, stats_after = _tree(root), _stats(root)
    assert tree_after.keys() == tree.keys(), "no partition added or removed, nothing left over"
    changed = {k for k in tree if tree[k] != tree_after[k]}
    assert changed == {_scope_files(t) for t in PARTITIONED}
    for key, stat in stats.items():
        if key not in changed:
            assert stats_after[key] == stat, f"{key} was rewritten"
    for t in PARTITIONED:
        part = pq.read_table(root / "parquet" / _scope_files(t)).to_pandas()
        assert sorted(part["run_id"]) == ["rerun", "rerun"]
        assert "period" not in part.columns and "directorate" not in part.columns


def test_same_scoped_write_twice_gives_identical_tables_and_files(root: Path) -> None:
    _write_scope(root, "rerun", 4)
    tables, tree = _tables(root), _tree(root)
    _write_scope(root, "rerun", 4)
    _assert_unchanged(root, tables, tree)


def test_replace_scopes_alone_keeps_other_rows(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    cells = [(p, d) for p in PERIODS for d in DIRECTORATES]
    con = connect(path)
    try:
        everything = {"period": list(PERIODS), "directorate": list(DIRECTORATES)}
        replace_scopes(con, _replacements("base", cells, 2, everything))
        scope = {"period": [SCOPE_PERIOD], "directorate": [SCOPE_DIRECTORATE]}
        replace_scopes(con, _replacements("new", [(SCOPE_PERIOD, SCOPE_DIRECTORATE)], 1, scope))
    finally:
        con.close()
    for t in TABLES:
        stored = read_table(path, t)
        assert len(stored) == 2 * len(cells) - 1
        assert set(stored.loc[_in_scope(stored), "run_id"]) == {"new"}
        assert set(stored.loc[~_in_scope(stored), "run_id"]) == {"base"}


# --------------------------------------------------------------------------- refused writes


@pytest.mark.parametrize(
    "stray",
    [("2025-08", "Finance"), ("2025-07", "Housing")],
    ids=["other-directorate", "other-period"],
)
def test_rows_outside_the_scope_are_refused_and_nothing_is_written(
    root: Path, stray: tuple[str, str]
) -> None:
    before, tree = _tables(root), _tree(root)
    scope = {"period": [SCOPE_PERIOD], "directorate": [SCOPE_DIRECTORATE]}
    reps = _replacements("bad", [(SCOPE_PERIOD, SCOPE_DIRECTORATE)], 2, scope)
    # the first tables are fine; only the last one carries a stray row
    last = reps[-1]
    reps[-1] = Replacement(
        last.table, pd.concat([last.frame, _rows(last.table, "bad", [stray], 1)]), scope
    )
    with pytest.raises(ValueError, match="outside the run's"):
        write_outputs(root / "coachlens.duckdb", root / "parquet", reps, partitioned=PARTITIONED)
    _assert_unchanged(root, before, tree)


# --------------------------------------------------------------------------- crashes


def test_crash_inside_the_transaction_leaves_duckdb_and_parquet_as_before(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, tree = _tables(root), _tree(root)
    opened: list[FailingConnection] = []

    def failing_connect(path: Path) -> Any:
        con = FailingConnection(connect(path), "theme_trends")  # the second table
        opened.append(con)
        return con

    monkeypatch.setattr(publish, "connect", failing_connect)
    with pytest.raises(RuntimeError, match="injected crash"):
        _write_scope(root, "crash", 5)

    (con,) = opened
    assert any(s.startswith('INSERT INTO "classified_comments"') for s in con.executed), (
        "the crash must come after the first table was already replaced"
    )
    _assert_unchanged(root, before, tree)


def test_crash_while_swapping_partitions_leaves_duckdb_and_parquet_as_before(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, tree = _tables(root), _tree(root)
    real_rename = pathlib.Path.rename
    moved: list[str] = []

    def rename(self: Path, target: Any) -> Any:
        if ".staging-" in str(self):
            if moved:  # the first partition is already in place: fail the second
                raise OSError("injected crash renaming a staged partition")
            moved.append(str(self))
        return real_rename(self, target)

    monkeypatch.setattr(pathlib.Path, "rename", rename)
    with pytest.raises(OSError, match="injected crash"):
        _write_scope(root, "crash", 5)
    monkeypatch.undo()

    assert len(moved) == 1
    _assert_unchanged(root, before, tree)


def test_crash_in_swap_step_leaves_duckdb_and_parquet_as_before(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, tree = _tables(root), _tree(root)

    def crash(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt  # an interrupt, not just an Exception

    monkeypatch.setattr(publish, "_swap", crash)
    with pytest.raises(KeyboardInterrupt):
        _write_scope(root, "crash", 5)
    _assert_unchanged(root, before, tree)


def _derived(run: str) -> pd.DataFrame:
    return pd.DataFrame({"period": [SCOPE_PERIOD], "directorate": ["all"], "run_id": [run]})


def test_under_lock_rows_are_computed_holding_the_lock_and_committed_with_the_run(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[bool] = []
    derived_scope = {"period": [SCOPE_PERIOD], "directorate": ["all"]}

    def derive(run: str) -> Callable[[], list[Replacement]]:
        def rows() -> list[Replacement]:
            try:  # another writer's lock on the same file would have to wait
                FileLock(str(root / "coachlens.lock"), timeout=0).acquire()
                held.append(False)
            except Timeout:
                held.append(True)
            return [Replacement("derived", _derived(run), derived_scope)]

        return rows

    scope = {"period": [SCOPE_PERIOD], "directorate": [SCOPE_DIRECTORATE]}
    reps = _replacements("new", [(SCOPE_PERIOD, SCOPE_DIRECTORATE)], 2, scope)
    path = root / "coachlens.duckdb"
    write_outputs(path, root / "parquet", reps, partitioned=PARTITIONED, under_lock=derive("new"))
    assert held == [True]
    assert list(read_table(path, "derived")["run_id"]) == ["new"]
    before, tree = _tables(root), _tree(root)

    monkeypatch.setattr(publish, "connect", lambda p: FailingConnection(connect(p), "theme_trends"))
    with pytest.raises(RuntimeError, match="injected crash"):
        write_outputs(
            path, root / "parquet", reps, partitioned=PARTITIONED, under_lock=derive("crash")
        )
    assert list(read_table(path, "derived")["run_id"]) == ["new"]  # rolled back with the run
    _assert_unchanged(root, before, tree)


# --------------------------------------------------------------------------- concurrency


def _slow_replace_scopes(
    log: Callable[[str, float], None],
) -> Callable[..., None]:
    """``replace_scopes`` that logs its start and end and holds the transaction a while."""

    def slow(con: Any, replacements: Sequence[Replacement]) -> None:
        run = str(replacements[0].frame["run_id"].iloc[0])
        log(f"{run} start", time.monotonic())
        time.sleep(0.3)
        replace_scopes(con, replacements)
        log(f"{run} end", time.monotonic())

    return slow


def _assert_one_run_won(root: Path, sizes: dict[str, int], before: dict[str, pd.DataFrame]) -> str:
    after = _tables(root)
    winners = set()
    for t in TABLES:
        scoped = after[t][_in_scope(after[t])]
        runs = set(scoped["run_id"])
        assert len(runs) == 1, f"{t} mixes runs {runs}"
        (run,) = runs
        assert len(scoped) == sizes[run], f"{t}: {len(scoped)} rows, run {run} wrote {sizes[run]}"
        assert not scoped["record_id"].duplicated().any()
        winners.add(run)
        pd.testing.assert_frame_equal(
            _sorted(after[t][~_in_scope(after[t])]), _sorted(before[t][~_in_scope(before[t])])
        )
    assert len(winners) == 1, f"tables disagree on the winning run: {winners}"
    (winner,) = winners
    for t in PARTITIONED:
        part = pq.read_table(root / "parquet" / _scope_files(t)).to_pandas()
        assert set(part["run_id"]) == {winner} and len(part) == sizes[winner], (
            f"Parquet {t} does not mirror DuckDB's winning run {winner}"
        )
    assert _leftovers(root) == []
    return winner


def _assert_serialised(events: list[tuple[str, float]]) -> None:
    events = sorted(events, key=lambda e: e[1])
    assert len(events) == 4
    first = events[0][0].split()[0]
    assert [e[0] for e in events[:2]] == [f"{first} start", f"{first} end"], (
        f"the two transactions overlapped: {events}"
    )


def test_two_threads_writing_the_same_scope_serialise(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _tables(root)
    events: list[tuple[str, float]] = []
    lock = threading.Lock()

    def log(event: str, at: float) -> None:
        with lock:
            events.append((event, at))

    monkeypatch.setattr(publish, "replace_scopes", _slow_replace_scopes(log))
    sizes = {"run-a": 3, "run-b": 5}
    barrier = threading.Barrier(len(sizes))
    errors: list[BaseException] = []

    def worker(run: str) -> None:
        try:
            barrier.wait()
            _write_scope(root, run, sizes[run])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(run,)) for run in sizes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    _assert_serialised(events)
    winner = _assert_one_run_won(root, sizes, before)
    assert winner == events[-1][0].split()[0], "the run that committed last must win"


def _process_writer(root: str, run: str, n: int, start: Any, log_dir: str) -> None:
    """Child process: wait for the start signal, then write the scope as ``run``."""

    def log(event: str, at: float) -> None:
        name = event.replace(" ", "_")
        (Path(log_dir) / name).write_text(repr(at))

    publish.replace_scopes = _slow_replace_scopes(log)
    start.wait(30)
    _write_scope(Path(root), run, n)


def test_two_processes_writing_the_same_scope_serialise(root: Path, tmp_path: Path) -> None:
    before = _tables(root)
    log_dir = tmp_path / "log"
    log_dir.mkdir()
    sizes = {"run-a": 3, "run-b": 5}
    ctx = multiprocessing.get_context("fork")
    start = ctx.Event()
    procs = [
        ctx.Process(target=_process_writer, args=(str(root), run, n, start, str(log_dir)))
        for run, n in sizes.items()
    ]
    for proc in procs:
        proc.start()
    start.set()
    for proc in procs:
        proc.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    events = [(p.name.replace("_", " "), float(p.read_text())) for p in log_dir.iterdir()]
    _assert_serialised(events)
    winner = _assert_one_run_won(root, sizes, before)
    assert winner == max(events, key=lambda e: e[1])[0].split()[0]
