"""Each field is declared once: the front-matter models are the single declaration, and the domain objects,
roadmap.json, its JSON Schema, the CSV and `roadmap diff` follow from them; statuses and health values come from
one vocabulary table; limit names from one model. `stakeholders` is the proof: added in one model, seen everywhere."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.comparing.diff import roadmap_diff
from roadmap_as_code.edges.cli import main
from roadmap_as_code.model import (
    TERMS,
    ActionFields,
    Goal,
    GoalFields,
    Health,
    KeyAction,
    LimitsFields,
    Milestone,
    MilestoneFields,
    Outcome,
    Roadmap,
    Schedule,
    Signal,
    Status,
)
from roadmap_as_code.rendering.downloads.records import roadmap_json
from roadmap_as_code.rendering.downloads.spreadsheet import CSV_HEADER, roadmap_csv
from roadmap_as_code.rendering.pages import build_pages
from roadmap_as_code.rendering.widgets import badge
from tests.helpers import AS_OF, REPO, RoadmapBuilder, commit

EXPORT_SCHEMA = REPO / "docs" / "schema" / "roadmap-export.schema.json"
STYLESHEET = REPO / "generator" / "roadmap_as_code" / "edges" / "plugin" / "assets" / "roadmap.css"
CONTACTS = {"primary": "Ana <b>Ruiz</b>", "secondary": "Sales | Ops"}


def _example() -> Roadmap:
    return check_roadmap(REPO / "roadmap", REPO, AS_OF)


@pytest.mark.parametrize(
    ("item", "fields"), [(Goal, GoalFields), (Milestone, MilestoneFields), (KeyAction, ActionFields)]
)
def test_domain_items_extend_their_front_matter_model_instead_of_declaring_fields_again(
    item: type[BaseModel], fields: type[BaseModel]
) -> None:
    assert issubclass(item, fields)
    added = set(item.model_fields) - set(fields.model_fields)
    assert added <= {"year", "id", "goal", "department", "description", "source"}, added


def test_the_committed_export_schema_is_what_roadmap_schema_export_prints() -> None:
    """Drift check: regenerate with `.venv/bin/roadmap schema --export > docs/schema/roadmap-export.schema.json`."""
    result = CliRunner().invoke(main, ["schema", "--export"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))


def test_every_front_matter_field_reaches_roadmap_json_and_its_schema() -> None:
    document = json.loads(roadmap_json(_example(), AS_OF))
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    for kind, fields, record in (
        ("goals", GoalFields, "GoalRecord"),
        ("milestones", MilestoneFields, "MilestoneRecord"),
        ("actions", ActionFields, "ActionRecord"),
    ):
        item = document["years"][-1][kind][0]
        assert set(fields.model_fields) <= set(item), kind
        assert set(fields.model_fields) <= set(schema["$defs"][record]["required"]), record


def test_every_status_health_signal_schedule_and_outcome_has_one_label_and_a_colour_the_stylesheet_defines() -> None:
    values = [*Status, *Health, *Signal, *Schedule, *Outcome]
    assert set(TERMS) == set(values)
    css = STYLESHEET.read_text(encoding="utf-8")
    for value in values:
        assert re.search(rf"{re.escape(TERMS[value].colour)}\s*:", css), TERMS[value].colour
        assert f">{TERMS[value].label} </span>" in badge(value)


def test_every_limit_is_compared_by_roadmap_diff_under_its_own_name(builder: RoadmapBuilder) -> None:
    builder.valid()
    commit(builder.root, "base")
    raised = {name: field.default + 1 for name, field in LimitsFields.model_fields.items()}
    builder.settings(limits=raised)
    text = roadmap_diff(builder.root, "HEAD", None)
    for name, value in raised.items():
        assert f"limit {name.replace('_', ' ')}: {value - 1} → {value}" in text


# --- stakeholders: one declaration in MilestoneFields, seen on the page, in the downloads and the diff ---------


def _with_contacts(builder: RoadmapBuilder, **contacts: str) -> Roadmap:
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", stakeholders=contacts)
    return check_roadmap(builder.content, builder.root, AS_OF)


def test_stakeholders_show_on_the_milestone_page_escaped(builder: RoadmapBuilder) -> None:
    roadmap = _with_contacts(builder, **CONTACTS)
    page = next(p for p in build_pages(roadmap, AS_OF) if p.path == "2026/milestones/more-leads.md")
    assert "| Primary contact | Ana &lt;b&gt;Ruiz&lt;/b&gt; |" in page.markdown
    assert "| Secondary contact | Sales \\| Ops |" in page.markdown


def test_a_milestone_without_stakeholders_shows_no_contact_rows(builder: RoadmapBuilder) -> None:
    builder.valid()
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    page = next(p for p in build_pages(roadmap, AS_OF) if p.path == "2026/milestones/more-leads.md")
    assert "contact |" not in page.markdown


def test_stakeholders_are_in_roadmap_json_and_the_csv(builder: RoadmapBuilder) -> None:
    roadmap = _with_contacts(builder, primary="Ana Ruiz")
    milestones = json.loads(roadmap_json(roadmap, AS_OF))["years"][0]["milestones"]
    assert {m["id"]: m["stakeholders"] for m in milestones}["more-leads"] == {"primary": "Ana Ruiz", "secondary": None}
    rows = list(csv.DictReader(io.StringIO(roadmap_csv(roadmap, AS_OF))))
    assert CSV_HEADER[9:11] == ("primary contact", "secondary contact")
    by_id = {row["milestone"]: row for row in rows}
    assert (by_id["more-leads"]["primary contact"], by_id["more-leads"]["secondary contact"]) == ("Ana Ruiz", "")
    assert by_id["more-deals"]["primary contact"] == ""


def test_roadmap_diff_names_a_stakeholder_change(builder: RoadmapBuilder) -> None:
    builder.valid()
    commit(builder.root, "base")
    builder.milestone("grow-revenue", "more-leads", stakeholders={"primary": "Ana Ruiz"})
    text = roadmap_diff(builder.root, "HEAD", None)
    assert "  - stakeholders: none → primary Ana Ruiz, secondary none" in text


@pytest.mark.parametrize(
    ("stakeholders", "expected", "at"),
    [
        (
            {"secondary": "Sales Ops"},
            "stakeholders.primary: expected a value, got nothing (add 'primary: ...')",
            "stakeholders:",
        ),
        (
            {"primary": "Ana", "backup": "Bo"},
            "stakeholders.backup: expected a known key, got unknown key 'backup' (allowed: primary, secondary)",
            "backup:",
        ),
        ("Ana Ruiz", "stakeholders: expected a mapping of 'key: value' lines, got 'Ana Ruiz'", "stakeholders:"),
    ],
)
def test_stakeholders_problems_are_located_and_say_what_was_expected(
    builder: RoadmapBuilder, stakeholders: object, expected: str, at: str
) -> None:
    """One problem, at the line of the key at fault (a missing key: the line of the mapping that lacks it)."""
    builder.valid()
    path = builder.milestone("grow-revenue", "more-leads", stakeholders=stakeholders)
    lines = path.read_text(encoding="utf-8").split("\n")
    problems = builder.problems()
    assert [f"{p.field}: {p.message}" for p in problems] == [expected]
    assert lines[problems[0].line - 1].lstrip().startswith(at)


def test_the_input_schema_describes_stakeholders() -> None:
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    contacts = schema["$defs"]["StakeholdersFields"]
    assert contacts["required"] == ["primary"] and contacts["additionalProperties"] is False


def test_what_the_path_and_body_give_is_kept_exactly_as_found(builder: RoadmapBuilder) -> None:
    """Front-matter text is trimmed; the body and the folder names are not (a body may open with indented code)."""
    builder.valid()
    builder.goal("grow-revenue", body="    indented code\n\nWhy.", title="  Padded title  ")
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    goal = roadmap.years[0].goals[0]
    assert (goal.title, goal.description) == ("Padded title", "    indented code\n\nWhy.")


@pytest.mark.parametrize("key", ["year", "id", "goal", "department", "description", "source"])
def test_a_front_matter_key_named_like_what_the_path_gives_is_refused_not_used(
    builder: RoadmapBuilder, key: str
) -> None:
    """The year, ids, body and file come from the path; a same-named key in the file is an unknown key."""
    builder.valid()
    path = builder.milestone("grow-revenue", "more-leads")
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\n{key}: elsewhere\n", 1), encoding="utf-8")
    problems = builder.problems()
    assert [(p.field, p.message.split(" (")[0]) for p in problems] == [
        (key, f"expected a known key, got unknown key '{key}'")
    ]
