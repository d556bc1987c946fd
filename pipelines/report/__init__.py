"""The leadership report: where manager coaching is needed, as HTML and Excel.

``build_report`` reads the warehouse's trend, priority and impact tables
(never comment text) and writes a self-contained HTML page and a workbook
under ``reports/<period>/``. ``report_command`` is the body of
``coachlens report --period``.
"""

from __future__ import annotations

from pipelines.report.build import ReportPaths, build_report
from pipelines.report.data import ReportDataError
from pipelines.settings import get_settings
from pipelines.warehouse import open_warehouse

__all__ = ["ReportDataError", "ReportPaths", "build_report", "report_command"]


def report_command(period: str) -> None:
    """Build the report for ``period`` from the configured warehouse and print both paths.

    Args:
        period: ``YYYY-MM`` month to report.

    Raises:
        ReportDataError: The warehouse has no rows for ``period``.
    """
    settings = get_settings()
    paths = build_report(
        open_warehouse(settings),
        settings.reports_dir,
        period,
        min_cell_size=settings.min_cell_size,
    )
    print(paths.html)
    print(paths.xlsx)
