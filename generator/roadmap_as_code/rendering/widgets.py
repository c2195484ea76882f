"""Small pieces of page markup: status badges, percentages, progress bars and chart blocks."""

from __future__ import annotations

import html

from markupsafe import Markup

from ..model import TERMS
from .charts import Chart


def badge(kind: str | None) -> Markup:
    """A coloured badge of a term of the vocabulary (status, health, schedule, outcome); only known terms render."""
    if kind not in TERMS:
        return Markup("")
    css = kind.replace(" ", "-")
    # The space inside the badge is not drawn, but keeps its word apart from the next one in copied text and search.
    return Markup(f'<span class="roadmap-badge roadmap-badge--{css}">{TERMS[kind].label} </span>')


def percent(value: float | None) -> str:
    """A share as a whole percentage, or an en dash when there is nothing to measure."""
    return "–" if value is None else f"{value * 100:.0f}%"


def progress_bar(value: float | None, text: str, tone: str | None = None) -> Markup:
    """A horizontal progress bar with an accessible label, in its verdict's colour (good, warn, bad) when given.

    Spans, so the bar can sit inside a paragraph or list item whose Markdown links MkDocs still rewrites."""
    share = 0 if value is None else round(value * 100)
    toned = f" roadmap-progress--{html.escape(tone)}" if tone else ""
    return Markup(
        f'<span class="roadmap-progress{toned}" role="progressbar" aria-valuemin="0" aria-valuemax="100" '
        f'aria-valuenow="{share}" aria-label="{html.escape(text)}">'
        f'<span class="roadmap-progress__bar" style="width: {share}%"></span></span>'
    )


def chart_block(chart: Chart) -> Markup:
    """The chart container, its JSON and its data table, as one raw HTML block."""
    title = html.escape(chart.title)
    # Cells apart by a space: search indexes the table's text without its tags.
    head = " ".join(f"<th>{html.escape(h)}</th>" for h in chart.table.headers)
    rows = " ".join("<tr>" + " ".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in chart.table.rows)
    return Markup(
        '<figure class="roadmap-chart-figure">\n'
        f'<div class="roadmap-chart" id="chart-{chart.id}" data-chart-json="chart-{chart.id}-json" role="img" '
        f'aria-label="{title}"></div>\n'
        f'<script type="application/json" id="chart-{chart.id}-json">{chart.json()}</script>\n'
        f'<details class="roadmap-chart-table"><summary>Data table: {title}</summary>'
        f" <table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>\n"
        "</figure>"
    )
