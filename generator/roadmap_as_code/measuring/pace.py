"""Where a metric should be at a date: linear from its baseline on 1 January to its target on 31 December."""

from __future__ import annotations

from datetime import date

from ..model import Metric


def elapsed_share(year: int, as_of: date) -> float:
    """The share of a year gone by at the as-of date: 0 on 1 January (or before), 1 on 31 December (or after)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return min(1.0, max(0.0, (as_of - start).days / (end - start).days))


def expected_value(metric: Metric, year: int, as_of: date) -> float:
    """The value a metric on pace would have at the as-of date."""
    return metric.baseline + (metric.target - metric.baseline) * elapsed_share(year, as_of)


def lower_is_better(metric: Metric) -> bool:
    """A metric whose target lies below its baseline (run time, cost, churn)."""
    return metric.target < metric.baseline
