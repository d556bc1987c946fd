"""Read the complaints case database incrementally by ``opened_at``."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Final

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from pipelines.directorates import DirectorateReference
from pipelines.schema import CASE_COLUMNS
from pipelines.sources.errors import BatchError, SourceUnavailableError
from pipelines.sources.frame import (
    finish,
    normalise_directorates,
    parse_timestamps,
    text_cell,
)

logger = logging.getLogger(__name__)

CASES_TABLE: Final[str] = "cases"
COMPLAINT_QUESTION: Final[str] = "Complaint summary"
_TRANSIENT: Final[tuple[type[Exception], ...]] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
)
_URL_FIX: Final[str] = (
    "check that the database is running and reachable and that COACHLENS_COMPLAINTS_URL "
    "(driver, host, port, database, credentials) is right"
)


def mask_url(url: str) -> str:
    """Return ``url`` with any password replaced by ``***``.

    Args:
        url: A SQLAlchemy database URL.

    Returns:
        The masked URL, or a placeholder if the URL cannot be parsed (it
        might then hold a password in an unexpected place).
    """
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return "<unparseable database URL>"


def month_window_period(since: datetime | None, until: datetime | None) -> str | None:
    """Return ``YYYY-MM`` if ``[since, until)`` is exactly one calendar month.

    Args:
        since: Inclusive lower bound of ``opened_at``.
        until: Exclusive upper bound of ``opened_at``.

    Returns:
        The month the window declares, else ``None``.
    """
    if since is None or until is None:
        return None
    start = pd.Timestamp(since)
    if start != start.normalize() or start.day != 1:
        return None
    return (
        start.strftime("%Y-%m") if pd.Timestamp(until) == start + pd.DateOffset(months=1) else None
    )


def _cases_table(connection: sa.Connection, shown: str) -> sa.Table:
    label = f"{shown} table {CASES_TABLE}"
    if not sa.inspect(connection).has_table(CASES_TABLE):
        raise BatchError(label, "table does not exist", "point the URL at the case database")
    table = sa.Table(CASES_TABLE, sa.MetaData(), autoload_with=connection)
    missing = [c for c in CASE_COLUMNS if c not in table.c]
    if missing:
        raise BatchError(
            label,
            f"missing required column(s): {', '.join(missing)}",
            f"provide the columns {', '.join(CASE_COLUMNS)}",
        )
    return table


def _select(table: sa.Table, since: datetime | None, until: datetime | None) -> sa.Select[Any]:
    columns = [
        sa.cast(table.c[name], sa.String).label(name) if name == "opened_at" else table.c[name]
        for name in CASE_COLUMNS
    ]
    query = sa.select(*columns)
    if since is not None:
        query = query.where(table.c.opened_at >= since)
    if until is not None:
        query = query.where(table.c.opened_at < until)
    return query.order_by(table.c.opened_at, table.c.case_id)


def _fetch(
    engine: sa.Engine, shown: str, since: datetime | None, until: datetime | None, chunk_size: int
) -> pd.DataFrame:
    chunks: list[pd.DataFrame] = []
    with engine.connect() as connection:
        query = _select(_cases_table(connection, shown), since, until)
        result = connection.execution_options(yield_per=chunk_size).execute(query)
        for rows in result.partitions(chunk_size):
            chunks.append(pd.DataFrame(rows, columns=list(CASE_COLUMNS), dtype=object))
            logger.debug("%s: read chunk of %d cases", shown, len(rows))
    if not chunks:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CASE_COLUMNS})
    return pd.concat(chunks, ignore_index=True)


def _lenient_sqlite_text(dbapi_connection: Any, _record: Any) -> None:
    """Decode invalid UTF-8 in SQLite TEXT cells with replacement characters.

    SQLite stores whatever bytes it is given; one bad cell would otherwise fail
    the whole read (and look like an outage). Validation then judges the row.
    """
    dbapi_connection.text_factory = lambda raw: raw.decode("utf-8", errors="replace")


def _log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    logger.warning(
        "complaints database attempt %d failed (%s); retrying",
        state.attempt_number,
        type(error).__name__,
    )


def read_complaint_cases(
    url: str,
    reference: DirectorateReference,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    chunk_size: int = 5000,
    max_attempts: int = 3,
    wait_seconds: float = 1.0,
) -> pd.DataFrame:
    """Read complaint cases opened in ``[since, until)`` into the normalised frame.

    Cases are read in ``opened_at`` order, ``chunk_size`` rows at a time.
    Connection failures are retried ``max_attempts`` times with exponential
    back-off starting at ``wait_seconds``.

    Args:
        url: SQLAlchemy URL of the case database (table ``cases``).
        reference: Directorate reference used to canonicalise directorates.
        since: Inclusive lower bound on ``opened_at``; no bound if ``None``.
        until: Exclusive upper bound on ``opened_at``; no bound if ``None``.
        chunk_size: Rows fetched per round trip.
        max_attempts: Attempts before giving up.
        wait_seconds: First wait between attempts (doubling, at most 30 s).

    Returns:
        One row per case (see :data:`pipelines.sources.frame.SOURCE_COLUMNS`);
        ``batch_period`` is the month the window declares when it is exactly
        one calendar month, else the month of ``opened_at``.

    Raises:
        BatchError: If the ``cases`` table or one of its columns is missing.
        SourceUnavailableError: If the database cannot be reached.
    """
    shown = mask_url(url)
    try:
        engine = sa.create_engine(url)
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError) as exc:
        raise SourceUnavailableError(
            shown, 0, f"URL not usable ({type(exc).__name__})", _URL_FIX
        ) from exc
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _lenient_sqlite_text)
    retrying = Retrying(
        stop=stop_after_attempt(max_attempts),
        wait=wait_exponential(multiplier=wait_seconds, max=30),
        retry=retry_if_exception_type(_TRANSIENT),
        before_sleep=_log_retry,
        reraise=True,
    )
    try:
        cases = retrying(_fetch, engine, shown, since, until, chunk_size)
    except _TRANSIENT as exc:
        raise SourceUnavailableError(
            shown, max_attempts, f"{type(exc).__name__} connecting or reading", _URL_FIX
        ) from exc
    finally:
        engine.dispose()
    logger.info("read %d cases from %s", len(cases), shown)
    return _normalise(cases, reference, month_window_period(since, until))


def _normalise(
    cases: pd.DataFrame, reference: DirectorateReference, window_period: str | None
) -> pd.DataFrame:
    occurred_at = parse_timestamps(cases["opened_at"])
    period = occurred_at.dt.strftime("%Y-%m").astype(object).where(occurred_at.notna(), None)
    case_id = cases["case_id"].map(lambda v: str(text_cell(v)))
    # loosely typed databases (SQLite) may hold numbers or BLOBs in text columns
    raw_directorate = cases["directorate"].map(text_cell).astype(object)
    return finish(
        {
            "record_id": "complaint:" + case_id,
            "source": "complaint",
            "period": period,
            "directorate": normalise_directorates(raw_directorate, reference),
            "question": COMPLAINT_QUESTION,
            "text": cases["summary"].map(text_cell).astype(object),
            "provenance": f"{CASES_TABLE}:case_id=" + case_id,
            "raw_directorate": raw_directorate,
            "occurred_at": occurred_at,
            "batch_period": window_period if window_period else period,
            "parse_error": None,
        }
    )
