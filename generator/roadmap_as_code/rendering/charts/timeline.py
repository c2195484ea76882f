"""The timeline: every milestone of a year on a quarter axis, with the as-of line and dependency arrows."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...measuring.metrics import YearMetrics
from ...model.calendar import quarter_bounds
from .figure import STATUS_COLOURS, STATUS_LABELS, Chart, Table, label, layout, status_key


def timeline(metrics: YearMetrics, chart_id: str) -> Chart:
    """Every milestone on a quarter axis, with the as-of line and dependency arrows."""
    states = metrics.states
    position = {s.milestone.id: i for i, s in enumerate(states)}
    data = []
    for key in STATUS_LABELS:
        members = [s for s in states if status_key(s) == key]
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
    figure_layout = layout(
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
            STATUS_LABELS[status_key(s)],
            ", ".join(s.milestone.depends_on) or "none",
        )
        for s in states
    )
    return Chart(
        chart_id,
        f"Timeline {year}",
        {"data": data, "layout": figure_layout},
        Table(("Milestone", "Quarter", "Due", "Status", "Depends on"), rows),
    )
