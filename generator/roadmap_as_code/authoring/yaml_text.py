"""Front-matter text written by the tool: values spelled so the strict reader reads them back unchanged."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import yaml

from ..reading.strict_yaml import resolve_plain

# Plain text the strict reader keeps as written: starts with a letter or digit, no ': ', ' #', quotes at the ends,
# line breaks or characters YAML gives a meaning at the start (`-`, `?`, `&`, `*`, `!`, `|`, `>`, `%`, `@`, `` ` ``).
_PLAIN = re.compile(r"[^\W_][\w .,;()%&/+'!?€$£-]*(?<![ :])\Z")
_RESOLVER = yaml.resolver.Resolver()
Value = str | int | float | bool | date | Sequence[str] | None


def scalar(value: str | int | float | bool | date) -> str:
    """One value as YAML text: plain when every YAML reader reads it back as the same text, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, date)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if _PLAIN.match(value) and " #" not in value and resolve_plain(value) == value and _yaml_11_text(value):
        return value
    return '"' + "".join(_escaped(char) for char in value) + '"'


def _escaped(char: str) -> str:
    """A character inside a double-quoted scalar: an escape unless it prints (libyaml folds NEL and LS as breaks)."""
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _yaml_11_text(value: str) -> bool:
    """Whether YAML 1.1 readers (PyYAML, many editors) also read the plain value as text: not `NO`, `on`, `010`."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def front_matter(fields: Sequence[tuple[str, Value]], body: str) -> str:
    """A Markdown file: the fields in order (None left out, lists as block lists), then the body."""
    lines = ["---"]
    for key, value in fields:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            lines.append(f"{key}:")
            lines += [f"  - {scalar(item)}" for item in value]
        else:
            lines.append(f"{key}: {scalar(value)}")  # type: ignore[arg-type]
    lines.append("---")
    return "\n".join(lines) + "\n" + body.strip("\n") + "\n"
