"""Progress, KPIs and health of a year, judged at an as-of date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TypeVar

from ..errors import UsageError
from ..model import Health, KeyAction, Milestone, Roadmap, Year
from ..model.calendar import quarter_of
from .budget import BudgetSummary, budget_summary
from .pace import metric_progress
from .states import SOON_DAYS, MilestoneState, milestone_state
from .verdicts import GoalProgress, Verdict

__all__ = [
    "SOON_DAYS",
    "BudgetSummary",
    "GoalProgress",
    "Kpis",
    "MilestoneState",
    "Verdict",
    "YearMetrics",
    "default_year",
    "index",
    "metric_progress",
    "milestone_state",
    "ratio",
    "year_metrics",
]
_SEVERITY = {"bad": 2, "warn": 1, "good": 0}
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def ratio(part: float, whole: float) -> float | None:
    """part/whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def index(items: Iterable[T], keys: Callable[[T], Iterable[K]]) -> dict[K, tuple[T, ...]]:
    """Each item under each of its keys (once per key), in the items' order."""
    groups: defaultdict[K, list[T]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys(item)):
            groups[key].append(item)
    return {key: tuple(group) for key, group in groups.items()}


@dataclass(frozen=True)
class Kpis:
    """The dashboard's tiles for one year."""

    milestones: int
    completed: int
    completed_on_time: int
    budget_planned: float
    budget_actual: float
    budget_tracked: int
    over_budget: int
    at_risk: int
    off_track: int
    overdue: int

    @property
    def share_completed(self) -> float | None:
        return ratio(self.completed, self.milestones)

    @property
    def on_time_rate(self) -> float | None:
        return ratio(self.completed_on_time, self.completed)

    @property
    def budget_adherence(self) -> float | None:
        """Actual spend against the plan of the milestones that report spend (1.0 = on budget)."""
        return ratio(self.budget_actual, self.budget_planned)


@dataclass(frozen=True)
class YearMetrics:
    """Everything the pages and charts show for one year."""

    roadmap: Roadmap
    year: Year
    as_of: date
    states: tuple[MilestoneState, ...]
    goals: tuple[GoalProgress, ...]
    kpis: Kpis
    budget: BudgetSummary

    # Pages look these up once per milestone or department: indexed once, so a year costs linear time, not quadratic.
    @cached_property
    def _states_by_id(self) -> dict[str, tuple[MilestoneState, ...]]:
        return index(self.states, lambda s: (s.milestone.id,))

    @cached_property
    def _supporting(self) -> dict[str, tuple[KeyAction, ...]]:
        return index(self.year.actions, lambda a: a.supports)

    @cached_property
    def _dependents(self) -> dict[str, tuple[Milestone, ...]]:
        return index(self.year.milestones, lambda m: m.depends_on)

    @cached_property
    def _department_quarters(self) -> dict[tuple[str, int], tuple[KeyAction, ...]]:
        return index(self.year.actions, lambda a: ((a.department, a.quarter),))

    @property
    def goals_summary(self) -> str:
        """The year in one sentence, worst verdict first: "1 of 3 goals off track, 2 at risk."."""
        counts: dict[str, int] = {}
        for g in sorted(self.goals, key=lambda g: -_SEVERITY[g.verdict.tone]):
            counts[g.verdict.label.lower()] = counts.get(g.verdict.label.lower(), 0) + 1
        if not counts:
            return "No goal is planned for this year yet."
        (word, n), *rest = counts.items()
        return f"{n} of {len(self.goals)} goals {word}" + "".join(f", {k} {w}" for w, k in rest) + "."

    def state(self, milestone_id: str) -> MilestoneState:
        return self._states_by_id[milestone_id][0]

    def attention(self) -> tuple[MilestoneState, ...]:
        """Open milestones that need a look now: overdue, off track, at risk, or due within 30 days."""
        flagged = [
            s
            for s in self.states
            if not s.done and (s.overdue or s.due_soon or s.health in (Health.AT_RISK, Health.OFF_TRACK))
        ]
        rank: dict[str, int] = {Health.OFF_TRACK: 1, Health.AT_RISK: 2}
        return tuple(
            sorted(
                flagged,
                key=lambda s: (not s.overdue, rank.get(s.health or "", 3), s.milestone.due, s.milestone.id),
            )
        )

    def actions_supporting(self, milestone_id: str) -> tuple[KeyAction, ...]:
        return self._supporting.get(milestone_id, ())

    def dependents(self, milestone_id: str) -> tuple[Milestone, ...]:
        return self._dependents.get(milestone_id, ())

    def actions_in(self, department_id: str, quarter: int) -> tuple[KeyAction, ...]:
        """The key actions a department plans for a quarter, in file order."""
        return self._department_quarters.get((department_id, quarter), ())

    @property
    def current_quarter(self) -> int | None:
        """The as-of quarter when the as-of date falls in this year."""
        return quarter_of(self.as_of) if self.as_of.year == self.year.year else None


def _kpis(states: tuple[MilestoneState, ...], budget: BudgetSummary) -> Kpis:
    reported = [line for line in budget.lines if line.actual is not None]
    open_states = [s for s in states if not s.done]
    return Kpis(
        milestones=len(states),
        completed=sum(1 for s in states if s.done),
        completed_on_time=sum(1 for s in states if s.done and not s.late),
        budget_planned=float(sum(line.planned for line in reported)),
        budget_actual=float(sum(line.actual or 0 for line in reported)),
        budget_tracked=len(reported),
        over_budget=len(budget.over_budget),
        at_risk=sum(1 for s in open_states if s.health == Health.AT_RISK),
        off_track=sum(1 for s in open_states if s.health == Health.OFF_TRACK),
        overdue=sum(1 for s in states if s.overdue),
    )


def _actions_by_goal(
    states: tuple[MilestoneState, ...], actions: tuple[KeyAction, ...]
) -> dict[str, tuple[KeyAction, ...]]:
    """Each goal's actions: those supporting one of its milestones, in file order."""
    goals_of: defaultdict[str, set[str]] = defaultdict(set)  # a set: ids repeat across goals in unchecked input
    for s in states:
        goals_of[s.milestone.id].add(s.milestone.goal)
    return index(actions, lambda a: sorted({goal for ref in a.supports for goal in goals_of.get(ref, ())}))


def year_metrics(roadmap: Roadmap, year: Year, as_of: date) -> YearMetrics:
    """Compute states, goal progress and KPIs of one year."""
    states = tuple(milestone_state(m, as_of) for m in sorted(year.milestones, key=lambda m: (m.due, m.id)))
    by_goal = index(states, lambda s: (s.milestone.goal,))
    actions = _actions_by_goal(states, year.actions)
    goals = tuple(GoalProgress(goal, by_goal.get(goal.id, ()), actions.get(goal.id, ()), as_of) for goal in year.goals)
    budget = budget_summary(states)
    return YearMetrics(roadmap, year, as_of, states, goals, _kpis(states, budget), budget)


def default_year(roadmap: Roadmap, as_of: date) -> Year:
    """The year the site opens on: the as-of year if planned, else the latest year before it, else the first."""
    if not roadmap.years:
        raise UsageError("the roadmap has no year folder yet: add one, e.g. roadmap/2026/goals/")
    past = [y for y in roadmap.years if y.year <= as_of.year]
    return past[-1] if past else roadmap.years[0]
