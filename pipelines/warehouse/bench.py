"""Time bulk inserts into a SQL warehouse: COPY against ``executemany`` and ``to_sql``.

:mod:`pipelines.warehouse.sql` uses COPY on PostgreSQL; the alternatives are
SQLAlchemy ``executemany`` and pandas ``to_sql(method="multi")``.

Usage: ``python -m pipelines.warehouse.bench postgresql+psycopg://user:pw@host/db [rows]``.
Writes and drops a scratch table ``bench_insert``; prints seconds and rows/s per method.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import sqlalchemy as sa

from pipelines.warehouse import sql

TABLE = "bench_insert"


def _frame(rows: int) -> pd.DataFrame:
    """Rows shaped like ``classified_comments`` (synthetic text, no real comments)."""
    rng = np.random.default_rng(0)
    words = np.array(["team", "manager", "workload", "support", "meeting", "rota", "praise"])
    text = [" ".join(rng.choice(words, size=30)) for _ in range(rows)]
    frame = pd.DataFrame(
        {
            "record_id": [f"survey:{i}" for i in range(rows)],
            "period": "2025-08",
            "directorate": rng.choice(["Housing", "Finance", "Children's Services"], rows),
            "source": "survey",
            "question": "What would improve your team?",
            "text": text,
            "labels": rng.choice(["", "listening:neg", "workload:neg;recognition:pos"], rows),
            "model_version": "bench",
            "run_id": "bench",
        }
    )
    for k in range(8):
        frame[f"score_{k}"] = rng.random(rows)
    return frame


def _copy(connection: sa.Connection, frame: pd.DataFrame) -> None:
    sql._insert(connection, sql._table(connection, TABLE, frame), frame)


def _executemany(connection: sa.Connection, frame: pd.DataFrame) -> None:
    table = sql._table(connection, TABLE, frame)
    names = [str(c) for c in frame.columns]
    rows = [dict(zip(names, r, strict=True)) for r in sql._rows(frame)]
    connection.execute(table.insert(), rows)


def _to_sql_multi(connection: sa.Connection, frame: pd.DataFrame) -> None:
    sql._table(connection, TABLE, frame)
    frame.to_sql(TABLE, connection, if_exists="append", index=False, method="multi", chunksize=1000)


def main(url: str, rows: int) -> None:
    """Insert ``rows`` rows with each method in its own transaction and print the timings."""
    frame = _frame(rows)
    engine = sa.create_engine(url)
    methods: dict[str, Callable[[sa.Connection, pd.DataFrame], None]] = {
        "copy": _copy,
        "executemany": _executemany,
        "to_sql_multi": _to_sql_multi,
    }
    try:
        for name, insert in methods.items():
            with engine.begin() as connection:
                connection.execute(sa.text(f"DROP TABLE IF EXISTS {TABLE}"))
            with engine.begin() as connection:
                start = time.perf_counter()
                insert(connection, frame)
                seconds = time.perf_counter() - start
                stored = connection.execute(sa.text(f"SELECT count(*) FROM {TABLE}")).scalar()
            assert stored == rows, (name, stored)
            print(f"{name:13s} {rows:,} rows in {seconds:6.2f} s = {rows / seconds:9,.0f} rows/s")
    finally:
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP TABLE IF EXISTS {TABLE}"))
        engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50_000)
