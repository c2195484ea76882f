"""The validated roadmap: frozen domain objects that only ever hold valid, normalised data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional, Union

Number = Union[int, float]

STATUSES = ("not-started", "in-progress", "completed")
HEALTHS = ("on-track", "at-risk", "off-track")


@dataclass(frozen=True)
class Source:
    """Where an item was written: its file, the opening line and the line of each top-level key."""

    path: str
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str, index: Optional[int] = None) -> int:
        """The line of a key (or of one item of a list key), else the opening line."""
        if index is not None and f"{key}.{index}" in self.lines:
            return self.lines[f"{key}.{index}"]
        return self.lines.get(key, self.line)


@dataclass(frozen=True)
class Metric:
    """A measurable result: baseline, target and the latest value."""

    name: str
    unit: str
    baseline: Number
    target: Number
    current: Optional[Number] = None


@dataclass(frozen=True)
class Budget:
    """Money planned for a milestone and spent so far."""

    planned: Number
    actual: Optional[Number] = None


@dataclass(frozen=True)
class Department:
    """A department that owns key actions."""

    id: str
    name: str
    lead: Optional[str] = None


@dataclass(frozen=True)
class Limits:
    """The method's limits, as set in roadmap.yml."""

    goals_per_year: int = 3
    min_milestones_per_goal: int = 3
    max_milestones_per_goal: int = 5
    actions_per_department_per_quarter: int = 3


@dataclass(frozen=True)
class Settings:
    """The organisation, its departments and its limits."""

    organisation: str
    currency: str
    departments: tuple[Department, ...]
    limits: Limits
    source: Source

    def department(self, department_id: str) -> Optional[Department]:
        """The declared department with this id, if any."""
        return next((d for d in self.departments if d.id == department_id), None)


@dataclass(frozen=True)
class Goal:
    """An annual goal."""

    year: int
    id: str
    title: str
    owner: str
    metric: Optional[Metric]
    description: str
    source: Source


@dataclass(frozen=True)
class Milestone:
    """A milestone of a goal, evaluated in one quarter."""

    year: int
    goal: str
    id: str
    title: str
    quarter: int
    due: date
    owner: str
    status: str
    success_criteria: tuple[str, ...]
    description: str
    source: Source
    health: Optional[str] = None
    completed: Optional[date] = None
    key_tasks: tuple[str, ...] = ()
    budget: Optional[Budget] = None
    depends_on: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    metric: Optional[Metric] = None


@dataclass(frozen=True)
class KeyAction:
    """What one department does in one quarter to move milestones."""

    year: int
    department: str
    id: str
    title: str
    quarter: int
    owner: str
    status: str
    supports: tuple[str, ...]
    description: str
    source: Source


@dataclass(frozen=True)
class Year:
    """One year's goals, milestones and key actions, each sorted by id."""

    year: int
    goals: tuple[Goal, ...]
    milestones: tuple[Milestone, ...]
    actions: tuple[KeyAction, ...]

    def milestones_of(self, goal_id: str) -> tuple[Milestone, ...]:
        """The milestones of one goal, by due date."""
        return tuple(sorted((m for m in self.milestones if m.goal == goal_id), key=lambda m: (m.due, m.id)))


@dataclass(frozen=True)
class Roadmap:
    """The whole roadmap: settings and every year, oldest first."""

    settings: Settings
    years: tuple[Year, ...]

    def year(self, number: int) -> Optional[Year]:
        """The given year, if the roadmap has it."""
        return next((y for y in self.years if y.year == number), None)
