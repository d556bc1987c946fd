"""The leadership report: offline HTML, a formula-free workbook, suppression and errors."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from openpyxl import load_workbook
from plotly.subplots import make_subplots

from models.taxonomy import LABELS, NEGATIVE_LABELS
from pipelines.periods import shift_period
from pipelines.priorities import rank_directorates
from pipelines.report import ReportDataError, ReportPaths, build_report, report_command
from pipelines.report.data import (
    ReportData,
    directorate_order,
    load_report_data,
    top_negative_themes,
)
from pipelines.report.heatmap import heatmap_figure
from pipelines.report.page import PLOTLY_SCRIPT_ID
from pipelines.report.plotting import Figure
from pipelines.report.sheet_columns import FORMATS, TREND_COLUMNS, column_cells
from pipelines.report.trend_chart import SPACING, panel_grid, trend_figure
from pipelines.trends import build_trends
from pipelines.warehouse import connect, replace_scope

PERIOD = "2026-10"
PERIODS = [shift_period(PERIOD, -k) for k in range(13, -1, -1)]  # 14 months, oldest first
MODEL_VERSION = "ensemble-2026.10-test"
RUN_ID = "run-report-test"
EVIL = '=cmd|"/c calc"!A1 <script>alert(1)</script>'
"""A directorate name that is both a spreadsheet formula and an HTML injection."""
DIRECTORATES = ["Housing", "Adult Social Care", EVIL]
SECRET = "SECRET COMMENT TEXT that must never reach a report"
GENERATED = datetime(2026, 11, 2, 6, 30)


def make_counts(seed: int = 0) -> pd.DataFrame:
    """3 directorates x 14 months x 18 labels x (survey, complaint, all), seeded.

    Housing has a rising ``pressure:neg``; the EVIL directorate has few
    complaints (its complaint cells are suppressed) and only a handful of
    comments in the report month (every cell suppressed, and Adult Social Care's
    with them, so that EVIL's counts cannot be subtracted from the organisation's);
    Adult Social Care is tiny two months before the report month (a gap in its trend).
    """
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.02, 0.22, size=(len(DIRECTORATES), len(LABELS)))
    rows = []
    for t, period in enumerate(PERIODS):
        for d, name in enumerate(DIRECTORATES):
            # Housing is the largest, so the complement hiding EVIL is Adult Social Care
            n_survey = int(rng.poisson(300 if name == "Housing" else 140))
            n_complaint = int(rng.poisson(4 if name == EVIL else 30))
            if name == EVIL and period == PERIOD:
                n_survey, n_complaint = 5, 1
            if name == "Adult Social Care" and period == shift_period(PERIOD, -2):
                n_survey, n_complaint = 6, 2
            for j, label in enumerate(LABELS):
                rate = base[d, j]
                if name == "Housing" and label == "pressure:neg" and t >= 10:
                    rate = min(0.6, rate + 0.18)
                survey = int(rng.binomial(n_survey, rate))
                complaint = int(rng.binomial(n_complaint, min(1.0, rate * 1.5)))
                rows += [
                    (period, name, "survey", label, n_survey, survey),
                    (period, name, "complaint", label, n_complaint, complaint),
                    (period, name, "all", label, n_survey + n_complaint, survey + complaint),
                ]
    columns = ["period", "directorate", "source", "label", "n_comments", "n_flagged"]
    return pd.DataFrame(rows, columns=columns)


def write_warehouse(path: Path, *, impact: bool = False) -> Path:
    """Fill a DuckDB warehouse the way the monthly flow does, plus comment text to avoid."""
    trends = build_trends(
        make_counts(),
        PERIODS,
        min_cell_size=10,
        model_version=MODEL_VERSION,
        run_id=RUN_ID,
        generated_at=pd.Timestamp("2026-11-02 06:05:00"),
    )
    priorities = pd.concat(
        [
            rank_directorates(trends, p, min_cell_size=10).assign(
                period=p, model_version=MODEL_VERSION, run_id=RUN_ID
            )
            for p in PERIODS
        ],
        ignore_index=True,
    )
    comments = pd.DataFrame(
        {
            "record_id": ["c1", "c2"],
            "period": [PERIOD, PERIOD],
            "directorate": ["Housing", EVIL],
            "source": ["survey", "survey"],
            "text": [SECRET, SECRET],
            "labels": ["pressure:neg", ""],
        }
    )
    con = connect(path)
    try:
        replace_scope(con, "theme_trends", trends, {"period": PERIODS})
        replace_scope(con, "coaching_priorities", priorities, {"period": PERIODS})
        replace_scope(con, "classified_comments", comments, {"period": [PERIOD]})
        if impact:
            replace_scope(con, "coaching_impact", impact_frame(), {"cohort": ["ASC cohort 1"]})
    finally:
        con.close()
    return path


def impact_frame() -> pd.DataFrame:
    """Rows shaped like ``pipelines.impact.coaching_impact`` output (rate points)."""
    rng = np.random.default_rng(1)
    estimate = rng.normal(0, 0.01, len(NEGATIVE_LABELS))
    estimate[0] = -0.062  # listening:neg fell after coaching
    return pd.DataFrame(
        {
            "directorate": "Adult Social Care",
            "cohort": "ASC cohort 1",
            "start_period": "2026-03",
            "source": "survey",
            "label": list(NEGATIVE_LABELS),
            "estimate": estimate,
            "ci_low": estimate - 0.02,
            "ci_high": estimate + 0.02,
            "p_value": [0.0004, *rng.uniform(0.1, 0.9, len(NEGATIVE_LABELS) - 1)],
            "significant": [True] + [False] * (len(NEGATIVE_LABELS) - 1),
            "std_error": 0.01,
            "n_comments_treated_pre": 700,
            "n_comments_treated_post": 1100,
            "n_comments_control": 3600,
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> ReportPaths:
    root = tmp_path_factory.mktemp("report")
    warehouse = write_warehouse(root / "warehouse" / "coachlens.duckdb")
    return build_report(
        warehouse, root / "reports", PERIOD, min_cell_size=10, generated_at=GENERATED
    )


@pytest.fixture(scope="module")
def page(built: ReportPaths) -> str:
    return built.html.read_text(encoding="utf-8")


def without_library(html: str) -> str:
    """The page minus the one embedded plotly.js script (which legitimately says NaN)."""
    stripped, n = re.subn(
        rf'<script id="{PLOTLY_SCRIPT_ID}">.*?</script>', "", html, count=1, flags=re.S
    )
    assert n == 1, "plotly.js must be embedded exactly once"
    return stripped


def test_report_files_are_written_under_the_period_folder(built: ReportPaths) -> None:
    folder = built.html.parent
    assert folder.name == PERIOD
    assert built.html.name == f"coachlens_report_{PERIOD}.html"
    assert built.xlsx == folder / f"coachlens_report_{PERIOD}.xlsx"
    assert sorted(p.name for p in folder.iterdir()) == sorted([built.html.name, built.xlsx.name])


def test_html_opens_offline_with_plotly_embedded_once(page: str) -> None:
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)  # no external scripts at all
    body = without_library(page)  # plotly.js's own source mentions URLs in strings
    assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", body, re.I)
    assert not re.search(r"https?://", body)
    assert not re.search(r"<link\b", body, re.I)
    assert page.count(f'<script id="{PLOTLY_SCRIPT_ID}">') == 1
    assert "plotly.js v" in page
    assert len(page.encode()) < 8_000_000


def test_html_shows_model_version_times_and_how_to_read(page: str) -> None:
    body = without_library(page)
    assert MODEL_VERSION in body
    assert "2026-11-02 06:30 UTC" in body and "2026-11-02 06:05 UTC" in body
    assert "October 2026" in body
    assert "How to read these figures" in body
    for phrase in ("share of a directorate", "95%", "Benjamini-Hochberg", "fewer than 10"):
        assert phrase in body
    assert "No coaching register entries were evaluated" in body


def test_html_marks_suppressed_cells_and_has_no_nan(page: str) -> None:
    body = without_library(page)
    assert "suppressed" in body
    assert '"text":"suppressed"' in body  # the heatmap annotation, not a 0
    assert "NaN" not in body and "nan%" not in body.lower()
    assert "suppressed (fewer than 10 comments, or hidden" in body  # the EVIL directorate's row
    table = body[body.index('id="priorities"') : body.index('id="heatmap"')]
    evil_row = table[table.index("&lt;script&gt;alert(1)") :].split("</tr>", 1)[0]
    assert '<td class="num">suppressed</td>' in evil_row  # its count is not printed


def test_html_escapes_warehouse_text(page: str) -> None:
    body = without_library(page)
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert SECRET not in page


def test_html_has_heatmap_and_one_trend_chart_per_directorate(page: str) -> None:
    body = without_library(page)
    assert 'id="need-heatmap"' in body
    assert len(re.findall(r'id="trend-\d+"', body)) == len(DIRECTORATES)
    assert body.count("Plotly.newPlot(") == 1 + len(DIRECTORATES)


def test_priority_table_ranks_rising_housing_first(page: str) -> None:
    body = without_library(page)
    table = body[body.index('id="priorities"') : body.index('id="heatmap"')]
    assert table.index("Housing") < table.index("Adult Social Care")
    assert "Pressure" in table and "significant" in table


def test_workbook_sheets_are_frozen_filtered_and_formatted(built: ReportPaths) -> None:
    wb = load_workbook(built.xlsx)
    assert wb.sheetnames == [
        "Priorities",
        f"Theme trends {PERIOD}",
        "Trends last 12 months",
        "About",
    ]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.max_row > 1, ws.title
        assert ws.column_dimensions["A"].width >= 8
    trends = wb[f"Theme trends {PERIOD}"]
    header = [c.value for c in trends[1]]
    col = {name: i for i, name in enumerate(header)}
    rows = list(trends.iter_rows(min_row=2))
    assert len(rows) == len(DIRECTORATES) * 3 * len(LABELS)
    shown = [r for r in rows if r[col["Suppressed"]].value is False]
    assert shown[0][col["Rate"]].number_format == "0.0%"
    assert shown[0][col["p-value"]].number_format == "0.000"
    hidden = [r for r in rows if r[col["Suppressed"]].value is True]
    assert hidden and all(r[col["Rate"]].value == "suppressed" for r in hidden)
    assert all(r[col["95% CI low"]].value is None for r in hidden)  # blank, never 0
    assert all(r[col["Comments"]].value == "suppressed" for r in hidden)  # no count printed
    assert all(r[col["Flagged"]].value is None for r in hidden)
    evil = [r for r in rows if r[col["Directorate"]].value == "'" + EVIL]
    assert evil and all(r[col["Suppressed"]].value is True for r in evil)  # 5 + 1 comments
    priorities = wb["Priorities"]
    head = [c.value for c in priorities[1]]
    evil = [r for r in priorities.iter_rows(min_row=2) if r[1].value == "'" + EVIL]
    assert evil and all(r[head.index("Comments")].value == "suppressed" for r in evil)
    window = wb["Trends last 12 months"]
    periods = {c.value for (c,) in window.iter_rows(min_row=2, max_col=1)}
    assert periods == set(PERIODS[-12:])


def test_workbook_has_no_formulas_and_no_comment_text(built: ReportPaths) -> None:
    wb = load_workbook(built.xlsx)
    texts = [
        cell.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert not [t for t in texts if t.startswith(("=", "+", "@", "\t", "\r"))]
    assert "'" + EVIL in texts
    assert all(cell.data_type != "f" for ws in wb.worksheets for row in ws for cell in row)
    assert not [t for t in texts if SECRET in t]


def test_impact_section_and_sheet_when_the_table_exists(tmp_path: Path) -> None:
    warehouse = write_warehouse(tmp_path / "coachlens.duckdb", impact=True)
    paths = build_report(warehouse, tmp_path / "reports", PERIOD, months=6, min_cell_size=10)
    body = without_library(paths.html.read_text(encoding="utf-8"))
    assert "No coaching register entries" not in body
    section = body[body.index('id="impact"') : body.index('id="how-to-read"')]
    assert "ASC cohort 1" in section and "-6.2" in section and "fewer flagged" in section
    wb = load_workbook(paths.xlsx)
    assert "Impact" in wb.sheetnames and "Trends last 6 months" in wb.sheetnames
    impact = wb["Impact"]
    assert impact.freeze_panes == "A2" and impact.max_row == 1 + len(NEGATIVE_LABELS)


def test_unknown_period_is_a_clear_error(tmp_path: Path) -> None:
    warehouse = write_warehouse(tmp_path / "coachlens.duckdb")
    with pytest.raises(ReportDataError, match=r"no theme_trends rows for period 2031-01"):
        build_report(warehouse, tmp_path / "reports", "2031-01")
    assert not (tmp_path / "reports" / "2031-01").exists()
    with pytest.raises(ReportDataError, match="2026-10"):
        build_report(tmp_path / "missing.duckdb", tmp_path / "reports", "2026-10")
    with pytest.raises(ValueError, match="YYYY-MM"):
        build_report(warehouse, tmp_path / "reports", "October")


def test_rebuild_replaces_files_without_leftovers(tmp_path: Path) -> None:
    warehouse = write_warehouse(tmp_path / "coachlens.duckdb")
    first = build_report(warehouse, tmp_path / "reports", PERIOD, months=3)
    again = build_report(warehouse, tmp_path / "reports", PERIOD, months=3)
    assert first == again
    assert sorted(p.name for p in again.html.parent.iterdir()) == [
        f"coachlens_report_{PERIOD}.html",
        f"coachlens_report_{PERIOD}.xlsx",
    ]


def test_report_command_prints_both_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHLENS_HOME", str(tmp_path))
    write_warehouse(tmp_path / "warehouse" / "coachlens.duckdb")
    report_command(PERIOD)
    lines = capsys.readouterr().out.split()
    assert lines == [
        str(tmp_path / "reports" / PERIOD / f"coachlens_report_{PERIOD}.html"),
        str(tmp_path / "reports" / PERIOD / f"coachlens_report_{PERIOD}.xlsx"),
    ]
    assert all(Path(line).exists() for line in lines)


@pytest.fixture(scope="module")
def report_data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    warehouse = write_warehouse(tmp_path_factory.mktemp("data") / "coachlens.duckdb")
    return load_report_data(warehouse, PERIOD, min_cell_size=10)


def report_figures(data: ReportData) -> list[Figure]:
    """The heatmap and every directorate's trend chart, as the page draws them."""
    names = directorate_order(data)
    themes = {name: top_negative_themes(data, name, 3) for name in names}
    return [heatmap_figure(data)] + [trend_figure(data, n, themes[n]) for n in names if themes[n]]


def test_figure_dicts_are_valid_plotly_that_validation_leaves_unchanged(
    report_data: ReportData,
) -> None:
    figures = report_figures(report_data)
    assert len(figures) == 1 + len(DIRECTORATES)
    assert figures[0]["layout"]["shapes"]  # the hatched, suppressed cells of EVIL
    for fig in figures:
        validated = go.Figure(fig)  # raises ValueError on any unknown property or bad value
        assert json.loads(pio.to_json(validated)) == json.loads(pio.to_json(fig, validate=False))
        assert validated.layout.template.layout.paper_bgcolor == "white"  # simple_white


@pytest.mark.parametrize("titles", [["Pressure"], ["Pressure", "Clarity"], ["A", "B", "C"]])
def test_panel_grid_lays_out_panels_like_make_subplots(titles: list[str]) -> None:
    expected = make_subplots(
        rows=1,
        cols=len(titles),
        shared_yaxes=True,
        subplot_titles=titles,
        horizontal_spacing=SPACING,
    )
    expected.update_annotations(font={"size": 13})
    actual = go.Figure(layout=panel_grid(titles))
    assert actual.layout.to_plotly_json() == expected.layout.to_plotly_json()


def test_workbook_cells_neutralise_text_and_blank_missing_values() -> None:
    text = pd.Series(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\ry", "plain", None, ""])
    assert column_cells(text, "text") == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\ry",
        "plain",
        None,
        None,
    ]
    numbers = pd.Series([0.25, np.nan, np.inf, None], dtype="object")
    assert column_cells(numbers, "pct") == [0.25, None, None, None]
    counts = pd.Series([3, None], dtype="Int64")
    assert column_cells(counts, "int") == [3, None]
    assert [type(v) for v in column_cells(counts, "int")] == [int, type(None)]
    stamps = pd.Series(pd.to_datetime(["2026-11-02 06:05", None]).tz_localize("Europe/London"))
    assert column_cells(stamps, "datetime") == [datetime(2026, 11, 2, 6, 5), None]
    assert column_cells(pd.Series([True, False, None], dtype="object"), "bool") == [
        True,
        False,
        None,
    ]


def test_workbook_columns_keep_their_formats_header_style_and_precision(
    built: ReportPaths, report_data: ReportData
) -> None:
    wb = load_workbook(built.xlsx)
    ws = wb["Trends last 12 months"]
    header = [c.value for c in ws[1]]
    assert header == [c.header for c in TREND_COLUMNS]
    for cell in ws[1]:
        assert cell.font.b and cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith("1F4E79") and cell.font.color.rgb.endswith("FFFFFF")
    for i, column in enumerate(TREND_COLUMNS, start=1):
        cells = [ws.cell(row, i) for row in range(2, ws.max_row + 1)]
        written = [c for c in cells if isinstance(c.value, int | float | datetime)]
        if column.kind in FORMATS:
            assert written and all(c.number_format == FORMATS[column.kind] for c in written)
    frame = pd.read_excel(built.xlsx, sheet_name="Trends last 12 months", engine="openpyxl")
    shown = ~report_data.window["suppressed"].astype(bool)
    expected = report_data.window.loc[shown, "ci_high"].to_numpy(dtype=float)
    assert frame.loc[shown.to_numpy(), "95% CI high"].to_numpy(dtype=float) == pytest.approx(
        expected, rel=1e-15
    )
