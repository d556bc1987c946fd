"""The embedded DuckDB warehouse: scoped, atomic replacement of rows in one file."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from filelock import FileLock

from pipelines.warehouse.scope import Replacement, check_inside

LOCK_TIMEOUT_SECONDS = 600
OPEN_TIMEOUT_SECONDS = 120
"""How long to wait for another process's DuckDB file lock (a reader or writer) to go."""


def _open(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting while another process holds DuckDB's own file lock.

    DuckDB lets one process write, or several read, at a time; the writers' file lock does
    not cover readers (history reads, reports), so a write may meet a reader's lock here.
    """
    deadline = time.monotonic() + OPEN_TIMEOUT_SECONDS
    pause = 0.1
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return _open(path)


def _where(scope: Mapping[str, Sequence[Any]]) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for column, values in scope.items():
        values = list(values)
        if not values:
            return "FALSE", []
        clauses.append(f'"{column}" IN ({", ".join("?" for _ in values)})')
        params.extend(values)
    return (" AND ".join(clauses) or "TRUE"), params


def replace_scopes(con: duckdb.DuckDBPyConnection, replacements: Sequence[Replacement]) -> None:
    """Replace the scoped rows of several tables in ONE transaction.

    Either every table shows the new rows or (on any error, including an
    interrupt) none does. Tables are created from the frames on first use.

    Args:
        con: Warehouse connection.
        replacements: What to write where.

    Raises:
        ValueError: If a row lies outside its scope (nothing is written).
    """
    for rep in replacements:
        check_inside(rep)
    con.execute("BEGIN TRANSACTION")
    try:
        for i, rep in enumerate(replacements):
            name = f"_incoming_{i}"
            con.register(name, rep.frame)
            con.execute(f'CREATE TABLE IF NOT EXISTS "{rep.table}" AS SELECT * FROM {name} LIMIT 0')
            where, params = _where(rep.scope)
            con.execute(f'DELETE FROM "{rep.table}" WHERE {where}', params)
            con.execute(f'INSERT INTO "{rep.table}" BY NAME SELECT * FROM {name}')
            con.unregister(name)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def replace_scope(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    scope: Mapping[str, Sequence[Any]],
) -> int:
    """Replace the rows of one table in ``scope`` with ``frame``, atomically.

    Returns:
        The number of rows inserted.
    """
    replace_scopes(con, [Replacement(table, frame, scope)])
    return len(frame)


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    ).fetchone()
    return bool(found and found[0])


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_table(
    path: Path,
    table: str,
    where: str = "TRUE",
    params: Sequence[Any] = (),
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read rows of a warehouse table (empty frame if the table does not exist).

    ``columns`` picks columns (all by default).
    """
    if not path.exists():
        return pd.DataFrame()
    picked = "*" if columns is None else ", ".join(_quote(c) for c in columns)
    with _open(path, read_only=True) as con:
        if not _has_table(con, table):
            return pd.DataFrame()
        return con.execute(f"SELECT {picked} FROM {_quote(table)} WHERE {where}", list(params)).df()


def has_table(path: Path, table: str) -> bool:
    """Whether the warehouse file holds ``table``."""
    if not path.exists():
        return False
    with _open(path, read_only=True) as con:
        return _has_table(con, table)


@dataclass(frozen=True)
class DuckDBWarehouse:
    """The DuckDB file warehouse; writers serialise on a lock file beside it.

    Attributes:
        path: The DuckDB file (created on first write).
    """

    path: Path

    @property
    def shown(self) -> str:
        """Where the warehouse is, for messages."""
        return str(self.path)

    @property
    def lock_path(self) -> Path:
        """The lock file every writer takes."""
        return self.path.with_suffix(".lock")

    def exists(self) -> bool:
        """Whether the file has been created yet."""
        return self.path.exists()

    def read_table(
        self,
        table: str,
        where: str = "TRUE",
        params: Sequence[Any] = (),
        columns: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """``columns`` (default all) of ``table`` matching ``where`` (``?`` placeholders).

        Empty if the table is absent.
        """
        return read_table(self.path, table, where, params, columns)

    def has_table(self, table: str) -> bool:
        """Whether ``table`` exists yet."""
        return has_table(self.path, table)

    @contextmanager
    def locked(self) -> Iterator[Callable[[Sequence[Replacement]], None]]:
        """Hold the writers' lock; yield a function replacing scopes in one transaction."""

        def commit(replacements: Sequence[Replacement]) -> None:
            con = connect(self.path)
            try:
                replace_scopes(con, replacements)
            finally:
                con.close()

        with FileLock(str(self.lock_path), timeout=LOCK_TIMEOUT_SECONDS):
            yield commit

    def replace_scopes(self, replacements: Sequence[Replacement]) -> None:
        """Replace the scoped rows of several tables in one locked transaction."""
        with self.locked() as commit:
            commit(replacements)
