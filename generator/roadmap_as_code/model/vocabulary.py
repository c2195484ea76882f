"""The words of the method: statuses, health, signals, schedule and outcomes, each with its label and colour."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where the work of a milestone or key action stands."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"


class Health(StrEnum):
    """How work under way is going."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"


class Signal(StrEnum):
    """What the as-of date says about a milestone's due date."""

    OVERDUE = "overdue"
    LATE = "late"


class Schedule(StrEnum):
    """Where a milestone stands against its due date, for the quarterly review (the export keeps "on time")."""

    AHEAD = "ahead"
    ON_TIME = "on time"
    BEHIND = "behind"


class Outcome(StrEnum):
    """What a goal came to once its year is over."""

    ACHIEVED = "achieved"
    PARTLY_ACHIEVED = "partly-achieved"
    MISSED = "missed"


@dataclass(frozen=True)
class Term:
    """How a value reads on the site: its label and the CSS custom property of its colour."""

    label: str
    colour: str


# The one table of labels and colours; badges, charts, downloads and docs read it.
TERMS: dict[str, Term] = {
    Status.NOT_STARTED: Term("Not started", "--roadmap-status-not-started"),
    Status.IN_PROGRESS: Term("In progress", "--roadmap-status-in-progress"),
    Status.COMPLETED: Term("Completed", "--roadmap-status-completed"),
    Health.ON_TRACK: Term("On track", "--roadmap-health-on-track"),
    Health.AT_RISK: Term("At risk", "--roadmap-health-at-risk"),
    Health.OFF_TRACK: Term("Off track", "--roadmap-health-off-track"),
    Signal.OVERDUE: Term("Overdue", "--roadmap-overdue"),
    Signal.LATE: Term("Late", "--roadmap-overdue"),
    Schedule.AHEAD: Term("Ahead", "--roadmap-schedule-ahead"),
    Schedule.ON_TIME: Term("On time", "--roadmap-schedule-on-time"),
    Schedule.BEHIND: Term("Behind", "--roadmap-schedule-behind"),
    Outcome.ACHIEVED: Term("Achieved", "--roadmap-outcome-achieved"),
    Outcome.PARTLY_ACHIEVED: Term("Partly achieved", "--roadmap-outcome-partly-achieved"),
    Outcome.MISSED: Term("Missed", "--roadmap-outcome-missed"),
}

# How a verdict feels, for tiles, bars and chart colours: good, warn or bad.
TONES: dict[str, str] = {
    Health.ON_TRACK: "good",
    Health.AT_RISK: "warn",
    Health.OFF_TRACK: "bad",
    Outcome.ACHIEVED: "good",
    Outcome.PARTLY_ACHIEVED: "warn",
    Outcome.MISSED: "bad",
}


def label(key: str | None) -> str:
    """The label of a term, or an en dash when there is none (no health for completed work)."""
    return TERMS[key].label if key in TERMS else "–"
