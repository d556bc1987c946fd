"""Per-directorate trend charts: rate, Wilson band and organisation rate by month."""

from __future__ import annotations

from typing import Any, Final, TypeAlias

import pandas as pd

from pipelines.report.data import ReportData
from pipelines.report.fmt import finite, is_missing, pct, theme_name
from pipelines.report.plotting import (
    BAND_COLOUR,
    FONT,
    ORG_COLOUR,
    RATE_COLOUR,
    SIGNIFICANT_COLOUR,
    TREND_HEIGHT,
    Figure,
    plot_text,
    template,
)

SPACING: Final[float] = 0.04
"""Horizontal gap between panels, as a share of the figure width."""


Series: TypeAlias = dict[str, list[Any]]
"""One theme's values by month: field -> one value per month (``None`` without a row)."""
_FIELDS: Final[tuple[str, ...]] = (
    "rate",
    "ci_low",
    "ci_high",
    "org_rate",
    "n_comments",
    "significant",
)


def theme_series(frame: pd.DataFrame, labels: list[str], periods: list[str]) -> dict[str, Series]:
    """Each label's values in every month of ``periods`` (the first row of a month counts).

    Args:
        frame: One directorate's trend rows.
        labels: Labels wanted.
        periods: Months, in order.

    Returns:
        label -> :data:`Series`.
    """
    rows: dict[tuple[str, str], dict[Any, Any]] = {}
    for record in frame[["label", "period", *_FIELDS]].to_dict(orient="records"):
        rows.setdefault((str(record["label"]), str(record["period"])), record)
    empty: dict[Any, Any] = {}
    return {
        label: {f: [rows.get((label, p), empty).get(f) for p in periods] for f in _FIELDS}
        for label in labels
    }


def _values(values: list[Any]) -> list[float | None]:
    return [finite(v) for v in values]


def _is_true(value: object) -> bool:
    return not is_missing(value) and bool(value == True)  # noqa: E712 (numpy bools too)


def band_polygons(
    x: list[str], low: list[float | None], high: list[float | None]
) -> tuple[list[str | None], list[float | None]]:
    """Closed outlines of an interval band, one per run of months with a value.

    Plotly's ``fill="toself"`` closes each ``None``-separated segment on its
    own, so a suppressed month leaves a clean gap instead of a band drawn
    across it.

    Args:
        x: Month positions.
        low: Lower bounds (``None`` where suppressed).
        high: Upper bounds (``None`` where suppressed).

    Returns:
        The x and y coordinates of the outlines, ``None``-separated.
    """
    xs: list[str | None] = []
    ys: list[float | None] = []
    run: list[int] = []
    for i in [*range(len(x)), -1]:
        if i >= 0 and low[i] is not None and high[i] is not None:
            run.append(i)
            continue
        if run:
            back = run[::-1]
            xs += [x[k] for k in run] + [x[k] for k in back] + [None]
            ys += [high[k] for k in run] + [low[k] for k in back] + [None]
            run = []
    return xs, ys


def panel_grid(titles: list[str]) -> dict[str, Any]:
    """Axes and titles of one row of panels sharing a y axis, as a layout fragment.

    The same domains, anchors and title annotations as
    ``plotly.subplots.make_subplots(rows=1, cols=len(titles), shared_yaxes=True,
    subplot_titles=titles, horizontal_spacing=SPACING)``, without building a figure.

    Args:
        titles: One title per panel (at least one).

    Returns:
        ``xaxis``, ``yaxis``, ``xaxis2``, ... and ``annotations``.
    """
    n = len(titles)
    width = (1.0 - SPACING * (n - 1)) / n
    layout: dict[str, Any] = {}
    annotations = []
    for c, title in enumerate(titles):
        start = width * c + SPACING * c
        end = min(start + width, 1.0)
        suffix = str(c + 1) if c else ""
        layout[f"xaxis{suffix}"] = {"anchor": f"y{suffix}", "domain": [start, end]}
        layout[f"yaxis{suffix}"] = {"anchor": f"x{suffix}", "domain": [0.0, 1.0]}
        if c:
            layout[f"yaxis{suffix}"] |= {"matches": "y", "showticklabels": False}
        annotations.append(
            {
                "font": {"size": 13},
                "showarrow": False,
                "text": plot_text(title),
                "x": (start + end) / 2.0,
                "xanchor": "center",
                "xref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "yref": "paper",
            }
        )
    layout["annotations"] = annotations
    return layout


def _panel_traces(
    series: Series, x: list[str], directorate: str, axis: str, first: bool
) -> list[dict[str, Any]]:
    """The band, organisation line and rate line of one theme's panel."""
    high, low = _values(series["ci_high"]), _values(series["ci_low"])
    rate, org = _values(series["rate"]), _values(series["org_rate"])
    hover = [
        [pct(lo, 1), pct(hi, 1), f"{int(n):,}" if finite(n) is not None else "suppressed"]
        for lo, hi, n in zip(low, high, series["n_comments"], strict=True)
    ]
    band_x, band_y = band_polygons(x, low, high)
    axes = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
    return [
        {
            "type": "scatter",
            "x": band_x,
            "y": band_y,
            "mode": "lines",
            "line": {"width": 0},
            "fill": "toself",
            "fillcolor": BAND_COLOUR,
            "name": "95% interval",
            "hoverinfo": "skip",
            "showlegend": first,
            "legendgroup": "band",
            **axes,
        },
        {
            "type": "scatter",
            "x": x,
            "y": org,
            "mode": "lines",
            "line": {"color": ORG_COLOUR, "dash": "dash", "width": 1.5},
            "name": "Organisation rate",
            "showlegend": first,
            "legendgroup": "org",
            "hovertemplate": "organisation %{y:.1%}<extra></extra>",
            **axes,
        },
        {
            "type": "scatter",
            "x": x,
            "y": rate,
            "mode": "lines+markers",
            "name": plot_text(directorate),
            "line": {"color": RATE_COLOUR, "width": 2.2},
            "marker": {"size": 5},
            "customdata": hover,
            "showlegend": first,
            "legendgroup": "rate",
            "hovertemplate": "%{x|%b %Y}: %{y:.1%} (95% interval %{customdata[0]}"
            " to %{customdata[1]}, %{customdata[2]} comments)<extra></extra>",
            **axes,
        },
    ]


def _ring_trace(series: Series, x: list[str], axis: str, legend: bool) -> dict[str, Any] | None:
    """Rings on the months whose change from the month before is significant, if any."""
    ring = [_is_true(v) for v in series["significant"]]
    if not any(ring):
        return None
    rate = _values(series["rate"])
    return {
        "type": "scatter",
        "x": [d for d, s in zip(x, ring, strict=True) if s],
        "y": [r for r, s in zip(rate, ring, strict=True) if s],
        "mode": "markers",
        "name": "Significant change from previous month",
        "marker": {
            "size": 12,
            "symbol": "circle-open",
            "line": {"width": 2, "color": SIGNIFICANT_COLOUR},
        },
        "showlegend": legend,
        "legendgroup": "sig",
        "hoverinfo": "skip",
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
    }


def trend_figure(data: ReportData, directorate: str, themes: list[str]) -> Figure:
    """Monthly rate of each theme for one directorate over the report window.

    One panel per theme: the directorate's rate (line), its Wilson 95%
    interval (band), the organisation rate (dashed) and rings on months whose
    change from the month before is significant. Suppressed months are gaps.

    Args:
        data: Report inputs.
        directorate: Directorate name.
        themes: Labels to draw, one panel each (at least one).

    Returns:
        The figure dict.

    Raises:
        ValueError: If ``themes`` is empty.
    """
    if not themes:
        raise ValueError(f"no themes to draw for {directorate!r}")
    panels = theme_series(data.negative_window_of(directorate), themes, data.periods)
    x = [f"{p}-01" for p in data.periods]
    highest = 0.05
    traces: list[dict[str, Any]] = []
    ring_legend = True
    for col, label in enumerate(themes, start=1):
        series = panels[label]
        axis = str(col) if col > 1 else ""
        traces += _panel_traces(series, x, directorate, axis, col == 1)
        high, org = _values(series["ci_high"]), _values(series["org_rate"])
        highest = max([highest, *(v for v in high + org if v is not None)])
        ring = _ring_trace(series, x, axis, ring_legend)
        if ring is not None:
            traces.append(ring)
            ring_legend = False
    layout = panel_grid([theme_name(label) for label in themes])
    x_style = {"tickformat": "%b %y", "dtick": "M3", "ticks": "outside", "showgrid": False}
    y_style = {
        "tickformat": ".0%",
        "range": [0, highest * 1.12],
        "showgrid": True,
        "gridcolor": "#eef0f3",
    }
    for key, axis_layout in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            axis_layout |= x_style if key.startswith("x") else y_style
    layout |= {
        "template": template(),
        "font": FONT,
        "height": TREND_HEIGHT,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "legend": {"orientation": "h", "x": 0, "y": 1.32, "font": {"size": 11}},
        "hovermode": "closest",
    }
    return {"data": traces, "layout": layout}
