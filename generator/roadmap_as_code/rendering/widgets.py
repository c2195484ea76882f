"""Small pieces of page markup: status badges, percentages, progress bars and chart blocks."""

from __future__ import annotations

import html

from markupsafe import Markup

from ..model import TERMS
from .charts import Chart


def badge(kind: str | None) -> Markup:
    """A coloured status or health badge; only known values are rendered."""
    if kind not in TERMS:
        return Markup("")
    return Markup(f'<span class="roadmap-badge roadmap-badge--{kind}">{TERMS[kind].label}</span>')


def percent(value: float | None) -> str:
    """A share as a whole percentage, or an en dash when there is nothing to measure."""
    return "–" if value is None else f"{value * 100:.0f}%"


def progress_bar(value: float | None, text: str) -> Markup:
    """A horizontal progress bar with an accessible label."""
    share = 0 if value is None else round(value * 100)
    return Markup(
        '<div class="roadmap-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{share}" '
        f'aria-label="{html.escape(text)}"><div class="roadmap-progress__bar" style="width: {share}%"></div></div>'
    )


def chart_block(chart: Chart) -> Markup:
    """The chart container, its JSON and its data table, as one raw HTML block."""
    title = html.escape(chart.title)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in chart.table.headers)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in chart.table.rows)
    return Markup(
        '<figure class="roadmap-chart-figure">\n'
        f'<div class="roadmap-chart" id="chart-{chart.id}" data-chart-json="chart-{chart.id}-json" role="img" '
        f'aria-label="{title}"></div>\n'
        f'<script type="application/json" id="chart-{chart.id}-json">{chart.json()}</script>\n'
        f'<details class="roadmap-chart-table"><summary>Data table: {title}</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>\n"
        "</figure>"
    )
