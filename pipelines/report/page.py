"""The self-contained HTML page: text, tables and charts, opening offline.

plotly.js is embedded once in ``<head>``; nothing is loaded from the network.
Every string taken from the warehouse is HTML-escaped before it is inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Final

from pipelines.report.data import ReportData, directorate_order, negative_cells, top_negative_themes
from pipelines.report.fmt import (
    count,
    finite,
    howto_items,
    is_missing,
    month_name,
    theme_name,
    timestamp,
)
from pipelines.report.heatmap import heatmap_figure
from pipelines.report.plotting import figure_html, plotly_js
from pipelines.report.tables import impact_section, priorities_table
from pipelines.report.trend_chart import trend_figure

PLOTLY_SCRIPT_ID: Final[str] = "plotly-js"
"""``id`` of the one ``<script>`` that holds the embedded plotly.js library."""

CSS: Final[str] = """
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#e3e7ec; --accent:#1f4e79; --warm:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; background:#f5f7fa; color:var(--ink);
  font:15px/1.5 "Segoe UI","Helvetica Neue",Arial,sans-serif; }
main { max-width:1180px; margin:0 auto; padding:28px 28px 48px; }
header.banner { background:var(--accent); color:#fff; padding:28px 0 24px; }
header.banner .inner { max-width:1180px; margin:0 auto; padding:0 28px; }
header.banner .kicker { text-transform:uppercase; letter-spacing:.08em; font-size:12px;
  opacity:.85; margin:0 0 6px; }
header.banner h1 { margin:0 0 8px; font-size:30px; font-weight:600; }
header.banner p { margin:0; max-width:860px; opacity:.95; }
section { background:#fff; border:1px solid var(--line); border-radius:8px;
  padding:22px 24px; margin:20px 0; }
h2 { font-size:20px; margin:0 0 6px; }
h3 { font-size:16px; margin:0; }
p.lead, p.note { color:var(--muted); margin:0 0 14px; max-width:900px; }
p.note { font-size:13px; margin:8px 0 0; }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(190px,1fr)); gap:14px;
  margin-top:20px; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 16px; }
.card .value { font-size:24px; font-weight:600; color:var(--accent); }
.card .label { color:var(--muted); font-size:13px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th { text-align:left; font-weight:600; color:var(--muted); font-size:12px; text-transform:uppercase;
  letter-spacing:.04em; border-bottom:2px solid var(--line); padding:8px 10px; }
td { border-bottom:1px solid var(--line); padding:9px 10px; vertical-align:top; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
td.rank { font-weight:600; font-size:16px; color:var(--accent); width:48px; }
td.name { font-weight:600; white-space:nowrap; }
tr.suppressed td { color:var(--muted); font-style:italic; }
.bar { display:inline-block; height:8px; background:var(--warm); border-radius:4px;
  vertical-align:middle; margin-left:8px; opacity:.75; }
.chip { display:inline-block; background:#fdebdc; color:#7a2e0e; border-radius:10px;
  padding:1px 9px; margin:0 4px 4px 0; font-size:12px; white-space:nowrap; }
ul.evidence { margin:0; padding-left:16px; color:#394452; font-size:13px; }
ul.evidence li { margin:0 0 2px; }
.directorate { border-top:1px solid var(--line); padding-top:16px; margin-top:16px; }
.directorate:first-of-type { border-top:0; margin-top:4px; padding-top:4px; }
.directorate .meta { color:var(--muted); font-size:13px; margin:2px 0 0; }
.plot { width:100%; }
.cohort { margin-top:14px; }
.cohort .meta { color:var(--muted); font-size:13px; margin:2px 0 8px; }
table.impact { max-width:860px; }
.verdict { border-radius:10px; padding:1px 9px; font-size:12px; white-space:nowrap; }
.verdict.good { background:#dcfce7; color:#14532d; }
.verdict.bad { background:#fde2e1; color:#7f1d1d; }
.verdict.muted { background:#f1f3f6; color:var(--muted); }
dl.howto { display:grid; grid-template-columns:200px 1fr; gap:8px 18px; margin:0; }
dl.howto dt { font-weight:600; }
dl.howto dd { margin:0; color:#394452; }
code { background:#f1f3f6; padding:1px 5px; border-radius:4px; font-size:13px; }
footer { color:var(--muted); font-size:13px; margin-top:24px; }
footer span { margin-right:18px; white-space:nowrap; }
@media print { body { background:#fff; } section { break-inside:avoid; border:0; } }
"""


@dataclass(frozen=True)
class _Facts:
    comments: int
    surveys: int
    complaints: int
    reported: int
    suppressed: int
    rises: int


def _e(value: object) -> str:
    """Escape any value for HTML text or attributes."""
    return escape("" if is_missing(value) else str(value), quote=True)


def _comments_by_source(data: ReportData, source: str) -> int:
    rows = data.month[data.month["source"] == source]
    return int(rows.drop_duplicates("directorate")["n_comments"].sum())


def _facts(data: ReportData) -> _Facts:
    cells = negative_cells(data.month)
    status = cells.groupby("directorate")["suppressed"].all()
    rises = cells[
        ~cells["suppressed"].astype(bool)
        & cells["significant"].fillna(False).astype(bool)
        & (cells["change"] > 0)
    ]
    return _Facts(
        comments=_comments_by_source(data, "all"),
        surveys=_comments_by_source(data, "survey"),
        complaints=_comments_by_source(data, "complaint"),
        reported=int((~status).sum()),
        suppressed=int(status.sum()),
        rises=len(rises),
    )


def _cards(data: ReportData, facts: _Facts) -> str:
    leader = "–"
    ranked = data.priorities.dropna(subset=["rank"]) if not data.priorities.empty else None
    if ranked is not None and not ranked.empty and float(ranked["need_score"].iloc[0]) > 0:
        leader = str(ranked["directorate"].iloc[0])
    cards = [
        (count(facts.comments), "comments analysed in reported directorates"),
        (
            f"{count(facts.surveys)} / {count(facts.complaints)}",
            "survey comments / complaint summaries",
        ),
        (count(facts.reported), f"directorates reported ({facts.suppressed} suppressed)"),
        (count(facts.rises), "significant rises in a negative theme"),
        (leader, "highest coaching need"),
    ]
    body = "".join(
        f'<div class="card"><div class="value">{_e(v)}</div><div class="label">{_e(k)}</div></div>'
        for v, k in cards
    )
    return f'<div class="cards">{body}</div>'


def _suppressed_months(data: ReportData, directorate: str) -> list[str]:
    cells = data.negative_window_of(directorate)
    cells = cells[cells["suppressed"].astype(bool)]
    return sorted(cells["period"].astype(str).unique())


def trends_section(data: ReportData) -> str:
    """One trend chart per directorate (most need first) for its top three negative themes."""
    ranks = (
        {}
        if data.priorities.empty
        else {str(r["directorate"]): r["rank"] for _, r in data.priorities.iterrows()}
    )
    parts = []
    for i, name in enumerate(directorate_order(data)):
        themes = top_negative_themes(data, name, 3)
        rank = finite(ranks.get(name))
        meta = "suppressed this month" if rank is None else f"rank {int(rank)}"
        if themes:
            meta += " · top themes: " + ", ".join(theme_name(t) for t in themes)
        chart = figure_html(trend_figure(data, name, themes), f"trend-{i}") if themes else ""
        hidden = _suppressed_months(data, name)
        note = (
            f'<p class="note">Suppressed (fewer than {data.min_cell_size} comments), shown as '
            f"gaps: {_e(', '.join(month_name(p) for p in hidden))}.</p>"
            if hidden
            else ""
        )
        if not themes:
            note = '<p class="note">Every month of the window is suppressed.</p>'
        parts.append(
            f'<div class="directorate"><h3>{_e(name)}</h3><p class="meta">{_e(meta)}</p>'
            f'<div class="plot">{chart}</div>{note}</div>'
        )
    return "".join(parts)


def howto_section(data: ReportData) -> str:
    """The "How to read these figures" definitions."""
    body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in howto_items(data.min_cell_size))
    return f'<dl class="howto">{body}</dl>'


def render_html(data: ReportData, generated_at: datetime) -> str:
    """The whole report page.

    Args:
        data: Report inputs.
        generated_at: When the report was built (UTC).

    Returns:
        A complete, self-contained HTML document.
    """
    month = month_name(data.period)
    facts = _facts(data)
    heatmap = figure_html(heatmap_figure(data), "need-heatmap")
    versions = ", ".join(data.model_versions) or "unknown"
    first, last = month_name(data.periods[0]), month_name(data.periods[-1])
    intro = (
        f"This report shows where staff comments point to a need for manager coaching in "
        f"{month}. The figures "
        f"come from {facts.comments:,} anonymised staff-survey comments and HR complaint "
        f"summaries in the reported directorates ({facts.reported + facts.suppressed} in all; "
        "small groups are suppressed), each flagged for "
        "the people-management themes of the codebook. Only counts and rates are shown, "
        "never comment text."
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="coachlens">
<title>{_e(f"Manager coaching priorities, {month} · coachlens")}</title>
<style>{CSS}</style>
<script>window.PlotlyConfig = {{MathJaxConfig: "local"}};</script>
<script id="{PLOTLY_SCRIPT_ID}">{plotly_js()}</script>
</head>
<body>
<header class="banner"><div class="inner">
<p class="kicker">coachlens leadership report · {_e(month)}</p>
<h1>Where manager coaching is needed</h1>
<p>{_e(intro)}</p>
</div></header>
<main>
{_cards(data, facts)}
<section id="priorities">
<h2>1. Coaching priorities</h2>
<p class="lead">Directorates ranked by need score: how far their negative themes stand clearly
above the organisation, plus significant rises since last month. Start coaching conversations
at the top.</p>
{priorities_table(data)}
</section>
<section id="heatmap">
<h2>2. Coaching need by directorate and theme</h2>
<p class="lead">Coaching need in percentage points for each negative theme in {_e(month)}
(survey and complaints pooled). Darker = more need; “·” = not clearly above the organisation;
hatched = suppressed (fewer than {data.min_cell_size} comments, or hidden to protect a smaller
group). Hover for the rates.</p>
{heatmap}
</section>
<section id="trends">
<h2>3. Trends, {_e(first)} to {_e(last)}</h2>
<p class="lead">For each directorate, its three negative themes with most need this month: the
monthly rate (line) with its 95% interval (band) against the organisation rate (dashed). Rings
mark significant changes from the month before.</p>
{trends_section(data)}
</section>
<section id="impact">
<h2>4. Is coaching working?</h2>
{impact_section(data)}
</section>
<section id="how-to-read">
<h2>5. How to read these figures</h2>
{howto_section(data)}
</section>
<footer>
<span>Model version: <b>{_e(versions)}</b></span>
<span>Figures generated: {_e(timestamp(data.data_generated_at))}</span>
<span>Report generated: {_e(timestamp(generated_at))}</span>
<span>Runs: {_e(", ".join(data.run_ids) or "–")}</span>
</footer>
</main>
</body>
</html>
"""
