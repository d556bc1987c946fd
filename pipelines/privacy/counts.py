"""Per-run redaction counts: how many of each placeholder, per period, directorate and source.

Numbers only: the table says how much personal data was found, never what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Final

import pandas as pd

REDACTION_COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "period",
    "directorate",
    "source",
    "entity_type",
    "n",
    "run_id",
)
"""Columns of the ``redaction_counts`` warehouse table."""

_KEY: Final[list[str]] = ["period", "directorate", "source"]


def redaction_counts(
    records: pd.DataFrame, per_row: Sequence[Counter[str]], run_id: str
) -> pd.DataFrame:
    """Sum the per-comment placeholder counts by period, directorate and source.

    Args:
        records: The comments (``period``, ``directorate``, ``source``), in the
            order of ``per_row``.
        per_row: Per comment, the count of each placeholder written.
        run_id: The run that redacted them.

    Returns:
        One row per (period, directorate, source, entity_type) with ``n > 0``;
        ``entity_type`` is the placeholder without brackets (``PERSON``).
    """
    rows = [
        (*key, placeholder.strip("[]"), n)
        for key, counts in zip(
            records[_KEY].itertuples(index=False, name=None), per_row, strict=True
        )
        for placeholder, n in counts.items()
        if n
    ]
    frame = pd.DataFrame(rows, columns=[*_KEY, "entity_type", "n"])
    summed = frame.groupby([*_KEY, "entity_type"], as_index=False, sort=True)["n"].sum()
    out = pd.DataFrame({c: summed[c].astype("string") for c in (*_KEY, "entity_type")})
    out["n"] = summed["n"].astype("int64")
    out["run_id"] = pd.Series(run_id, index=summed.index, dtype="string")
    return out.reset_index(drop=True)


def totals(per_row: Sequence[Counter[str]]) -> dict[str, int]:
    """Replacements per placeholder over all comments (for logs)."""
    total: Counter[str] = sum(per_row, Counter())
    return dict(sorted(total.items()))
