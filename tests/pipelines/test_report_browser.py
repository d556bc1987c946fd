"""The report HTML in a real headless Chromium: offline, error-free, charts drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.report import build_report
from tests.pipelines.test_report import DIRECTORATES, PERIOD, write_warehouse

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian chromium is not installed at /usr/bin/chromium "
    "(apt-get install -y chromium; .ci/run does it)",
)


def test_report_renders_offline_in_chromium(tmp_path: Path) -> None:
    from playwright.sync_api import ConsoleMessage, Error, Request, sync_playwright

    warehouse = write_warehouse(tmp_path / "warehouse" / "coachlens.duckdb")
    paths = build_report(warehouse, tmp_path / "reports", PERIOD, min_cell_size=10)
    screenshot = tmp_path / f"coachlens_report_{PERIOD}.png"

    console_errors: list[str] = []
    page_errors: list[str] = []
    remote: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(message.text)

    def on_page_error(error: Error) -> None:
        page_errors.append(str(error))

    def on_request(request: Request) -> None:
        if not request.url.startswith(("file:", "data:", "blob:", "about:")):
            remote.append(request.url)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", on_console)
            page.on("pageerror", on_page_error)
            page.on("request", on_request)
            page.goto(paths.html.resolve().as_uri(), wait_until="load")
            page.wait_for_function(
                """() => {
                    const divs = [...document.querySelectorAll('.plotly-graph-div')];
                    return divs.length > 0 && divs.every(d => d.querySelector('svg.main-svg'));
                }""",
                timeout=60_000,
            )
            charts = page.eval_on_selector_all(
                ".plotly-graph-div",
                """divs => divs.map(d => ({
                    id: d.id,
                    svgs: d.querySelectorAll('svg.main-svg').length,
                    marks: d.querySelectorAll('svg.main-svg path, svg.main-svg image').length,
                    width: d.getBoundingClientRect().width,
                    panels: d.querySelectorAll('.cartesianlayer > .subplot').length,
                    legend: [...d.querySelectorAll('.legend .legendtext')].map(t => t.textContent),
                    titles: [...d.querySelectorAll('.annotation-text')].map(t => t.textContent),
                }))""",
            )
            heatmap_text = page.eval_on_selector(
                "#need-heatmap", "d => [...d.querySelectorAll('svg text')].map(t => t.textContent)"
            )
            title = page.title()
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()

    assert console_errors == []
    assert page_errors == []
    assert remote == []
    ids = [c["id"] for c in charts]
    assert ids[0] == "need-heatmap" and len(ids) == 1 + len(DIRECTORATES)
    for chart in charts:
        assert chart["svgs"] > 0 and chart["marks"] > 0, chart
        assert chart["width"] > 300, chart
    assert charts[0]["panels"] == 1
    for chart in charts[1:]:  # one panel per theme, each titled, one legend for them all
        assert 1 <= chart["panels"] <= 3, chart
        assert len(chart["titles"]) == chart["panels"], chart
        assert {"95% interval", "Organisation rate"} <= set(chart["legend"]), chart
        assert len(chart["legend"]) == len(set(chart["legend"])), chart
    assert "suppressed" in heatmap_text
    assert "October 2026" in title
    assert screenshot.exists() and screenshot.stat().st_size > 10_000
