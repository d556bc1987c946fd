"""PostgreSQL as complaints source and warehouse, against a real throwaway server.

The demo cases are written to PostgreSQL through ``coachlens demo-data
--complaints-url`` and read back exactly as from the SQLite file. The monthly
flow run with ``COACHLENS_COMPLAINTS_URL`` and ``COACHLENS_WAREHOUSE_URL`` on
PostgreSQL writes the same ``theme_trends`` as the DuckDB run on the same demo
data; a directorate rerun replaces exactly its rows; a failure raised by the
database mid-transaction (a trigger on the second table) leaves every row and
Parquet file as it was; and two writers of one scope serialise on the advisory
lock.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.demo_data import generate_demo_data
from pipelines.directorates import load_reference
from pipelines.periods import month_bounds
from pipelines.publish import write_outputs
from pipelines.settings import Settings
from pipelines.sources import read_complaint_cases
from pipelines.warehouse import Replacement, SqlWarehouse, open_warehouse
from tests.pipelines.pg import postgres_url

__all__ = ["postgres_url"]  # the session fixture, imported so pytest finds it

pytestmark = pytest.mark.slow

MONTHS, SEED, SCALE = 3, 5, 0.04
RERUN = "Housing"
TABLES = ("theme_trends", "classified_comments", "coaching_priorities", "flag_counts")
PERIOD_ONLY = ("quarantine", "intake_counts")
VOLATILE = ("run_id", "generated_at")


@dataclass(frozen=True)
class Homes:
    """Two homes with the same demo data: complaints in SQLite and in PostgreSQL."""

    sqlite: Path
    postgres: Path
    url: str
    periods: tuple[str, ...]

    @property
    def period(self) -> str:
        return self.periods[-1]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(object).where(frame.notna(), None)
    frame = frame[sorted(frame.columns)]
    return frame.sort_values(list(frame.columns), kind="stable", key=_key).reset_index(drop=True)


def _key(column: pd.Series) -> pd.Series:
    return column.map(repr)


def _stable(frame: pd.DataFrame) -> pd.DataFrame:
    return _sorted(frame.drop(columns=[c for c in VOLATILE if c in frame.columns]))


def _files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "<dir>"
        for p in sorted(root.rglob("*"))
    }


def _snapshot(settings: Settings) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    store = open_warehouse(settings)
    tables = {t: _sorted(store.read_table(t)) for t in (*TABLES, *PERIOD_ONLY)}
    return tables, _files(settings.parquet_dir)


def _run(period: str, directorates: list[str] | None = None) -> str:
    from pipelines.monthly_theme_trends import monthly_theme_trends

    state: Any = monthly_theme_trends(period=period, directorates=directorates, return_state=True)
    state.result()  # raises the flow's exception if it failed
    return str(state.state_details.flow_run_id)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> Homes:
    root = tmp_path_factory.mktemp("postgres")
    summary = generate_demo_data(root / "sqlite" / "demo", months=MONTHS, seed=SEED, scale=SCALE)
    result = CliRunner().invoke(
        app,
        [
            "demo-data",
            "--out",
            str(root / "postgres" / "demo"),
            "--months",
            str(MONTHS),
            "--seed",
            str(SEED),
            "--scale",
            str(SCALE),
            "--complaints-url",
            postgres_url,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "coachlens-test-only" not in result.output  # the password is never printed
    assert not (root / "postgres" / "demo" / "complaints.sqlite").exists()
    return Homes(root / "sqlite", root / "postgres", postgres_url, tuple(summary.periods))


# --------------------------------------------------------------------------- source


def test_demo_cases_read_back_from_postgres_as_from_sqlite(homes: Homes) -> None:
    reference = load_reference(Settings().directorates_file)
    sqlite_url = Settings(home=homes.sqlite).complaints_db_url
    for period in homes.periods:
        since, until = month_bounds(period)
        lite = read_complaint_cases(sqlite_url, reference, since=since, until=until, chunk_size=7)
        pg = read_complaint_cases(homes.url, reference, since=since, until=until, chunk_size=7)
        assert len(pg) > 0
        pd.testing.assert_frame_equal(pg, lite, obj=f"cases {period}")


# --------------------------------------------------------------------------- flow


@pytest.fixture(scope="module")
def runs(homes: Homes, prefect_harness: None) -> dict[str, tuple[dict[str, pd.DataFrame], Any]]:
    """Full runs of the latest two periods on DuckDB and on PostgreSQL."""
    out: dict[str, tuple[dict[str, pd.DataFrame], Any]] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACHLENS_HOME", str(homes.sqlite))
        mp.delenv("COACHLENS_COMPLAINTS_URL", raising=False)
        mp.delenv("COACHLENS_WAREHOUSE_URL", raising=False)
        for period in homes.periods[-2:]:
            _run(period)
        out["duckdb"] = _snapshot(Settings())
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACHLENS_HOME", str(homes.postgres))
        mp.setenv("COACHLENS_COMPLAINTS_URL", homes.url)
        mp.setenv("COACHLENS_WAREHOUSE_URL", homes.url)
        for period in homes.periods[-2:]:
            _run(period)
        out["postgres"] = _snapshot(Settings())
    assert not (homes.postgres / "warehouse" / "coachlens.duckdb").exists()
    return out


@pytest.fixture
def on_postgres(homes: Homes, runs: Any, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("COACHLENS_HOME", str(homes.postgres))
    monkeypatch.setenv("COACHLENS_COMPLAINTS_URL", homes.url)
    monkeypatch.setenv("COACHLENS_WAREHOUSE_URL", homes.url)
    return Settings()


def test_postgres_run_writes_the_same_tables_as_duckdb(homes: Homes, runs: Any) -> None:
    duck, pg = runs["duckdb"][0], runs["postgres"][0]
    trends = pg["theme_trends"]
    assert set(trends["period"]) == set(homes.periods[-2:])
    assert trends["directorate"].nunique() > 1
    for t in (*TABLES, *PERIOD_ONLY):
        assert len(pg[t]) == len(duck[t]), t
        pd.testing.assert_frame_equal(_stable(pg[t]), _stable(duck[t]), obj=t)


def test_postgres_run_keeps_the_parquet_mirror(runs: Any) -> None:
    duck, pg = runs["duckdb"][1], runs["postgres"][1]
    assert pg.keys() == duck.keys()
    assert any(k.endswith("part-0.parquet") for k in pg)


def test_scoped_tables_are_indexed_on_their_scope(homes: Homes, runs: Any) -> None:
    engine = sa.create_engine(homes.url)
    try:
        with engine.connect() as con:
            found = con.execute(
                sa.text("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'")
            ).fetchall()
    finally:
        engine.dispose()
    indexed = {table: ddl for table, ddl in found}
    for t in TABLES:
        assert "(period, directorate)" in indexed[t], t


def test_rerun_on_postgres_replaces_exactly_its_rows(homes: Homes, on_postgres: Settings) -> None:
    before, files_before = _snapshot(on_postgres)
    run_id = _run(homes.period, [RERUN])
    after, files_after = _snapshot(on_postgres)

    def inside(frame: pd.DataFrame) -> pd.Series:
        return (frame["period"] == homes.period) & (frame["directorate"] == RERUN)

    for t in TABLES:
        old, new = before[t][inside(before[t])], after[t][inside(after[t])]
        assert len(old) > 0 and len(new) == len(old), t
        assert set(new["run_id"]) == {run_id}
        assert not new.drop(columns=list(VOLATILE), errors="ignore").duplicated().any(), t
        pd.testing.assert_frame_equal(_stable(new), _stable(old), obj=f"{t} {RERUN}")
        pd.testing.assert_frame_equal(
            after[t][~inside(after[t])].reset_index(drop=True),
            before[t][~inside(before[t])].reset_index(drop=True),
            obj=f"{t} outside the rerun",
        )
    for t in PERIOD_ONLY:
        pd.testing.assert_frame_equal(after[t], before[t], obj=t)
    changed = {k for k in files_before if files_before[k] != files_after.get(k)}
    assert files_after.keys() == files_before.keys()
    assert changed and all(f"directorate={RERUN}" in k for k in changed)


def test_database_failure_mid_transaction_leaves_every_row(
    homes: Homes, on_postgres: Settings
) -> None:
    before = _snapshot(on_postgres)
    engine = sa.create_engine(homes.url)
    with engine.begin() as con:  # a real error raised by PostgreSQL on the second table
        con.execute(
            sa.text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"
            )
        )
        con.execute(
            sa.text(
                "CREATE TRIGGER refuse BEFORE INSERT ON theme_trends "
                "FOR EACH STATEMENT EXECUTE FUNCTION refuse()"
            )
        )
    try:
        with pytest.raises(Exception, match="injected failure"):
            _run(homes.period, [RERUN])
    finally:
        with engine.begin() as con:
            con.execute(sa.text("DROP TRIGGER refuse ON theme_trends"))
            con.execute(sa.text("DROP FUNCTION refuse()"))
        engine.dispose()
    after = _snapshot(on_postgres)
    for t, frame in before[0].items():
        pd.testing.assert_frame_equal(after[0][t], frame, obj=t)
    assert after[1] == before[1]


# --------------------------------------------------------------------------- lock


def _frame(run: str, n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": ["2025-01"] * n,
            "directorate": ["Housing"] * n,
            "n": list(range(n)),
            "rate": [0.5] * n,
            "run_id": [run] * n,
        }
    )


def test_two_writers_of_one_scope_serialise_on_the_advisory_lock(postgres_url: str) -> None:
    store = SqlWarehouse(postgres_url)
    scope = {"period": ["2025-01"], "directorate": ["Housing"]}
    engine = sa.create_engine(postgres_url)
    waiting = sa.text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    errors: list[BaseException] = []

    def second() -> None:
        try:
            store.replace_scopes([Replacement("lock_probe", _frame("b", 3), scope)])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    try:
        with store.locked() as commit:
            thread = threading.Thread(target=second)
            thread.start()
            with engine.connect() as con:  # wait until the second writer queues on the lock
                while not con.execute(waiting).scalar():
                    con.rollback()
                    time.sleep(0.05)
            commit([Replacement("lock_probe", _frame("a", 5), scope)])
        thread.join(timeout=120)
        assert not errors, errors
        stored = store.read_table("lock_probe")
        assert list(stored["run_id"]) == ["b"] * 3  # the writer that waited committed last
        assert stored["n"].tolist() == [0, 1, 2] and stored["rate"].dtype == float
    finally:
        with engine.begin() as con:
            con.execute(sa.text("DROP TABLE IF EXISTS lock_probe"))
        engine.dispose()


def test_write_outputs_refuses_stray_rows_and_leaves_postgres_and_parquet(
    postgres_url: str, tmp_path: Path
) -> None:
    store = SqlWarehouse(postgres_url)
    assert "coachlens-test-only" not in repr(store)
    everything = {"period": ["2025-01"], "directorate": ["Housing", "Finance"]}
    base = pd.concat([_frame("base", 4), _frame("base", 2).assign(directorate="Finance")])
    try:
        write_outputs(
            store,
            tmp_path,
            [Replacement("publish_probe", base, everything)],
            partitioned=("publish_probe",),
        )
        before, files = _sorted(store.read_table("publish_probe")), _files(tmp_path)
        assert len(before) == 6
        scope = {"period": ["2025-01"], "directorate": ["Housing"]}
        stray = pd.concat([_frame("new", 3), _frame("new", 1).assign(directorate="Finance")])
        with pytest.raises(ValueError, match="outside the run's"):
            write_outputs(
                store,
                tmp_path,
                [Replacement("publish_probe", stray, scope)],
                partitioned=("publish_probe",),
            )
        pd.testing.assert_frame_equal(_sorted(store.read_table("publish_probe")), before)
        assert _files(tmp_path) == files
        write_outputs(
            store,
            tmp_path,
            [Replacement("publish_probe", _frame("new", 3), scope)],
            partitioned=("publish_probe",),
        )
        after = store.read_table("publish_probe")
        assert sorted(after["run_id"]) == ["base"] * 2 + ["new"] * 3
        assert _files(tmp_path).keys() == files.keys()
    finally:
        engine = sa.create_engine(postgres_url)
        with engine.begin() as con:
            con.execute(sa.text("DROP TABLE IF EXISTS publish_probe"))
        engine.dispose()
