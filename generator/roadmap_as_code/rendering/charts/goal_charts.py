"""A goal's own chart: its metric as a bullet chart, on the metric's own scale."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...measuring.metrics import GoalProgress
from ...measuring.pace import MetricReading
from ...model import TERMS
from .figure import HOVER, Chart, Table, hover, label, layout

PAD = 0.12  # room on each side of the outermost mark, as a share of the span they cover
BAND = (0.7, "--md-default-fg-color--lightest")  # bar width (of a row) and colour


def goal_metric(progress: GoalProgress, chart_id: str) -> Chart | None:
    """A goal's metric: a band from baseline to target, the current value as a bar in the goal's verdict colour,
    ticks for baseline, target and where the metric should be by now."""
    reading = progress.metric
    if reading is None:
        return None
    metric = reading.metric
    points = _points(reading)
    lowest, highest = min(v for v, _ in points.values()), max(v for v, _ in points.values())
    pad = (highest - lowest) * PAD or abs(highest) * 0.05 or 1
    span = [lowest - pad, highest + pad]
    title = label(metric.unit) + (" · lower is better" if reading.lower_is_better else "")
    figure = {
        "data": _traces(reading, points, TERMS[progress.verdict.word].colour),
        "layout": layout(
            150,
            barmode="overlay",
            margin={"l": 8, "r": 16, "t": 8, "b": 8},
            xaxis={"range": span[::-1] if reading.lower_is_better else span, "title": {"text": title}},
            yaxis={"visible": False, "range": [-0.6, 0.6]},
        ),
    }
    rows = tuple((name, text) for name, (_, text) in points.items())
    return Chart(chart_id, metric.name, figure, Table(("Point", "Value"), rows))


def _points(reading: MetricReading) -> dict[str, tuple[float, str]]:
    """Baseline, expected (while the year runs), current (when reported) and target, each with its text."""
    m, year, as_of = reading.metric, reading.year, reading.as_of
    points = {f"Baseline (1 Jan {year})": (float(m.baseline), reading.show(m.baseline))}
    if date(year, 1, 1) < as_of <= date(year, 12, 31):
        points[f"Expected on {as_of.isoformat()}"] = (reading.expected, reading.expected_text)
    if m.current is not None:
        points["Current"] = (float(m.current), reading.show(m.current))
    points["Target"] = (float(m.target), reading.show(m.target))
    return points


def _traces(reading: MetricReading, points: dict[str, tuple[float, str]], colour: str) -> list[dict[str, Any]]:
    m = reading.metric
    band = f"Baseline {reading.show(m.baseline)} → target {reading.show(m.target)}"
    traces = [_bar(m.name, "Baseline to target", band, (float(m.baseline), float(m.target)), BAND)]
    for name, (value, text) in points.items():
        if name == "Current":
            traces.append(
                _bar(m.name, f"Current: {text}", f"Current: {text}", (float(m.baseline), value), (0.3, colour))
            )
        else:
            traces.append(_tick(m.name, name, value, text))
    return traces


def _bar(item: str, name: str, detail: str, span: tuple[float, float], look: tuple[float, str]) -> dict[str, Any]:
    (start, end), (width, colour) = span, look
    return {
        "type": "bar",
        "orientation": "h",
        "name": label(name, 40),
        "y": [0],
        "base": [start],
        "x": [end - start],
        "width": [width],
        "marker": {"color": colour},
        "customdata": [hover(item, detail)],
        "hovertemplate": HOVER,
    }


_TICKS = {"Baseline": "--md-default-fg-color--light", "Expected": "--roadmap-today", "Target": "--md-default-fg-color"}


def _tick(item: str, name: str, value: float, text: str) -> dict[str, Any]:
    colour = _TICKS[name.split()[0]]
    return {
        "type": "scatter",
        "mode": "markers",
        "name": label(f"{name.split(' (')[0]}: {text}", 40),
        "y": [0],
        "x": [value],
        "marker": {"symbol": "line-ns", "size": 44, "line": {"width": 4, "color": colour}, "color": colour},
        "customdata": [hover(item, f"{name}: {text}")],
        "hovertemplate": HOVER,
    }
