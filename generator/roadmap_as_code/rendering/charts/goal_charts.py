"""A goal's own chart: its metric's baseline, current value and target."""

from __future__ import annotations

import html

from ...measuring.metrics import GoalProgress
from .figure import Chart, Table, label, layout


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
        "layout": layout(
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
