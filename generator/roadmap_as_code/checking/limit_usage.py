"""How close a roadmap is to each limit: the numbers authors and reviewers read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..model import Roadmap, Year

T = TypeVar("T")
LAST_YEAR = 2099
"""The last year a roadmap may plan (reading.tree.YEAR)."""
SHOWN_YEARS = 3


@dataclass(frozen=True)
class YearUsage:
    """One year's use of the limits."""

    year: int
    goals: int
    goals_limit: int
    milestones_per_goal: dict[str, int]
    milestones_range: tuple[int, int]
    department_quarters: dict[tuple[str, int], int]
    actions_limit: int

    def fullest(self) -> tuple[tuple[str, int], int] | None:
        """The department-quarter with the most key actions (first by name on ties)."""
        if not self.department_quarters:
            return None
        return min(self.department_quarters.items(), key=lambda item: (-item[1], item[0]))

    def as_dict(self) -> dict[str, object]:
        """Plain data for JSON output."""
        return {
            "year": self.year,
            "goals": {"used": self.goals, "limit": self.goals_limit},
            "milestones_per_goal": {
                "counts": dict(sorted(self.milestones_per_goal.items())),
                "min": self.milestones_range[0],
                "max": self.milestones_range[1],
            },
            "actions_per_department_quarter": {
                "limit": self.actions_limit,
                "counts": [
                    {"department": d, "quarter": f"Q{q}", "used": n}
                    for (d, q), n in sorted(self.department_quarters.items())
                ],
            },
        }


def year_usage(roadmap: Roadmap, year: Year) -> YearUsage:
    """Count one year's goals, milestones per goal and actions per department-quarter."""
    limits = roadmap.settings.limits
    per_goal = {goal.id: 0 for goal in year.goals}
    per_goal.update(Counter(m.goal for m in year.milestones))
    per_dq = dict(Counter((a.department, a.quarter) for a in year.actions))
    return YearUsage(
        year.year,
        len(year.goals),
        limits.goals_per_year,
        per_goal,
        (limits.min_milestones_per_goal, limits.max_milestones_per_goal),
        per_dq,
        limits.actions_per_department_per_quarter,
    )


def usage_line(roadmap: Roadmap, usage: YearUsage) -> str:
    """One line: goals used, milestones per goal, the fullest department-quarter."""
    counts = sorted(usage.milestones_per_goal.values())
    low, high = usage.milestones_range
    spread = (
        f"{counts[0]}-{counts[-1]}" if counts and counts[0] != counts[-1] else (str(counts[0]) if counts else "none")
    )
    parts = [f"goals {usage.goals}/{usage.goals_limit}", f"milestones per goal {spread} (allowed {low}-{high})"]
    fullest = usage.fullest()
    if fullest:
        (department, quarter), used = fullest
        known = roadmap.settings.department(department)
        parts.append(
            f"fullest department-quarter {known.name if known else department} Q{quarter} {used}/{usage.actions_limit}"
        )
    return f"{usage.year}: " + "; ".join(parts)


def with_room(used: Mapping[T, int], candidates: Iterable[T], limit: int) -> list[tuple[T, int]]:
    """The candidates still under a limit, each with how many places it has left."""
    return [(c, limit - used.get(c, 0)) for c in candidates if used.get(c, 0) < limit]


def quarters_with_room(used: Mapping[int, int], limit: int, but: int | None = None) -> str:
    """'Q2: 1 free, Q4: 3 free' for the quarters other than `but` with room, or '' when every one is full."""
    rooms = with_room(used, [q for q in (1, 2, 3, 4) if q != but], limit)
    return ", ".join(f"Q{quarter}: {free} free" for quarter, free in rooms)


def years_with_room(roadmap: Roadmap, year: int) -> str:
    """'2027: 1 free, 2028: 3 free': the later years with room for a goal, up to the first one not planned yet."""
    limit = roadmap.settings.limits.goals_per_year
    used = {y.year: len(y.goals) for y in roadmap.years}
    first_unplanned = next((y for y in range(year + 1, LAST_YEAR + 1) if y not in used), LAST_YEAR)
    rooms = with_room(used, range(year + 1, first_unplanned + 1), limit)[:SHOWN_YEARS]
    return ", ".join(f"{later}: {free} free" for later, free in rooms)
