"""What the benchmark measures, each run in its own process by :mod:`pipelines.bench`.

:func:`run_flow` runs the monthly theme-trends flow for every period, oldest
first (a backfill), against ``COACHLENS_HOME`` and an ephemeral Prefect API,
and reads each task's run time back from the API. :func:`run_baseline` reads
the same survey exports and case database with plain pandas, classifies with
a TF-IDF + logistic regression model trained on the project's corpus, and
counts flags per directorate and month. Both stream one file or month at a
time and return plain numbers (never comment text).
"""

from __future__ import annotations

import resource
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from uuid import UUID

import pandas as pd

NESTED_TASKS: dict[str, str] = {
    "pull-survey-exports": "pull-and-validate",
    "pull-complaint-cases": "pull-and-validate",
    "validate-records": "pull-and-validate",
}
"""Tasks that run inside another task (their time is part of the parent's)."""

CHUNK_TASKS: dict[str, str] = {
    "redact-chunk": "redact-personal-data",
    "classify-chunk": "classify-comments",
}
"""Tasks mapped over chunks on Dask workers, and the in-process task they stand in for.

They run in parallel, so a step's time is the wall-clock span from its first
chunk's start to its last chunk's end in each flow run, not the sum of run times."""


def _self_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _task_seconds(flow_run_ids: list[str], expected_min: int) -> dict[str, float]:
    """Total run time per task name over the given flow runs, read from the Prefect API.

    Task-run states reach the API asynchronously, so poll until the count is stable.
    """
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs: list[Any] = []
    with get_client(sync_client=True) as client:
        for _ in range(30):
            found: list[Any] = []
            while True:  # the API returns at most 200 runs per call
                page = client.read_task_runs(
                    flow_run_filter=FlowRunFilter(
                        id=FlowRunFilterId(any_=[UUID(i) for i in flow_run_ids])
                    ),
                    limit=200,
                    offset=len(found),
                )
                found += page
                if len(page) < 200:
                    break
            done = [r for r in found if r.end_time is not None]
            if len(done) >= expected_min and len(done) == len(runs):
                break
            runs = done
            time.sleep(1.0)
        runs = done
    seconds: dict[str, float] = defaultdict(float)
    spans: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for run in runs:
        name = run.name.rsplit("-", 1)[0]
        if name in CHUNK_TASKS:
            spans[(str(run.flow_run_id), CHUNK_TASKS[name])].append(run)
        else:
            seconds[name] += run.total_run_time.total_seconds()
    for (_, step), chunk_runs in spans.items():
        starts = [r.start_time for r in chunk_runs if r.start_time is not None]
        ends = [r.end_time for r in chunk_runs if r.end_time is not None]
        if starts and ends:
            seconds[step] += (max(ends) - min(starts)).total_seconds()
    return dict(seconds)


def run_flow(periods: list[str]) -> dict[str, Any]:
    """Run the monthly flow for ``periods`` in order; time each run and each task.

    Args:
        periods: ``YYYY-MM`` periods, oldest first.

    Returns:
        ``seconds`` (sum of flow wall times), ``per_period`` wall times,
        ``startup`` (ephemeral API start, not counted), ``tasks`` (seconds per
        task name from the API), ``read``/``passed``/``quarantined`` counts and
        ``self_peak_mib`` (``ru_maxrss`` of this process).
    """
    from prefect.client.orchestration import get_client

    start = time.perf_counter()
    with get_client(sync_client=True) as client:
        client.api_healthcheck()  # starts the ephemeral API before anything is timed
    startup = time.perf_counter() - start

    from pipelines.monthly_theme_trends import monthly_theme_trends

    per_period: dict[str, float] = {}
    flow_run_ids: list[str] = []
    counts: dict[str, int] = defaultdict(int)
    for period in periods:
        start = time.perf_counter()
        state: Any = monthly_theme_trends(period=period, return_state=True)
        summary = state.result()
        per_period[period] = time.perf_counter() - start
        flow_run_ids.append(str(state.state_details.flow_run_id))
        for row in summary["counts"]:
            for key in ("read", "passed", "quarantined"):
                counts[key] += int(row[key])
    tasks = _task_seconds(flow_run_ids, expected_min=6 * len(periods))
    return {
        "seconds": sum(per_period.values()),
        "per_period": per_period,
        "startup": startup,
        "tasks": tasks,
        **counts,
        "self_peak_mib": _self_peak_mib(),
    }


def _read_survey(path: Path) -> pd.DataFrame:
    columns = ["directorate", "wave", "question_text", "comment"]
    if path.suffix == ".parquet":
        return pd.read_parquet(path, columns=columns)
    if path.suffix == ".xlsx":
        return pd.read_excel(path, usecols=columns, dtype=str)
    raw = path.read_bytes()
    encoding = "utf-8-sig"
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
    return pd.read_csv(path, encoding=encoding, usecols=columns, dtype=str, on_bad_lines="skip")


def _batches(home: Path) -> Any:
    """Yield (directorate, month, text) frames: one per survey file, one per case month."""
    for path in sorted((home / "demo" / "surveys").iterdir()):
        frame = _read_survey(path)
        yield pd.DataFrame(
            {
                "directorate": frame["directorate"],
                "month": frame["wave"].astype(str).str[:7],
                "text": frame["comment"],
            }
        )
    with sqlite3.connect(home / "demo" / "complaints.sqlite") as con:
        query = "SELECT directorate, substr(opened_at, 1, 7) AS month, summary AS text FROM cases"
        yield from pd.read_sql_query(query, con, chunksize=50_000)


def run_baseline(home: Path) -> dict[str, Any]:
    """Bare pandas + TF-IDF + logistic regression over the demo inputs under ``home``.

    Args:
        home: A ``COACHLENS_HOME`` holding ``demo/surveys`` and ``demo/complaints.sqlite``.

    Returns:
        ``seconds`` (read + predict + group, training excluded), ``train_seconds``,
        ``comments`` (non-blank texts classified), ``cells`` (directorate x month
        groups) and ``self_peak_mib``.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    from models.corpus import label_matrix, load_corpus

    start = time.perf_counter()
    corpus = load_corpus()
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2),
        OneVsRestClassifier(LogisticRegression(solver="liblinear")),
    )
    model.fit([e.text for e in corpus], label_matrix(corpus))
    train_seconds = time.perf_counter() - start

    start = time.perf_counter()
    totals: list[pd.DataFrame] = []
    comments = 0
    for batch in _batches(home):
        batch = batch[batch["text"].fillna("").str.strip() != ""]
        comments += len(batch)
        flags = pd.DataFrame(model.predict(batch["text"].tolist()), index=batch.index)
        flags[["directorate", "month"]] = batch[["directorate", "month"]]
        totals.append(flags.groupby(["directorate", "month"]).sum())
    table = pd.concat(totals).groupby(level=[0, 1]).sum()
    return {
        "seconds": time.perf_counter() - start,
        "train_seconds": train_seconds,
        "comments": comments,
        "cells": len(table),
        "self_peak_mib": _self_peak_mib(),
    }
