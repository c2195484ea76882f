"""Safe text for generated pages: Markdown escaping, sanitised bodies, badges and chart blocks."""

from __future__ import annotations

import html
import posixpath
import re

import markdown
import nh3
from markupsafe import Markup

from .charts import Chart

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
_BODY_EXTENSIONS = ["tables", "sane_lists", "fenced_code", "def_list", "abbr"]


def md(value: object) -> Markup:
    """Text placed into Markdown so it renders literally: HTML-escaped, Markdown-escaped, one line."""
    if isinstance(value, Markup):
        return value
    # Collapse whitespace to one line, but keep a single edge space: templates join items with ", ".
    text = re.sub(r"\s+", " ", str(value))
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


def body_html(text: str) -> Markup:
    """A contributor's Markdown body as sanitised HTML: no scripts, handlers, styles or unsafe links."""
    if not text.strip():
        return Markup("")
    rendered = markdown.markdown(text, extensions=_BODY_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    # A blank line would end the raw HTML block early in the page's own Markdown pass.
    clean = re.sub(r"\n\s*\n", "\n", clean).strip()
    return Markup(f'<div class="roadmap-description">\n{clean}\n</div>')


def link(from_page: str, to_page: str) -> Markup:
    """A relative Markdown link target between two generated pages."""
    return Markup(posixpath.relpath(to_page, posixpath.dirname(from_page) or "."))


_BADGE_TEXT = {
    "completed": "Completed", "in-progress": "In progress", "not-started": "Not started",
    "on-track": "On track", "at-risk": "At risk", "off-track": "Off track", "overdue": "Overdue", "late": "Late",
}


def badge(kind: str | None) -> Markup:
    """A coloured status or health badge; only known values are rendered."""
    if kind not in _BADGE_TEXT:
        return Markup("")
    return Markup(f'<span class="roadmap-badge roadmap-badge--{kind}">{_BADGE_TEXT[kind]}</span>')


def percent(value: float | None) -> str:
    """A share as a whole percentage, or an en dash when there is nothing to measure."""
    return "–" if value is None else f"{value * 100:.0f}%"


def progress_bar(value: float | None, text: str) -> Markup:
    """A horizontal progress bar with an accessible label."""
    share = 0 if value is None else round(value * 100)
    return Markup(
        f'<div class="roadmap-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{share}" '
        f'aria-label="{html.escape(text)}"><div class="roadmap-progress__bar" style="width: {share}%"></div></div>'
    )


def chart_block(chart: Chart) -> Markup:
    """The chart container, its JSON and its data table, as one raw HTML block."""
    title = html.escape(chart.title)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in chart.table.headers)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in chart.table.rows)
    return Markup(
        '<figure class="roadmap-chart-figure">\n'
        f'<div class="roadmap-chart" id="chart-{chart.id}" data-chart-json="chart-{chart.id}-json" role="img" aria-label="{title}"></div>\n'
        f'<script type="application/json" id="chart-{chart.id}-json">{chart.json()}</script>\n'
        f'<details class="roadmap-chart-table"><summary>Data table: {title}</summary>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></details>\n"
        "</figure>"
    )
