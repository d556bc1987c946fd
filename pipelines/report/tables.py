"""The report's HTML tables: ranked coaching priorities and coaching impact.

Every value taken from the warehouse is HTML-escaped before it is inserted.
"""

from __future__ import annotations

from html import escape
from typing import Any, Final

import pandas as pd

from models.taxonomy import NEGATIVE_LABELS
from pipelines.report.data import ReportData
from pipelines.report.fmt import (
    count,
    finite,
    is_missing,
    month_name,
    p_value,
    points,
    theme_name,
)


def _e(value: object) -> str:
    """Escape any value for HTML text or attributes (missing values become empty)."""
    return escape("" if is_missing(value) else str(value), quote=True)


def _evidence_item(item: str) -> str:
    for label in NEGATIVE_LABELS:
        if item.startswith(label + " "):
            return f"<li><b>{_e(theme_name(label))}</b> {_e(item[len(label) + 1 :])}</li>"
    return f"<li>{_e(item)}</li>"


def _chips(themes: object) -> str:
    labels = [t for t in str(themes).split(";") if t] if not is_missing(themes) else []
    return "".join(f'<span class="chip">{_e(theme_name(t))}</span>' for t in labels) or "–"


def _comments(value: object) -> str:
    """A directorate's comment count, or "suppressed" (its count is never published)."""
    return "suppressed" if is_missing(value) else count(value)


def priorities_table(data: ReportData) -> str:
    """The ranked coaching-priority table with the evidence behind each rank."""
    if data.priorities.empty:
        return '<p class="note">No coaching priorities were recorded for this period.</p>'
    scores = [s for s in data.priorities["need_score"] if not is_missing(s)]
    top = max([*scores, 1.0])
    rows = []
    for _, row in data.priorities.iterrows():
        suppressed = is_missing(row["rank"])
        score = row["need_score"]
        width = 0 if is_missing(score) else max(0.0, float(score)) / top * 90
        bar = f'<span class="bar" style="width:{width:.0f}px"></span>' if width >= 1 else ""
        items = "".join(_evidence_item(i) for i in str(row["evidence"]).split("; ") if i)
        rows.append(
            f'<tr class="{"suppressed" if suppressed else ""}">'
            f'<td class="rank">{"–" if suppressed else _e(int(row["rank"]))}</td>'
            f'<td class="name">{_e(row["directorate"])}</td>'
            f'<td class="num">{_e(points(score))}{bar}</td>'
            f'<td class="num">{_e(_comments(row["n_comments"]))}</td>'
            f"<td>{_chips(row['top_themes'])}</td>"
            f'<td><ul class="evidence">{items}</ul></td></tr>'
        )
    head = (
        '<tr><th>Rank</th><th>Directorate</th><th class="num">Need score (pts)</th>'
        '<th class="num">Comments</th><th>Themes to focus on</th><th>Evidence</th></tr>'
    )
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


_COHORT_KEY: Final[tuple[str, ...]] = ("directorate", "cohort", "start_period", "source")
"""Columns that identify one coaching-register entry (those present are used)."""


def _in_points(share: object) -> float | None:
    """A difference of shares in percentage points (``None`` when missing)."""
    value = finite(share)
    return None if value is None else 100 * value


def _verdict(row: pd.Series[Any]) -> tuple[str, str]:
    """Plain-words reading of one estimate and its CSS class."""
    estimate = finite(row.get("estimate"))
    if estimate is None:
        return ("not enough comments to estimate", "muted")
    if not bool(row.get("significant", False)):
        return ("no clear change", "muted")
    return ("fewer flagged", "good") if estimate < 0 else ("more flagged", "bad")


def _cohort_heading(first: pd.Series[Any]) -> str:
    """``Cohort — Directorate, coaching from Month YYYY`` and the comment counts."""
    name = _e(first.get("cohort", "coaching cohort"))
    where = _e(first.get("directorate", ""))
    start = first.get("start_period")
    when = f", coaching from {_e(month_name(str(start)))}" if not is_missing(start) else ""
    counts = [
        (key, label)
        for key, label in (
            ("n_comments_treated_pre", "before coaching"),
            ("n_comments_treated_post", "since"),
            ("n_comments_control", "in comparison directorates"),
            ("n_comments", "comments"),
        )
        if key in first.index and not is_missing(first[key])
    ]
    source = first.get("source")
    meta = ", ".join(f"{_e(count(first[k]))} {_e(label)}" for k, label in counts)
    if not is_missing(source):
        meta = f"{_e(source)} comments" + (f": {meta}" if meta else "")
    return f'<h3>{name} — {where}{when}</h3><p class="meta">{meta}</p>'


def _impact_rows(rows: pd.DataFrame) -> str:
    body = []
    for _, row in rows.iterrows():
        verdict, css = _verdict(row)
        low, high = _in_points(row.get("ci_low")), _in_points(row.get("ci_high"))
        interval = "–" if low is None or high is None else f"{points(low)} to {points(high)}"
        body.append(
            f"<tr><td>{_e(theme_name(str(row.get('label', ''))))}</td>"
            f'<td class="num">{_e(points(_in_points(row.get("estimate"))))}</td>'
            f'<td class="num">{_e(interval)}</td>'
            f'<td class="num">{_e(p_value(row.get("p_value")))}</td>'
            f'<td><span class="verdict {css}">{_e(verdict)}</span></td></tr>'
        )
    head = (
        '<tr><th>Theme</th><th class="num">Estimated effect (pts)</th>'
        '<th class="num">95% interval (pts)</th><th class="num">p-value</th><th>Verdict</th></tr>'
    )
    return f'<table class="impact"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'


def impact_section(data: ReportData) -> str:
    """The coaching-impact tables (one per register entry), or a line saying none was evaluated."""
    if data.impact.empty:
        return (
            '<p class="lead">No coaching register entries were evaluated for this period, '
            "so there is no estimate yet of whether coaching changed the themes.</p>"
        )
    key = [c for c in _COHORT_KEY if c in data.impact.columns]
    groups = data.impact.groupby(key, sort=False, dropna=False) if key else [((), data.impact)]
    parts = [
        f'<div class="cohort">{_cohort_heading(rows.iloc[0])}{_impact_rows(rows)}</div>'
        for _, rows in groups
    ]
    return (
        '<p class="lead">For each cohort in the coaching register and each negative theme: the '
        "estimated change in the theme's rate attributable to coaching (difference in "
        "differences against directorates without coaching), in percentage points with its 95% "
        "interval. Negative = fewer comments flagged after coaching.</p>" + "".join(parts)
    )
