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
from typing import Any

from ...measuring.metrics import MilestoneState
from ...model import TERMS, Signal, Status

# The states a milestone is drawn in, in legend order; labels and colours come from the vocabulary.
_DRAWN = (Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED, Signal.OVERDUE)
STATUS_LABELS: dict[str, str] = {key: TERMS[key].label for key in _DRAWN}
STATUS_COLOURS: dict[str, str] = {key: TERMS[key].colour for key in _DRAWN}
# Okabe-Ito: distinguishable with colour-blindness, readable on light and dark backgrounds.
SERIES = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
LABEL_WIDTH = 34
# Every tooltip: the item's full name, then what the point says, both written out in Python (hover()), so a value
# reads once in its own words and no axis suffix doubles it; <extra></extra> drops plotly's repeat of the trace name.
HOVER = "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>"
AXIS = {"automargin": True, "fixedrange": True, "zeroline": False}


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
        text = json.dumps(self.figure, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
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


def hover(item: str, detail: str) -> list[str]:
    """One point's customdata for HOVER: its item's full name and what it says, escaped (no plotly placeholders run)."""
    return [html.escape(item, quote=False), html.escape(detail, quote=False)]


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def layout(height: int, **extra: Any) -> dict[str, Any]:
    """A figure's layout: legend above the plot (clear of axis titles), axes that fit their labels, no zero line."""
    layout: dict[str, Any] = {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "traceorder": "normal"},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
    }
    layout.update(extra)
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**AXIS, **layout.get(axis, {})}
    return layout


def status_key(state: MilestoneState) -> str:
    return Signal.OVERDUE if state.overdue else state.milestone.status
