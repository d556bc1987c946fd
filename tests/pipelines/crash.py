"""Shared test helpers for pipeline tests."""

from __future__ import annotations

from typing import Any

import duckdb


class FailingConnection:
    """A DuckDB connection that raises on the INSERT into one table (inside the transaction)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, table: str) -> None:
        self._con = con
        self._table = table
        self.executed: list[str] = []

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith(f'INSERT INTO "{self._table}"'):
            raise RuntimeError(f"injected crash inserting into {self._table}")
        self.executed.append(sql)
        return self._con.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)
