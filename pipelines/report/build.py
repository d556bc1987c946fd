"""Build one period's leadership report: an offline HTML page and an Excel workbook."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipelines.report.data import load_report_data
from pipelines.report.fmt import utc_now
from pipelines.report.page import render_html
from pipelines.report.workbook import write_workbook
from pipelines.settings import get_settings
from pipelines.warehouse import Warehouse


@dataclass(frozen=True)
class ReportPaths:
    """Where a report was written.

    Attributes:
        html: The self-contained HTML page.
        xlsx: The Excel workbook.
    """

    html: Path
    xlsx: Path


def _atomic_write(target: Path, write: Callable[[Path], object]) -> Path:
    """Write through ``write`` to a temporary sibling, then rename onto ``target``.

    A crash or error leaves any previous ``target`` untouched and no partial file.
    """
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def build_report(
    warehouse: Path | Warehouse,
    reports_dir: Path,
    period: str,
    *,
    months: int = 12,
    min_cell_size: int | None = None,
    generated_at: datetime | None = None,
) -> ReportPaths:
    """Write ``reports_dir/<period>/coachlens_report_<period>.html`` and ``.xlsx``.

    Reads only ``theme_trends``, ``coaching_priorities`` and (if present)
    ``coaching_impact``: never comment text.

    Args:
        warehouse: The warehouse (a path means that DuckDB file).
        reports_dir: Root of the per-period report folders.
        period: ``YYYY-MM`` month to report.
        months: Months of trend shown, ``period`` included.
        min_cell_size: Suppression threshold quoted in the text; defaults to
            the ``COACHLENS_MIN_CELL_SIZE`` setting.
        generated_at: Build time shown in the report (UTC); defaults to now.

    Returns:
        The two paths.

    Raises:
        ReportDataError: The warehouse has no rows for ``period``.
        ValueError: A malformed period or ``months < 1``.
    """
    threshold = get_settings().min_cell_size if min_cell_size is None else min_cell_size
    data = load_report_data(warehouse, period, months=months, min_cell_size=threshold)
    built = generated_at or utc_now()
    folder = reports_dir / period
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"coachlens_report_{period}"
    page = render_html(data, built)
    html = _atomic_write(folder / f"{stem}.html", lambda p: p.write_text(page, encoding="utf-8"))
    xlsx = _atomic_write(folder / f"{stem}.xlsx", lambda p: write_workbook(data, p, built))
    return ReportPaths(html=html, xlsx=xlsx)
