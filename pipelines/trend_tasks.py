"""Tasks of the monthly theme-trends flow; each wraps pure functions from other modules.

Logs and Prefect artifacts carry counts and rates only, never comment text,
and no task persists its result (results hold comment text).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from models.taxonomy import join_labels
from pipelines.directorates import DirectorateReference
from pipelines.impact import coaching_impact, load_register
from pipelines.ingest import intake_period
from pipelines.periods import shift_period
from pipelines.priorities import rank_directorates
from pipelines.publish import write_outputs
from pipelines.settings import Settings
from pipelines.tasks import validation_context
from pipelines.trends import build_trends, concat_counts, count_flags
from pipelines.warehouse import Replacement, open_warehouse
from pipelines.warehouse.counts import FLAG_COUNTS, backfill, scope_counts, stored_counts

HISTORY_MONTHS = 3
"""Earlier periods read back for the previous-month test and the 3-month rolling rate."""


@task(name="pull-and-validate", persist_result=False)
def pull_and_validate(
    settings: Settings, reference: DirectorateReference, period: str, run_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Pull both sources for the period and split rows by the records contract."""
    intake = intake_period(period, settings, run_id, write=False, reference=reference)
    return intake.passed, intake.quarantine, intake.counts


def _history(settings: Settings, period: str) -> pd.DataFrame:
    """Flag counts of the stored months before ``period`` that the trends look back on.

    This run re-pulls and re-classifies the whole period, so every stored row
    of the period itself is superseded here (only the scoped rows are written back).
    """
    first = shift_period(period, -HISTORY_MONTHS)
    return stored_counts(
        open_warehouse(settings), "period BETWEEN ? AND ? AND period <> ?", [first, period, period]
    )


def _joined_labels(labels: pd.Series) -> pd.Series:
    """Each comment's labels as stored (:func:`join_labels`), joined once per distinct set."""
    if labels.empty:
        return labels.map(join_labels)
    codes, uniques = pd.factorize(labels.map(tuple))
    joined = pd.Series([join_labels(list(labs)) for labs in uniques])
    return pd.Series(joined.take(codes).array, index=labels.index, name=labels.name)


@task(name="aggregate-trends", persist_result=False)
def aggregate(
    classified: pd.DataFrame, settings: Settings, period: str, scope: list[str], run_id: str
) -> dict[str, pd.DataFrame]:
    """Trend cells and directorate ranking for the period (all directorates pooled)."""
    stored = classified.assign(labels=_joined_labels(classified["labels"]))
    counts = concat_counts(_history(settings, period), count_flags(stored))
    version = str(classified["model_version"].iloc[0]) if len(classified) else "none"
    trends = build_trends(
        counts,
        [period],
        min_cell_size=settings.min_cell_size,
        model_version=version,
        run_id=run_id,
        generated_at=pd.Timestamp.now(tz="UTC").tz_localize(None).floor("s"),
    )
    priorities = rank_directorates(trends, period, min_cell_size=settings.min_cell_size)
    priorities = priorities.assign(period=period, model_version=version, run_id=run_id)
    return {
        "theme_trends": trends[trends["directorate"].isin(scope)].reset_index(drop=True),
        "coaching_priorities": priorities[priorities["directorate"].isin(scope)],
        "classified_comments": stored[stored["directorate"].isin(scope)],
        "all_priorities": priorities,
    }


@task(name="assess-coaching-impact", persist_result=False)
def assess_impact(
    classified: pd.DataFrame, settings: Settings, period: str, directorates: list[str]
) -> pd.DataFrame:
    """Difference-in-differences of each coached directorate's negative themes, up to ``period``."""
    register = load_register(settings.coaching_register_file, directorates)
    history = stored_counts(open_warehouse(settings), "period < ?", [period])
    counts = concat_counts(history, count_flags(classified))
    impact = coaching_impact(counts, register)
    get_run_logger().info(
        "coaching impact: %d estimates for %d cohorts", len(impact), len(register)
    )
    return impact.assign(period=period)


@task(name="write-tables", persist_result=False)
def write(
    settings: Settings,
    tables: dict[str, pd.DataFrame],
    quarantine: pd.DataFrame,
    counts: pd.DataFrame,
    period: str,
    scope: list[str] | None,
    run_id: str,
) -> None:
    """Validate the outputs against their contracts, then replace this run's scope.

    With ``keep_comment_text`` off, ``classified_comments`` is stored with a
    null ``text`` column. ``redaction_counts`` (if present) and ``flag_counts``
    (its flag counts, see :mod:`pipelines.warehouse.counts`) are scoped like it.
    """
    from data_contracts import run_suite

    if not settings.keep_comment_text:
        stored = tables["classified_comments"]
        tables = {
            **tables,
            "classified_comments": stored.assign(
                text=pd.Series(pd.NA, index=stored.index, dtype="string")
            ),
        }
    for name, suite in (("theme_trends", "trend"), ("classified_comments", "classified")):
        result = run_suite(
            tables[name], suite, run_id=run_id, context=validation_context(settings.validation_dir)
        )
        if not result.success:
            failed = ", ".join(f"{o.rule or o.expectation_type}" for o in result.failed)
            raise ValueError(f"{name} breaks its data contract ({failed}); nothing was written")
    directorates = (
        scope
        if scope is not None
        else sorted(
            set(tables["classified_comments"]["directorate"].unique())
            | set(tables["theme_trends"]["directorate"].unique())
        )
    )
    key = {"period": [period], "directorate": directorates}
    replacements = [
        Replacement("classified_comments", tables["classified_comments"], key),
        Replacement(FLAG_COUNTS, scope_counts(tables["classified_comments"], run_id), key),
        Replacement("theme_trends", tables["theme_trends"], key),
        Replacement("coaching_priorities", tables["coaching_priorities"], key),
    ]
    if "redaction_counts" in tables:
        redactions = tables["redaction_counts"]
        redactions = redactions[redactions["directorate"].isin(directorates)]
        replacements.append(Replacement("redaction_counts", redactions, key))
    if scope is None:  # a full run also owns the period's quarantine, counts and impact
        replacements += [
            Replacement("coaching_impact", tables["coaching_impact"], {"period": [period]}),
            Replacement("quarantine", quarantine.assign(period=period), {"period": [period]}),
            Replacement(
                "intake_counts", counts.assign(period=period, run_id=run_id), {"period": [period]}
            ),
        ]
    store = open_warehouse(settings)
    write_outputs(
        store,
        settings.parquet_dir,
        replacements,
        partitioned=("classified_comments", "theme_trends"),
        under_lock=lambda: backfill(store, key, run_id),
    )


@task(name="build-leadership-report", persist_result=False)
def build_leadership_report(settings: Settings, period: str) -> dict[str, str]:
    """HTML and Excel report for the period, from the tables just written (no comment text)."""
    from pipelines.report import build_report

    paths = build_report(
        open_warehouse(settings),
        settings.reports_dir,
        period,
        min_cell_size=settings.min_cell_size,
    )
    get_run_logger().info("report: %s", paths.html)
    return {"html": str(paths.html), "xlsx": str(paths.xlsx)}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-friendly dicts (missing values as ``None``)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in clean.to_dict(orient="records")]


@task(name="publish-summary", persist_result=False)
def publish(
    tables: dict[str, pd.DataFrame], counts: pd.DataFrame, period: str, scope: list[str] | None
) -> dict[str, Any]:
    """Prefect artifacts with the headline numbers; returns the run summary."""
    ranked = tables["all_priorities"].sort_values("rank", na_position="last")
    shown = ranked[["rank", "directorate", "need_score", "top_themes", "evidence"]].head(10)
    create_table_artifact(
        key=f"coaching-priorities-{period}",
        table=_records(shown),
        description=f"Directorates ranked by coaching need, {period} (numbers only).",
    )
    lines = [f"# Theme trends {period}", ""]
    lines += [
        f"- {r.source}: read {r.read}, passed {r.passed}, quarantined {r.quarantined}"
        for r in counts.itertuples(index=False)
    ]
    lines += ["", "| rank | directorate | top themes |", "|---:|---|---|"]
    lines += [
        f"| {r.rank} | {r.directorate} | {r.top_themes} |" for r in shown.itertuples(index=False)
    ]
    create_markdown_artifact(
        key=f"theme-trends-{period}", markdown="\n".join(lines), description="Run headline"
    )
    return {
        "period": period,
        "directorates": scope,
        "counts": _records(counts),
        "rows": {k: len(v) for k, v in tables.items()},
        "priorities": _records(shown),
    }
