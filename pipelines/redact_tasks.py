"""The redact step of the monthly flow: typed placeholders before anything else sees text.

A period below ``settings.dask_min_comments`` is redacted by one task in the
flow's process; a larger one in chunks on the same Dask cluster that then
classifies it (each worker builds its redactor once). Quarantine reasons,
which quote raw values, are scrubbed the same way (no NER). Logs carry
counts per placeholder type only, and no task persists its result (results
hold comment text).

The redactor (Presidio on spaCy) is imported where it runs: a flow process
that sends its periods to Dask never loads it, which keeps it about 150 MiB
smaller (``make bench``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd
from prefect import get_run_logger, task

from pipelines.dask_runner import CommentChunk, map_chunks, uses_dask
from pipelines.privacy.counts import redaction_counts, totals
from pipelines.settings import Settings

Redacted = tuple[pd.Series, list[Counter[str]]]
"""A redacted text column and, per row, the count of each placeholder written."""


@task(name="redact-personal-data", persist_result=False)
def redact_comments(records: pd.DataFrame, settings: Settings | None = None) -> Redacted:
    """Redact every comment of the period in this process."""
    from pipelines.redact import redact_series

    return redact_series(records["text"], settings)


@task(name="redact-chunk", persist_result=False)
def redact_chunk(
    chunk: CommentChunk, settings: Settings | None = None, ner: bool = True
) -> Redacted:
    """Redact one chunk of the period (runs on a Dask worker)."""
    from pipelines.redact import redact_series

    return redact_series(chunk.frame["text"], settings, ner=ner)


def redact(
    records: pd.DataFrame, run_id: str, settings: Settings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace residual personal data by typed placeholders, on Dask if the period is large.

    Args:
        records: Validated comments of the period.
        run_id: Flow-run id stamped on the counts.
        settings: Id patterns, directorate list and the Dask settings
            (read from the environment if omitted).

    Returns:
        The redacted comments (same index and order), and the
        ``redaction_counts`` rows of this run (numbers only).
    """
    if settings is None or not uses_dask(len(records), settings):
        text, per_row = redact_comments(records, settings)
    else:
        parts = map_chunks(redact_chunk, records, settings, {"settings": settings})
        text = pd.concat([p[0] for p in parts])  # uses_dask: at least one chunk
        per_row = [c for p in parts for c in p[1]]
    out = records.copy()
    out["text"] = text.set_axis(records.index)
    changed = sum(1 for c in per_row if c)
    get_run_logger().info(
        "redacted personal data in %d of %d comments: %s",
        changed,
        len(out),
        ", ".join(f"{k} {v}" for k, v in totals(per_row).items()) or "none",
    )
    return out, redaction_counts(records, per_row, run_id)


@task(name="scrub-quarantine-reasons", persist_result=False)
def scrub_in_process(reasons: pd.DataFrame, settings: Settings) -> pd.Series:
    """Redact distinct quarantine reasons (column ``text``) in this process, without NER."""
    from pipelines.redact import redact_series

    return redact_series(reasons["text"], settings, ner=False)[0]


def scrub_reasons(
    quarantine: pd.DataFrame, settings: Settings, *, on_dask: bool = False
) -> pd.DataFrame:
    """Quarantine rows with identifiers and known names in their reasons replaced.

    Reasons quote raw values (a directorate spelling, an id). Each distinct
    reason is redacted once, without NER (most rows share a handful of
    reasons), in this process or, with ``on_dask``, on the cluster that
    redacts the period's comments.

    Args:
        quarantine: Rows with a ``reason`` column.
        settings: As for :func:`redact`.
        on_dask: Redact on the Dask cluster (the period is large, see ``uses_dask``).

    Returns:
        A copy with ``reason`` scrubbed (same index, order and dtype).
    """
    out = quarantine.copy()
    if out.empty:
        return out
    reasons = out["reason"]
    codes, distinct = pd.factorize(reasons.to_numpy(dtype=object), use_na_sentinel=False)
    frame = pd.DataFrame({"text": pd.Series(distinct, dtype=object)})
    scrubbed: Any  # a task call: mypy sees Series | Coroutine
    if on_dask:
        parts = map_chunks(redact_chunk, frame, settings, {"settings": settings, "ner": False})
        scrubbed = pd.concat([p[0] for p in parts])
    else:
        scrubbed = scrub_in_process(frame, settings)
    rows = scrubbed.to_numpy(dtype=object)[codes]
    out["reason"] = pd.Series(rows, index=reasons.index, name=reasons.name).astype(reasons.dtype)
    return out
