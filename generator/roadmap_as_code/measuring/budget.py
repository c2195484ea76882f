"""Budget that can't hide an overrun: completed milestones' spend against their plan, open work's spend so far."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .states import MilestoneState


@dataclass(frozen=True)
class BudgetLine:
    """One milestone's budget, read as the dashboard shows it."""

    state: MilestoneState
    planned: float
    actual: float | None

    @property
    def kind(self) -> str:
        """completed (final spend), in progress (spent so far) or not reported (no spend yet)."""
        if self.actual is None:
            return "not reported"
        return "completed" if self.state.done else "spent so far"

    @property
    def over(self) -> bool:
        return self.actual is not None and self.actual > self.planned


@dataclass(frozen=True)
class BudgetSummary:
    """A year's budget in three parts: completed (final), spent so far (open work), not reported."""

    lines: tuple[BudgetLine, ...]

    def _part(self, kind: str) -> tuple[BudgetLine, ...]:
        return tuple(line for line in self.lines if line.kind == kind)

    @property
    def completed(self) -> tuple[BudgetLine, ...]:
        return self._part("completed")

    @property
    def in_progress(self) -> tuple[BudgetLine, ...]:
        return self._part("spent so far")

    @property
    def not_reported(self) -> tuple[BudgetLine, ...]:
        return self._part("not reported")

    @property
    def completed_planned(self) -> float:
        return float(sum(line.planned for line in self.completed))

    @property
    def completed_actual(self) -> float:
        return float(sum(line.actual or 0 for line in self.completed))

    @property
    def completed_share(self) -> float | None:
        """Final spend of completed milestones against their plan (1.0 = on budget)."""
        return self.completed_actual / self.completed_planned if self.completed_planned else None

    @property
    def overrun(self) -> float:
        """How much completed milestones spent beyond their plan (0 when within it)."""
        return max(0.0, self.completed_actual - self.completed_planned)

    @property
    def open_planned(self) -> float:
        return float(sum(line.planned for line in self.in_progress))

    @property
    def open_spent(self) -> float:
        return float(sum(line.actual or 0 for line in self.in_progress))

    @property
    def over_budget(self) -> tuple[BudgetLine, ...]:
        return tuple(line for line in self.lines if line.over)

    @property
    def tone(self) -> str:
        """bad when completed milestones overran their plan, warn when any milestone did: an overrun is never green."""
        if self.overrun:
            return "bad"
        return "warn" if self.over_budget else "good"


def budget_summary(states: Sequence[MilestoneState]) -> BudgetSummary:
    """Every milestone with a budget, in the states' order."""
    return BudgetSummary(
        tuple(
            BudgetLine(s, float(b.planned), None if b.actual is None else float(b.actual))
            for s in states
            if (b := s.milestone.budget) is not None
        )
    )
