"""Front-matter models: what each kind of file may hold, validated and normalised by pydantic."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, model_validator

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

Status = Literal["not-started", "in-progress", "completed"]
Health = Literal["on-track", "at-risk", "off-track"]
Quarter = Literal["Q1", "Q2", "Q3", "Q4"]


def fold(text: str) -> str:
    """Compare-key for names and ids: NFC, trimmed, case-folded, so look-alikes collide."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        if not value:
            raise ValueError("expected text, got an empty value")
    return value


def _date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {describe(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"expected a real calendar date, got {value!r} ({exc})") from None


def _number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected a number, got {describe(value)}{number_hint(value)}")


def number_hint(value: Any) -> str:
    """Explain why text that looks numeric is not read as a number (YAML 1.1 habits)."""
    if not isinstance(value, str):
        return ""
    if re.fullmatch(r"[-+]?0[0-9]+(\.[0-9]*)?", value):
        return f" (leading zeros are not read as numbers; write {value.lstrip('+-0') or '0'})"
    if re.fullmatch(r"[-+]?0[xXoObB][0-9a-fA-F_]+", value):
        return " (hexadecimal, octal and binary are not read as numbers; write it in decimal)"
    if re.fullmatch(r"[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?", value):
        return " (YAML 1.1 would read this as a base-60 number; write the number in decimal)"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", value):
        return " (a quoted number is text; remove the quotes)"
    if re.fullmatch(r"[-+]?[0-9][0-9_,]*(\.[0-9]+)?", value):
        return " (write the number without separators, e.g. 1200000)"
    return ""


def _slug(value: str) -> str:
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "customer-success"
        raise ValueError(f"expected a lower-case id like '{suggestion}', got {value!r}")
    return value


def _text_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def describe(value: Any) -> str:
    """Say what a YAML value is, the way an author wrote it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[str, AfterValidator(_slug)]
Day = Annotated[date, BeforeValidator(_date)]
Number = Annotated[Union[int, float], BeforeValidator(_number)]
# A single value is read as a one-item list; the JSON Schema says so too, so editors agree with the check.
_ONE_OR_LIST = Union[str, list[str]]
_ONE_OR_SOME = Union[str, Annotated[list[str], Field(min_length=1)]]
TextList = Annotated[list[Text], BeforeValidator(_text_list, json_schema_input_type=_ONE_OR_LIST)]
IdList = Annotated[list[Id], BeforeValidator(_text_list, json_schema_input_type=_ONE_OR_LIST)]
SomeText = Annotated[list[Text], BeforeValidator(_text_list, json_schema_input_type=_ONE_OR_SOME), Field(min_length=1)]
SomeIds = Annotated[list[Id], BeforeValidator(_text_list, json_schema_input_type=_ONE_OR_SOME), Field(min_length=1)]


class Strict(BaseModel):
    """Base: unknown keys are errors; strings are not coerced from numbers."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class MetricFields(Strict):
    """A measurable result: where it started, where it should end, where it is."""

    name: Text = Field(description="What is measured.", examples=["Annual recurring revenue"])
    unit: Text = Field(description="Unit shown after numbers.", examples=["M EUR", "%"])
    baseline: Number = Field(description="Value at the start of the year.")
    target: Number = Field(description="Value the goal aims for.")
    current: Optional[Number] = Field(None, description="Latest measured value.")


class BudgetFields(Strict):
    """Money planned for a milestone and spent so far, in the roadmap's currency."""

    planned: Number = Field(ge=0, description="Budget planned.")
    actual: Optional[Number] = Field(None, ge=0, description="Actual spend so far.")


class DepartmentFields(Strict):
    """A department declared in roadmap.yml."""

    id: Id = Field(description="Folder name under actions/.", examples=["marketing"])
    name: Text = Field(description="Display name.", examples=["Marketing"])
    lead: Optional[Text] = Field(None, description="Person accountable for the department.")


class LimitsFields(Strict):
    """The limits the method sets; CI fails when one is exceeded."""

    goals_per_year: StrictInt = Field(3, ge=1, description="Most annual goals in a year.")
    min_milestones_per_goal: StrictInt = Field(3, ge=0, description="Fewest milestones a goal may have.")
    max_milestones_per_goal: StrictInt = Field(5, ge=1, description="Most milestones a goal may have.")
    actions_per_department_per_quarter: StrictInt = Field(3, ge=1, description="Most key actions a department may take on in a quarter.")

    @model_validator(mode="after")
    def _range(self) -> "LimitsFields":
        if self.min_milestones_per_goal > self.max_milestones_per_goal:
            raise ValueError(
                f"expected min_milestones_per_goal <= max_milestones_per_goal, got {self.min_milestones_per_goal} > {self.max_milestones_per_goal}"
            )
        return self


class SettingsFields(Strict):
    """roadmap/roadmap.yml: the organisation, its departments and the limits."""

    organisation: Text = Field(description="Organisation name shown on the site.")
    currency: Text = Field("EUR", description="Currency code for budgets.")
    departments: list[DepartmentFields] = Field(min_length=1, description="Departments that own key actions.")
    limits: LimitsFields = Field(default_factory=LimitsFields, description="Limits; defaults follow the method.")


class GoalFields(Strict):
    """roadmap/<year>/goals/<goal-id>.md"""

    title: Text = Field(description="The annual goal, short.", examples=["Grow recurring revenue by 30%"])
    owner: Text = Field(description="One accountable person or team.")
    metric: Optional[MetricFields] = Field(None, description="How the goal is measured.")


class MilestoneFields(Strict):
    """roadmap/<year>/milestones/<goal-id>/<milestone-id>.md"""

    title: Text = Field(description="Short name of the achievement.")
    quarter: Quarter = Field(description="Quarter the milestone is evaluated in.")
    due: Day = Field(description="Deadline, inside the quarter.")
    owner: Text = Field(description="The one owning team or person.")
    status: Status = Field(description="Where the work stands.")
    success_criteria: SomeText = Field(description="How we know it is achieved (measurable).")
    health: Optional[Health] = Field(None, description="For work under way: on track, at risk or off track.")
    completed: Optional[Day] = Field(None, description="Completion date; required when status is completed.")
    key_tasks: TextList = Field(default_factory=list, description="Main tasks that lead to the milestone.")
    budget: Optional[BudgetFields] = Field(None, description="Budget planned and spent.")
    depends_on: IdList = Field(default_factory=list, description="Milestone ids of the same year this one waits for.")
    risks: TextList = Field(default_factory=list, description="Risks and blockers, named early.")
    metric: Optional[MetricFields] = Field(None, description="A measurable result for this milestone.")


class ActionFields(Strict):
    """roadmap/<year>/actions/<department-id>/<action-id>.md"""

    title: Text = Field(description="What the department will do this quarter.")
    quarter: Quarter = Field(description="Quarter the action is done in.")
    owner: Text = Field(description="The one owning team or person.")
    status: Status = Field(description="Where the work stands.")
    supports: SomeIds = Field(description="Milestone ids of the same year this action moves; every key action supports at least one.")


KINDS: dict[str, type[Strict]] = {
    "settings": SettingsFields,
    "goal": GoalFields,
    "milestone": MilestoneFields,
    "action": ActionFields,
}


def json_schema() -> dict[str, Any]:
    """One JSON Schema document describing every kind of file, generated from the models."""
    from pydantic.json_schema import models_json_schema

    _, definitions = models_json_schema(
        [(model, "validation") for model in KINDS.values()],
        ref_template="#/$defs/{model}",
        title="roadmap-as-code files",
    )
    definitions["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    definitions["$id"] = "https://roadmap-as-code.example/schema/roadmap.schema.json"
    definitions["description"] = (
        "Front-matter of roadmap files: roadmap.yml is SettingsFields; <year>/goals/*.md GoalFields; "
        "<year>/milestones/<goal>/*.md MilestoneFields; <year>/actions/<department>/*.md ActionFields."
    )
    definitions["oneOf"] = [{"$ref": f"#/$defs/{model.__name__}"} for model in KINDS.values()]
    _standard_bounds(definitions)
    return definitions


def _standard_bounds(node: Any) -> None:
    """pydantic leaves a `ge` it cannot attach to a union (int | float) as is; JSON Schema spells it `minimum`."""
    if isinstance(node, dict):
        if isinstance(node.get("ge"), (int, float)) and ("anyOf" in node or "type" in node):
            node["minimum"] = node.pop("ge")
        for value in node.values():
            _standard_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _standard_bounds(value)
