"""The DuckDB warehouse: scoped, atomic replacement of rows.

A run owns a *scope* (for example ``period = '2026-10' AND directorate =
'Housing'``). Writing replaces exactly the rows in that scope inside one
transaction, so a rerun never duplicates rows, never touches rows outside
its scope, and a failure leaves the previous rows as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path))


def _where(scope: Mapping[str, Sequence[Any]]) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for column, values in scope.items():
        values = list(values)
        if not values:
            return "FALSE", []
        clauses.append(f'"{column}" IN ({", ".join("?" for _ in values)})')
        params.extend(values)
    return (" AND ".join(clauses) or "TRUE"), params


def replace_scope(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    scope: Mapping[str, Sequence[Any]],
) -> int:
    """Replace the rows of ``table`` in ``scope`` with ``frame``, atomically.

    The table is created from ``frame``'s columns on first use. Every row of
    ``frame`` must lie inside ``scope``.

    Args:
        con: Warehouse connection.
        table: Table name (a trusted identifier from this package).
        frame: The new rows.
        scope: Column -> allowed values; the rows to delete before inserting.

    Returns:
        The number of rows inserted.

    Raises:
        ValueError: If a row of ``frame`` lies outside ``scope``.
    """
    for column, values in scope.items():
        outside = ~frame[column].isin(list(values))
        if outside.any():
            raise ValueError(
                f"{int(outside.sum())} rows for {table} lie outside the run's {column}"
            )
    con.register("_incoming", frame)
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" AS SELECT * FROM _incoming LIMIT 0')
        where, params = _where(scope)
        con.execute(f'DELETE FROM "{table}" WHERE {where}', params)
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _incoming')
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_incoming")
    return len(frame)


def read_table(
    path: Path, table: str, where: str = "TRUE", params: Sequence[Any] = ()
) -> pd.DataFrame:
    """Read rows of a warehouse table (empty frame if the table does not exist)."""
    if not path.exists():
        return pd.DataFrame()
    with duckdb.connect(str(path), read_only=True) as con:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
        ).fetchone()
        if not exists or not exists[0]:
            return pd.DataFrame()
        return con.execute(f'SELECT * FROM "{table}" WHERE {where}', list(params)).df()
