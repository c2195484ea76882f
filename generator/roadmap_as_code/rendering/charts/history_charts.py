"""A goal's charts over the year, from the plan's history: the milestones' burn-up and the metric's trajectory."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ...measuring.metrics import GoalProgress
from ...measuring.pace import MetricReading, amount, expected_value, pace_points, places
from ...model import TERMS
from .figure import HOVER, Chart, Table, hover, label, layout


@dataclass(frozen=True)
class BurnItem:
    """One milestone of a goal as the burn-up draws it."""

    title: str
    due: date  # its due date today
    first_due: date  # the due date it was first planned with
    completed_on: date | None  # the day it was completed, if it is


def _as_of_marks(as_of: date) -> dict[str, Any]:
    """A dotted vertical line at the as-of date, with its label at the top."""
    day = as_of.isoformat()
    line = {
        "type": "line",
        "xref": "x",
        "x0": day,
        "x1": day,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": "--roadmap-today", "width": 2, "dash": "dot"},
    }
    note = {
        "xref": "x",
        "x": day,
        "xanchor": "right",
        "yref": "paper",
        "y": 1,
        "yanchor": "top",
        "text": f"as of {day}",
        "showarrow": False,
        "font": {"color": "--roadmap-today"},
    }
    return {"shapes": [line], "annotations": [note]}


def _year_axis(year: int) -> dict[str, Any]:
    return {"type": "date", "range": [f"{year}-01-01", f"{year}-12-31"], "tickformat": "%b"}


def _steps(
    name: str, days: Iterable[tuple[date, str]], total: int, year: int, end: date, look: dict[str, Any]
) -> dict[str, Any]:
    """A cumulative count as a step line from 1 January to `end`, each step's tooltip naming what it counts."""
    by_day: dict[date, list[str]] = {}
    for day, title in days:
        by_day.setdefault(max(day, date(year, 1, 1)), []).append(title)
    xs, ys, notes, count = [date(year, 1, 1).isoformat()], [0], [hover(name, "none yet")], 0
    for day in sorted(d for d in by_day if d <= end):
        titles = sorted(by_day[day])
        count += len(titles)
        xs.append(day.isoformat())
        ys.append(count)
        notes.append(hover(", ".join(titles), f"{name} {day.isoformat()}: {count} of {total} milestones"))
    xs.append(end.isoformat())
    ys.append(count)
    notes.append(hover(name, f"{count} of {total} milestones by {end.isoformat()}"))
    return {
        "type": "scatter",
        "mode": "lines",
        "name": label(name, 40),
        "x": xs,
        "y": ys,
        "line": {"shape": "hv", **look},
        "customdata": notes,
        "hovertemplate": HOVER,
    }


def goal_burn_up(items: list[BurnItem], year: int, as_of: date, chart_id: str) -> Chart | None:
    """Milestones due (by today's due dates and by the first planned ones) and completed, counted up over the year."""
    if not items:
        return None
    total, year_end = len(items), date(year, 12, 31)
    done_until = min(as_of, year_end)
    traces = [
        _steps("First planned due dates", ((i.first_due, i.title) for i in items), total, year, year_end,
               {"color": "--md-default-fg-color--light", "width": 2, "dash": "dot"}),
        _steps("Due dates today", ((i.due, i.title) for i in items), total, year, year_end,
               {"color": "--roadmap-planned", "width": 2, "dash": "dash"}),
        _steps("Completed", ((i.completed_on, i.title) for i in items if i.completed_on), total, year, done_until,
               {"color": "--roadmap-status-completed", "width": 3}),
    ]  # fmt: skip
    figure = {
        "data": traces,
        "layout": layout(
            300,
            **(_as_of_marks(as_of) if date(year, 1, 1) <= as_of <= year_end else {}),
            xaxis=_year_axis(year),
            yaxis={"range": [0, total + 0.5], "title": {"text": "Milestones"}, **({"dtick": 1} if total <= 10 else {})},
        ),
    }
    rows = tuple(
        (
            i.title,
            i.first_due.isoformat(),
            i.due.isoformat(),
            i.completed_on.isoformat() if i.completed_on else "not yet",
        )
        for i in sorted(items, key=lambda i: (i.due, i.title))
    )
    done = sum(1 for i in items if i.completed_on and i.completed_on <= done_until)
    moved = sum(1 for i in items if i.due != i.first_due)
    title = f"Burn-up: {done} of {total} milestones completed, {moved} moved from their first due date"
    return Chart(chart_id, title, figure, Table(("Milestone", "First planned due", "Due now", "Completed"), rows))


def _expected(reading: MetricReading, value: float) -> str:
    """An expected value to the places the metric is written with (at least one), as the goal page writes it."""
    m = reading.metric
    return amount(value, m.unit, max(1, places(m.baseline, m.target, m.current)))


def metric_trajectory(
    progress: GoalProgress, trail: list[tuple[date, float, str]], as_of: date, chart_id: str
) -> Chart | None:
    """The metric's `current` at each check-in, against the pace from baseline to target (through checkpoints)."""
    reading = progress.metric
    if reading is None:
        return None
    metric, year = reading.metric, reading.year
    start, end = date(year, 1, 1), date(year, 12, 31)
    earlier = [(start, value) for day, value, _ in trail if day < start][-1:]  # the value standing on 1 January
    within = [(day, value) for day, value, _ in trail if start <= day <= end]
    if within and within[0][0] == start:
        earlier = []
    reported = [(day, value, reading.show(value)) for day, value in earlier + within]
    if not reported and metric.current is not None and start <= as_of <= end:
        reported = [(as_of, float(metric.current), reading.show(metric.current))]
    pace = pace_points(metric, year)
    colour = TERMS[progress.verdict.word].colour
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Expected pace",
            "x": [d.isoformat() for d, _ in pace],
            "y": [v for _, v in pace],
            "line": {"color": "--md-default-fg-color--light", "width": 2, "dash": "dash"},
            "customdata": [hover(metric.name, f"Expected on {d.isoformat()}: {reading.show(v)}") for d, v in pace],
            "hovertemplate": HOVER,
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "Reported",
            "x": [d.isoformat() for d, _, _ in reported],
            "y": [v for _, v, _ in reported],
            "line": {"color": colour, "width": 3},
            "marker": {"color": colour, "size": 8},
            "customdata": [hover(metric.name, f"Reported on {d.isoformat()}: {t}") for d, _, t in reported],
            "hovertemplate": HOVER,
        },
    ]
    unit = label(metric.unit) + (" · lower is better" if reading.lower_is_better else "")
    figure = {
        "data": traces,
        "layout": layout(
            300,
            **(_as_of_marks(as_of) if start <= as_of <= end else {}),
            xaxis=_year_axis(year),
            yaxis={"title": {"text": unit}},
        ),
    }
    rows = tuple((d.isoformat(), t, _expected(reading, expected_value(metric, year, d))) for d, _, t in reported)
    title = f"{metric.name} at each check-in against its pace"
    if reported:
        (day, _, text), *_ = reversed(reported)
        title += f": {text} on {day.isoformat()}, {_expected(reading, expected_value(metric, year, day))} expected then"
    return Chart(chart_id, title, figure, Table(("Check-in", "Reported", "Expected then"), rows))
