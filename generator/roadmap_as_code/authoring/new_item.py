"""`roadmap new`: one goal, milestone or key action written as a file that passes the check, or a refusal saying why.

The file's text is read back with the strict reader and judged by every rule together with the
roadmap on disk before anything is written, so `new` never writes a file the check would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from .. import model as m
from ..checking.limit_rules import named
from ..checking.limit_usage import quarters_with_room, year_usage, years_with_room
from ..checking.rules import check_rules
from ..errors import EXIT_PROBLEMS, InvalidRoadmap, Problem, RoadmapError
from ..filesystem import path_kind, write_inside
from ..model.items import FIELDS_OF, build
from ..model.values import QUARTERS
from ..reading import load_roadmap
from ..reading.field_problems import validate
from ..reading.frontmatter import parse_source
from ..reading.tree import item_source
from .slugs import checked_id, id_from
from .yaml_text import Value, front_matter

T = TypeVar("T", m.Goal, m.Milestone, m.KeyAction)
KINDS: dict[str, type[m.Goal | m.Milestone | m.KeyAction]] = {
    "goal": m.Goal,
    "milestone": m.Milestone,
    "action": m.KeyAction,
}
BODIES = {
    "goal": "Why this goal matters and how it is measured.",
    "milestone": "What will be done and why.",
    "action": "How this moves the milestones it supports.",
}


class Refused(RoadmapError):
    """The new item would take an id in use or break a limit; nothing is written."""

    exit_code = EXIT_PROBLEMS


@dataclass(frozen=True)
class Draft:
    """A new item: its kind and year, its front-matter in file order (title first), and where it goes."""

    kind: str
    year: int
    fields: tuple[tuple[str, Value], ...]
    group: str = ""
    """The goal of a milestone, the department of an action."""
    item_id: str = ""
    """The id (file name) to use; empty: derived from the title."""

    @property
    def title(self) -> str:
        return str(dict(self.fields)["title"])

    def inner_path(self, item_id: str) -> str:
        """The file's path inside the roadmap folder."""
        folder = {"goal": "goals", "milestone": f"milestones/{self.group}", "action": f"actions/{self.group}"}
        return f"{self.year}/{folder[self.kind]}/{item_id}.md"


def loaded(content: Path, base: Path) -> m.Roadmap:
    """The roadmap on disk as read (rules not applied); InvalidRoadmap when its settings cannot be read."""
    roadmap, problems = load_roadmap(content, base)
    if roadmap is None:
        raise InvalidRoadmap(problems)
    return roadmap


def create(content: Path, base: Path, roadmap: m.Roadmap, draft: Draft, as_of: date) -> str:
    """Write the draft's file into the roadmap read from content; its path as the check shows it, or Refused."""
    item_id = checked_id(draft.item_id, "--id") if draft.item_id else id_from(draft.title, "title", "--id")
    inner = draft.inner_path(item_id)
    rel = f"{content.relative_to(base).as_posix()}/{inner}"
    year = roadmap.year(draft.year) or m.Year(draft.year, (), (), ())
    _refuse_taken(content, inner, rel, year, draft.kind, item_id)
    _refuse_full(roadmap, year, draft)
    text = front_matter(draft.fields, BODIES[draft.kind])
    item = _item(text, rel, draft, item_id)
    problems = [p for p in check_rules(_with(roadmap, year, item), as_of) if _concerns(p, rel)]
    if problems:
        raise InvalidRoadmap(problems)
    write_inside(content, inner, text.encode("utf-8"))
    return rel


def _concerns(problem: Problem, rel: str) -> bool:
    """Whether a problem is the new file's. A goal short of milestones is not: `new` is how they get added
    (and a goal over the maximum is refused before, with where there is room)."""
    return problem.rule != "milestones-per-goal" and (problem.path == rel or rel in problem.related)


def _item(text: str, rel: str, draft: Draft, item_id: str) -> Any:
    """The domain item the text gives, read back the way the check reads files."""
    source = parse_source(text, rel)
    kind = KINDS[draft.kind]
    fields, problems = validate(FIELDS_OF[kind], source.data, rel, source.line_of)
    if fields is None or problems:
        raise InvalidRoadmap(problems)
    place = {"goal": draft.group} if draft.kind == "milestone" else {"department": draft.group}
    extra = place if draft.kind != "goal" else {}
    return build(
        kind, fields, year=draft.year, id=item_id, description=source.body, source=item_source(source), **extra
    )


def _with(roadmap: m.Roadmap, year: m.Year, item: m.Goal | m.Milestone | m.KeyAction) -> m.Roadmap:
    """The roadmap with the item added to its year."""
    goals, milestones, actions = year.goals, year.milestones, year.actions
    if isinstance(item, m.Goal):
        goals = _added(goals, item)
    elif isinstance(item, m.Milestone):
        milestones = _added(milestones, item)
    else:
        actions = _added(actions, item)
    others = [y for y in roadmap.years if y.year != year.year]
    changed = m.Year(year.year, goals, milestones, actions)
    return m.Roadmap(roadmap.settings, tuple(sorted([*others, changed], key=attrgetter("year"))))


def _added(items: tuple[T, ...], item: T) -> tuple[T, ...]:
    together = list(items)
    together.append(item)
    together.sort(key=lambda i: i.source.path)
    return tuple(together)


def _refuse_taken(content: Path, inner: str, rel: str, year: m.Year, kind: str, item_id: str) -> None:
    if path_kind(content / inner) is not None:
        raise Refused(f"{rel}: expected a new file, got one already there; pass another --id or edit that file")
    same: tuple[m.Goal | m.Milestone, ...] = (
        year.goals if kind == "goal" else year.milestones if kind == "milestone" else ()
    )
    other = next((i.source.path for i in same if i.id == item_id), None)
    if other:
        raise Refused(f"id: expected a {kind} id unused in {year.year}, got '{item_id}', the id of {other}; pass --id")


def _refuse_full(roadmap: m.Roadmap, year: m.Year, draft: Draft) -> None:
    """Refuse an item over a limit, with the current usage and where there is still room."""
    usage = year_usage(roadmap, year)
    if draft.kind == "goal" and usage.goals >= usage.goals_limit:
        rooms = years_with_room(roadmap, year.year) or "none"
        ids = named(sorted(g.id for g in year.goals))
        raise Refused(
            f"goals: {year.year} has {usage.goals}/{usage.goals_limit} goals (limit reached): {ids}; years with room: "
            f"{rooms}; pass --year, or merge goals"
        )
    if draft.kind == "milestone":
        _refuse_milestone(year, draft.group, usage.milestones_range[1], usage.milestones_per_goal)
    if draft.kind == "action":
        _refuse_action(roadmap, year, draft, usage.actions_limit, usage.department_quarters)


def _refuse_milestone(year: m.Year, goal: str, high: int, counts: dict[str, int]) -> None:
    if goal not in counts:
        goals = named(sorted(counts)) or "none yet: add one with `roadmap new goal`"
        raise Refused(f"goal: expected a goal of {year.year} ({goals}), got '{goal}'; pass --goal")
    if counts[goal] >= high:
        ids = named(sorted(ms.id for ms in year.milestones if ms.goal == goal))
        rooms = ", ".join(f"{g}: {high - n} free" for g, n in sorted(counts.items()) if n < high) or "none"
        raise Refused(
            f"milestones: goal '{goal}' has {counts[goal]}/{high} milestones in {year.year} (limit reached): {ids}; "
            f"goals with room: {rooms}; pass another --goal, or merge milestones"
        )


def _refuse_action(
    roadmap: m.Roadmap, year: m.Year, draft: Draft, limit: int, used: dict[tuple[str, int], int]
) -> None:
    department = roadmap.settings.department(draft.group)
    if department is None:
        declared = ", ".join(d.id for d in roadmap.settings.departments)
        raise Refused(f"department: expected one declared in roadmap.yml ({declared}), got '{draft.group}'")
    written = str(dict(draft.fields).get("quarter"))
    if written not in QUARTERS:
        return  # the field's own check reports it
    quarter = int(written[1:])
    if used.get((draft.group, quarter), 0) >= limit:
        ids = named(sorted(a.id for a in year.actions if a.department == draft.group and a.quarter == quarter))
        rooms = quarters_with_room({q: used.get((draft.group, q), 0) for q in (1, 2, 3, 4)}, limit, but=quarter)
        raise Refused(
            f"quarter: {department.name} has {limit}/{limit} key actions in Q{quarter} {year.year} (limit reached): "
            f"{ids}; quarters with room: {rooms or 'none'}; pass another --quarter"
        )
