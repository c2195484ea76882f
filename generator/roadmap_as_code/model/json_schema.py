"""Touches that make pydantic's JSON Schemas standard JSON Schema 2020-12, shared by both published schemas."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel


def json_text(document: BaseModel) -> str:
    """A published JSON document: stable key order and indentation, UTF-8 text, one trailing newline."""
    # allow_nan=False: Infinity and NaN are not JSON; range checks keep them out, and a slip fails loudly here.
    return json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def published_schema(document: type[BaseModel], schema_id: str, title: str) -> dict[str, Any]:
    """The JSON Schema 2020-12 of a published document, generated from its record classes."""
    schema = document.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    standardise(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": schema_id, **schema, "title": title}


def standardise(node: Any) -> None:
    """Spell bounds as JSON Schema does, in place.

    pydantic leaves a `ge` it cannot attach to a union (int | float) as is, and writes the length of
    a variadic tuple as `minLength`; JSON Schema spells them `minimum` and, for arrays, `minItems`.
    """
    if isinstance(node, dict):
        if isinstance(node.get("ge"), (int, float)) and ("anyOf" in node or "type" in node):
            node["minimum"] = node.pop("ge")
        arrays = node.get("type") == "array" or any(o.get("type") == "array" for o in node.get("anyOf", ()))
        if arrays and "minLength" in node:
            node["minItems"] = node.pop("minLength")
        for value in node.values():
            standardise(value)
    elif isinstance(node, list):
        for value in node:
            standardise(value)
