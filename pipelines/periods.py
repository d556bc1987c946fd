"""Reporting periods (``YYYY-MM``): parsing, ranges and month bounds."""

from __future__ import annotations

import re
from datetime import date, datetime

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_period(period: str) -> tuple[int, int]:
    """Year and month of a ``YYYY-MM`` period.

    Raises:
        ValueError: If the text is not a valid ``YYYY-MM`` month.
    """
    m = _PERIOD.match(period)
    if not m:
        raise ValueError(f"period {period!r} is not YYYY-MM (e.g. 2026-10)")
    return int(m.group(1)), int(m.group(2))


def month_bounds(period: str) -> tuple[datetime, datetime]:
    """``[first day, first day of next month)`` of a period, as naive datetimes."""
    year, month = parse_period(period)
    start = datetime(year, month, 1)
    end = datetime(year + (month == 12), month % 12 + 1, 1)
    return start, end


def period_range(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive.

    Raises:
        ValueError: If ``last`` is before ``first``.
    """
    y, m = parse_period(first)
    end = parse_period(last)
    if end < (y, m):
        raise ValueError(f"period range ends ({last}) before it starts ({first})")
    out = []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def previous_period(today: date | None = None) -> str:
    """The calendar month before ``today`` (default: now)."""
    today = today or date.today()
    y, m = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return f"{y:04d}-{m:02d}"


def shift_period(period: str, months: int) -> str:
    """The period ``months`` after (or before, if negative) ``period``."""
    y, m = parse_period(period)
    index = y * 12 + (m - 1) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
