"""Flow: the monthly theme trends, for all directorates or an analyst's rerun of some.

Reads top to bottom: pull -> validate -> redact -> classify -> aggregate ->
write -> publish. A run owns exactly one period and its directorates; the
write step replaces that scope atomically, so reruns never duplicate rows
nor touch other directorates or periods.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from prefect import flow, get_run_logger, runtime
from pydantic import BaseModel, Field, field_validator

from pipelines.classify_tasks import classify
from pipelines.dask_runner import uses_dask
from pipelines.directorates import load_reference
from pipelines.periods import parse_period, period_range, previous_period
from pipelines.redact_tasks import redact, scrub_reasons
from pipelines.settings import get_settings
from pipelines.tasks import build_docs
from pipelines.trend_tasks import (
    aggregate,
    assess_impact,
    build_leadership_report,
    publish,
    pull_and_validate,
    write,
)


class TrendRunParameters(BaseModel):
    """Validated parameters of one run.

    Attributes:
        period: ``YYYY-MM``; by default the month before today.
        directorates: Canonical directorate names; ``None`` means all.
    """

    period: str = Field(default_factory=previous_period)
    directorates: list[str] | None = None

    @field_validator("period")
    @classmethod
    def _valid_period(cls, value: str) -> str:
        parse_period(value)
        return value


@flow(name="monthly-theme-trends", log_prints=False)
def monthly_theme_trends(
    period: str | None = None, directorates: list[str] | None = None
) -> dict[str, Any]:
    """Build and publish one month's theme trends.

    Args:
        period: ``YYYY-MM`` (default: the previous month).
        directorates: Directorates to (re)build; all in the reference list if omitted.

    Returns:
        A summary: period, directorates, intake counts, rows written, top priorities.
    """
    params = TrendRunParameters(**({"period": period} if period else {}), directorates=directorates)
    settings = get_settings()
    reference = load_reference(settings.directorates_file)
    scope = reference.validate_names(params.directorates) if params.directorates else None
    run_id = str(runtime.flow_run.id or "local")

    records, quarantine, counts = pull_and_validate(settings, reference, params.period, run_id)
    records, redactions = redact(records, run_id, settings)
    quarantine = scrub_reasons(quarantine, settings, on_dask=uses_dask(len(records), settings))
    classified = classify(records, settings, run_id)  # on Dask if the period is large
    del records  # the labelled frame carries all that is needed: hold one copy of the text
    tables = aggregate(classified, settings, params.period, scope or list(reference.names), run_id)
    if scope is None:  # impact compares directorates, so only a full run re-estimates it
        tables["coaching_impact"] = assess_impact(
            classified, settings, params.period, list(reference.names)
        )
    tables["redaction_counts"] = redactions  # numbers only, scoped like classified_comments
    write(settings, tables, quarantine, counts, params.period, scope, run_id)
    summary = publish(tables, counts, params.period, scope)
    summary["report"] = build_leadership_report(settings, params.period)
    build_docs(settings.validation_dir)
    get_run_logger().info(
        "theme trends %s written for %d directorates", params.period, len(scope or reference.names)
    )
    return summary


@flow(name="backfill-theme-trends", log_prints=False)
def backfill_theme_trends(first: str, last: str) -> list[dict[str, Any]]:
    """Run the monthly flow for every period from ``first`` to ``last``, in order."""
    return [monthly_theme_trends(period=p) for p in period_range(first, last)]


def latest_priorities(summary: dict[str, Any]) -> pd.DataFrame:
    """The ranked directorates of a run summary, as a frame."""
    return pd.DataFrame(summary["priorities"])
