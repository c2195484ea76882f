"""Progress, KPIs and health of a year, judged at an as-of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import UsageError
from ..model import Goal, Health, KeyAction, Metric, Milestone, Roadmap, Status, Year
from ..model.calendar import quarter_of

SOON_DAYS = 30


def ratio(part: float, whole: float) -> float | None:
    """part/whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


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

    def state(self, milestone_id: str) -> MilestoneState:
        return next(s for s in self.states if s.milestone.id == milestone_id)

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
        return tuple(a for a in self.year.actions if milestone_id in a.supports)

    def dependents(self, milestone_id: str) -> tuple[Milestone, ...]:
        return tuple(m for m in self.year.milestones if milestone_id in m.depends_on)

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


def year_metrics(roadmap: Roadmap, year: Year, as_of: date) -> YearMetrics:
    """Compute states, goal progress and KPIs of one year."""
    states = tuple(milestone_state(m, as_of) for m in sorted(year.milestones, key=lambda m: (m.due, m.id)))
    goals = tuple(
        GoalProgress(
            goal,
            tuple(s for s in states if s.milestone.goal == goal.id),
            tuple(
                a
                for a in year.actions
                if any(s.milestone.goal == goal.id and s.milestone.id in a.supports for s in states)
            ),
        )
        for goal in year.goals
    )
    return YearMetrics(roadmap, year, as_of, states, goals, _kpis(states))


def default_year(roadmap: Roadmap, as_of: date) -> Year:
    """The year the site opens on: the as-of year if planned, else the latest year before it, else the first."""
    if not roadmap.years:
        raise UsageError("the roadmap has no year folder yet: add one, e.g. roadmap/2026/goals/")
    past = [y for y in roadmap.years if y.year <= as_of.year]
    return past[-1] if past else roadmap.years[0]
