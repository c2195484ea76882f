"""roadmap.json: the roadmap and its computed metrics, typed; its JSON Schema is generated from these classes.

Items extend the domain classes (which extend the front-matter models), so a new front-matter field
reaches the export and its schema without being declared again.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ...measuring.metrics import GoalProgress, MilestoneState, year_metrics
from ...model import DepartmentFields, Goal, Health, KeyAction, LimitsFields, Milestone, Roadmap, Year
from ...model.json_schema import json_text, published_schema
from ...model.vocabulary import label

SCHEMA_VERSION = 1
SCHEMA_ID = "https://roadmap-as-code.example/schema/roadmap-export.schema.json"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


Share = Annotated[
    float | None, AfterValidator(_round), Field(description="A share from 0 to 1; null when nothing to measure.")
]


class _Record(BaseModel):
    """Computed values: every key is always written, so the schema requires each one."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, from_attributes=True, json_schema_serialization_defaults_required=True
    )


class State(_Record):
    """What the as-of date says about a milestone."""

    overdue: bool = Field(description="Past its due date and not completed.")
    late: bool = Field(description="Completed after its due date.")
    days_late: int = Field(description="Days past the due date (overdue) or completed after it (late).")
    due_soon: bool = Field(description="Open and due within 30 days.")
    schedule: Literal["ahead", "on time", "behind"] = Field(description="For the quarterly review.")
    schedule_label: str = Field(description="The schedule as the site shows it.")
    status: Literal["not-started", "in-progress", "completed", "overdue"] = Field(
        description="The status the site shows: overdue replaces not-started and in-progress once the due date passed."
    )
    status_label: str = Field(description="That status as the site shows it.")
    health: Health | None = Field(description="The health the site shows: off-track when overdue, none once completed.")
    health_label: str | None = Field(description="That health as the site shows it.")


class Progress(_Record):
    """A goal's milestones completed, its metric's progress and its health."""

    milestones: int
    completed: int
    share_completed: Share
    metric_share: Share
    health: Health
    health_label: str = Field(description="The health as the site shows it.")
    verdict: str = Field(description="The goal's word: its health while the year runs, its outcome once it is over.")
    verdict_label: str = Field(description="The verdict as the site shows it.")
    reasons: tuple[str, ...] = Field(description="Why the verdict is what it is, one line each.")


class KpisRecord(_Record):
    """The dashboard's figures for one year."""

    milestones: int
    completed: int
    completed_on_time: int
    share_completed: Share
    on_time_rate: Share
    budget_planned: float
    budget_actual: float
    budget_tracked: int = Field(description="Milestones that report actual spend.")
    budget_adherence: Share
    over_budget: int
    at_risk: int
    off_track: int
    overdue: int


class GoalRecord(Goal):
    """An annual goal and its progress."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)
    progress: Progress


class MilestoneRecord(Milestone):
    """A milestone and its state at the as-of date."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)
    state: State


class ActionRecord(KeyAction):
    """A key action."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)


class YearRecord(_Record):
    """One year's metrics, goals, milestones and key actions."""

    year: int
    kpis: KpisRecord
    goals: tuple[GoalRecord, ...]
    milestones: tuple[MilestoneRecord, ...]
    actions: tuple[ActionRecord, ...]


class RoadmapDocument(_Record):
    """The roadmap published with the site (roadmap.json): settings, every year's goals, milestones and key
    actions, and the metrics computed at the as-of date. schema_version changes when a field is removed or
    changes meaning."""

    schema_version: Literal[1] = Field(description="Version of this format.")
    organisation: str
    currency: str = Field(description="Currency of every budget amount.")
    as_of: date = Field(description="The date the metrics are computed at.")
    limits: LimitsFields
    departments: tuple[DepartmentFields, ...]
    years: tuple[YearRecord, ...]


def _progress(g: GoalProgress) -> GoalRecord:
    progress = Progress(
        milestones=len(g.milestones),
        completed=g.completed,
        share_completed=g.share_completed,
        metric_share=g.metric_share,
        health=g.health,
        health_label=label(g.health),
        verdict=g.verdict.word,
        verdict_label=g.verdict.label,
        reasons=g.verdict.reasons,
    )
    return GoalRecord.model_construct(**g.goal.__dict__, progress=progress)


def _state(s: MilestoneState) -> State:
    labels = {"health_label": label(s.health) if s.health else None}
    return State.model_validate({name: getattr(s, name) for name in State.model_fields if name not in labels} | labels)


def _milestone(s: MilestoneState) -> MilestoneRecord:
    return MilestoneRecord.model_construct(**s.milestone.__dict__, state=_state(s))


def _year(roadmap: Roadmap, year: Year, as_of: date) -> YearRecord:
    metrics = year_metrics(roadmap, year, as_of)
    return YearRecord(
        year=year.year,
        kpis=KpisRecord.model_validate(metrics.kpis),
        goals=tuple(_progress(g) for g in sorted(metrics.goals, key=lambda g: g.goal.id)),
        milestones=tuple(
            _milestone(s) for s in sorted(metrics.states, key=lambda s: (s.milestone.due, s.milestone.id))
        ),
        actions=tuple(
            ActionRecord.model_construct(**a.__dict__)
            for a in sorted(year.actions, key=lambda a: (a.department, a.quarter, a.id))
        ),
    )


def export_document(roadmap: Roadmap, as_of: date) -> RoadmapDocument:
    """The roadmap and its computed metrics (see docs/schema/roadmap-export.schema.json)."""
    settings = roadmap.settings
    return RoadmapDocument(
        schema_version=SCHEMA_VERSION,
        organisation=settings.organisation,
        currency=settings.currency,
        as_of=as_of,
        limits=settings.limits,
        departments=tuple(sorted(settings.departments, key=lambda d: d.id)),
        years=tuple(_year(roadmap, y, as_of) for y in roadmap.years),
    )


def roadmap_json(roadmap: Roadmap, as_of: date) -> str:
    """roadmap.json: stable key order and indentation, UTF-8 text, one trailing newline."""
    return json_text(export_document(roadmap, as_of))


def export_json_schema() -> dict[str, Any]:
    """The JSON Schema of roadmap.json, generated from the record classes."""
    return published_schema(RoadmapDocument, SCHEMA_ID, "roadmap.json")
