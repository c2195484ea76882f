"""A goal's verdict: its health while its year runs (milestones and metric pace), its outcome once the year is over."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..model import TONES, Goal, Health, KeyAction, Outcome, label
from .pace import MetricReading
from .states import MilestoneState

# Metric pace: how far behind its pace (linear, or through its checkpoints), as a share of the way from baseline to
# target, a metric may fall.
PACE_AT_RISK = 0.10
PACE_OFF_TRACK = 0.25
# A closed year: a goal whose metric came less than half way, or with fewer than half its milestones done, is missed.
MISSED_BELOW = 0.5
_RANK = {Health.ON_TRACK: 0, Health.AT_RISK: 1, Health.OFF_TRACK: 2}


@dataclass(frozen=True)
class Verdict:
    """One word for a goal (a health or an outcome) and the reasons behind it, one line each."""

    word: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return label(self.word)

    @property
    def tone(self) -> str:
        """good, warn or bad: the colour of its badge, bar and tile."""
        return TONES[self.word]


def _milestones(n: int, what: str) -> str:
    return f"{n} milestone{'' if n == 1 else 's'} {what}"


def _pace(reading: MetricReading | None) -> tuple[Health, str | None]:
    """The metric's own health: behind its pace by more than a tolerance is at risk, by far more off track."""
    if reading is None or reading.lag is None:
        return Health.ON_TRACK, None
    where = f"{reading.show(reading.metric.current)} against {reading.expected_text} expected by now"
    if reading.lag > PACE_OFF_TRACK:
        return Health.OFF_TRACK, f"metric far behind pace: {where}"
    if reading.lag > PACE_AT_RISK:
        return Health.AT_RISK, f"metric behind pace: {where}"
    return Health.ON_TRACK, None


def running_verdict(states: Sequence[MilestoneState], reading: MetricReading | None) -> Verdict:
    """Off track when a milestone is overdue or off track or the metric is far behind pace; at risk when a
    milestone is at risk or the metric is behind pace; else on track."""
    overdue = sum(1 for s in states if s.overdue)
    off = sum(1 for s in states if not s.overdue and s.health == Health.OFF_TRACK)
    risky = sum(1 for s in states if s.health == Health.AT_RISK)
    pace, pace_reason = _pace(reading)
    worst = Health.OFF_TRACK if overdue or off else Health.AT_RISK if risky else Health.ON_TRACK
    reasons = [_milestones(n, what) for n, what in ((overdue, "overdue"), (off, "off track"), (risky, "at risk")) if n]
    reasons += [pace_reason] if pace_reason else []
    word = max(worst, pace, key=_RANK.__getitem__)
    if not reasons:
        reasons = ["no milestone overdue, off track or at risk" + ("; metric on pace" if reading else "")]
    return Verdict(word, tuple(reasons))


def closed_verdict(states: Sequence[MilestoneState], reading: MetricReading | None) -> Verdict:
    """Achieved: every milestone completed and the target reached (if any). Missed: fewer than half the milestones
    completed, or the metric less than half way. Partly achieved otherwise (a metric not reported never counts as
    reached)."""
    done = sum(1 for s in states if s.done)
    reasons = [f"{done} of {len(states)} milestones completed"]
    if reading is not None:
        reached = "target reached" if reading.reached else "target not reached"
        reasons.append(f"{reached}: {reading.line}")
    far = reading is not None and reading.progress is not None and reading.progress < MISSED_BELOW
    short = done * 2 < len(states) or far
    if done == len(states) and (reading is None or reading.reached):
        word = Outcome.ACHIEVED
    elif short:
        word = Outcome.MISSED
    else:
        word = Outcome.PARTLY_ACHIEVED
    return Verdict(word, tuple(reasons))


@dataclass(frozen=True)
class GoalProgress:
    """A goal with its milestones' states, its metric read at the as-of date, and its verdict."""

    goal: Goal
    milestones: tuple[MilestoneState, ...]
    actions: tuple[KeyAction, ...]
    as_of: date

    @property
    def completed(self) -> int:
        return sum(1 for s in self.milestones if s.done)

    @property
    def share_completed(self) -> float | None:
        return self.completed / len(self.milestones) if self.milestones else None

    @property
    def progress_text(self) -> str:
        return f"{self.completed} of {len(self.milestones)} milestones"

    @cached_property
    def metric(self) -> MetricReading | None:
        m = self.goal.metric
        return None if m is None else MetricReading(m, self.goal.year, self.as_of)

    @property
    def metric_share(self) -> float | None:
        return None if self.metric is None else self.metric.progress

    @property
    def closed(self) -> bool:
        """The goal's year is over at the as-of date."""
        return self.as_of > date(self.goal.year, 12, 31)

    @cached_property
    def health(self) -> Health:
        """Health by milestones and metric pace (for a closed year, as the year ended)."""
        return Health(running_verdict(self.milestones, self.metric).word)

    @cached_property
    def verdict(self) -> Verdict:
        """The goal's word: its outcome once the year is over, else its health."""
        if self.closed:
            return closed_verdict(self.milestones, self.metric)
        return running_verdict(self.milestones, self.metric)
