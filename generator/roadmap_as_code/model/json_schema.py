"""Touches that make pydantic's JSON Schemas standard JSON Schema 2020-12, shared by both published schemas."""

from __future__ import annotations

from typing import Any


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
