"""`roadmap rename goal|milestone OLD NEW`: rename the file (and a goal's milestones folder), update every reference.

Every change is worked out and checked before the first write: the edited references, then the moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import model as m
from ..errors import InvalidRoadmap, UsageError
from ..filesystem import move_inside, path_kind, read_regular, write_inside
from ..reading import load_roadmap
from ..reading.frontmatter import MAX_FILE_BYTES
from .line_edit import replace_id
from .new_item import Refused
from .slugs import checked_id


@dataclass(frozen=True)
class Plan:
    """What a rename changes: files edited in place (inner path -> new text) and entries moved (old -> new)."""

    edits: dict[str, tuple[str, str]]
    moves: list[tuple[str, str]]


def rename(content: Path, base: Path, kind: str, old: str, new: str, year: int | None) -> list[str]:
    """Rename a goal or milestone of the roadmap under content; the lines saying what changed.

    Refused while a file does not read (InvalidRoadmap): a reference in it would be missed.
    """
    roadmap, problems = load_roadmap(content, base)
    if problems or roadmap is None:
        raise InvalidRoadmap(problems)
    new = checked_id(new, "NEW")
    found = _year_of(roadmap, kind, old, year)
    shown = content.relative_to(base).as_posix()
    plan = _goal_plan(content, found, old, new) if kind == "goal" else _milestone_plan(content, shown, found, old, new)
    done = []
    for inner, (text, fields) in sorted(plan.edits.items()):
        write_inside(content, inner, text.encode("utf-8"))
        done.append(f"updated {shown}/{inner} ({fields})")
    for source, target in plan.moves:
        move_inside(content, source, target)
        slash = "/" if path_kind(content / target) == "folder" else ""
        done.append(f"renamed {shown}/{source}{slash} to {shown}/{target}{slash}")
    return done


def _year_of(roadmap: m.Roadmap, kind: str, old: str, year: int | None) -> m.Year:
    def has(y: m.Year) -> bool:
        return any(i.id == old for i in (y.goals if kind == "goal" else y.milestones))

    years = [y for y in roadmap.years if (year is None or y.year == year) and has(y)]
    if not years:
        where = f" in {year}" if year is not None else ""
        raise Refused(f"{kind}: expected the id of a {kind}{where}, got '{old}', which names none")
    if len(years) > 1:
        raise UsageError(f"{kind} '{old}' is in {', '.join(str(y.year) for y in years)}; pass --year")
    return years[0]


def _inner(shown: str, source: m.Source) -> str:
    """An item's path inside the roadmap folder, from the path the reader shows."""
    return source.path.removeprefix(shown + "/")


def _goal_plan(content: Path, year: m.Year, old: str, new: str) -> Plan:
    if any(g.id == new for g in year.goals):
        raise Refused(f"NEW: expected a goal id unused in {year.year}, got '{new}'; pick another")
    folder = f"{year.year}/milestones"
    moves = [(f"{year.year}/goals/{old}.md", f"{year.year}/goals/{new}.md")]
    if path_kind(content / folder / new) is not None:
        raise Refused(f"NEW: expected no folder {folder}/{new}/ yet, got one; move it away or pick another id")
    if path_kind(content / folder / old) == "folder":
        moves.append((f"{folder}/{old}", f"{folder}/{new}"))
    return Plan({}, moves)


def _milestone_plan(content: Path, shown: str, year: m.Year, old: str, new: str) -> Plan:
    if any(ms.id == new for ms in year.milestones):
        raise Refused(f"NEW: expected a milestone id unused in {year.year}, got '{new}'; pick another")
    milestone = next(ms for ms in year.milestones if ms.id == old)
    edits: dict[str, tuple[str, str]] = {}
    referring: list[tuple[m.Milestone | m.KeyAction, str, tuple[str, ...]]] = [
        *((a, "supports", a.supports) for a in year.actions),
        *((ms, "depends_on", ms.depends_on) for ms in year.milestones),
    ]
    for item, key, ids in referring:
        lines = [item.source.line_of(key, i) for i, value in enumerate(ids) if value == old]
        if lines:
            inner = _inner(shown, item.source)
            raw, _ = read_regular(content / inner, MAX_FILE_BYTES)
            text = replace_id(raw.decode("utf-8"), lines, key, old, new, item.source.path)
            edits[inner] = (text, key)
    inner = _inner(shown, milestone.source)
    return Plan(edits, [(inner, inner.rsplit("/", 1)[0] + f"/{new}.md")])
