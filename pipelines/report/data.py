"""Read what the leadership report shows from the warehouse (numbers only).

Only ``theme_trends``, ``coaching_priorities`` and (if another run wrote it)
``coaching_impact`` are read. The comment table is never touched, so no
comment text can reach a report.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Final

import pandas as pd

from models.taxonomy import LABEL_INDEX, NEGATIVE_LABELS
from pipelines.periods import parse_period, period_range, shift_period
from pipelines.warehouse import Warehouse, as_warehouse

TRENDS_TABLE: Final[str] = "theme_trends"
PRIORITIES_TABLE: Final[str] = "coaching_priorities"
IMPACT_TABLE: Final[str] = "coaching_impact"
ALL_SOURCE: Final[str] = "all"
REPORT_TABLES: Final[tuple[str, ...]] = (TRENDS_TABLE, PRIORITIES_TABLE, IMPACT_TABLE)
"""The only tables a report may read."""


class ReportDataError(ValueError):
    """The warehouse cannot feed a report for the requested period."""


@dataclass(frozen=True)
class ReportData:
    """Everything one period's report shows.

    Attributes:
        period: The ``YYYY-MM`` month reported.
        periods: The trend window, oldest first, ending at ``period``.
        month: ``theme_trends`` rows of ``period`` (every source and label).
        window: ``theme_trends`` rows of every period in ``periods``.
        priorities: ``coaching_priorities`` rows of ``period``, by rank.
        impact: ``coaching_impact`` rows, or an empty frame when the table is
            absent or holds nothing up to ``period``.
        min_cell_size: Threshold below which cells are suppressed.
    """

    period: str
    periods: list[str]
    month: pd.DataFrame
    window: pd.DataFrame
    priorities: pd.DataFrame
    impact: pd.DataFrame
    min_cell_size: int

    @property
    def model_versions(self) -> list[str]:
        """Classifier versions behind the period's figures (usually one)."""
        return sorted(self.month["model_version"].dropna().astype(str).unique())

    @property
    def data_generated_at(self) -> pd.Timestamp | None:
        """When the period's trend rows were last written (UTC), if recorded."""
        stamps = pd.to_datetime(self.month["generated_at"], errors="coerce").dropna()
        return None if stamps.empty else pd.Timestamp(stamps.max())

    @property
    def run_ids(self) -> list[str]:
        """Pipeline runs that wrote the period's trend rows."""
        return sorted(self.month["run_id"].dropna().astype(str).unique())

    @cached_property
    def _negative_window(self) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
        """:func:`negative_cells` of the window split by directorate (once), and no rows."""
        cells = negative_cells(self.window)
        split = {str(name): rows for name, rows in cells.groupby("directorate", sort=False)}
        return split, cells.iloc[0:0]

    def negative_window_of(self, directorate: str) -> pd.DataFrame:
        """The window's negative-theme rows (source ``all``) of one directorate.

        Args:
            directorate: Directorate name.

        Returns:
            Its rows (none for an unknown name), in window order.
        """
        split, empty = self._negative_window
        return split.get(directorate, empty)


def _present_periods(store: Warehouse) -> list[str]:
    frame = store.read_table(TRENDS_TABLE)
    if frame.empty:
        return []
    return sorted(frame["period"].astype(str).unique())


def _sort_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Order trend rows by period, directorate, source (survey, complaint, all), label."""
    if frame.empty:
        return frame
    sources = {s: i for i, s in enumerate(("survey", "complaint", ALL_SOURCE))}
    keyed = frame.assign(
        _source=frame["source"].map(sources).fillna(len(sources)),
        _label=frame["label"].map(LABEL_INDEX).fillna(len(LABEL_INDEX)),
    )
    keyed = keyed.sort_values(["period", "directorate", "_source", "_label"], kind="stable")
    return keyed.drop(columns=["_source", "_label"]).reset_index(drop=True)


def _sort_priorities(priorities: pd.DataFrame) -> pd.DataFrame:
    if priorities.empty:
        return priorities
    return priorities.sort_values(
        ["rank", "directorate"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def load_report_data(
    warehouse: Path | Warehouse, period: str, *, months: int = 12, min_cell_size: int = 10
) -> ReportData:
    """Read the period's trend, priority and impact rows.

    Args:
        warehouse: The warehouse (a path means that DuckDB file).
        period: ``YYYY-MM`` month to report.
        months: Length of the trend window, ``period`` included.
        min_cell_size: Suppression threshold quoted in the report.

    Returns:
        The report's inputs.

    Raises:
        ReportDataError: No warehouse, or no ``theme_trends`` rows for ``period``
            (the message names the period and the periods present).
        ValueError: A malformed period or ``months < 1``.
    """
    parse_period(period)
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    store = as_warehouse(warehouse)
    if not store.exists():
        raise ReportDataError(
            f"no warehouse at {store.shown}; run `coachlens run --period {period}` first"
        )
    periods = period_range(shift_period(period, -(months - 1)), period)
    window = _sort_cells(
        store.read_table(TRENDS_TABLE, "period >= ? AND period <= ?", [periods[0], periods[-1]])
    )
    month = window.iloc[0:0] if window.empty else window[window["period"].astype(str) == period]
    if month.empty:
        present = _present_periods(store)
        shown = f"{present[0]} to {present[-1]}" if present else "none"
        raise ReportDataError(
            f"no theme_trends rows for period {period} in {store.shown} (periods present: "
            f"{shown}); run `coachlens run --period {period}` first"
        )
    priorities = store.read_table(PRIORITIES_TABLE, "period = ?", [period])
    impact = store.read_table(IMPACT_TABLE)
    if not impact.empty and "period" in impact.columns:  # estimates as of each run's period
        impact = impact[impact["period"].astype(str) == period].reset_index(drop=True)
    if not impact.empty and "start_period" in impact.columns:
        impact = impact[impact["start_period"].astype(str) <= period].reset_index(drop=True)
    return ReportData(
        period=period,
        periods=periods,
        month=month.reset_index(drop=True),
        window=window,
        priorities=_sort_priorities(priorities),
        impact=impact,
        min_cell_size=min_cell_size,
    )


def negative_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of source ``all`` for the negative (coaching-need) labels."""
    keep = (frame["source"] == ALL_SOURCE) & frame["label"].isin(NEGATIVE_LABELS)
    return frame[keep]


def directorate_order(data: ReportData) -> list[str]:
    """Directorates of the period, most coaching need first (priority rank, then name)."""
    names = sorted(data.month["directorate"].astype(str).unique())
    if data.priorities.empty:
        return names
    ranked = [str(d) for d in data.priorities["directorate"] if str(d) in names]
    return ranked + [d for d in names if d not in ranked]


def top_negative_themes(data: ReportData, directorate: str, n: int = 3) -> list[str]:
    """The directorate's ``n`` negative themes with most coaching need this period.

    Ordered by coaching priority in ``data.period``; themes without a priority
    (suppressed this month) follow by their average rate over the window, and
    codebook order breaks ties.

    Args:
        data: Report inputs.
        directorate: Directorate name.
        n: How many themes.

    Returns:
        Up to ``n`` labels; fewer only when the window has no unsuppressed rate.
    """
    window = data.negative_window_of(directorate)
    now = window[window["period"] == data.period].set_index("label")["coaching_priority"]
    mean_rate = window.groupby("label")["rate"].mean()
    ranked = pd.DataFrame({"priority": now, "mean_rate": mean_rate})
    ranked = ranked[ranked["priority"].notna() | ranked["mean_rate"].notna()]
    ranked = ranked.assign(order=[LABEL_INDEX[str(label)] for label in ranked.index])
    ranked = ranked.sort_values(
        ["priority", "mean_rate", "order"], ascending=[False, False, True], na_position="last"
    )
    return [str(label) for label in ranked.index[:n]]
