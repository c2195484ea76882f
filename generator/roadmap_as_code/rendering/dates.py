"""Days as the pages write them: '15 Mar', '15 Mar 2027', in English whatever the build machine's locale."""

from __future__ import annotations

from datetime import date

# strftime's %b follows the machine's locale; a site must read the same wherever it is built.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_words(day: date, year: int | None = None) -> str:
    """'15 Mar', or '15 Mar 2027' when the day is not in `year` (None: always with its year)."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return text if day.year == year else f"{text} {day.year}"
