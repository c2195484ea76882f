"""The words of the method: statuses, health values and schedule signals, each with its label and colour."""

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
}
