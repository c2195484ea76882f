"""The Jinja environment of the page templates: every printed string escaped, helpers for badges and charts."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .charts import Chart
from .safe_text import body_html, link, md, summary
from .widgets import badge, chart_block, percent, progress_bar

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: Any) -> Any:
    # Every plain string a template prints is front-matter text: escape it for Markdown and HTML.
    return md(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        badge=badge, link=link, percent=percent, progress_bar=progress_bar, chart=_chart, description=body_html
    )
    env.filters["html"] = lambda value: Markup(html.escape(str(value), quote=True))
    env.globals.update(summary=lambda text: md(summary(text)) if text.strip() else Markup("–"))
    env.globals.update(joined=lambda items: Markup("<br>").join(md(i) for i in items) if items else Markup("–"))
    return env


def _chart(chart: Chart | None) -> Markup:
    return chart_block(chart) if chart else Markup("")
