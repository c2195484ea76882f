"""One blob of a roadmap file as the history needs it: its fields (lists and mappings as digests), or its problem.

A snapshot is plain JSON data, so the cache can hold it by blob id:
`{"fields": {name: value}, "body": digest}` for a file that parses, `{"problem": [line, field, message]}` for
one that does not. `metric` and `budget` are flattened one level (`metric.current`, `budget.planned`); risks
stay a list of their texts; any other list or mapping is kept as `{"digest": ...}`, enough to tell it changed.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..errors import InvalidRoadmap
from ..reading.frontmatter import MAX_FILE_BYTES, decode_text, parse_source

Snapshot = dict[str, Any]
_FLATTENED = ("metric", "budget")
_KEPT_LISTS = ("risks",)


def digest(value: object) -> str:
    """A short, stable digest of parsed YAML data (repr is stable for str, numbers, lists and mappings in order)."""
    return hashlib.sha1(repr(value).encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()[:16]


def problem(line: int, field: str, message: str) -> Snapshot:
    """The snapshot of a blob that does not parse."""
    return {"problem": [line, field, message]}


def _kept(name: str, value: object) -> object:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if name in _KEPT_LISTS and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return {"digest": digest(value)}


def snapshot(raw: bytes) -> Snapshot:
    """Parse one blob with the strict reader and keep what the history derives changes from."""
    try:
        source = parse_source(decode_text(raw, len(raw), "-"), "-")
    except InvalidRoadmap as exc:
        first = exc.problems[0]
        return problem(first.line, first.field, first.message)
    except RecursionError:  # the strict reader refuses deep nesting; this is a last guard, never a crash
        return problem(1, "front-matter", "expected YAML of a reasonable depth, got too deep a nesting")
    fields: dict[str, object] = {}
    for name, value in source.data.items():
        if name in _FLATTENED and isinstance(value, dict):
            for key, inner in value.items():
                fields[f"{name}.{key}"] = _kept(f"{name}.{key}", inner)
        else:
            fields[str(name)] = _kept(str(name), value)
    return {"fields": fields, "body": digest(source.body.strip())}


def oversized(size: int) -> Snapshot:
    """The snapshot of a blob too large to read."""
    return problem(1, "file", f"expected at most {MAX_FILE_BYTES // 1024} KiB, got {size / 1024:.0f} KiB")


def not_a_file(mode: str) -> Snapshot:
    """The snapshot of a committed link or submodule where a roadmap file belongs."""
    kind = {"120000": "a symbolic link", "160000": "a submodule"}.get(mode, f"mode {mode}")
    return problem(1, "file", f"expected a regular file, got {kind}")
