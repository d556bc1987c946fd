"""The DuckDB warehouse: scoped, atomic replacement of rows.

A run owns a *scope* (for example ``period = '2026-10' AND directorate =
'Housing'``). Writing replaces exactly the rows in that scope inside one
transaction, so a rerun never duplicates rows, never touches rows outside
its scope, and a failure leaves the previous rows as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Replacement:
    """New rows for one table and the scope they replace.

    Attributes:
        table: Table name (a trusted identifier from this package).
        frame: The new rows; every row must lie inside ``scope``.
        scope: Column -> allowed values: the rows deleted before inserting.
    """

    table: str
    frame: pd.DataFrame
    scope: Mapping[str, Sequence[Any]]


def _check_inside(rep: Replacement) -> None:
    for column, values in rep.scope.items():
        outside = ~rep.frame[column].isin(list(values))
        if outside.any():
            raise ValueError(
                f"{int(outside.sum())} rows for {rep.table} lie outside the run's {column}"
            )


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
        _check_inside(rep)
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
