"""The warehouse: scoped, atomic replacement of rows, in DuckDB or a SQL database.

A run owns a *scope* (for example ``period = '2026-10' AND directorate =
'Housing'``). Writing replaces exactly the rows in that scope inside one
transaction, so a rerun never duplicates rows, never touches rows outside
its scope, and a failure leaves the previous rows as they were.

:func:`open_warehouse` picks the backend from settings: the embedded DuckDB
file by default, or the database at ``COACHLENS_WAREHOUSE_URL`` (PostgreSQL)
through SQLAlchemy. Both offer the :class:`Warehouse` interface.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from pipelines.warehouse.duck import (
    DuckDBWarehouse,
    connect,
    read_table,
    replace_scope,
    replace_scopes,
)
from pipelines.warehouse.scope import Replacement, check_inside
from pipelines.warehouse.sql import SqlWarehouse

if TYPE_CHECKING:
    from pipelines.settings import Settings

__all__ = [
    "DuckDBWarehouse",
    "Replacement",
    "SqlWarehouse",
    "Warehouse",
    "as_warehouse",
    "check_inside",
    "connect",
    "open_warehouse",
    "read_table",
    "replace_scope",
    "replace_scopes",
]


class Warehouse(Protocol):
    """What callers need from a warehouse backend."""

    @property
    def shown(self) -> str:
        """Where the warehouse is, for messages (never a password)."""
        ...

    def exists(self) -> bool:
        """Whether there is anything to read yet."""
        ...

    def read_table(
        self,
        table: str,
        where: str = "TRUE",
        params: Sequence[Any] = (),
        columns: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """``columns`` (default all) of ``table`` matching ``where``; empty if absent."""
        ...

    def has_table(self, table: str) -> bool:
        """Whether ``table`` exists yet."""
        ...

    def locked(self) -> AbstractContextManager[Callable[[Sequence[Replacement]], None]]:
        """Hold the writers' lock; yield a function replacing scopes in one transaction."""
        ...

    def replace_scopes(self, replacements: Sequence[Replacement]) -> None:
        """Replace the scoped rows of several tables in one locked transaction."""
        ...


def open_warehouse(settings: Settings) -> DuckDBWarehouse | SqlWarehouse:
    """The configured warehouse: ``warehouse_url`` if set, else the DuckDB file."""
    if settings.warehouse_url:
        return SqlWarehouse(settings.warehouse_url)
    return DuckDBWarehouse(settings.warehouse_path)


def as_warehouse(warehouse: Path | Warehouse) -> Warehouse:
    """Accept a DuckDB file path where a warehouse is expected."""
    return DuckDBWarehouse(warehouse) if isinstance(warehouse, Path) else warehouse
