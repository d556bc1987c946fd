"""Shared Plotly settings of the report's charts, and how a figure becomes HTML.

Every string placed in a figure goes through :func:`plot_text`, because Plotly
reads a subset of HTML in labels. Missing and suppressed values become JSON
``null`` (a gap), never 0.
"""

from __future__ import annotations

from html import escape
from typing import Any, Final

import plotly.graph_objects as go
import plotly.io as pio

PLOT_CONFIG: Final[dict[str, Any]] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}
FONT: Final[dict[str, Any]] = {
    "family": "Segoe UI, Helvetica Neue, Arial, sans-serif",
    "size": 12,
    "color": "#1f2933",
}
NEED_COLOURS: Final[list[list[Any]]] = [
    [0.0, "#ffffff"],
    [0.2, "#fde3c8"],
    [0.55, "#f4a261"],
    [1.0, "#b3261e"],
]
RATE_COLOUR: Final[str] = "#1f4e79"
BAND_COLOUR: Final[str] = "rgba(31, 78, 121, 0.16)"
ORG_COLOUR: Final[str] = "#6b7280"
SIGNIFICANT_COLOUR: Final[str] = "#b3261e"
HATCH_FILL: Final[str] = "#eef0f3"
HATCH_LINE: Final[str] = "#9aa3ae"
SUPPRESSED_TEXT: Final[str] = "suppressed"
TREND_HEIGHT: Final[int] = 290


def plot_text(text: object) -> str:
    """Text safe to place in a Plotly label (``<``, ``>`` and ``&`` escaped)."""
    return escape(str(text), quote=False)


def figure_html(fig: go.Figure, div_id: str) -> str:
    """The ``<div>`` and ``<script>`` that draw ``fig`` (plotly.js loaded separately)."""
    height = fig.layout.height or 400
    return str(
        pio.to_html(
            fig,
            include_plotlyjs=False,
            full_html=False,
            config=PLOT_CONFIG,
            div_id=div_id,
            default_height=f"{int(height)}px",
        )
    )
