"""Where a metric should be at a date: linear from its baseline on 1 January to its target on 31 December,
or through the quarter-end checkpoints a goal's metric names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from ..model import GoalMetric, Metric
from ..model.calendar import quarter_bounds


def elapsed_share(year: int, as_of: date) -> float:
    """The share of a year gone by at the as-of date: 0 on 1 January (or before), 1 on 31 December (or after)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return min(1.0, max(0.0, (as_of - start).days / (end - start).days))


def pace_points(metric: Metric, year: int) -> list[tuple[date, float]]:
    """The dates and values the pace runs through: the baseline, each checkpoint, the target."""
    checkpoints = metric.checkpoints if isinstance(metric, GoalMetric) else None
    points = [(date(year, 1, 1), float(metric.baseline))]
    if checkpoints is not None:
        for quarter, value in enumerate((checkpoints.Q1, checkpoints.Q2, checkpoints.Q3), start=1):
            if value is not None:
                points.append((quarter_bounds(year, quarter)[1], float(value)))
    return [*points, (date(year, 12, 31), float(metric.target))]


def expected_value(metric: Metric, year: int, as_of: date) -> float:
    """The value a metric on pace would have at the as-of date: straight lines between its pace points."""
    points = pace_points(metric, year)
    if as_of <= points[0][0]:
        return points[0][1]
    for (start, low), (end, high) in pairwise(points):
        if as_of <= end:
            return low + (high - low) * (as_of - start).days / (end - start).days
    return points[-1][1]


def expected_share(metric: Metric, year: int, as_of: date) -> float:
    """How far from baseline toward target a metric on pace would be at the as-of date (the year's share when flat)."""
    if metric.target == metric.baseline:
        return elapsed_share(year, as_of)
    return (expected_value(metric, year, as_of) - metric.baseline) / (metric.target - metric.baseline)


def lower_is_better(metric: Metric) -> bool:
    """A metric whose target lies below its baseline (run time, cost, churn)."""
    return metric.target < metric.baseline


MAX_PLACES = 4


def metric_progress(metric: Metric | None) -> float | None:
    """How far current has moved from baseline toward target, 0-1 (works for falling targets too)."""
    if metric is None or metric.current is None or metric.target == metric.baseline:
        return None
    return max(0.0, min(1.0, (metric.current - metric.baseline) / (metric.target - metric.baseline)))


def places(*values: float | None) -> int:
    """The decimal places a metric is written with: the most any of its values has (at most 4)."""
    written = [repr(float(v)).rstrip("0").rstrip(".") for v in values if v is not None and "e" not in repr(float(v))]
    return min(MAX_PLACES, max((len(w.partition(".")[2]) for w in written), default=0))


def amount(value: float, unit: str, decimals: int) -> str:
    """A number with thousands separators and its unit, "%" written against it."""
    text = f"{value:,.{decimals}f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}".rstrip()


def money(value: float, currency: str) -> str:
    """An amount in whole units of the roadmap's currency: "649,500 EUR"."""
    return f"{value:,.0f} {currency}"


@dataclass(frozen=True)
class MetricReading:
    """A goal's metric read at the as-of date: how far it has come, where it should be, in words."""

    metric: Metric
    year: int
    as_of: date

    @property
    def lower_is_better(self) -> bool:
        return lower_is_better(self.metric)

    @property
    def progress(self) -> float | None:
        """How far current has moved from baseline toward target, 0-1; None when not reported."""
        return metric_progress(self.metric)

    @property
    def expected_share(self) -> float:
        return expected_share(self.metric, self.year, self.as_of)

    @property
    def year_over(self) -> bool:
        return elapsed_share(self.year, self.as_of) >= 1

    @property
    def expected(self) -> float:
        return expected_value(self.metric, self.year, self.as_of)

    @property
    def lag(self) -> float | None:
        """The share of the way from baseline to target the metric is behind its pace (negative: ahead)."""
        return None if self.progress is None else self.expected_share - self.progress

    @property
    def reached(self) -> bool:
        m = self.metric
        if m.current is None:
            return False
        return m.current <= m.target if self.lower_is_better else m.current >= m.target

    def show(self, value: float | None) -> str:
        """A value as written in the file, with the metric's unit."""
        return "not reported" if value is None else amount(value, self.metric.unit, places(value))

    @property
    def expected_text(self) -> str:
        """The expected value, to the places the metric is written with (at least one: 111.3%, not 111%)."""
        m = self.metric
        return amount(self.expected, m.unit, max(1, places(m.baseline, m.target, m.current)))

    @property
    def line(self) -> str:
        """Current against target, e.g. "99.91 of 99.95%" or "24 seconds, target 30 seconds or less"."""
        m = self.metric
        if self.lower_is_better:
            return f"{self.show(m.current)}, target {self.show(m.target)} or less"
        if m.current is None:
            return f"not reported, target {self.show(m.target)}"
        return f"{amount(m.current, '', places(m.current))} of {self.show(m.target)}"

    @property
    def brief(self) -> str:
        """The metric line and, while its year runs, where it should be by now: for the dashboard's goal cards."""
        if self.year_over or self.metric.current is None:
            return self.line
        return f"{self.line}; {self.expected_text} expected by now"

    @property
    def sentence(self) -> str:
        """The metric line with its baseline and, while its year runs, where it should be by now."""
        baseline = f"baseline {self.show(self.metric.baseline)}"
        if self.year_over:
            return f"{self.line} ({baseline})"
        return f"{self.line} ({baseline}; expected by now {self.expected_text})"
