"""The plan's history in words: what one change did, a week's label, how long ago a day was.

Plain text: the templates escape it (front-matter values such as a risk's text reach these strings).
"""

from __future__ import annotations

from datetime import date, timedelta

from ..history import Change
from ..model import TERMS
from .dates import day_words

_LONG = 80  # an edited value longer than this is named, not quoted


def week_label(day: date) -> str:
    """The ISO week holding `day`: 'Week 47 · 16–22 Nov 2026', 'Week 5 · 26 Jan – 1 Feb 2026',
    'Week 1 · 29 Dec 2025 – 4 Jan 2026'."""
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    week = monday.isocalendar().week
    if monday.year != sunday.year:
        span = f"{day_words(monday)} – {day_words(sunday)}"
    elif monday.month != sunday.month:
        span = f"{day_words(monday, monday.year)} – {day_words(sunday)}"
    else:
        span = f"{monday.day}–{day_words(sunday)}"
    return f"Week {week} · {span}"


def ago(days: int) -> str:
    """'today', 'yesterday', '45 days ago'."""
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"


def _term(value: str | None) -> str:
    if value is None:
        return "none"
    term = TERMS.get(value)
    return term.label.lower() if term else value


def _due(before: str | None, after: str | None, days: int | None) -> str:
    try:
        old, new = date.fromisoformat(before or ""), date.fromisoformat(after or "")
    except ValueError:
        return f"due {before or 'none'} → {after or 'none'}"
    same_year = old.year if old.year == new.year else None
    text = f"due {day_words(old, same_year)} → {day_words(new, same_year)}"
    if days:
        moved = abs(days)
        unit = "day" if moved == 1 else "days"
        text += f" (slipped {moved} {unit})" if days > 0 else f" (pulled in {moved} {unit})"
    return text


def _edited(change: Change) -> str:
    name = change.field or "file"
    before, after = change.before, change.after
    if before is not None and after is not None and len(before) <= _LONG and len(after) <= _LONG:
        return f"{name} {before} → {after}"
    return f"{name} edited"


def change_words(change: Change) -> str:
    """What one change did, in words: 'due 15 Mar → 29 Mar (slipped 14 days)', 'status in progress → completed'."""
    kind, before, after = change.kind, change.before, change.after
    if kind == "added":
        return "added"
    if kind == "removed":
        return "removed"
    if kind == "renamed":
        return f"renamed from {before} to {after}"
    if kind == "unreadable":
        return f"unreadable at {change.commit.short}" + (f": {change.note}" if change.note else "")
    if kind == "readable":
        return "readable again"
    if kind == "due":
        return _due(before, after, change.days)
    if kind in ("status", "health"):
        return f"{kind} {_term(before)} → {_term(after)}"
    if kind == "metric":
        return f"metric {before or 'not reported'} → {after or 'not reported'}"
    if kind == "budget":
        return f"spent {before or 'not reported'} → {after or 'not reported'}"
    if kind == "risk-added":
        return f"risk added: {after or ''}"
    if kind == "risk-removed":
        return f"risk removed: {before or ''}"
    if kind == "quarter":
        return f"moved {before or '?'} → {after or '?'}"
    return _edited(change)
