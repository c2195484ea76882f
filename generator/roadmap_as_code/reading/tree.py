"""Walk the roadmap folder in sorted order, read every file and build the model, collecting problems."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

from .. import model as m
from ..errors import InvalidRoadmap, Problem, UsageError
from ..model.fields import ActionFields, GoalFields, MilestoneFields, SettingsFields, Strict
from ..model.items import build
from ..model.values import SLUG
from .field_problems import validate
from .frontmatter import SourceFile, read_settings_file, read_source

YEAR = re.compile(r"(19|20|21)[0-9]{2}\Z")
SETTINGS = "roadmap.yml"
_IGNORED = frozenset({"README.md", SETTINGS})
_NAME = attrgetter("name")
_FOLDERS = {
    "goals": "goal files (<goal-id>.md)",
    "milestones": "one folder per goal",
    "actions": "one folder per department",
}


def find_content(root: Path) -> tuple[Path, Path]:
    """The roadmap folder under a repository root (or the root itself), and the base for shown paths."""
    if (root / "roadmap" / SETTINGS).is_file() or (root / "roadmap").is_dir():
        return root / "roadmap", root
    if (root / SETTINGS).is_file():
        return root, root.parent
    raise UsageError(f"no roadmap found in {root}: expected {root / 'roadmap'}/ or {root / SETTINGS}")


class _Walk:
    """State of one load: where paths are shown from, and every problem met.

    Folders are walked with os.scandir and plain strings: the OS path to open and the path shown in
    problems (relative to the base, '/'-separated) are built side by side, one concatenation per entry.
    Entry types come from the directory listing (no stat per file); pathlib objects and relative_to
    per file cost about 60 ms per 10,000 files, so pathlib is used once per load, not per file.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.base).as_posix() if path.is_relative_to(self.base) else path.as_posix()

    def prefix(self, folder: Path) -> str:
        """The shown path of a folder's entries, up to their names: '' or 'roadmap/'."""
        rel = self.rel(folder)
        return "" if rel == "." else rel + "/"

    def entries(self, folder: str) -> list[os.DirEntry[str]]:
        with os.scandir(folder) as it:
            found = [e for e in it if not e.name.startswith(".")]
        found.sort(key=_NAME)
        return found

    def misplaced(self, rel: str, name: str, expected: str) -> None:
        self.problems.append(
            Problem(rel, 1, "path", f"expected {expected} here, got '{name}'; move or remove it", "layout")
        )

    def markdown_files(self, folder: str, prefix: str) -> list[tuple[str, str, str]]:
        """The .md files of a folder as (OS path, shown path, id), reporting anything else found there."""
        found = []
        for entry in self.entries(folder):
            name = entry.name
            rel = prefix + name
            if not name.endswith(".md") or not entry.is_file():
                self.misplaced(rel, name, "only Markdown files (.md)")
            elif not SLUG.match(name[:-3]):
                suggestion = re.sub(r"[^a-z0-9]+", "-", name[:-3].lower()).strip("-") or "item"
                self.problems.append(
                    Problem(
                        rel,
                        1,
                        "file name",
                        f"expected a lower-case slug like '{suggestion}.md', got '{name}'",
                        "layout",
                    )
                )
            else:
                found.append((entry.path, rel, name[:-3]))
        return found

    def subfolders(self, folder: str, prefix: str, what: str) -> list[tuple[str, str, str]]:
        """The subfolders of a folder as (OS path, shown prefix of their entries, name), reporting stray files."""
        found = []
        for entry in self.entries(folder):
            if entry.is_dir():
                found.append((entry.path, f"{prefix}{entry.name}/", entry.name))
            else:
                self.misplaced(prefix + entry.name, entry.name, what)
        return found

    def read(self, path: str, rel: str, model: type[Strict]) -> tuple[SourceFile, Any] | None:
        try:
            source = read_source(path, rel)
        except InvalidRoadmap as exc:
            self.problems.extend(exc.problems)
            return None
        fields, problems = validate(model, source.data, rel, source.line_of)
        if problems:
            self.problems.extend(problems)
        return (source, fields) if fields is not None else None


def _source(file: SourceFile) -> m.Source:
    """The model's Source: top-level keys and the items of top-level lists, keyed 'key' and 'key.i'."""
    lines: dict[str, int] = {}
    for key, line in file.lines.items():
        if len(key) == 1:
            lines[key[0]] = line  # type: ignore[index]
        elif len(key) == 2:
            lines[f"{key[0]}.{key[1]}"] = line
    return m.Source(file.path, file.start_line, lines)


def _settings(walk: _Walk, content: Path) -> m.Settings | None:
    path = content / SETTINGS
    rel = walk.rel(path)
    if not path.is_file():
        walk.problems.append(
            Problem(
                rel, 1, "file", "expected the settings file (organisation, departments, limits), got no file", "layout"
            )
        )
        return None
    try:
        data, lines = read_settings_file(path, rel)
    except InvalidRoadmap as exc:
        walk.problems.extend(exc.problems)
        return None
    source = SourceFile(rel, data, lines, 1, "", 1)
    fields, problems = validate(SettingsFields, data, rel, source.line_of)
    walk.problems.extend(problems)
    if fields is None:
        return None
    settings: m.Settings = build(m.Settings, fields, source=_source(source))
    return settings


def _items(walk: _Walk, folder: str, prefix: str, model: type[Strict]) -> Iterator[tuple[str, SourceFile, Any]]:
    """Each readable file of a folder as (id, source, validated fields)."""
    for path, rel, item_id in walk.markdown_files(folder, prefix):
        read = walk.read(path, rel, model)
        if read:
            yield item_id, read[0], read[1]


def _grouped(
    walk: _Walk, folder: str, prefix: str, what: str, model: type[Strict]
) -> Iterator[tuple[str, str, SourceFile, Any]]:
    """Each readable file one folder down (milestones/<goal>/, actions/<department>/) as (group, id, source, fields)."""
    for sub_folder, sub_prefix, group in walk.subfolders(folder, prefix, what):
        for item_id, file, fields in _items(walk, sub_folder, sub_prefix, model):
            yield group, item_id, file, fields


def _goals(walk: _Walk, year: int, folder: str, prefix: str) -> list[m.Goal]:
    return [
        build(m.Goal, fields, year=year, id=item_id, description=file.body, source=_source(file))
        for item_id, file, fields in _items(walk, folder, prefix, GoalFields)
    ]


def _milestones(walk: _Walk, year: int, folder: str, prefix: str) -> list[m.Milestone]:
    where = "one folder per goal (milestones/<goal-id>/)"
    return [
        build(m.Milestone, fields, year=year, goal=goal_id, id=item_id, description=file.body, source=_source(file))
        for goal_id, item_id, file, fields in _grouped(walk, folder, prefix, where, MilestoneFields)
    ]


def _actions(walk: _Walk, year: int, folder: str, prefix: str) -> list[m.KeyAction]:
    where = "one folder per department (actions/<department-id>/)"
    return [
        build(
            m.KeyAction, fields, year=year, department=dept_id, id=item_id, description=file.body, source=_source(file)
        )
        for dept_id, item_id, file, fields in _grouped(walk, folder, prefix, where, ActionFields)
    ]


_READERS: dict[str, Callable[[_Walk, int, str, str], list[Any]]] = {
    "goals": _goals,
    "milestones": _milestones,
    "actions": _actions,
}


def _year(walk: _Walk, folder: str, prefix: str, year: int) -> m.Year:
    parts: dict[str, list[Any]] = {"goals": [], "milestones": [], "actions": []}
    for entry in walk.entries(folder):
        if entry.name in _READERS and entry.is_dir():
            parts[entry.name] = _READERS[entry.name](walk, year, entry.path, f"{prefix}{entry.name}/")
        else:
            walk.misplaced(prefix + entry.name, entry.name, "goals/, milestones/ or actions/")
    return m.Year(year, tuple(parts["goals"]), tuple(parts["milestones"]), tuple(parts["actions"]))


def load_roadmap(content: Path, base: Path) -> tuple[m.Roadmap | None, list[Problem]]:
    """Read every file under the roadmap folder; the model is None when settings cannot be read."""
    walk = _Walk(base)
    settings = _settings(walk, content)
    prefix = walk.prefix(content)
    years = []
    for entry in walk.entries(str(content)):
        name = entry.name
        if YEAR.match(name) and entry.is_dir():
            years.append(_year(walk, entry.path, f"{prefix}{name}/", int(name)))
        elif not (name in _IGNORED and entry.is_file()):
            walk.misplaced(prefix + name, name, "a year folder (e.g. 2026/), roadmap.yml or README.md")
    roadmap = m.Roadmap(settings, tuple(years)) if settings else None
    return roadmap, walk.problems
