"""Rank directorates by coaching need for one month, with the numbers behind each rank.

Pure pandas over the :func:`pipelines.trends.build_trends` table. The output
carries labels and numbers only, never comment text.
"""

from __future__ import annotations

import math
from typing import Any, Final

import pandas as pd

from models.taxonomy import LABEL_INDEX, NEGATIVE_LABELS
from pipelines.periods import parse_period
from pipelines.trends import TREND_SOURCES

DEFAULT_MIN_CELL_SIZE: Final[int] = 10
RANKING_COLUMNS: Final[tuple[str, ...]] = (
    "directorate",
    "need_score",
    "rank",
    "n_comments",
    "top_themes",
    "evidence",
)
_NEEDED: Final[tuple[str, ...]] = (
    "period",
    "directorate",
    "source",
    "label",
    "n_comments",
    "rate",
    "ci_low",
    "ci_high",
    "org_rate",
    "change",
    "significant",
    "suppressed",
    "coaching_priority",
)


def _pct(value: float) -> str:
    return f"{100 * value:.0f}"


def theme_evidence(row: pd.Series[Any]) -> str:
    """Describe one theme of one directorate in numbers.

    Args:
        row: A trend-table row (rate, org_rate, ci_low, ci_high, change, significant).

    Returns:
        e.g. ``"pressure:neg 21% (org 11%, 95% CI 17-25%, up 9 pts, significant)"``.
    """
    text = (
        f"{row['label']} {_pct(row['rate'])}% (org {_pct(row['org_rate'])}%, "
        f"95% CI {_pct(row['ci_low'])}-{_pct(row['ci_high'])}%"
    )
    change = float(row["change"])
    if math.isnan(change):
        return text + ", no previous month)"
    points = round(100 * change)
    unit = "pt" if abs(points) == 1 else "pts"
    moved = "no change" if points == 0 else f"{'up' if points > 0 else 'down'} {abs(points)} {unit}"
    verdict = "significant" if bool(row["significant"]) else "not significant"
    return f"{text}, {moved}, {verdict})"


def suppressed_evidence(min_cell_size: int) -> str:
    """What the evidence of a suppressed directorate says (the same for every reason)."""
    return f"suppressed (fewer than {min_cell_size} comments, or hidden to protect a smaller group)"


def _directorate_row(cells: pd.DataFrame, top_n: int, min_cell_size: int) -> dict[str, Any]:
    if bool(cells["suppressed"].any()):
        return {
            "need_score": math.nan,
            "n_comments": pd.NA,
            "top_themes": "",
            "evidence": suppressed_evidence(min_cell_size),
        }
    n_comments = int(cells["n_comments"].iloc[0])
    scored = cells[cells["coaching_priority"] > 0]
    scored = scored.assign(_order=scored["label"].map(LABEL_INDEX))
    top = scored.sort_values(["coaching_priority", "_order"], ascending=[False, True]).head(top_n)
    evidence = "; ".join(theme_evidence(row) for _, row in top.iterrows())
    return {
        "need_score": float(scored["coaching_priority"].sum()),
        "n_comments": n_comments,
        "top_themes": ";".join(top["label"].astype(str)),
        "evidence": evidence or "no negative theme clearly above the organisation rate",
    }


def rank_directorates(
    trends: pd.DataFrame,
    period: str,
    *,
    source: str = "all",
    top_n: int = 3,
    min_cell_size: int | None = None,
) -> pd.DataFrame:
    """Rank directorates by how much manager coaching their comments call for.

    ``need_score`` is the sum, over the directorate's negative labels, of the
    positive coaching priorities (see :func:`pipelines.trends.build_trends`):
    the total percentage points by which its negative themes stand clearly
    above the organisation, plus significant rises. Themes at or below the
    organisation add nothing, so a directorate with no such theme scores 0.

    Args:
        trends: :func:`pipelines.trends.build_trends` output.
        period: ``YYYY-MM`` month to rank.
        source: ``"survey"``, ``"complaint"`` or ``"all"``.
        top_n: Most negative themes to list per directorate.
        min_cell_size: Threshold quoted for suppressed directorates; defaults
            to ``trends.attrs["min_cell_size"]`` (set by ``build_trends``), else 10.

    Returns:
        Columns ``directorate, need_score, rank, n_comments, top_themes,
        evidence``; one row per directorate with comments in the month, sorted
        by rank. ``rank`` (nullable ``Int64``; 1 = most need; ties share the
        lower rank) is NA for directorates whose cell is suppressed (primary
        or complementary): their ``need_score`` is NaN, ``n_comments`` NA and
        evidence :func:`suppressed_evidence` (the same text whatever the
        reason, so it does not tell a small directorate from its complement).
        Suppressed cells never enter a need score.
        ``top_themes`` is the ``;``-joined top ``top_n`` negative labels with a
        positive priority; ``evidence`` gives their numbers, ``; ``-joined.

    Raises:
        ValueError: Unknown source, malformed or absent period, missing
            columns, or ``top_n < 1``.
    """
    parse_period(period)
    if source not in TREND_SOURCES:
        raise ValueError(f"unknown source {source!r}; valid sources are {TREND_SOURCES}")
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, got {top_n}")
    missing = [c for c in _NEEDED if c not in trends.columns]
    if missing:
        raise ValueError(f"trends frame lacks columns {missing}; pass build_trends output")
    if min_cell_size is None:
        min_cell_size = int(trends.attrs.get("min_cell_size", DEFAULT_MIN_CELL_SIZE))
    month = trends[(trends["period"] == period) & (trends["source"] == source)]
    if month.empty:
        available = sorted(trends["period"].astype(str).unique())
        raise ValueError(f"no {source!r} rows for period {period}; periods present: {available}")
    negative = month[month["label"].isin(NEGATIVE_LABELS)]
    rows = [
        {"directorate": name, **_directorate_row(cells, top_n, min_cell_size)}
        for name, cells in negative.groupby("directorate", sort=True)
    ]
    out = pd.DataFrame(rows)
    out["n_comments"] = out["n_comments"].astype("Int64")
    out["rank"] = out["need_score"].rank(method="min", ascending=False).astype("Int64")
    out = out.sort_values(["rank", "directorate"], na_position="last", kind="stable")
    return out[list(RANKING_COLUMNS)].reset_index(drop=True)
