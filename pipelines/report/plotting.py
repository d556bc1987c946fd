"""Shared Plotly settings of the report's charts, and how a figure becomes HTML.

Figures are plain dicts in Plotly's JSON schema, serialised without Plotly's
per-property validation (building ``plotly.graph_objects`` figures was most of
the page's build time); the tests check that every figure still validates.
Every string placed in a figure goes through :func:`plot_text`, because Plotly
reads a subset of HTML in labels. Missing and suppressed values become JSON
``null`` (a gap), never 0.
"""

from __future__ import annotations

import json
import pkgutil
from functools import cache
from html import escape
from typing import Any, Final, TypeAlias

import plotly.io as pio
from plotly.offline import get_plotlyjs

Figure: TypeAlias = dict[str, Any]
"""A Plotly figure as ``{"data": [...], "layout": {...}}``."""

PLOT_CONFIG: Final[dict[str, Any]] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
}
TEMPLATE: Final[str] = "simple_white"
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


@cache
def plotly_js() -> str:
    """The plotly.js library bundled with the plotly package (read once per process)."""
    return str(get_plotlyjs())


@cache
def template() -> dict[str, Any]:
    """Plotly's ``simple_white`` template as a dict, read once per process.

    The same JSON file ``plotly.io.templates`` loads, without building (and
    validating) a ``Template`` object from it. Treat the result as read-only:
    every figure shares it.
    """
    raw = pkgutil.get_data("plotly", f"package_data/templates/{TEMPLATE}.json")
    if raw is None:  # pragma: no cover - only with a broken plotly install
        return dict(pio.templates[TEMPLATE].to_plotly_json())
    loaded: dict[str, Any] = json.loads(raw)
    return loaded


def figure_html(fig: Figure, div_id: str) -> str:
    """The ``<div>`` and ``<script>`` that draw ``fig`` (plotly.js loaded separately).

    Args:
        fig: The figure dict.
        div_id: ``id`` of the chart's ``<div>``.

    Returns:
        An HTML fragment.
    """
    height = fig.get("layout", {}).get("height") or 400
    return str(
        pio.to_html(
            fig,
            include_plotlyjs=False,
            full_html=False,
            config=PLOT_CONFIG,
            div_id=div_id,
            default_height=f"{int(height)}px",
            validate=False,
        )
    )
