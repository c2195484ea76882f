"""The validated roadmap: frozen domain objects that only ever hold valid, normalised data.

Each item class extends its front-matter model (fields.py) with what the file's path and body give
(year, goal or department, id, description, source), so no field is declared twice. The loader
validates a file's front-matter and its place in one pass, straight into the item class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import ConfigDict, Field, PlainSerializer, SkipValidation, WithJsonSchema

from .fields import ActionFields, DepartmentFields, GoalFields, MilestoneFields, SettingsFields, Strict

__all__ = ["Goal", "KeyAction", "Milestone", "Roadmap", "Settings", "Source", "Year"]


@dataclass(frozen=True)
class Source:
    """Where an item was written: its file, the opening line and the line of each top-level key."""

    path: str
    line: int
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str, index: int | None = None) -> int:
        """The line of a key (or of one item of a list key), else the opening line."""
        if index is not None and f"{key}.{index}" in self.lines:
            return self.lines[f"{key}.{index}"]
        return self.lines.get(key, self.line)


# Exported as the file's path, relative to the repository.
SourcePath = Annotated[
    Source,
    SkipValidation,  # built by the loader, never read from a file
    PlainSerializer(lambda source: source.path, return_type=str),
    WithJsonSchema({"type": "string", "description": "The file, relative to the repository root."}),
]
_ITEM = ConfigDict(arbitrary_types_allowed=True)


# What the loader takes from the path and the body: kept exactly as found (no stripping), so that the rules
# can tell 'marketing ' from 'marketing'.
Given = Annotated[str, SkipValidation]


class _Place(Strict):
    """What a file's path and body say about an item."""

    model_config = _ITEM
    year: Annotated[int, SkipValidation] = Field(exclude=True, description="The year folder.")
    id: Given = Field(description="The file name without .md.")


class _Text(Strict):
    """The Markdown body and where the file is."""

    model_config = _ITEM
    description: Given = Field(description="The Markdown body of the file.")
    source: SourcePath


class Goal(_Text, GoalFields, _Place):
    """An annual goal."""


class _MilestonePlace(_Place):
    goal: Given = Field(description="The goal's id: the folder under milestones/.")


class Milestone(_Text, MilestoneFields, _MilestonePlace):
    """A milestone of a goal, evaluated in one quarter."""


class _ActionPlace(_Place):
    department: Given = Field(description="The department's id: the folder under actions/.")


class KeyAction(_Text, ActionFields, _ActionPlace):
    """What one department does in one quarter to move milestones."""


class Settings(SettingsFields):
    """The organisation, its departments and its limits, with where they were written."""

    model_config = _ITEM
    source: SourcePath = Field(exclude=True)

    def department(self, department_id: str) -> DepartmentFields | None:
        """The declared department with this id, if any."""
        return next((d for d in self.departments if d.id == department_id), None)


FIELDS_OF: dict[type[Strict], type[Strict]] = {Goal: GoalFields, Milestone: MilestoneFields, KeyAction: ActionFields}
# The keys the path, body and file give an item; a front-matter key of the same name is refused.
PLACE_KEYS: frozenset[str] = frozenset().union(
    *(item.model_fields.keys() - fields.model_fields.keys() for item, fields in FIELDS_OF.items())
)


def build(kind: Any, fields: Strict, **place: Any) -> Any:
    """A domain item from validated fields and what the path, body and source add."""
    return kind.model_construct(**fields.__dict__, **place)


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

    def year(self, number: int) -> Year | None:
        """The given year, if the roadmap has it."""
        return next((y for y in self.years if y.year == number), None)
