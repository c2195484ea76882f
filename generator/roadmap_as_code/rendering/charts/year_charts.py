"""Charts of a year: goal progress, milestones by quarter, key actions per quarter, budget."""

from __future__ import annotations

import html

from ...measuring.metrics import YearMetrics
from .figure import SERIES, STATUS_COLOURS, STATUS_LABELS, Chart, Table, label, layout, pct, status_key


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
        "layout": layout(
            90 + 70 * len(goals),
            barmode="group",
            margin={"l": 8, "r": 24, "t": 8, "b": 8},
            xaxis={"range": [0, 100], "ticksuffix": "%", "fixedrange": True},
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        ),
    }
    rows = tuple(
        (g.goal.title, f"{g.completed}/{len(g.milestones)}", pct(g.share_completed), pct(g.metric_share)) for g in goals
    )
    return Chart(
        chart_id,
        "Goal progress",
        figure,
        Table(("Goal", "Milestones completed", "Share", "Metric toward target"), rows),
    )


def milestones_by_quarter(metrics: YearMetrics, chart_id: str) -> Chart:
    """Milestones per quarter, stacked by status (overdue apart)."""
    quarters = [f"Q{q}" for q in range(1, 5)]
    counts: dict[str, list[int]] = {key: [0, 0, 0, 0] for key in STATUS_LABELS}
    for state in metrics.states:
        counts[status_key(state)][state.milestone.quarter - 1] += 1
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
        "layout": layout(
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
    data = []
    rows = []
    for i, dept in enumerate(departments):
        counts = [len(metrics.actions_in(dept.id, q)) for q in range(1, 5)]
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
        "layout": layout(
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
                "name": name,
                "y": names,
                "x": values,
                "marker": {"color": colour},
                "hovertemplate": "%{x:,} " + unit + f"<extra>{name}</extra>",
            }
            for name, values, colour in (
                ("Planned", planned, "--roadmap-planned"),
                ("Actual", actual, "--roadmap-actual"),
            )
        ],
        "layout": layout(
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
