"""Walk the roadmap folder in sorted order, read every file and build the model, collecting problems."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import ValidationError

from .. import model as m
from ..errors import InvalidRoadmap, Problem, printable
from ..filesystem import entry_kind, path_kind
from ..model.fields import SettingsFields, Strict
from ..model.items import FIELDS_OF, PLACE_KEYS, build
from ..model.values import SLUG
from .body_limits import body_problems
from .field_problems import validate
from .frontmatter import SourceFile, read_settings_file, read_source

YEAR = re.compile(r"20[0-9]{2}\Z")  # the years asof.FIRST_DAY to asof.LAST_DAY
SETTINGS = "roadmap.yml"
ItemT = TypeVar("ItemT", bound=Strict)
_IGNORED = frozenset({"README.md", SETTINGS})
_NAME = attrgetter("name")
_FOLDERS = {
    "goals": "goal files (<goal-id>.md)",
    "milestones": "one folder per goal",
    "actions": "one folder per department",
}


def _not_utf8(name: str) -> bool:
    """Whether a listed name held bytes that are not UTF-8 (os.scandir keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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

    def entries(self, folder: str, prefix: str) -> list[os.DirEntry[str]]:
        """The regular files and folders of a folder, sorted; anything else there is a problem, never followed."""
        try:
            with os.scandir(folder) as it:
                listed = [e for e in it if not e.name.startswith(".")]
        except OSError as exc:
            shown = prefix.rstrip("/") or "."
            message = f"expected a readable folder, got an error: {exc.strerror}; fix its permissions or remove it"
            self.problems.append(Problem(shown, 1, "path", message, "layout"))
            return []
        found = []
        for entry in listed:
            name = entry.name
            if _not_utf8(name):
                self.problems.append(
                    Problem(
                        prefix + printable(name),
                        1,
                        "file name",
                        "expected a UTF-8 file name, got bytes that are not UTF-8; rename it",
                        "layout",
                    )
                )
            elif (kind := entry_kind(entry)) not in ("file", "folder"):
                message = (
                    f"expected a regular file or folder, got {kind}; the tool never follows links or reads "
                    "special files: commit the file itself"
                )
                self.problems.append(Problem(prefix + name, 1, "path", message, "layout"))
            else:
                found.append(entry)
        found.sort(key=_NAME)
        return found

    def misplaced(self, rel: str, name: str, expected: str) -> None:
        self.problems.append(
            Problem(rel, 1, "path", f"expected {expected} here, got '{name}'; move or remove it", "layout")
        )

    def markdown_files(self, folder: str, prefix: str) -> list[tuple[str, str, str]]:
        """The .md files of a folder as (OS path, shown path, id), reporting anything else found there."""
        found = []
        for entry in self.entries(folder, prefix):
            name = entry.name
            rel = prefix + name
            if not name.endswith(".md") or not entry.is_file(follow_symlinks=False):
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
        for entry in self.entries(folder, prefix):
            if entry.is_dir(follow_symlinks=False):
                found.append((entry.path, f"{prefix}{entry.name}/", entry.name))
            else:
                self.misplaced(prefix + entry.name, entry.name, what)
        return found

    def read(self, path: str, rel: str, kind: type[ItemT], **place: Any) -> ItemT | None:
        """The item a file holds, validated with its place in one pass; None (and problems) when it is broken."""
        try:
            source = read_source(path, rel)
        except InvalidRoadmap as exc:
            self.problems.extend(exc.problems)
            return None
        data = source.data
        self.problems.extend(body_problems(source.body, rel, source.body_line))
        place.update(description=source.body, source=item_source(source))
        if PLACE_KEYS.isdisjoint(data):
            try:
                return kind.model_validate({**data, **place})
            except ValidationError:
                pass
        # Report against the front-matter model alone: its messages list the keys a file may hold.
        fields, problems = validate(FIELDS_OF[kind], data, rel, source.line_of)
        self.problems.extend(problems)
        return None if fields is None else cast(ItemT, build(kind, fields, **place))


def item_source(file: SourceFile) -> m.Source:
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
    kind = path_kind(path)
    if kind not in (None, "file"):
        return None  # a link or special file: the walk of the folder reports it
    if kind is None:
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
    settings: m.Settings = build(m.Settings, fields, source=item_source(source))
    return settings


def _goals(walk: _Walk, year: int, folder: str, prefix: str) -> list[m.Goal]:
    files = walk.markdown_files(folder, prefix)
    found = (walk.read(path, rel, m.Goal, year=year, id=item_id) for path, rel, item_id in files)
    return [goal for goal in found if goal is not None]


def _grouped(walk: _Walk, folder: str, prefix: str, what: str) -> Iterator[tuple[str, str, str, str]]:
    """Each Markdown file one folder down (milestones/<goal>/, actions/<department>/) as (group, path, rel, id)."""
    for sub_folder, sub_prefix, group in walk.subfolders(folder, prefix, what):
        for path, rel, item_id in walk.markdown_files(sub_folder, sub_prefix):
            yield group, path, rel, item_id


def _milestones(walk: _Walk, year: int, folder: str, prefix: str) -> list[m.Milestone]:
    files = _grouped(walk, folder, prefix, "one folder per goal (milestones/<goal-id>/)")
    found = (walk.read(path, rel, m.Milestone, year=year, goal=goal, id=item_id) for goal, path, rel, item_id in files)
    return [milestone for milestone in found if milestone is not None]


def _actions(walk: _Walk, year: int, folder: str, prefix: str) -> list[m.KeyAction]:
    files = _grouped(walk, folder, prefix, "one folder per department (actions/<department-id>/)")
    found = (walk.read(path, rel, m.KeyAction, year=year, department=d, id=item_id) for d, path, rel, item_id in files)
    return [action for action in found if action is not None]


_READERS: dict[str, Callable[[_Walk, int, str, str], list[Any]]] = {
    "goals": _goals,
    "milestones": _milestones,
    "actions": _actions,
}


def _year(walk: _Walk, folder: str, prefix: str, year: int) -> m.Year:
    parts: dict[str, list[Any]] = {"goals": [], "milestones": [], "actions": []}
    for entry in walk.entries(folder, prefix):
        if entry.name in _READERS and entry.is_dir(follow_symlinks=False):
            parts[entry.name] = _READERS[entry.name](walk, year, entry.path, f"{prefix}{entry.name}/")
        else:
            walk.misplaced(prefix + entry.name, entry.name, "goals/, milestones/ or actions/")
    return m.Year(year, tuple(parts["goals"]), tuple(parts["milestones"]), tuple(parts["actions"]))


def load_roadmap(content: Path, base: Path) -> tuple[m.Roadmap | None, list[Problem]]:
    """Read every file under the roadmap folder; the model is None when settings cannot be read."""
    with _no_cycle_collection():
        return _load(content, base)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the tree is read.

    A walk allocates tens of thousands of objects that form no reference cycles; the collector's
    passes over them (and over everything imported before) find nothing and cost about a third of a
    10,000-file check. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load(content: Path, base: Path) -> tuple[m.Roadmap | None, list[Problem]]:
    walk = _Walk(base)
    settings = _settings(walk, content)
    prefix = walk.prefix(content)
    years = []
    for entry in walk.entries(str(content), prefix):
        name = entry.name
        if YEAR.match(name) and entry.is_dir(follow_symlinks=False):
            years.append(_year(walk, entry.path, f"{prefix}{name}/", int(name)))
        elif not (name in _IGNORED and entry.is_file(follow_symlinks=False)):
            expected = (
                "a year from 2000 to 2099" if name.isdigit() else "a year folder (e.g. 2026/), roadmap.yml or README.md"
            )
            walk.misplaced(prefix + name, name, expected)
    roadmap = m.Roadmap(settings, tuple(years)) if settings else None
    return roadmap, walk.problems
