"""The method's limits as rules: goals a year, milestones a goal, key actions a department-quarter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from ..errors import Problem
from ..model import KeyAction, Roadmap
from ..model.values import fold
from .limit_usage import quarters_with_room, years_with_room

MAX_NAMED = 6
"""Files a limit message names; the rest are counted, so a message stays short however many files break a limit
(every file is in the problem's `related`)."""


def named(paths: list[str]) -> str:
    """The first few of a list of names or paths and how many more: messages stay short however many there are."""
    rest = len(paths) - MAX_NAMED
    return ", ".join(paths[:MAX_NAMED]) + (f" and {rest:,} more" if rest > 0 else "")


def goals_per_year(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """A year has at most `goals_per_year` goals."""
    limit = roadmap.settings.limits.goals_per_year
    for year in roadmap.years:
        if len(year.goals) > limit:
            paths = [g.source.path for g in year.goals]
            rooms = years_with_room(roadmap, year.year)
            fix = f"merge goals or move one to a year with room ({rooms})" if rooms else "merge goals or drop one"
            yield Problem(
                paths[-1],
                1,
                "goals",
                f"expected at most {limit} goals in {year.year}, got {len(paths):,}: {named(paths)}; {fix}",
                "goals-per-year",
                tuple(paths),
            )


def milestones_per_goal(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """Each goal has between the minimum and maximum number of milestones."""
    limits = roadmap.settings.limits
    low, high = limits.min_milestones_per_goal, limits.max_milestones_per_goal
    for year in roadmap.years:
        by_goal: dict[str, list[str]] = defaultdict(list)
        for milestone in year.milestones:
            by_goal[milestone.goal].append(milestone.source.path)
        for goal in year.goals:
            paths = sorted(by_goal.get(goal.id, ()))
            if len(paths) > high:
                yield Problem(
                    paths[-1],
                    1,
                    "milestones",
                    f"expected at most {high} milestones for goal '{goal.id}', got {len(paths):,}: {named(paths)}; "
                    "merge or remove one",
                    "milestones-per-goal",
                    tuple(paths),
                )
            elif len(paths) < low:
                found = f": {named(paths)}" if paths else ""
                yield Problem(
                    goal.source.path,
                    1,
                    "milestones",
                    f"expected at least {low} milestones in {year.year}/milestones/{goal.id}/, got "
                    f"{len(paths)}{found}; add milestones that show the goal is on track",
                    "milestones-per-goal",
                    tuple(paths),
                )


def department_index(roadmap: Roadmap) -> dict[str, str]:
    return {fold(d.id): d.id for d in roadmap.settings.departments}


def actions_per_department_quarter(roadmap: Roadmap, as_of: date) -> Iterator[Problem]:
    """A department takes on at most `actions_per_department_per_quarter` key actions a quarter."""
    limit = roadmap.settings.limits.actions_per_department_per_quarter
    index = department_index(roadmap)
    for year in roadmap.years:
        groups: dict[tuple[str, int], list[KeyAction]] = defaultdict(list)
        for action in year.actions:
            groups[(index.get(fold(action.department), fold(action.department)), action.quarter)].append(action)
        for (department, quarter), actions in sorted(groups.items()):
            if len(actions) > limit:
                actions.sort(key=lambda a: a.source.path)
                paths = [a.source.path for a in actions]
                last = actions[-1]
                used = {q: len(groups.get((department, q), ())) for q in (1, 2, 3, 4)}
                rooms = quarters_with_room(used, limit, but=quarter)
                fix = f"move one to a quarter with room ({rooms}) or drop it" if rooms else "drop one"
                known = roadmap.settings.department(department)
                yield Problem(
                    last.source.path,
                    last.source.line_of("quarter"),
                    "quarter",
                    f"expected at most {limit} key actions for {known.name if known else department} in Q{quarter} "
                    f"{year.year}, got {len(paths):,}: {named(paths)}; {fix}",
                    "actions-per-department-quarter",
                    tuple(paths),
                )
