"""Quarantine rows: which rule each rejected record failed, and how to fix it.

Reasons name the rule's field and the fix. They quote a value only when it is
short and plain (a period, an id, a directorate-like spelling), so no comment
text reaches the quarantine table; the flow then scrubs identifiers and names
from them (:func:`pipelines.redact_tasks.scrub_reasons`). One reason is written
per distinct combination of the fields a rule reads.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Any, Final

import numpy as np
import pandas as pd

from data_contracts import rules
from pipelines.schema import QUARANTINE_COLUMNS

CLIP: Final[int] = 60
"""Longest value quoted in a reason or an error message, in characters."""
_SHORT_CODE: Final[re.Pattern[str]] = re.compile(r"^[\w./ -]{1,12}$")
"""Values short and plain enough to quote in a reason (a period like ``2025-6``)."""
_NAME_WORD: Final[str] = r"(?:[A-Z0-9][\w'\u2019.()-]*|&|and|of|the|for)"
_NAME_LIKE: Final[re.Pattern[str]] = re.compile(
    rf"^(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr)\.? ){_NAME_WORD}(?: {_NAME_WORD}){{0,5}}$"
)
"""A directorate-like spelling (``Dept 14``, ``Chief Executive's Office``): quoted in a reason.

Anything else (a sentence that landed in the directorate column of a shifted
export) is described by its length only, so no comment text reaches the quarantine.
"""


def clip(value: object) -> str:
    """``value`` as text, cut to :data:`CLIP` characters."""
    text = str(value).strip()
    return text if len(text) <= CLIP else text[: CLIP - 1] + "…"


def _reason(rule: str, row: Mapping[Hashable, Any], first_seen: Mapping[str, str]) -> str:
    if rule == rules.PARSE_ERROR:
        return (
            f"source row could not be parsed ({clip(row['parse_error'])}); "
            "fix the row in the source file and re-run"
        )
    if rule == rules.BLANK_TEXT:
        return "comment is empty or whitespace only; nothing to classify, drop it at the source"
    if rule == rules.UNKNOWN_DIRECTORATE:
        raw = row["raw_directorate"] if pd.isna(row["directorate"]) else row["directorate"]
        if pd.isna(raw) or not str(raw).strip():
            return "directorate is missing; fill it in the source row"
        value = str(raw).strip()
        if len(value) <= CLIP and _NAME_LIKE.match(value):
            return (
                f"directorate {value!r} is not in the reference list; add it or an alias "
                "to pipelines/config/directorates.yaml"
            )
        return (
            f"directorate value ({len(value)} characters, not shown: it does not look like a "
            "directorate name) is not in the reference list; check the columns of the source "
            "row, or add the spelling as an alias to pipelines/config/directorates.yaml"
        )
    if rule == rules.BAD_PERIOD:
        period = row["period"]
        shown = f" {period!r}" if isinstance(period, str) and _SHORT_CODE.match(period) else ""
        return f"period{shown} is not YYYY-MM; fix how the source derives the period"
    if rule == rules.DATE_OUTSIDE_PERIOD:
        return _date_reason(row)
    return (
        f"record_id {clip(row['record_id'])!r} already seen at "
        f"{first_seen.get(str(row['record_id']), 'an earlier row')}; remove the duplicate row"
    )


def _date_reason(row: Mapping[Hashable, Any]) -> str:
    period = row["batch_period"]
    if pd.isna(period):
        return "the batch declares no period (batch_period is empty); the source must set it"
    occurred = row["occurred_at"]
    if pd.isna(occurred):
        return f"date is missing or unreadable (expected one in {period}); fix it in the source"
    return (
        f"date {occurred:%Y-%m-%d} is outside the batch period {period}; correct the date "
        "or move the row to the right wave/period"
    )


_REASON_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    rules.PARSE_ERROR: ("parse_error",),
    rules.BLANK_TEXT: (),
    rules.UNKNOWN_DIRECTORATE: ("directorate", "raw_directorate"),
    rules.BAD_PERIOD: ("period",),
    rules.DATE_OUTSIDE_PERIOD: ("batch_period", "occurred_at"),
    rules.DUPLICATE_RECORD_ID: ("record_id",),
}
"""The fields each rule's reason is written from: one reason per distinct combination."""


def _reasons(rows: pd.DataFrame, rule_of_row: np.ndarray, first_seen: Mapping[str, str]) -> Any:
    reasons = np.empty(len(rows), dtype=object)
    for rule, fields in _REASON_FIELDS.items():
        where = np.flatnonzero(rule_of_row == rule)
        if not len(where):
            continue
        if not fields:
            reasons[where] = _reason(rule, {}, first_seen)
            continue
        subset = rows.iloc[where]
        group = subset.groupby(list(fields), dropna=False, sort=False).ngroup().to_numpy()
        _, firsts = np.unique(group, return_index=True)
        texts = [_reason(rule, row, first_seen) for row in subset.iloc[firsts].to_dict("records")]
        reasons[where] = np.array(texts, dtype=object)[group]
    return reasons


def build_quarantine(prepared: pd.DataFrame, rule_of_row: pd.Series, run_id: str) -> pd.DataFrame:
    """One quarantine row per record that failed a rule.

    Args:
        prepared: The records as :func:`pipelines.validate.prepare_records` returns them.
        rule_of_row: The first failing rule of each row (``None`` where it passed).
        run_id: Stamped on every row.

    Returns:
        ``QUARANTINE_COLUMNS``, in row order, with a fresh ``RangeIndex``.
    """
    failed = rule_of_row.notna().to_numpy()
    rows = prepared.loc[failed]
    rule = rule_of_row.to_numpy()[failed]
    repeated = set(rows.loc[rule == rules.DUPLICATE_RECORD_ID, "record_id"])
    firsts = prepared[prepared["record_id"].isin(repeated)].drop_duplicates("record_id")
    first_seen = dict(
        zip(firsts["record_id"].astype(str), firsts["provenance"].astype(str), strict=True)
    )
    out = pd.DataFrame(
        {
            "record_id": rows["record_id"],
            "source": rows["source"],
            "provenance": rows["provenance"],
            "rule": pd.Series(rule, index=rows.index, dtype=object),
            "reason": _reasons(rows, rule, first_seen).tolist(),
            "run_id": run_id,
        },
        columns=list(QUARANTINE_COLUMNS),
    )
    return out.reset_index(drop=True)


def empty_quarantine() -> pd.DataFrame:
    """A quarantine frame with no rows."""
    return pd.DataFrame({col: pd.Series(dtype=object) for col in QUARANTINE_COLUMNS})
