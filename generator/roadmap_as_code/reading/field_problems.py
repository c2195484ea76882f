"""Validate front-matter against its model and turn pydantic's errors into located problems."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model.values import bound_error, describe, out_of_range, show_number

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: dict[str, Any], path: str, line_of: Any) -> tuple[M | None, list[Problem]]:
    """Validate data; return the model or the problems, each at the line of its key."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            if _short_only_by_invalid_items(error):
                continue
            loc = tuple(error["loc"])
            field = ".".join(str(part) for part in loc) or "front-matter"
            problems.append(Problem(path, line_of(*loc), field, _message(model, error, loc), "schema"))
        return None, problems


def _short_only_by_invalid_items(error: Any) -> bool:
    """pydantic counts a tuple's valid items only; when enough were written, the invalid ones are the news."""
    given = error.get("input")
    need = (error.get("ctx") or {}).get("min_length", 1)
    return error["type"] == "too_short" and isinstance(given, (list, tuple)) and len(given) >= need


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys accepted in the mapping that holds loc's last key."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        current = _model_in(annotation)
        if current is None:
            return []
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _quote_hint(got: Any) -> str:
    """How to write a number or boolean as text, spelled out when it is short."""
    if not isinstance(got, (int, float)):
        return ""
    shown = str(got).lower() if isinstance(got, bool) else show_number(got)
    return f' (quote it if you mean text: "{shown}")' if "…" not in shown else " (quote it if you mean text)"


def _message(model: type[BaseModel], error: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    got = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"expected a value, got nothing (add '{loc[-1]}: ...')"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        return f"expected a known key, got unknown key '{loc[-1]}' ({hint})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "string_type":
        return f"expected text, got {describe(got)}{_quote_hint(got)}"
    if kind in ("literal_error", "enum"):
        options = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"expected one of {options}, got {describe(got)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(got, str) and out_of_range(got):
            return str(bound_error(got))
        return f"expected a whole number, got {describe(got)}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list ('- item' lines), got {describe(got)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of 'key: value' lines, got {describe(got)}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length', 1)} item, got none"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            f"expected a number {'>=' if kind == 'greater_than_equal' else '>'} {ctx.get('ge', ctx.get('gt'))}, got "
            f"{describe(got)}"
        )
    return f"expected a valid value, got {describe(got)} ({error['msg']})"
