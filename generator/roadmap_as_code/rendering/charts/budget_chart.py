"""The budget chart: planned against spent per milestone, an overrun in the off-track colour, no spend shown as such."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from ...measuring.budget import BudgetLine
from ...measuring.metrics import YearMetrics
from ...measuring.pace import money
from .figure import HOVER, Chart, Table, hover, label, layout

# Spend drawn in one slot per milestone, split by what it says (the legend names each colour).
Keep = Callable[[BudgetLine], bool]


def _within(line: BudgetLine) -> bool:
    return line.kind == "completed" and not line.over


def _over(line: BudgetLine) -> bool:
    return line.over


def _so_far(line: BudgetLine) -> bool:
    return line.kind == "spent so far" and not line.over


_SPENT: tuple[tuple[str, str, Keep], ...] = (
    ("Completed, within plan", "--roadmap-health-on-track", _within),
    ("Over plan", "--roadmap-health-off-track", _over),
    ("Spent so far", "--roadmap-status-in-progress", _so_far),
)


def _difference(line: BudgetLine, currency: str) -> str:
    if line.actual is None:
        return "not reported"
    gap = line.actual - line.planned
    if gap > 0:
        return f"over by {money(gap, currency)}"
    return f"{money(-gap, currency)} left" if line.kind == "spent so far" else "within plan"


def _detail(line: BudgetLine, currency: str) -> str:
    planned = money(line.planned, currency)
    if line.actual is None:
        return f"{planned} planned; spend not reported"
    what = "spent" if line.kind == "completed" else "spent so far"
    return f"{money(line.actual, currency)} {what} of {planned} planned ({_difference(line, currency)})"


def _spent_trace(name: str, colour: str, lines: tuple[BudgetLine, ...], keep: Keep, currency: str) -> dict[str, Any]:
    return {
        "type": "bar",
        "orientation": "h",
        "name": name,
        "offsetgroup": "spent",
        "y": [label(line.state.milestone.title) for line in lines],
        "x": [line.actual if keep(line) else None for line in lines],
        "marker": {"color": colour},
        "customdata": [hover(line.state.milestone.title, _detail(line, currency)) for line in lines],
        "hovertemplate": HOVER,
    }


def budget(metrics: YearMetrics, chart_id: str) -> Chart | None:
    """Planned against actual spend for each milestone with a budget; "not reported" is a mark, never a zero bar."""
    lines = metrics.budget.lines
    if not lines:
        return None
    currency = metrics.roadmap.settings.currency
    names = [label(line.state.milestone.title) for line in lines]
    planned = {
        "type": "bar",
        "orientation": "h",
        "name": "Planned",
        "offsetgroup": "planned",
        "y": names,
        "x": [line.planned for line in lines],
        "marker": {"color": "--roadmap-planned"},
        "customdata": [hover(line.state.milestone.title, _detail(line, currency)) for line in lines],
        "hovertemplate": HOVER,
    }
    silent = [line for line in lines if line.actual is None]
    not_reported = {
        "type": "scatter",
        "mode": "text",
        "name": "Not reported",
        "showlegend": False,
        "y": [label(line.state.milestone.title) for line in silent],
        "x": [line.planned for line in silent],
        "text": ["  spend not reported"] * len(silent),
        "textposition": "middle right",
        "textfont": {"color": "--roadmap-status-not-started"},
        "customdata": [hover(line.state.milestone.title, _detail(line, currency)) for line in silent],
        "hovertemplate": HOVER,
    }
    spent = [
        _spent_trace(name, colour, lines, keep, currency)
        for name, colour, keep in _SPENT
        if any(keep(x) for x in lines)
    ]
    figure = {
        "data": [planned, *spent, *([not_reported] if silent else [])],
        "layout": layout(
            100 + 56 * len(lines),
            barmode="group",
            # The currency names the axis; the legend sits above the plot, so the title is clear of it.
            xaxis={
                "title": {"text": html.escape(currency, quote=False)},
                "tickformat": "~s",
                "fixedrange": True,
                "rangemode": "tozero",
            },
            yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        ),
    }
    rows = tuple(
        (
            line.state.milestone.title,
            line.kind,
            f"{line.planned:,.0f}",
            "not reported" if line.actual is None else f"{line.actual:,.0f}",
            _difference(line, currency),
        )
        for line in lines
    )
    headers = ("Milestone", "Spend", f"Planned ({currency})", f"Actual ({currency})", "Against plan")
    return Chart(chart_id, f"Budget planned and spent ({currency})", figure, Table(headers, rows))
