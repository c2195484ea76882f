"""The one declaration of every front-matter field: what each kind of file may hold (pydantic models).

Domain objects (items.py), exports and both JSON Schemas derive from these classes.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .timezone import DEFAULT_TIMEZONE, TimeZone
from .values import Count, Day, Id, IdList, Number, Quarter, SomeIds, SomeText, Text, TextList
from .vocabulary import Health, Status


class Strict(BaseModel):
    """Base: unknown keys are errors; strings are not coerced from numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class MetricFields(Strict):
    """A measurable result: where it started, where it should end, where it is."""

    name: Text = Field(description="What is measured.", examples=["Annual recurring revenue"])
    unit: Text = Field(description="Unit shown after numbers.", examples=["M EUR", "%"])
    baseline: Number = Field(description="Value at the start of the year.")
    target: Number = Field(description="Value the goal aims for.")
    current: Number | None = Field(None, description="Latest measured value.")


class CheckpointFields(Strict):
    """Where a goal's metric should stand at the end of Q1, Q2 and Q3; the target is the end of Q4."""

    Q1: Number | None = Field(None, description="Expected value on the last day of Q1.")
    Q2: Number | None = Field(None, description="Expected value on the last day of Q2.")
    Q3: Number | None = Field(None, description="Expected value on the last day of Q3.")


class GoalMetricFields(MetricFields):
    """A goal's metric: a milestone's, plus the pace it is planned to move at."""

    checkpoints: CheckpointFields | None = Field(
        None,
        description="Quarter-end values the pace runs through (e.g. a back-loaded year); without them the pace is "
        "linear from the baseline on 1 January to the target on 31 December.",
    )


class BudgetFields(Strict):
    """Money planned for a milestone and spent so far, in the roadmap's currency."""

    planned: Number = Field(ge=0, description="Budget planned.")
    actual: Number | None = Field(None, ge=0, description="Actual spend so far.")


class DepartmentFields(Strict):
    """A department declared in roadmap.yml."""

    id: Id = Field(description="Folder name under actions/.", examples=["marketing"])
    name: Text = Field(description="Display name.", examples=["Marketing"])
    lead: Text | None = Field(None, description="Person accountable for the department.")


class LimitsFields(Strict):
    """The limits the method sets; CI fails when one is exceeded."""

    goals_per_year: Count = Field(3, ge=1, description="Most annual goals in a year.")
    min_milestones_per_goal: Count = Field(3, ge=0, description="Fewest milestones a goal may have.")
    max_milestones_per_goal: Count = Field(5, ge=1, description="Most milestones a goal may have.")
    actions_per_department_per_quarter: Count = Field(
        3, ge=1, description="Most key actions a department may take on in a quarter."
    )

    @model_validator(mode="after")
    def _range(self) -> LimitsFields:
        if self.min_milestones_per_goal > self.max_milestones_per_goal:
            raise ValueError(
                f"expected min_milestones_per_goal <= max_milestones_per_goal, got {self.min_milestones_per_goal} > "
                f"{self.max_milestones_per_goal}"
            )
        return self


class SettingsFields(Strict):
    """roadmap/roadmap.yml: the organisation, its timezone, its departments and the limits."""

    organisation: Text = Field(description="Organisation name shown on the site.")
    currency: Text = Field("EUR", description="Currency code for budgets.")
    timezone: TimeZone = Field(
        DEFAULT_TIMEZONE,
        description="IANA time zone whose date is 'today' when no as-of date is given.",
        examples=["Europe/Berlin"],
    )
    departments: tuple[DepartmentFields, ...] = Field(min_length=1, description="Departments that own key actions.")
    limits: LimitsFields = Field(default_factory=LimitsFields, description="Limits; defaults follow the method.")
    stale_after_days: Count = Field(
        30,
        ge=1,
        description="Work in progress whose file nobody changed for this many days or more is marked stale on the "
        "site (read from git history).",
    )


class StakeholdersFields(Strict):
    """The milestone's contacts besides its owner, so momentum survives holidays and absences."""

    primary: Text = Field(description="First contact: a person or team.", examples=["Ana Ruiz"])
    secondary: Text | None = Field(None, description="Contact when the primary one is away.", examples=["Sales Ops"])


class GoalFields(Strict):
    """roadmap/<year>/goals/<goal-id>.md"""

    title: Text = Field(description="The annual goal, short.", examples=["Grow recurring revenue by 30%"])
    owner: Text = Field(description="One accountable person or team.")
    metric: GoalMetricFields | None = Field(None, description="How the goal is measured.")


class MilestoneFields(Strict):
    """roadmap/<year>/milestones/<goal-id>/<milestone-id>.md"""

    title: Text = Field(description="Short name of the achievement.")
    quarter: Quarter = Field(description="Quarter the milestone is evaluated in.")
    due: Day = Field(description="Deadline, inside the quarter.")
    owner: Text = Field(description="The one owning team or person.")
    status: Status = Field(description="Where the work stands.")
    success_criteria: SomeText = Field(description="How we know it is achieved (measurable).")
    health: Health | None = Field(None, description="For work under way: on track, at risk or off track.")
    completed: Day | None = Field(None, description="Completion date; required when status is completed.")
    key_tasks: TextList = Field((), description="Main tasks that lead to the milestone.")
    budget: BudgetFields | None = Field(None, description="Budget planned and spent.")
    depends_on: IdList = Field((), description="Milestone ids of the same year this one waits for.")
    risks: TextList = Field((), description="Risks and blockers, named early.")
    metric: MetricFields | None = Field(None, description="A measurable result for this milestone.")
    stakeholders: StakeholdersFields | None = Field(
        None, description="Who to ask about the milestone: a primary and a secondary contact, each a person or team."
    )


class ActionFields(Strict):
    """roadmap/<year>/actions/<department-id>/<action-id>.md"""

    title: Text = Field(description="What the department will do this quarter.")
    quarter: Quarter = Field(description="Quarter the action is done in.")
    owner: Text = Field(description="The one owning team or person.")
    status: Status = Field(description="Where the work stands.")
    supports: SomeIds = Field(
        description="Milestone ids of the same year this action moves; every key action supports at least one."
    )


KINDS: dict[str, type[Strict]] = {
    "settings": SettingsFields,
    "goal": GoalFields,
    "milestone": MilestoneFields,
    "action": ActionFields,
}
