"""A milestone at the as-of date: the one derivation of its status word, health and schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Health, Milestone, Schedule, Signal, Status, label

SOON_DAYS = 30


@dataclass(frozen=True)
class MilestoneState:
    """A milestone and what the as-of date says about it; every page, download and chart reads its words here."""

    milestone: Milestone
    overdue: bool
    late: bool
    days_late: int
    due_soon: bool

    @property
    def done(self) -> bool:
        return self.milestone.status == Status.COMPLETED

    @property
    def status(self) -> str:
        """The status word: overdue replaces not started and in progress once the due date has passed."""
        return Signal.OVERDUE if self.overdue else self.milestone.status

    @property
    def health(self) -> Health | None:
        """Health of open work: overdue is off track; completed work has none; else the file's value, if any."""
        if self.done:
            return None
        if self.overdue:
            return Health.OFF_TRACK
        return self.milestone.health

    @property
    def schedule(self) -> Schedule:
        """Behind when overdue, late or off track; ahead when completed before its due date; else on time."""
        if self.overdue or self.late or self.health == Health.OFF_TRACK:
            return Schedule.BEHIND
        m = self.milestone
        if self.done and m.completed is not None and m.completed < m.due:
            return Schedule.AHEAD
        return Schedule.ON_TIME

    @property
    def status_label(self) -> str:
        return label(self.status)

    @property
    def health_label(self) -> str:
        return label(self.health)

    @property
    def schedule_label(self) -> str:
        return label(self.schedule)


def milestone_state(milestone: Milestone, as_of: date) -> MilestoneState:
    """Whether a milestone is overdue, late, or due soon at the as-of date."""
    done = milestone.status == Status.COMPLETED
    overdue = not done and milestone.due < as_of
    late = done and milestone.completed is not None and milestone.completed > milestone.due
    end = milestone.completed if done and milestone.completed else as_of
    days_late = max(0, (end - milestone.due).days) if (overdue or late) else 0
    due_soon = not done and not overdue and (milestone.due - as_of).days <= SOON_DAYS
    return MilestoneState(milestone, overdue, late, days_late, due_soon)
