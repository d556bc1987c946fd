"""Flow: pull survey exports and complaint cases, validate them, quarantine the bad rows.

Reads top to bottom as load -> validate -> write, one period at a time. The
monthly trends flow continues from the rows that pass.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pandas as pd
from prefect import flow, get_run_logger

from pipelines.directorates import DirectorateReference, load_reference
from pipelines.redact_tasks import scrub_reasons
from pipelines.settings import Settings, get_settings
from pipelines.tasks import (
    build_docs,
    pull_complaints,
    pull_surveys,
    validate,
    write_counts,
    write_quarantine,
)
from pipelines.warehouse import open_warehouse


@dataclass(frozen=True)
class Intake:
    """What one period's intake produced."""

    period: str
    passed: pd.DataFrame
    quarantine: pd.DataFrame
    counts: pd.DataFrame


def intake_period(
    period: str,
    settings: Settings,
    run_id: str,
    *,
    write: bool = True,
    reference: DirectorateReference | None = None,
) -> Intake:
    """Pull, validate and quarantine one period (called inside a flow).

    Args:
        period: ``YYYY-MM``.
        settings: Paths and the source URL.
        run_id: Identifier stamped on quarantine rows.
        write: Scrub the quarantine reasons and store quarantine and counts
            now. The monthly flow passes ``False``: it scrubs the reasons in
            its redact step (on Dask for a large period) and writes them in
            the same transaction as its tables.
        reference: The directorate list, if the caller has loaded it already.

    Returns:
        The rows that passed, the quarantine and the counts. With
        ``write=False`` the reasons are not yet scrubbed (they quote raw values).
    """
    reference = reference or load_reference(settings.directorates_file)
    surveys = pull_surveys(settings.survey_dir, reference, period)
    cases = pull_complaints(settings.complaints_db_url, reference, period)
    records = pd.concat([surveys, cases], ignore_index=True)
    outcome = validate(records, list(reference.names), run_id, settings.validation_dir)
    directorate_of = records.drop_duplicates("record_id").set_index("record_id")["directorate"]
    quarantine = outcome.quarantine.assign(
        directorate=outcome.quarantine["record_id"].map(directorate_of)
    )
    if write:
        quarantine = scrub_reasons(quarantine, settings)
        write_quarantine(open_warehouse(settings), quarantine, period)
        write_counts(open_warehouse(settings), outcome.counts, period, run_id)
    return Intake(period, outcome.passed, quarantine, outcome.counts)


@flow(name="ingest-comments", log_prints=False)
def ingest_comments(periods: list[str]) -> pd.DataFrame:
    """Pull, validate and quarantine the given periods.

    Args:
        periods: ``YYYY-MM`` periods to take in.

    Returns:
        Per period and source: read, passed, quarantined.
    """
    settings = get_settings()
    run_id = uuid.uuid4().hex[:12]
    counts = [intake_period(p, settings, run_id).counts.assign(period=p) for p in periods]
    table = pd.concat(counts, ignore_index=True)
    build_docs(settings.validation_dir)
    get_run_logger().info(
        "intake: read %d, passed %d, quarantined %d",
        table["read"].sum(),
        table["passed"].sum(),
        table["quarantined"].sum(),
    )
    return table
