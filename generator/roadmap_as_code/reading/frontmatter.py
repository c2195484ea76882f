"""Read one roadmap file: decode it, split the front-matter from the body, parse it strictly.

The split is done here rather than with python-frontmatter because that library silently returns
empty metadata for a UTF-8 BOM, a missing closing `---` or a non-mapping front-matter; every one
of those must become a located problem instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidRoadmap, Problem
from ..filesystem import NotRegular, read_regular
from .strict_yaml import Key, YamlTextError, parse_yaml

MAX_FILE_BYTES = 128 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourceFile:
    """One file's front-matter values, the file line of every key, and its Markdown body (from body_line on)."""

    path: str
    data: dict[str, Any]
    lines: dict[Key, int]
    start_line: int
    body: str
    body_line: int

    def line_of(self, *key: str | int) -> int:
        """The file line of a key path, falling back to its closest parent, then the opening `---`."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.start_line


def read_text(file: str | os.PathLike[str], rel: str) -> str:
    """Read a file as UTF-8 text with LF line ends, accepting a BOM and CRLF.

    One open (never through a link) and one read of at most MAX_FILE_BYTES + 1 bytes: an oversized
    file is never read whole.
    """
    try:
        raw, size = read_regular(file, MAX_FILE_BYTES)
    except NotRegular as exc:
        message = f"expected a regular file, got one that {exc.strerror}; the tool never follows links: commit the file"
        raise InvalidRoadmap([Problem(rel, 1, "file", message, "layout")]) from None
    except OSError as exc:
        raise InvalidRoadmap([Problem(rel, 1, "file", f"expected a readable file, got {exc.strerror}", "io")]) from None
    return decode_text(raw, size, rel)


def decode_text(raw: bytes, size: int, rel: str) -> str:
    """A file's bytes (`size` of them on disk or in git) as UTF-8 text with LF line ends, or InvalidRoadmap."""
    if len(raw) > MAX_FILE_BYTES:
        message = (
            f"expected at most {MAX_FILE_BYTES // 1024} KiB, got {size / 1024:.0f} KiB; split the text or move long "
            "material elsewhere"
        )
        raise InvalidRoadmap([Problem(rel, 1, "file", message, "size")])
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidRoadmap(
            [
                Problem(
                    rel,
                    line,
                    "file",
                    f"expected UTF-8 text, got byte 0x{raw[exc.start]:02X} at column {column}; save the file as UTF-8",
                    "encoding",
                )
            ]
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_mapping(text: str, rel: str, offset: int, what: str) -> tuple[dict[str, Any], dict[Key, int]]:
    """Parse YAML text that must be a mapping; `offset` is the file line just before the text."""
    try:
        parsed = parse_yaml(text, offset + 1)
    except YamlTextError as exc:
        issue = exc.issue
        raise InvalidRoadmap([Problem(rel, issue.line, issue.field, issue.message, "yaml")]) from None
    if not isinstance(parsed.value, dict):
        got = (
            "nothing"
            if parsed.value is None
            else ("a list" if isinstance(parsed.value, list) else f"the single value {parsed.value!r}")
        )
        raise InvalidRoadmap(
            [
                Problem(
                    rel,
                    offset + 1 if parsed.value is not None else max(offset, 1),
                    what,
                    f"expected a mapping of 'key: value' lines, got {got}",
                    "yaml",
                )
            ]
        )
    return parsed.value, parsed.lines


def split_front_matter(text: str, rel: str) -> tuple[str, int, int]:
    """Find the front-matter: its YAML text, the line of the opening `---` and of the closing one."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines):
        raise InvalidRoadmap(
            [
                Problem(
                    rel,
                    1,
                    "front-matter",
                    "expected a front-matter block opened by '---', got an empty file",
                    "front-matter",
                )
            ]
        )
    if lines[start].rstrip() != "---":
        raise InvalidRoadmap(
            [
                Problem(
                    rel,
                    start + 1,
                    "front-matter",
                    f"expected the file to start with a '---' line, got {lines[start][:40]!r}",
                    "front-matter",
                )
            ]
        )
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return "\n".join(lines[start + 1 : end]), start + 1, end + 1
    raise InvalidRoadmap(
        [
            Problem(
                rel,
                start + 1,
                "front-matter",
                f"expected a closing '---' line for the front-matter opened on line {start + 1}, got the end of the "
                "file",
                "front-matter",
            )
        ]
    )


def read_source(file: str | os.PathLike[str], rel: str) -> SourceFile:
    """Read a Markdown file with front-matter into a SourceFile, or raise InvalidRoadmap."""
    return parse_source(read_text(file, rel), rel)


def parse_source(text: str, rel: str) -> SourceFile:
    """A Markdown text with front-matter (LF line ends) as the SourceFile of a file at rel, or InvalidRoadmap."""
    yaml_text, start, end = split_front_matter(text, rel)
    if not yaml_text.strip():
        raise InvalidRoadmap(
            [
                Problem(
                    rel,
                    start,
                    "front-matter",
                    "expected 'key: value' lines between the '---' lines, got an empty front-matter",
                    "front-matter",
                )
            ]
        )
    data, lines = parse_mapping(yaml_text, rel, start, "front-matter")
    rest = text.split("\n", end)[-1] if text.count("\n") >= end else ""
    body = rest.lstrip("\n")
    return SourceFile(rel, data, lines, start, body.rstrip("\n"), end + 1 + len(rest) - len(body))


def read_settings_file(file: Path, rel: str) -> tuple[dict[str, Any], dict[Key, int]]:
    """Read a plain YAML file that must hold a mapping."""
    return parse_mapping(read_text(file, rel), rel, 0, "settings")
