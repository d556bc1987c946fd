"""The directorate x negative-theme heatmap of coaching need for the report month."""

from __future__ import annotations

from typing import Any

from models.taxonomy import NEGATIVE_LABELS
from pipelines.report.data import ReportData, directorate_order, negative_cells
from pipelines.report.fmt import finite, pct, points, theme_name
from pipelines.report.plotting import (
    FONT,
    HATCH_FILL,
    HATCH_LINE,
    NEED_COLOURS,
    SUPPRESSED_TEXT,
    Figure,
    plot_text,
    template,
)


def _hatch(col: int, row: int) -> list[dict[str, Any]]:
    """Shapes of a grey, hatched box over one heatmap cell (category positions are indices)."""
    x0, x1, y0, y1 = col - 0.47, col + 0.47, row - 0.45, row + 0.45
    box: dict[str, Any] = {
        "type": "rect",
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "fillcolor": HATCH_FILL,
        "line": {"width": 0},
    }
    strokes = 8
    step = (x1 - x0) / strokes
    lines = [
        {
            "type": "line",
            "x0": x0 + k * step,
            "x1": x0 + (k + 1) * step,
            "y0": y1,
            "y1": y0,
            "line": {"color": HATCH_LINE, "width": 1},
        }
        for k in range(strokes)
    ]
    return [box, *lines]


def heatmap_figure(data: ReportData) -> Figure:
    """Directorate x negative theme heatmap of coaching need (source ``all``).

    Colour is the coaching priority in percentage points (0 and below, white);
    suppressed cells are hatched and read "suppressed", never 0.

    Args:
        data: Report inputs.

    Returns:
        The figure dict.
    """
    records = negative_cells(data.month).to_dict(orient="records")
    cells: dict[tuple[str, str], dict[str, Any]] = {
        (str(r["directorate"]), str(r["label"])): {str(k): v for k, v in r.items()} for r in records
    }
    names = directorate_order(data)
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    hover: list[list[list[str]]] = []
    blanks: list[tuple[int, int, str]] = []
    for i, name in enumerate(names):
        z_row, text_row, hover_row = [], [], []
        for j, label in enumerate(NEGATIVE_LABELS):
            row = cells.get((name, label))
            value = None if row is None else finite(row["coaching_priority"])
            if row is None or bool(row["suppressed"]):
                blanks.append((j, i, SUPPRESSED_TEXT if row is not None else "no data"))
            z_row.append(value)
            text_row.append("" if value is None else (points(value) if value >= 0.05 else "·"))
            hover_row.append(
                ["", "", "", ""]
                if row is None
                else [SUPPRESSED_TEXT, pct(row["org_rate"], 1), SUPPRESSED_TEXT, SUPPRESSED_TEXT]
                if bool(row["suppressed"])
                else [
                    pct(row["rate"], 1),
                    pct(row["org_rate"], 1),
                    f"{pct(row['ci_low'], 1)} to {pct(row['ci_high'], 1)}",
                    f"{int(row['n_comments']):,}",
                ]
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    positives = [v for r in z for v in r if v is not None and v > 0]
    top = max([*positives, 5.0])
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": [theme_name(label) for label in NEGATIVE_LABELS],
        "y": [plot_text(name) for name in names],
        "text": text,
        "customdata": hover,
        "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "hovertemplate": (
            "<b>%{y}</b>, %{x}<br>coaching need %{z:+.1f} pts<br>"
            "rate %{customdata[0]} (organisation %{customdata[1]})<br>"
            "95% interval %{customdata[2]}<br>%{customdata[3]} comments<extra></extra>"
        ),
        "colorscale": NEED_COLOURS,
        "zmin": 0.0,
        "zmax": top,
        "xgap": 2,
        "ygap": 2,
        "colorbar": {"title": {"text": "need<br>(pts)"}, "thickness": 12, "len": 0.9},
    }
    shapes = [shape for col, line, _ in blanks for shape in _hatch(col, line)]
    notes = [
        {
            "x": col,
            "y": line,
            "text": label,
            "showarrow": False,
            "font": {"size": 11, "color": "#4b5563"},
            "bgcolor": HATCH_FILL,
        }
        for col, line, label in blanks
    ]
    layout: dict[str, Any] = {
        "template": template(),
        "font": FONT,
        "height": 110 + 38 * max(len(names), 1),
        "margin": {"l": 10, "r": 10, "t": 40, "b": 10},
        "plot_bgcolor": "#ffffff",
        "xaxis": {"side": "top", "showline": False, "ticks": "", "tickfont": {"size": 12}},
        "yaxis": {"autorange": "reversed", "showline": False, "ticks": "", "automargin": True},
    }
    if blanks:
        layout |= {"shapes": shapes, "annotations": notes}
    return {"data": [heatmap], "layout": layout}
