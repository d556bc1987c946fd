"""Per-directorate trend charts: rate, Wilson band and organisation rate by month."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pipelines.report.data import ReportData, negative_cells
from pipelines.report.fmt import finite, pct, theme_name
from pipelines.report.plotting import (
    BAND_COLOUR,
    FONT,
    ORG_COLOUR,
    RATE_COLOUR,
    SIGNIFICANT_COLOUR,
    TREND_HEIGHT,
    plot_text,
)


def _series(frame: pd.DataFrame, label: str, periods: list[str]) -> pd.DataFrame:
    rows = frame[frame["label"] == label].drop_duplicates("period").set_index("period")
    return rows.reindex(periods)


def _values(series: pd.Series[Any]) -> list[float | None]:
    return [finite(v) for v in series]


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


def trend_figure(data: ReportData, directorate: str, themes: list[str]) -> go.Figure:
    """Monthly rate of each theme for one directorate over the report window.

    One panel per theme: the directorate's rate (line), its Wilson 95%
    interval (band), the organisation rate (dashed) and rings on months whose
    change from the month before is significant. Suppressed months are gaps.

    Args:
        data: Report inputs.
        directorate: Directorate name.
        themes: Labels to draw, one panel each (at least one).

    Returns:
        The figure.

    Raises:
        ValueError: If ``themes`` is empty.
    """
    frame = negative_cells(data.window)
    frame = frame[frame["directorate"] == directorate]
    if not themes:
        raise ValueError(f"no themes to draw for {directorate!r}")
    titles = [theme_name(label) for label in themes]
    fig = make_subplots(
        rows=1, cols=len(titles), shared_yaxes=True, subplot_titles=titles, horizontal_spacing=0.04
    )
    x = [f"{p}-01" for p in data.periods]
    highest = 0.05
    ring_legend = True
    for col, label in enumerate(themes, start=1):
        series = _series(frame, label, data.periods)
        first = col == 1
        high, low = _values(series["ci_high"]), _values(series["ci_low"])
        rate, org = _values(series["rate"]), _values(series["org_rate"])
        highest = max([highest, *(v for v in high + org if v is not None)])
        hover = [
            [pct(lo, 1), pct(hi, 1), f"{int(n):,}" if finite(n) is not None else "suppressed"]
            for lo, hi, n in zip(low, high, series["n_comments"], strict=True)
        ]
        band_x, band_y = band_polygons(x, low, high)
        fig.add_trace(
            go.Scatter(
                x=band_x,
                y=band_y,
                mode="lines",
                line={"width": 0},
                fill="toself",
                fillcolor=BAND_COLOUR,
                name="95% interval",
                hoverinfo="skip",
                showlegend=first,
                legendgroup="band",
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=org,
                mode="lines",
                line={"color": ORG_COLOUR, "dash": "dash", "width": 1.5},
                name="Organisation rate",
                showlegend=first,
                legendgroup="org",
                hovertemplate="organisation %{y:.1%}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=x,
                y=rate,
                mode="lines+markers",
                name=plot_text(directorate),
                line={"color": RATE_COLOUR, "width": 2.2},
                marker={"size": 5},
                customdata=hover,
                showlegend=first,
                legendgroup="rate",
                hovertemplate="%{x|%b %Y}: %{y:.1%} (95% interval %{customdata[0]}"
                " to %{customdata[1]}, %{customdata[2]} comments)<extra></extra>",
            ),
            row=1,
            col=col,
        )
        ring = series["significant"].eq(True).to_numpy()
        if ring.any():
            fig.add_trace(
                go.Scatter(
                    x=[d for d, s in zip(x, ring, strict=True) if s],
                    y=[r for r, s in zip(rate, ring, strict=True) if s],
                    mode="markers",
                    name="Significant change from previous month",
                    marker={
                        "size": 12,
                        "symbol": "circle-open",
                        "line": {"width": 2, "color": SIGNIFICANT_COLOUR},
                    },
                    showlegend=ring_legend,
                    legendgroup="sig",
                    hoverinfo="skip",
                ),
                row=1,
                col=col,
            )
            ring_legend = False
    fig.update_layout(
        template="simple_white",
        font=FONT,
        height=TREND_HEIGHT,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "x": 0, "y": 1.32, "font": {"size": 11}},
        hovermode="closest",
    )
    fig.update_annotations(font={"size": 13})
    fig.update_xaxes(tickformat="%b %y", dtick="M3", ticks="outside", showgrid=False)
    fig.update_yaxes(
        tickformat=".0%", range=[0, highest * 1.12], showgrid=True, gridcolor="#eef0f3"
    )
    return fig
