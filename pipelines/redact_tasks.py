"""The redact step of the monthly flow: typed placeholders before anything else sees text.

Logs carry counts per placeholder type only, and the task persists no
result (results hold comment text).
"""

from __future__ import annotations

import pandas as pd
from prefect import get_run_logger, task

from pipelines.privacy.counts import redaction_counts, totals
from pipelines.redact import redact_series
from pipelines.settings import Settings


@task(name="redact-personal-data", persist_result=False)
def redact(
    records: pd.DataFrame, run_id: str, settings: Settings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace residual personal data by typed placeholders before anything else sees text.

    Returns:
        The redacted comments, and the ``redaction_counts`` rows of this run
        (numbers only). The log carries counts per placeholder type only.
    """
    out = records.copy()
    out["text"], per_row = redact_series(records["text"], settings)
    changed = sum(1 for c in per_row if c)
    get_run_logger().info(
        "redacted personal data in %d of %d comments: %s",
        changed,
        len(out),
        ", ".join(f"{k} {v}" for k, v in totals(per_row).items()) or "none",
    )
    return out, redaction_counts(records, per_row, run_id)
