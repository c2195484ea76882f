"""The JSON Schema of the roadmap's files, generated from the front-matter models for editors."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from ..model.fields import KINDS
from ..model.json_schema import standardise


def json_schema() -> dict[str, Any]:
    """One JSON Schema document describing every kind of file, generated from the models."""
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
    standardise(definitions)
    return definitions
