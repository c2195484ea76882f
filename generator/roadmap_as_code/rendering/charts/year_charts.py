"""Charts of a year: goal progress, milestones by quarter, key actions per quarter, budget."""

from __future__ import annotations

from ...measuring.metrics import GoalProgress, YearMetrics
from ...measuring.pace import elapsed_share
from ...model import TERMS
from .figure import HOVER, SERIES, STATUS_COLOURS, STATUS_LABELS, Chart, Table, hover, label, layout, pct, status_key


def goal_progress(metrics: YearMetrics, chart_id: str) -> Chart:
    """Per goal, in its verdict's colour: share of milestones completed, its metric's way toward target, and the
    share of the year gone by (where both should be on a linear pace)."""
    goals = metrics.goals
    names = [label(g.goal.title) for g in goals]
    colours = [TERMS[g.verdict.word].colour for g in goals]
    expected = round(elapsed_share(metrics.year.year, metrics.as_of) * 100, 1)
    figure = {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Milestones completed",
                "y": names,
                "x": [round((g.share_completed or 0) * 100, 1) for g in goals],
                "marker": {"color": colours},
                "customdata": [hover(g.goal.title, f"{g.verdict.label}: {g.progress_text} completed") for g in goals],
                "hovertemplate": HOVER,
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": "Metric toward target",
                "y": names,
                "x": [None if g.metric_share is None else round(g.metric_share * 100, 1) for g in goals],
                "marker": {"color": colours, "opacity": 0.55, "pattern": {"shape": "/", "solidity": 0.3}},
                "customdata": [hover(g.goal.title, _metric_hover(g)) for g in goals],
                "hovertemplate": HOVER,
            },
            {
                "type": "scatter",
                "mode": "markers",
                "name": "Year gone by",
                "y": names,
                "x": [expected] * len(goals),
                "marker": {"symbol": "line-ns-open", "size": 26, "line": {"width": 2}, "color": "--roadmap-today"},
                "customdata": [hover(g.goal.title, f"{expected:g}% of the year gone by") for g in goals],
                "hovertemplate": HOVER,
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
        (
            g.goal.title,
            g.verdict.label,
            g.progress_text,
            pct(g.share_completed),
            f"{g.metric.line} ({pct(g.metric_share)} of the way)" if g.metric else "no metric",
        )
        for g in goals
    )
    headers = ("Goal", "Verdict", "Milestones completed", "Share", "Metric toward target")
    return Chart(chart_id, "Goal progress", figure, Table(headers, rows))


def _metric_hover(g: GoalProgress) -> str:
    if g.metric is None:
        return "no metric"
    return f"{g.metric.metric.name}: {g.metric.line} ({pct(g.metric_share)} of the way)"


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
            "customdata": [
                hover(f"{q}: {STATUS_LABELS[key]}", _milestones(counts[key][i])) for i, q in enumerate(quarters)
            ],
            "hovertemplate": HOVER,
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


def _milestones(count: int) -> str:
    return f"{count} milestone" if count == 1 else f"{count} milestones"


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
                "customdata": [
                    hover(f"{dept.name}, Q{q}", f"{n} of {limit} key actions") for q, n in enumerate(counts, 1)
                ],
                "hovertemplate": HOVER,
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
