"""Quarters and their dates."""

from __future__ import annotations

from datetime import date


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def quarter_of(day: date) -> int:
    """The quarter (1-4) a date falls in."""
    return (day.month - 1) // 3 + 1
