"""Prefect tasks: thin wrappers that name each step and add retries.

Every task calls a pure function from another module and logs counts only,
never comment text. Results are not persisted (they hold comment text).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from prefect import get_run_logger, task

from pipelines.directorates import DirectorateReference
from pipelines.periods import month_bounds
from pipelines.sources import read_complaint_cases, read_survey_exports
from pipelines.validate import ValidationOutcome, validate_records
from pipelines.warehouse import Replacement, Warehouse, as_warehouse


@task(name="pull-survey-exports", retries=2, retry_delay_seconds=5, persist_result=False)
def pull_surveys(folder: Path, reference: DirectorateReference, period: str) -> pd.DataFrame:
    """Read one wave of survey exports into the normalised frame."""
    frame = read_survey_exports(folder, reference, periods={period})
    get_run_logger().info("pulled %d survey rows for %s", len(frame), period)
    return frame


@task(name="pull-complaint-cases", retries=2, retry_delay_seconds=5, persist_result=False)
def pull_complaints(url: str, reference: DirectorateReference, period: str) -> pd.DataFrame:
    """Read the complaint cases opened in one month (the source retries connections too)."""
    since, until = month_bounds(period)
    frame = read_complaint_cases(url, reference, since=since, until=until)
    get_run_logger().info("pulled %d complaint cases for %s", len(frame), period)
    return frame


@lru_cache(maxsize=4)
def validation_context(validation_dir: Path) -> Any:
    """The file-backed Great Expectations project under ``validation_dir`` (one per process)."""
    from data_contracts import file_context

    return file_context(validation_dir)


@task(name="validate-records", persist_result=False)
def validate(
    records: pd.DataFrame, directorates: list[str], run_id: str, validation_dir: Path
) -> ValidationOutcome:
    """Split records into passed and quarantined rows by the ``records`` contract.

    Results (counts and row positions, never text) are kept in the GX project
    under ``validation_dir`` for the Data Docs site.
    """
    outcome = validate_records(
        records,
        directorates=directorates,
        run_id=run_id,
        context=validation_context(validation_dir),
    )
    logger = get_run_logger()
    for row in outcome.counts.itertuples(index=False):
        logger.info(
            "%s: read %d = passed %d + quarantined %d",
            row.source,
            row.read,
            row.passed,
            row.quarantined,
        )
    return outcome


@task(name="build-data-docs", persist_result=False)
def build_docs(validation_dir: Path) -> Path | None:
    """Rebuild the Data Docs site analysts open to see contract results."""
    from data_contracts import build_data_docs

    site = build_data_docs(validation_context(validation_dir))
    get_run_logger().info("data docs: %s", site)
    return site


@task(name="write-quarantine", persist_result=False)
def write_quarantine(warehouse: Path | Warehouse, quarantine: pd.DataFrame, period: str) -> int:
    """Replace this period's quarantine rows (rule, reason, provenance; never text)."""
    frame = quarantine.assign(period=period)
    as_warehouse(warehouse).replace_scopes([Replacement("quarantine", frame, {"period": [period]})])
    return len(frame)


@task(name="write-intake-counts", persist_result=False)
def write_counts(
    warehouse: Path | Warehouse, counts: pd.DataFrame, period: str, run_id: str
) -> None:
    """Record ``read = passed + quarantined`` per source for this period."""
    frame = counts.assign(period=period, run_id=run_id)
    scope = {"period": [period]}
    as_warehouse(warehouse).replace_scopes([Replacement("intake_counts", frame, scope)])
