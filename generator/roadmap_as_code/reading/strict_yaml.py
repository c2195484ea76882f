"""Strict YAML: parse a small document from libyaml events into plain values with line numbers.

Values are built from the event stream, never from PyYAML's composer or constructor, so that
aliases, anchors, tags and deep nesting are refused before any tree exists (no alias bombs, no
stack overflow in the C composer), duplicate keys are caught, and plain scalars follow the YAML 1.2
core schema: `NO`, `off`, `1:30`, `010` and `0x1F` stay text instead of turning into booleans or numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import EXIT_PROBLEMS, RoadmapError
from .yaml_traps import TYPOGRAPHIC_OPENERS, cut_by_comment, tab_indentation, typographic_quotes

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is part of every supported PyYAML wheel
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 16
MAX_INT_DIGITS = 300
"""A plain integer with more digits is text: int() is quadratic in the digits (CPython stops at 4,300)."""

Key = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]+)(?:[eE][-+]?[0-9]+)?\Z|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+\Z"
)
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_HINTS = (("mapping values are not allowed", "; put text that contains ': ' in quotes"),)


@dataclass(frozen=True)
class YamlIssue:
    """A defect in the YAML text, at a 1-based line of that text."""

    line: int
    field: str
    message: str


class YamlTextError(RoadmapError):
    """The YAML text cannot be turned into values; the caller adds the file's path."""

    exit_code = EXIT_PROBLEMS

    def __init__(self, issue: YamlIssue) -> None:
        self.issue = issue
        super().__init__(issue.message)


@dataclass
class Parsed:
    """A parsed document: its value and the 1-based line of every key and list item."""

    value: Any
    lines: dict[Key, int]


_BLANKS = frozenset(" \t")
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")  # first characters of null, booleans and numbers


def resolve_plain(text: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema, leaving anything doubtful as text.

    A number no float holds (`1e400`, 400 digits) and `.inf`/`.nan` are doubtful too: they stay text,
    which a number field refuses with its range and a text field keeps as written.
    """
    if text and text[0] not in _MAYBE_TYPED:
        return text  # the common case: words
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text) if len(text.lstrip("+-")) <= MAX_INT_DIGITS else text
    if _FLOAT.match(text):
        number = float(text)  # linear in the length; overflows to inf instead of raising
        return number if math.isfinite(number) else text
    return text


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _path_name(path: Key) -> str:
    return ".".join(str(p) for p in path) or "front-matter"


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _SEQUENCE_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def parse_yaml(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document into plain values, raising YamlTextError on the first defect.

    Lines (in the result, in issues and in messages) count from `first_line`, the file line of the
    text's first line, so callers get real file lines.
    """
    loader = _Loader(text)
    # libyaml also breaks lines at NEL, LS and PS; count only LF then (rare, so the fast path stays fast).
    odd_breaks = "\x85" in text or "\u2028" in text or "\u2029" in text
    lines: dict[Key, int] = {}
    # Each open collection: [container, path, pending key or None, is a mapping]
    stack: list[list[Any]] = []
    root: Any = None
    # Events are told apart by exact type (the hot loop of every check), which mypy cannot narrow.
    get_event: Callable[[], Any] = loader.get_event
    try:
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            if kind in _ENDS:
                stack.pop()
                continue
            if (
                kind is not _SCALAR
                and kind is not _MAPPING_START
                and kind is not _SEQUENCE_START
                and kind is not _ALIAS
            ):
                continue  # stream and document events
            line = (text.count("\n", 0, event.start_mark.index) if odd_breaks else event.start_mark.line) + first_line
            if kind is _ALIAS:
                where = _path_name(stack[-1][1]) if stack else "front-matter"
                raise YamlTextError(
                    YamlIssue(
                        line,
                        where,
                        f"expected a plain value, got an alias '*{event.anchor}' (anchors and aliases are not "
                        "allowed; write the value out)",
                    )
                )
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                _refuse_decoration(event, line, stack)
            top = stack[-1] if stack else None
            if kind is _SCALAR:
                if top is None:
                    root = resolve_plain(event.value) if event.implicit[0] else event.value
                elif top[3] and top[2] is None:
                    _add_key(top, event.value, line, lines)
                else:
                    value = event.value
                    if event.implicit[0]:
                        value = resolve_plain(value)
                        # Most plain values end their line or flow item: only a blank after one may start a comment.
                        if value.__class__ is str and (
                            text[event.end_mark.index : event.end_mark.index + 1] in _BLANKS
                            or value[0] in TYPOGRAPHIC_OPENERS
                        ):
                            _refuse_trap(text, value, event, line, stack, odd_breaks, first_line)
                    if top[3]:
                        top[0][top[2]] = value
                        top[2] = None
                    else:
                        lines[top[1] + (len(top[0]),)] = line
                        top[0].append(value)
                continue
            is_mapping = kind is _MAPPING_START
            new: Any = {} if is_mapping else []
            path = _current_path(stack)
            if len(path) >= MAX_DEPTH:
                raise YamlTextError(
                    YamlIssue(line, _path_name(path), f"expected at most {MAX_DEPTH} levels of nesting, got more")
                )
            if top is None:
                root = new
            elif top[3]:
                if top[2] is None:
                    raise YamlTextError(
                        YamlIssue(line, _path_name(path), "expected a plain text key, got a mapping or list")
                    )
                top[0][top[2]] = new
                top[2] = None
            else:
                lines[path] = line
                top[0].append(new)
            stack.append([new, path, None, is_mapping])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        context = f" ({exc.context})" if exc.context else ""
        at = first_line if mark is None else (text.count("\n", 0, mark.index) if odd_breaks else mark.line) + first_line
        hint = next((h for problem, h in _HINTS if problem in (exc.problem or "")), "")
        tab = tab_indentation(text, mark.index) if mark is not None else None
        message = tab or f"expected valid YAML, got a syntax error: {exc.problem}{context}{hint}"
        raise YamlTextError(YamlIssue(at, "yaml", message)) from None
    except yaml.reader.ReaderError as exc:
        # libyaml reports the offending character's position in UTF-8 bytes.
        at = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + first_line
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise YamlTextError(
            YamlIssue(at, "yaml", f"expected printable text, got the character U+{char:04X} ({exc.reason}); remove it")
        ) from None
    except yaml.YAMLError as exc:
        raise YamlTextError(YamlIssue(first_line, "yaml", f"expected valid YAML, got {exc}")) from None
    finally:
        loader.dispose()
    return Parsed(root, lines)


def _refuse_trap(
    text: str, value: str, event: Any, line: int, stack: list[list[Any]], odd_breaks: bool, first_line: int
) -> None:
    """A plain text value YAML reads otherwise than it looks (cut by a comment, in typographic quotes) is refused."""
    end = event.end_mark.index
    message = cut_by_comment(text, value, end)
    if message is not None:
        line = (text.count("\n", 0, end) if odd_breaks else event.end_mark.line) + first_line
    elif value[0] in TYPOGRAPHIC_OPENERS:
        message = typographic_quotes(value)
    if message is not None:
        raise YamlTextError(YamlIssue(line, _path_name(_current_path(stack)), message))


def _refuse_decoration(event: Any, line: int, stack: list[list[Any]]) -> None:
    """Anchors and tags are refused where they stand."""
    where = _path_name(_current_path(stack))
    if event.anchor is not None:
        raise YamlTextError(
            YamlIssue(
                line,
                where,
                f"expected a plain value, got an anchor '&{event.anchor}' (anchors and aliases are not allowed; "
                "write the value out)",
            )
        )
    raise YamlTextError(
        YamlIssue(
            line,
            where,
            f"expected a plain value, got the YAML tag '{_short_tag(event.tag)}' (tags are not allowed; remove it)",
        )
    )


def _current_path(stack: list[list[Any]]) -> Key:
    if not stack:
        return ()
    container, path, pending, is_mapping = stack[-1]
    if is_mapping:
        return (*path, pending) if pending is not None else path
    return (*path, len(container))


def _add_key(top: list[Any], key: str, line: int, lines: dict[Key, int]) -> None:
    """Open a key in a mapping, refusing empty and duplicate keys."""
    container, path = top[0], top[1]
    if not key.strip():
        raise YamlTextError(YamlIssue(line, _path_name(path), "expected a key name, got an empty key"))
    if key in container:
        first = lines[(*path, key)]
        raise YamlTextError(
            YamlIssue(
                line,
                _path_name((*path, key)),
                f"expected each key once, got '{key}' again (first on line {first}); keep one",
            )
        )
    top[2] = key
    lines[(*path, key)] = line
    container[key] = None
