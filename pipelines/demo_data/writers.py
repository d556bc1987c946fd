"""Write demo exports byte-for-byte reproducibly (CSV, XLSX, Parquet, SQL)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from pipelines.schema import CASE_COLUMNS, SURVEY_COLUMNS


def _text_rows(frame: pd.DataFrame, date_format: str) -> list[list[str]]:
    out = frame.loc[:, list(SURVEY_COLUMNS)].copy()
    out["submitted_at"] = out["submitted_at"].dt.strftime(date_format)
    return out.astype(str).to_numpy().tolist()  # type: ignore[no-any-return]


def write_csv(
    frame: pd.DataFrame,
    path: Path,
    *,
    encoding: str,
    date_format: str,
    unquoted_row: int | None = None,
) -> None:
    """Write a survey wave as CSV the way a platform export would.

    Args:
        frame: Rows with :data:`pipelines.schema.SURVEY_COLUMNS`.
        path: Output file.
        encoding: ``utf-8-sig`` or ``cp1252`` (strict: unencodable text raises).
        date_format: ``strftime`` format of ``submitted_at``.
        unquoted_row: 0-based data row written without any quoting, so a
            comma in its comment becomes a stray delimiter.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SURVEY_COLUMNS)
    for i, row in enumerate(_text_rows(frame, date_format)):
        if i == unquoted_row:
            buffer.write(",".join(row) + "\r\n")
        else:
            writer.writerow(row)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a survey wave as Parquet (``submitted_at`` as a timestamp)."""
    out = frame.loc[:, list(SURVEY_COLUMNS)].reset_index(drop=True)
    out.to_parquet(path, index=False, engine="pyarrow", compression="zstd")


def cases_table(metadata: sa.MetaData) -> sa.Table:
    """Define the complaints ``cases`` table (indexed on ``opened_at``)."""
    return sa.Table(
        "cases",
        metadata,
        sa.Column("case_id", sa.String(16), primary_key=True),
        sa.Column("opened_at", sa.DateTime, nullable=False, index=True),
        sa.Column("directorate", sa.String(120)),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("summary", sa.Text),
    )


class CaseWriter:
    """Append cases to a fresh ``cases`` table at any SQLAlchemy URL."""

    def __init__(self, url: str) -> None:
        """Connect and (re)create the table, dropping an existing one.

        Args:
            url: SQLAlchemy URL of the target database.
        """
        self._engine = sa.create_engine(url)
        metadata = sa.MetaData()
        self._table = cases_table(metadata)
        metadata.drop_all(self._engine)
        metadata.create_all(self._engine)

    def append(self, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows (dicts keyed by :data:`pipelines.schema.CASE_COLUMNS`)."""
        if rows:
            with self._engine.begin() as connection:
                connection.execute(
                    self._table.insert(), [{c: r[c] for c in CASE_COLUMNS} for r in rows]
                )

    def close(self) -> None:
        """Release the connection pool."""
        self._engine.dispose()
