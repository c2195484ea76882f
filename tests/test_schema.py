"""The committed JSON Schema: generated from the models, never drifting, and describing the example's files."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from roadmap_as_code.edges.cli import main
from roadmap_as_code.reading.frontmatter import read_settings_file, read_source
from tests.helpers import REPO

SCHEMA_FILE = REPO / "docs" / "schema" / "roadmap.schema.json"
FIX = ".venv/bin/roadmap schema > docs/schema/roadmap.schema.json"
KIND_BY_FOLDER = {"goals": "GoalFields", "milestones": "MilestoneFields", "actions": "ActionFields"}


def _schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def _validator(definition: str | None = None) -> Draft202012Validator:
    schema = _schema()
    if definition:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _example_files() -> list[tuple[str, str, dict]]:
    """(path, kind, front-matter) of every file of the example, read with the project's own strict reader."""
    content = REPO / "roadmap"
    data, _ = read_settings_file(content / "roadmap.yml", "roadmap/roadmap.yml")
    files = [("roadmap/roadmap.yml", "SettingsFields", data)]
    for path in sorted(content.glob("[0-9]*/*/**/*.md")):
        rel = path.relative_to(REPO).as_posix()
        files.append((rel, KIND_BY_FOLDER[path.relative_to(content).parts[1]], read_source(path, rel).data))
    return files


def test_committed_schema_matches_roadmap_schema_output() -> None:
    """docs/schema/roadmap.schema.json is exactly what `roadmap schema` prints (regenerate it when models change)."""
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert SCHEMA_FILE.is_file(), f"missing {SCHEMA_FILE.relative_to(REPO)}; run: {FIX}"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == result.output, (
        f"the committed JSON Schema drifted from the models; run: {FIX}"
    )


def test_schema_is_a_valid_draft_2020_12_schema_covering_every_kind() -> None:
    """The schema itself is valid and names one definition per kind of file."""
    schema = _schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {ref["$ref"] for ref in schema["oneOf"]} == {
        f"#/$defs/{k}" for k in ("SettingsFields", "GoalFields", "MilestoneFields", "ActionFields")
    }
    assert all(
        schema["$defs"][k]["additionalProperties"] is False
        for k in ("SettingsFields", "GoalFields", "MilestoneFields", "ActionFields")
    )


EXAMPLE = _example_files()


def _messages(errors) -> list[str]:
    """Every error message, including those nested under anyOf/oneOf."""
    return [m for e in errors for m in [e.message, *_messages(e.context or [])]]


def test_example_has_every_kind_of_file() -> None:
    """The example exercises every definition (so the next test is not vacuous)."""
    assert {kind for _, kind, _ in EXAMPLE} == {"SettingsFields", "GoalFields", "MilestoneFields", "ActionFields"}


@pytest.mark.parametrize(("path", "kind", "data"), EXAMPLE, ids=[path for path, _, _ in EXAMPLE])
def test_example_front_matter_validates_against_the_schema(path: str, kind: str, data: dict) -> None:
    """Every example file's front-matter is valid for its own kind and for exactly one kind of the whole schema."""
    errors = sorted(_validator(kind).iter_errors(data), key=str)
    assert not errors, f"{path}: {errors[0].message}"
    assert _validator().is_valid(data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"stauts": "done"}, "Additional properties are not allowed"),
        ({"status": "done"}, "is not one of"),
        ({"quarter": "Q5"}, "is not one of"),
        ({"due": "2026-02-30"}, "is not a 'date'"),
        ({"success_criteria": []}, "should be non-empty"),
        ({"budget": {"planned": -1}}, "is less than the minimum"),
        ({"owner": None}, "None is not of type 'string'"),
    ],
)
def test_schema_rejects_what_the_models_reject(change: dict, expected: str) -> None:
    """Typos, unknown statuses, impossible dates, empty criteria and negative budgets fail in an editor too."""
    milestone = next(data for _, kind, data in EXAMPLE if kind == "MilestoneFields")
    errors = _messages(_validator("MilestoneFields").iter_errors({**milestone, **change}))
    assert any(expected in message for message in errors), errors
