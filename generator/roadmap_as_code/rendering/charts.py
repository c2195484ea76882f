"""Progress charts as plotly figure JSON with fixed ids, no template, and colour tokens.

Figures are plain data in plotly's JSON format. Colours are CSS custom property names
(strings starting with `--`) that the chart script resolves at render
time, so one figure follows both the light and the dark palette. Every chart carries the
table of the numbers it draws.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..checking.limit_usage import year_usage
from ..measuring.metrics import GoalProgress, MilestoneState, YearMetrics
from ..model import TERMS, Signal, Status
from ..model.calendar import quarter_bounds

# The states a milestone is drawn in, in legend order; labels and colours come from the vocabulary.
_DRAWN = (Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED, Signal.OVERDUE)
STATUS_LABELS = {key: TERMS[key].label for key in _DRAWN}
STATUS_COLOURS = {key: TERMS[key].colour for key in _DRAWN}
# Okabe-Ito: distinguishable with colour-blindness, readable on light and dark backgrounds.
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
LABEL_WIDTH = 34


@dataclass(frozen=True)
class Table:
    """The numbers a chart draws, for screen readers, printing and people who prefer them."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """One plotly figure with a stable id, a title and its data table."""

    id: str
    title: str
    figure: dict[str, Any]
    table: Table

    def json(self) -> str:
        """The figure as compact, sorted JSON that is safe inside a <script> element."""
        text = json.dumps(self.figure, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return (
            text.replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029")
        )


def label(text: str, width: int = LABEL_WIDTH) -> str:
    """A chart label: escaped (plotly reads a subset of HTML in labels) and shortened."""
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return html.escape(short, quote=False)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def _layout(height: int, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "legend": {"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        "hovermode": "closest",
    }
    layout.update(extra)
    return layout


def goal_progress(metrics: YearMetrics, chart_id: str) -> Chart:
    """Per goal: share of milestones completed and progress of its metric toward target."""
    goals = metrics.goals
    names = [label(g.goal.title) for g in goals]
    done = [round((g.share_completed or 0) * 100, 1) for g in goals]
    metric = [None if g.metric_share is None else round(g.metric_share * 100, 1) for g in goals]
    figure = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Milestones completed",
                "y": names,
                "x": done,
                "marker": {"color": "--roadmap-status-completed"},
                "hovertemplate": "%{x}%<extra>Milestones completed</extra>",
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": "Metric toward target",
                "y": names,
                "x": metric,
                "marker": {"color": "--roadmap-status-in-progress"},
                "hovertemplate": "%{x}%<extra>Metric toward target</extra>",
            },
        ],
        "layout": _layout(
            90 + 70 * len(goals),
            barmode="group",
            margin={"l": 8, "r": 24, "t": 8, "b": 8},
            xaxis={"range": [0, 100], "ticksuffix": "%", "fixedrange": True},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        ),
    }
    rows = tuple(
        (g.goal.title, f"{g.completed}/{len(g.milestones)}", _pct(g.share_completed), _pct(g.metric_share))
        for g in goals
    )
    return Chart(
        chart_id,
        "Goal progress",
        figure,
        Table(("Goal", "Milestones completed", "Share", "Metric toward target"), rows),
    )


def _status_key(state: MilestoneState) -> str:
    return Signal.OVERDUE if state.overdue else state.milestone.status


def milestones_by_quarter(metrics: YearMetrics, chart_id: str) -> Chart:
    """Milestones per quarter, stacked by status (overdue apart)."""
    quarters = [f"Q{q}" for q in range(1, 5)]
    counts = {key: [0, 0, 0, 0] for key in STATUS_LABELS}
    for state in metrics.states:
        counts[_status_key(state)][state.milestone.quarter - 1] += 1
    data = [
        {
            "type": "bar",
            "name": STATUS_LABELS[key],
            "x": quarters,
            "y": counts[key],
            "marker": {"color": STATUS_COLOURS[key]},
            "hovertemplate": "%{y}<extra>" + STATUS_LABELS[key] + "</extra>",
        }
        for key in STATUS_LABELS
    ]
    figure = {
        "data": data,
        "layout": _layout(
            300,
            barmode="stack",
            yaxis={"dtick": 1, "fixedrange": True, "rangemode": "tozero"},
            xaxis={"fixedrange": True},
        ),
    }
    rows = tuple((q, *(str(counts[key][i]) for key in STATUS_LABELS)) for i, q in enumerate(quarters))
    return Chart(
        chart_id, "Milestones by quarter and status", figure, Table(("Quarter", *STATUS_LABELS.values()), rows)
    )


def department_load(metrics: YearMetrics, chart_id: str, department: str | None = None) -> Chart:
    """Key actions per quarter for each department (or one), against the limit."""
    settings = metrics.roadmap.settings
    limit = settings.limits.actions_per_department_per_quarter
    departments = [d for d in settings.departments if department is None or d.id == department]
    quarters = [f"Q{q}" for q in range(1, 5)]
    load = year_usage(metrics.roadmap, metrics.year).department_quarters
    data = []
    rows = []
    for i, dept in enumerate(departments):
        counts = [load.get((dept.id, q), 0) for q in range(1, 5)]
        colour = SERIES[i % len(SERIES)] if department is None else "--roadmap-status-in-progress"
        data.append(
            {
                "type": "bar",
                "name": label(dept.name),
                "x": quarters,
                "y": counts,
                "marker": {"color": colour},
                "hovertemplate": "%{y}/" + str(limit) + "<extra>" + label(dept.name) + "</extra>",
            }
        )
        rows.append((dept.name, *(f"{n}/{limit}" for n in counts)))
    limit_line = {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": limit,
        "y1": limit,
        "line": {"color": "--roadmap-limit", "width": 2, "dash": "dash"},
    }
    note = {
        "xref": "paper",
        "x": 1,
        "xanchor": "right",
        "yref": "y",
        "y": limit,
        "yanchor": "bottom",
        "text": f"limit {limit}",
        "showarrow": False,
        "font": {"color": "--roadmap-limit"},
    }
    figure = {
        "data": data,
        "layout": _layout(
            300,
            barmode="group",
            showlegend=department is None,
            shapes=[limit_line],
            annotations=[note],
            yaxis={"range": [0, limit + 1], "dtick": 1, "fixedrange": True},
            xaxis={"fixedrange": True},
        ),
    }
    title = "Key actions per quarter against the limit"
    return Chart(chart_id, title, figure, Table(("Department", *quarters), tuple(rows)))


def timeline(metrics: YearMetrics, chart_id: str) -> Chart:
    """Every milestone on a quarter axis, with the as-of line and dependency arrows."""
    states = metrics.states
    position = {s.milestone.id: i for i, s in enumerate(states)}
    data = []
    for key in STATUS_LABELS:
        members = [s for s in states if _status_key(s) == key]
        if not members:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": STATUS_LABELS[key],
                "x": [s.milestone.due.isoformat() for s in members],
                "y": [position[s.milestone.id] for s in members],
                "text": [label(s.milestone.title, 60) for s in members],
                "marker": {
                    "color": STATUS_COLOURS[key],
                    "size": 12,
                    "symbol": "diamond" if key == "completed" else "circle",
                },
                "hovertemplate": "%{text}<br>due %{x}<extra>" + STATUS_LABELS[key] + "</extra>",
            }
        )
    year = metrics.year.year
    starts = [quarter_bounds(year, q)[0] for q in range(1, 5)]
    shapes: list[dict[str, Any]] = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": quarter_bounds(year, q)[0].isoformat(),
            "x1": quarter_bounds(year, q)[1].isoformat(),
            "y0": 0,
            "y1": 1,
            "fillcolor": "--md-default-fg-color--lightest",
            "opacity": 0.35,
            "line": {"width": 0},
            "layer": "below",
        }
        for q in (1, 3)
    ]
    annotations: list[dict[str, Any]] = []
    if metrics.as_of.year == year:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": metrics.as_of.isoformat(),
                "x1": metrics.as_of.isoformat(),
                "y0": 0,
                "y1": 1,
                "line": {"color": "--roadmap-today", "width": 2, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "xref": "x",
                "yref": "paper",
                "x": metrics.as_of.isoformat(),
                "y": 1,
                "yanchor": "bottom",
                "text": f"as of {metrics.as_of.isoformat()}",
                "showarrow": False,
                "font": {"color": "--roadmap-today"},
            }
        )
    for s in states:
        for dep in s.milestone.depends_on:
            if dep in position:
                source = states[position[dep]].milestone
                annotations.append(
                    {
                        "xref": "x",
                        "yref": "y",
                        "axref": "x",
                        "ayref": "y",
                        "x": s.milestone.due.isoformat(),
                        "y": position[s.milestone.id],
                        "ax": source.due.isoformat(),
                        "ay": position[dep],
                        "showarrow": True,
                        "arrowhead": 3,
                        "arrowsize": 1,
                        "arrowwidth": 1.2,
                        "arrowcolor": "--md-default-fg-color--light",
                        "text": "",
                    }
                )
    layout = _layout(
        120 + 34 * len(states),
        margin={"l": 8, "r": 8, "t": 28, "b": 8},
        shapes=shapes,
        annotations=annotations,
        showlegend=True,
        xaxis={
            "type": "date",
            "range": [date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()],
            "tickvals": [d.isoformat() for d in starts],
            "ticktext": [f"Q{q} {year}" for q in range(1, 5)],
            "fixedrange": True,
        },
        yaxis={
            "tickvals": list(range(len(states))),
            "ticktext": [label(s.milestone.title, 28) for s in states],
            "autorange": "reversed",
            "automargin": True,
            "fixedrange": True,
        },
    )
    rows = tuple(
        (
            s.milestone.title,
            f"Q{s.milestone.quarter}",
            s.milestone.due.isoformat(),
            STATUS_LABELS[_status_key(s)],
            ", ".join(s.milestone.depends_on) or "none",
        )
        for s in states
    )
    return Chart(
        chart_id,
        f"Timeline {year}",
        {"data": data, "layout": layout},
        Table(("Milestone", "Quarter", "Due", "Status", "Depends on"), rows),
    )


def budget(metrics: YearMetrics, chart_id: str) -> Chart | None:
    """Planned against actual spend for each milestone with a budget."""
    budgeted = [s.milestone for s in metrics.states if s.milestone.budget]
    if not budgeted:
        return None
    names = [label(m.title) for m in budgeted]
    planned = [m.budget.planned for m in budgeted if m.budget]
    actual = [m.budget.actual if m.budget else None for m in budgeted]
    currency = metrics.roadmap.settings.currency
    unit = html.escape(currency, quote=False)
    figure = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Planned",
                "y": names,
                "x": planned,
                "marker": {"color": "--roadmap-planned"},
                "hovertemplate": "%{x:,} " + unit + "<extra>Planned</extra>",
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": "Actual",
                "y": names,
                "x": actual,
                "marker": {"color": "--roadmap-actual"},
                "hovertemplate": "%{x:,} " + unit + "<extra>Actual</extra>",
            },
        ],
        "layout": _layout(
            100 + 56 * len(budgeted),
            barmode="group",
            xaxis={"tickformat": "~s", "fixedrange": True, "title": {"text": unit}},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        ),
    }
    rows = tuple(
        (m.title, f"{m.budget.planned:,}", "not reported" if m.budget.actual is None else f"{m.budget.actual:,}")
        for m in budgeted
        if m.budget
    )
    return Chart(
        chart_id,
        f"Budget planned and actual ({currency})",
        figure,
        Table(("Milestone", f"Planned ({currency})", f"Actual ({currency})"), rows),
    )


def goal_metric(progress: GoalProgress, chart_id: str) -> Chart | None:
    """A goal's metric: baseline, current and target side by side."""
    metric = progress.goal.metric
    if metric is None:
        return None
    names = ["Baseline", "Current", "Target"]
    values = [metric.baseline, metric.current, metric.target]
    figure = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": values,
                "marker": {
                    "color": [
                        "--roadmap-status-not-started",
                        "--roadmap-status-in-progress",
                        "--roadmap-status-completed",
                    ]
                },
                "text": [f"{v} {html.escape(metric.unit)}" if v is not None else "" for v in values],
                "textposition": "auto",
                "hovertemplate": "%{x}<extra></extra>",
            }
        ],
        "layout": _layout(
            200,
            showlegend=False,
            xaxis={"fixedrange": True, "title": {"text": label(metric.unit)}},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        ),
    }
    rows = tuple(
        (name, "not reported" if value is None else f"{value} {metric.unit}")
        for name, value in zip(names, values, strict=False)
    )
    return Chart(chart_id, metric.name, figure, Table(("Point", "Value"), rows))
