"""Progress, KPIs and health of a year, judged at an as-of date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TypeVar

from ..errors import UsageError
from ..model import Goal, Health, KeyAction, Metric, Milestone, Roadmap, Status, Year
from ..model.calendar import quarter_of

SOON_DAYS = 30
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
class MilestoneState:
    """A milestone and what the as-of date says about it."""

    milestone: Milestone
    overdue: bool
    late: bool
    days_late: int
    due_soon: bool

    @property
    def schedule(self) -> str:
        """ahead, on time or behind, for the quarterly review."""
        m = self.milestone
        if self.overdue or self.late or m.health == Health.OFF_TRACK:
            return "behind"
        if m.status == Status.COMPLETED and m.completed is not None and m.completed < m.due:
            return "ahead"
        return "on time"


def milestone_state(milestone: Milestone, as_of: date) -> MilestoneState:
    """Whether a milestone is overdue, late, or due soon at the as-of date."""
    done = milestone.status == Status.COMPLETED
    overdue = not done and milestone.due < as_of
    late = done and milestone.completed is not None and milestone.completed > milestone.due
    end = milestone.completed if done and milestone.completed else as_of
    days_late = max(0, (end - milestone.due).days) if (overdue or late) else 0
    due_soon = not done and not overdue and (milestone.due - as_of).days <= SOON_DAYS
    return MilestoneState(milestone, overdue, late, days_late, due_soon)


def metric_progress(metric: Metric | None) -> float | None:
    """How far current has moved from baseline toward target, 0-1 (works for falling targets too)."""
    if metric is None or metric.current is None or metric.target == metric.baseline:
        return None
    return max(0.0, min(1.0, (metric.current - metric.baseline) / (metric.target - metric.baseline)))


@dataclass(frozen=True)
class GoalProgress:
    """A goal with its milestones' states and progress."""

    goal: Goal
    milestones: tuple[MilestoneState, ...]
    actions: tuple[KeyAction, ...]

    @property
    def completed(self) -> int:
        return sum(1 for s in self.milestones if s.milestone.status == Status.COMPLETED)

    @property
    def share_completed(self) -> float | None:
        return ratio(self.completed, len(self.milestones))

    @property
    def metric_share(self) -> float | None:
        return metric_progress(self.goal.metric)

    @property
    def health(self) -> str:
        """off-track, at-risk or on-track: the worst signal among its open milestones."""
        states = [s for s in self.milestones if s.milestone.status != Status.COMPLETED]
        if any(s.overdue or s.milestone.health == Health.OFF_TRACK for s in states):
            return Health.OFF_TRACK
        if any(s.milestone.health == Health.AT_RISK for s in states):
            return Health.AT_RISK
        return Health.ON_TRACK


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

    def state(self, milestone_id: str) -> MilestoneState:
        return self._states_by_id[milestone_id][0]

    def attention(self) -> tuple[MilestoneState, ...]:
        """Open milestones that need a look now: overdue, off track, at risk, or due within 30 days."""
        flagged = [
            s
            for s in self.states
            if s.milestone.status != Status.COMPLETED
            and (s.overdue or s.due_soon or s.milestone.health in (Health.AT_RISK, Health.OFF_TRACK))
        ]
        rank: dict[str, int] = {Health.OFF_TRACK: 1, Health.AT_RISK: 2}
        return tuple(
            sorted(
                flagged,
                key=lambda s: (not s.overdue, rank.get(s.milestone.health or "", 3), s.milestone.due, s.milestone.id),
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


def _kpis(states: tuple[MilestoneState, ...]) -> Kpis:
    tracked = [b for s in states if (b := s.milestone.budget) is not None and b.actual is not None]
    open_states = [s for s in states if s.milestone.status != Status.COMPLETED]
    return Kpis(
        milestones=len(states),
        completed=sum(1 for s in states if s.milestone.status == Status.COMPLETED),
        completed_on_time=sum(1 for s in states if s.milestone.status == Status.COMPLETED and not s.late),
        budget_planned=float(sum(b.planned for b in tracked)),
        budget_actual=float(sum(b.actual or 0 for b in tracked)),
        budget_tracked=len(tracked),
        over_budget=sum(1 for b in tracked if (b.actual or 0) > b.planned),
        at_risk=sum(1 for s in open_states if s.milestone.health == Health.AT_RISK),
        off_track=sum(1 for s in open_states if s.milestone.health == Health.OFF_TRACK),
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
    goals = tuple(GoalProgress(goal, by_goal.get(goal.id, ()), actions.get(goal.id, ())) for goal in year.goals)
    return YearMetrics(roadmap, year, as_of, states, goals, _kpis(states))


def default_year(roadmap: Roadmap, as_of: date) -> Year:
    """The year the site opens on: the as-of year if planned, else the latest year before it, else the first."""
    if not roadmap.years:
        raise UsageError("the roadmap has no year folder yet: add one, e.g. roadmap/2026/goals/")
    past = [y for y in roadmap.years if y.year <= as_of.year]
    return past[-1] if past else roadmap.years[0]
