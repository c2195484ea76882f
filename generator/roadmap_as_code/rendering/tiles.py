"""The dashboard's milestone tiles: each number with its label, a detail line and its tone (good, warn, bad)."""

from __future__ import annotations

from collections.abc import Callable

from ..measuring.metrics import YearMetrics
from .widgets import percent

Tile = dict[str, str]


def _tile(label: str, value: str, detail: str, tone: str) -> Tile:
    return {"label": label, "value": value, "detail": detail, "tone": tone}


def budget_tile(metrics: YearMetrics, money: Callable[[float], str]) -> Tile:
    """Completed milestones' final spend against their plan: an overrun is off track, never green."""
    b = metrics.budget
    if not b.completed:
        return _tile("Budget, completed work", "–", "no completed milestone reports spend", "good")
    late = len(b.over_budget)
    over = f"over by {money(b.overrun)}" if b.overrun else "within plan overall"
    over += f"; {late} milestone{'' if late == 1 else 's'} over plan" if late and not b.overrun else ""
    detail = f"{money(b.completed_actual)} of {money(b.completed_planned)}: {over}"
    return _tile("Budget, completed work", percent(b.completed_share), detail, b.tone)


def milestone_tiles(metrics: YearMetrics, money: Callable[[float], str]) -> list[Tile]:
    """Completion, on-time rate, budget and the milestones needing a look, in that order."""
    k = metrics.kpis
    return [
        _tile("Milestones completed", percent(k.share_completed), f"{k.completed} of {k.milestones}", "good"),
        _tile(
            "On-time completion",
            percent(k.on_time_rate),
            f"{k.completed_on_time} of {k.completed} completed",
            "good" if (k.on_time_rate or 0) >= 0.8 else "warn",
        ),
        budget_tile(metrics, money),
        _tile("At risk", str(k.at_risk), "open milestones", "warn" if k.at_risk else "good"),
        _tile("Off track", str(k.off_track), "open milestones, overdue included", "bad" if k.off_track else "good"),
        _tile("Overdue", str(k.overdue), "past due, not completed", "bad" if k.overdue else "good"),
    ]
