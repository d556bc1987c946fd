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
from pipelines.trends import build_trends, count_flags
from pipelines.warehouse import Replacement, open_warehouse

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
    """Classified comments already in the warehouse that this run does not replace."""
    first = shift_period(period, -HISTORY_MONTHS)
    stored = open_warehouse(settings).read_table(
        "classified_comments",
        "period BETWEEN ? AND ?",
        [first, period],
    )
    if stored.empty:
        return stored
    # This run re-pulls and re-classifies the whole period, so every stored row of the
    # period is superseded here (only the scoped rows are written back).
    kept = stored.loc[
        stored["period"] != period, ["record_id", "period", "directorate", "source", "labels"]
    ]
    kept["labels"] = kept["labels"].fillna("").map(lambda s: [x for x in s.split(";") if x])
    return kept


@task(name="aggregate-trends", persist_result=False)
def aggregate(
    classified: pd.DataFrame, settings: Settings, period: str, scope: list[str], run_id: str
) -> dict[str, pd.DataFrame]:
    """Trend cells and directorate ranking for the period (all directorates pooled)."""
    current = classified[["record_id", "period", "directorate", "source", "labels"]]
    pooled = pd.concat([_history(settings, period), current], ignore_index=True)
    version = str(classified["model_version"].iloc[0]) if len(classified) else "none"
    trends = build_trends(
        count_flags(pooled),
        [period],
        min_cell_size=settings.min_cell_size,
        model_version=version,
        run_id=run_id,
        generated_at=pd.Timestamp.now(tz="UTC").tz_localize(None).floor("s"),
    )
    priorities = rank_directorates(trends, period, min_cell_size=settings.min_cell_size)
    priorities = priorities.assign(period=period, model_version=version, run_id=run_id)
    stored = classified.assign(labels=classified["labels"].map(join_labels))
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
    stored = open_warehouse(settings).read_table("classified_comments", "period < ?", [period])
    history = (
        stored[["record_id", "period", "directorate", "source", "labels"]]
        if len(stored)
        else stored
    )
    if len(history):
        history = history.assign(
            labels=history["labels"].fillna("").map(lambda s: [x for x in s.split(";") if x])
        )
    current = classified[["record_id", "period", "directorate", "source", "labels"]]
    counts = count_flags(pd.concat([history, current], ignore_index=True))
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
    null ``text`` column. ``redaction_counts`` (if present) is scoped like it.
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
            set(tables["classified_comments"]["directorate"])
            | set(tables["theme_trends"]["directorate"])
        )
    )
    key = {"period": [period], "directorate": directorates}
    replacements = [
        Replacement("classified_comments", tables["classified_comments"], key),
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
    write_outputs(
        open_warehouse(settings),
        settings.parquet_dir,
        replacements,
        partitioned=("classified_comments", "theme_trends"),
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
