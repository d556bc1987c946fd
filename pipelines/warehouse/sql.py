"""A warehouse in a SQL database reached through SQLAlchemy (PostgreSQL in production).

The same guarantees as the DuckDB file: writers serialise (on a transaction
level advisory lock on PostgreSQL), and one transaction deletes each table's
scoped rows and inserts the new ones, so readers see the old rows or the new
ones, never a mix. Tables are created from the first frame written to them;
each gets an index on its scope columns (``period``, ``directorate``) at its
first scoped write, so deleting a run's scope does not scan every stored month.
Rows go in through ``COPY`` on PostgreSQL with psycopg (an ``executemany``
insert elsewhere).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd
import sqlalchemy as sa

from pipelines.sources.complaints import mask_url
from pipelines.warehouse.scope import Replacement, check_inside

ADVISORY_LOCK_KEY: Final[int] = 0x636F_6163_686C_656E
"""``pg_advisory_xact_lock`` key every coachlens writer takes ("coachlen" in ASCII)."""
_PLACEHOLDER = re.compile(r"\?")
_MAX_NAME: Final[int] = 63
"""Longest identifier PostgreSQL keeps."""


def _sql_type(column: pd.Series) -> sa.types.TypeEngine[Any]:
    """A column type for the values of a frame column (text when unsure)."""
    if pd.api.types.is_bool_dtype(column):
        return sa.Boolean()
    if pd.api.types.is_integer_dtype(column):
        return sa.BigInteger()
    if pd.api.types.is_float_dtype(column):
        return sa.Double()
    if pd.api.types.is_datetime64_any_dtype(column):
        return sa.DateTime(timezone=getattr(column.dtype, "tz", None) is not None)
    kind = pd.api.types.infer_dtype(column, skipna=True)
    types: dict[str, sa.types.TypeEngine[Any]] = {
        "boolean": sa.Boolean(),
        "integer": sa.BigInteger(),
        "floating": sa.Double(),
        "mixed-integer-float": sa.Double(),
        "datetime": sa.DateTime(),
        "datetime64": sa.DateTime(),
        "date": sa.Date(),
    }
    return types.get(kind, sa.Text())


def _table(connection: sa.Connection, name: str, frame: pd.DataFrame) -> sa.Table:
    """The table ``name``, created from ``frame``'s columns if it does not exist yet."""
    if sa.inspect(connection).has_table(name):
        return sa.Table(name, sa.MetaData(), autoload_with=connection)
    columns = [sa.Column(str(c), _sql_type(frame[c])) for c in frame.columns]
    table = sa.Table(name, sa.MetaData(), *columns)
    table.create(connection)
    return table


def _rows(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """Plain Python values, missing ones as ``None``."""
    clean = frame.astype(object).where(frame.notna(), None)
    return list(clean.itertuples(index=False, name=None))


def _insert(connection: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    """Append ``frame`` to ``table`` (``COPY`` on PostgreSQL with psycopg)."""
    if frame.empty:
        return
    names = [str(c) for c in frame.columns]
    rows = _rows(frame)
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        quote = connection.dialect.identifier_preparer.quote
        columns = ", ".join(quote(n) for n in names)
        raw: Any = connection.connection.driver_connection
        statement = f"COPY {quote(table.name)} ({columns}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return
    connection.execute(table.insert(), [dict(zip(names, row, strict=True)) for row in rows])


def _scope_index(connection: sa.Connection, table: sa.Table, columns: list[str]) -> None:
    """Index the scope columns once, so replacing a scope does not scan the whole table."""
    if not columns:
        return
    name = f"ix_{table.name}_{'_'.join(columns)}"[:_MAX_NAME]
    sa.Index(name, *(table.c[c] for c in columns)).create(connection, checkfirst=True)


def _replace(connection: sa.Connection, rep: Replacement) -> None:
    table = _table(connection, rep.table, rep.frame)
    _scope_index(connection, table, list(rep.scope))
    condition = sa.and_(sa.true(), *(table.c[c].in_(list(v)) for c, v in rep.scope.items()))
    connection.execute(table.delete().where(condition))
    _insert(connection, table, rep.frame)


@dataclass(frozen=True)
class SqlWarehouse:
    """Warehouse tables in the database at a SQLAlchemy URL.

    Attributes:
        url: SQLAlchemy URL, e.g. ``postgresql+psycopg://user:pw@host/db``.
    """

    url: str

    def __repr__(self) -> str:
        """Never show the password."""
        return f"SqlWarehouse({self.shown!r})"

    @property
    def shown(self) -> str:
        """The URL with its password masked, for messages."""
        return mask_url(self.url)

    def exists(self) -> bool:
        """A database is always there to read from (absent tables read as empty)."""
        return True

    def _engine(self) -> sa.Engine:
        # hide_parameters: errors must not quote row values (comment text)
        return sa.create_engine(self.url, poolclass=sa.pool.NullPool, hide_parameters=True)

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
        values = list(params)
        counter = iter(range(len(values)))
        bound = _PLACEHOLDER.sub(lambda _: f":p{next(counter)}", where)
        engine = self._engine()
        try:
            with engine.connect() as connection:
                if not sa.inspect(connection).has_table(table):
                    return pd.DataFrame()
                quote = connection.dialect.identifier_preparer.quote
                picked = "*" if columns is None else ", ".join(quote(c) for c in columns)
                query = sa.text(f"SELECT {picked} FROM {quote(table)} WHERE {bound}")
                return pd.read_sql_query(
                    query, connection, params={f"p{i}": v for i, v in enumerate(values)}
                )
        finally:
            engine.dispose()

    def has_table(self, table: str) -> bool:
        """Whether ``table`` exists yet."""
        engine = self._engine()
        try:
            with engine.connect() as connection:
                return bool(sa.inspect(connection).has_table(table))
        finally:
            engine.dispose()

    @contextmanager
    def locked(self) -> Iterator[Callable[[Sequence[Replacement]], None]]:
        """Open a transaction holding the writers' lock; yield a function that writes and commits.

        The yielded function replaces every scope in this transaction and
        commits it (releasing the lock). Leaving the block without calling it,
        or on any error, rolls back.
        """
        engine = self._engine()
        try:
            with engine.connect() as connection:
                transaction = connection.begin()
                try:
                    if connection.dialect.name == "postgresql":
                        connection.execute(
                            sa.text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": ADVISORY_LOCK_KEY},
                        )

                    def commit(replacements: Sequence[Replacement]) -> None:
                        for rep in replacements:
                            check_inside(rep)
                        for rep in replacements:
                            _replace(connection, rep)
                        transaction.commit()

                    yield commit
                finally:
                    if transaction.is_active:
                        transaction.rollback()
        finally:
            engine.dispose()

    def replace_scopes(self, replacements: Sequence[Replacement]) -> None:
        """Replace the scoped rows of several tables in one locked transaction."""
        with self.locked() as commit:
            commit(replacements)
