"""Cross-file rules of the method: one small function each, yielding located problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from difflib import get_close_matches

from ..errors import Problem
from ..model import Goal, KeyAction, Milestone, Roadmap, Status
from ..model.calendar import quarter_bounds
from ..model.reserved import RESERVED_IDS
from ..model.values import fold
from .limit_rules import (
    actions_per_department_quarter,
    department_index,
    goals_per_year,
    milestones_per_goal,
    named,
)

Rule = Callable[[Roadmap, date], Iterator[Problem]]
# A "did you mean" compares a reference with every milestone id of its year. Suggestions stop once a year has spent
# this many comparisons, so thousands of unknown references cost linear time (each still gets its problem).
HINT_COMPARISONS = 100_000


def departments_declared(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """Action folders name a department declared in roadmap.yml, spelled as declared."""
    index = department_index(roadmap)
    declared = ", ".join(d.id for d in roadmap.settings.departments)
    for year in roadmap.years:
        for action in year.actions:
            known = index.get(fold(action.department))
            if known is None:
                yield Problem(
                    action.source.path,
                    1,
                    "department",
                    f"expected a department declared in roadmap.yml ({declared}), got '{action.department}'; declare "
                    "it or move the file",
                    "departments-declared",
                )
            elif known != action.department:
                yield Problem(
                    action.source.path,
                    1,
                    "department",
                    f"expected the folder to be named '{known}' as declared in roadmap.yml, got '{action.department}'",
                    "departments-declared",
                )


def departments_unique(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """Departments in roadmap.yml have distinct ids and names, compared after normalisation."""
    seen: dict[str, tuple[str, int]] = {}
    source = roadmap.settings.source
    for i, department in enumerate(roadmap.settings.departments):
        for field, value in (("id", department.id), ("name", department.name)):
            key = f"{field}:{fold(value)}"
            line = source.line_of("departments", i)
            if key in seen:
                first, first_line = seen[key]
                yield Problem(
                    source.path,
                    line,
                    f"departments.{i}.{field}",
                    f"expected a distinct department {field}, got '{value}', the same as '{first}' on line "
                    f"{first_line}",
                    "departments-unique",
                )
            else:
                seen[key] = (value, line)


def milestone_ids_unique(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """A milestone id names one milestone in its year, across all goals."""
    for year in roadmap.years:
        first: dict[str, Milestone] = {}
        for milestone in sorted(year.milestones, key=lambda m: m.source.path):
            if milestone.id in first:
                other = first[milestone.id].source.path
                yield Problem(
                    milestone.source.path,
                    1,
                    "id",
                    f"expected a milestone id unique in {year.year}, got '{milestone.id}', also used by {other}; "
                    "rename one file",
                    "unique-ids",
                    (other,),
                )
            else:
                first[milestone.id] = milestone


def ids_not_reserved(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """No id is a name the site gives its own pages (`index`), which the item's page would replace."""
    source = roadmap.settings.source
    for i, department in enumerate(roadmap.settings.departments):
        if department.id in RESERVED_IDS:
            yield Problem(
                source.path,
                source.line_of("departments", i),
                f"departments.{i}.id",
                f"{_reserved(department.id)}; rename the department (and its folder under actions/)",
                "reserved-ids",
            )
    for year in roadmap.years:
        items: tuple[Goal | Milestone | KeyAction, ...] = (*year.goals, *year.milestones, *year.actions)
        for item in items:
            if item.id in RESERVED_IDS:
                yield Problem(item.source.path, 1, "id", f"{_reserved(item.id)}; rename the file", "reserved-ids")


def _reserved(name: str) -> str:
    return f"expected a name other than '{name}' (reserved for {RESERVED_IDS[name]}), got '{name}'"


def milestone_goal_exists(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """Each milestones/<goal-id>/ folder names a goal of the same year."""
    for year in roadmap.years:
        goals = {g.id for g in year.goals}
        for milestone in year.milestones:
            if milestone.goal not in goals:
                yield Problem(
                    milestone.source.path,
                    1,
                    "goal",
                    f"expected a folder named after a goal of {year.year} "
                    f"({named(sorted(goals)) or 'none yet'}), got '{milestone.goal}'",
                    "references",
                )


def references_resolve(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """`supports` and `depends_on` name milestones of the same year."""
    for year in roadmap.years:
        ids = {m.id for m in year.milestones}
        known, budget = sorted(ids), HINT_COMPARISONS
        for item, field, refs in [(m, "depends_on", m.depends_on) for m in year.milestones] + [
            (a, "supports", a.supports) for a in year.actions
        ]:
            for i, ref in enumerate(refs):
                if ref not in ids:
                    close = get_close_matches(ref, known, n=1, cutoff=0.6) if budget >= len(known) else []
                    budget -= len(known)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    yield Problem(
                        item.source.path,
                        item.source.line_of(field, i),
                        field,
                        f"expected a milestone id of {year.year}, got '{ref}'{hint}",
                        "references",
                    )


def no_dependency_cycles(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """Milestone dependencies form no cycle."""
    for year in roadmap.years:
        by_id = {m.id: m for m in year.milestones}
        state: dict[str, int] = {}
        for start in sorted(by_id):
            yield from _walk(start, by_id, state)


def _walk(start: str, by_id: dict[str, Milestone], state: dict[str, int]) -> Iterator[Problem]:
    """Depth-first from start, without recursion: raised limits allow chains longer than Python's stack."""
    if state.get(start) == 2:
        return
    path, pending = [start], [iter(by_id[start].depends_on)]
    state[start] = 1
    while pending:
        node = next(pending[-1], None)
        if node is None:
            state[path.pop()] = 2
            pending.pop()
        elif node in by_id and state.get(node) == 1:
            cycle = [*path[path.index(node) :], node]
            first = by_id[cycle[0]]
            yield Problem(
                first.source.path,
                first.source.line_of("depends_on"),
                "depends_on",
                f"expected no dependency cycle, got {' -> '.join(cycle)}; remove one of these links",
                "no-cycles",
                tuple(by_id[c].source.path for c in cycle[:-1]),
            )
        elif node in by_id and state.get(node) is None:
            state[node] = 1
            path.append(node)
            pending.append(iter(by_id[node].depends_on))


def due_in_quarter(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """A milestone's due date falls inside its quarter of its year."""
    for year in roadmap.years:
        for m in year.milestones:
            first, last = quarter_bounds(m.year, m.quarter)
            if not first <= m.due <= last:
                yield Problem(
                    m.source.path,
                    m.source.line_of("due"),
                    "due",
                    f"expected a date in Q{m.quarter} {m.year} ({first} to {last}), got {m.due}; change the date or "
                    "the quarter",
                    "due-in-quarter",
                )


def completion_dates(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """`completed` is given exactly when status is completed, and is not in the future."""
    for year in roadmap.years:
        for m in year.milestones:
            src = m.source
            if m.status == Status.COMPLETED and m.completed is None:
                yield Problem(
                    src.path,
                    src.line_of("status"),
                    "completed",
                    "expected the completion date (completed: YYYY-MM-DD) when status is completed, got nothing",
                    "completion",
                )
            elif m.status != Status.COMPLETED and m.completed is not None:
                yield Problem(
                    src.path,
                    src.line_of("completed"),
                    "completed",
                    f"expected no completion date while status is {m.status}, got {m.completed}; set status: "
                    "completed or remove the date",
                    "completion",
                )
            if m.completed is not None and m.completed > as_of:
                yield Problem(
                    src.path,
                    src.line_of("completed"),
                    "completed",
                    f"expected a date on or before the as-of date {as_of}, got {m.completed}",
                    "completion",
                )


RULES: tuple[Rule, ...] = (
    goals_per_year,
    milestones_per_goal,
    actions_per_department_quarter,
    departments_declared,
    departments_unique,
    milestone_ids_unique,
    ids_not_reserved,
    milestone_goal_exists,
    references_resolve,
    no_dependency_cycles,
    due_in_quarter,
    completion_dates,
)


def check_rules(roadmap: Roadmap, as_of: date) -> list[Problem]:
    """Every problem every rule finds."""
    return [problem for rule in RULES for problem in rule(roadmap, as_of)]
