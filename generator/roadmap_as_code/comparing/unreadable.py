"""Files that exist at a side but did not load: "unreadable at <side>", never Removed or Added.

A goal, milestone or key action whose file has a YAML mistake at one side is missing from that side's model;
compared naively it reads as removed (or added), and its goal's milestones as below the minimum. Its path
still says what it is (year, kind, goal or department, id), so it is reported by that instead, and the limit
lines it would count in say how many are unknown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import Problem
from ..model import Roadmap
from ..reading.item_paths import item_place
from .item_changes import Context, code, md

ItemKey = tuple[str, str, str]  # (kind: 'goals' | 'milestones' | 'actions', goal or department ('' for a goal), id)


def _key(path: str) -> tuple[int, ItemKey] | None:
    place = item_place(path)
    return None if place is None else (place.year, (place.folder, place.container, place.id))


def _loaded(roadmap: Roadmap | None) -> set[tuple[int, ItemKey]]:
    if roadmap is None:
        return set()
    found: set[tuple[int, ItemKey]] = set()
    for year in roadmap.years:
        found |= {(year.year, ("goals", "", g.id)) for g in year.goals}
        found |= {(year.year, ("milestones", m.goal, m.id)) for m in year.milestones}
        found |= {(year.year, ("actions", k.department, k.id)) for k in year.actions}
    return found


def unreadable_items(
    problems: Iterable[Problem], prefix: str, roadmap: Roadmap | None
) -> dict[int, dict[ItemKey, Problem]]:
    """By year, the items whose file has a problem and did not load, each with its first problem."""
    loaded = _loaded(roadmap)
    found: dict[int, dict[ItemKey, Problem]] = {}
    for problem in sorted(problems):
        if prefix and not problem.path.startswith(prefix):
            continue
        place = _key(problem.path[len(prefix) :])
        if place is not None and place not in loaded:
            found.setdefault(place[0], {}).setdefault(place[1], problem)
    return found


def _label(key: ItemKey, ctx: Context) -> str:
    kind, container, ident = key
    if kind == "goals":
        return f"goal {code(ident)}"
    if kind == "milestones":
        return f"milestone {code(ident)} (goal {code(container)})"
    return f"key action {code(ident)} ({ctx.department(container)})"


@dataclass(frozen=True)
class Unread:
    """One year's unreadable items at each side, and the sides' labels."""

    before_label: str
    after_label: str
    before: dict[ItemKey, Problem] = field(default_factory=dict)
    after: dict[ItemKey, Problem] = field(default_factory=dict)

    def _at(self, side: str, key: ItemKey) -> str | None:
        problem = (self.before if side == "before" else self.after).get(key)
        label = self.before_label if side == "before" else self.after_label
        return f"unreadable at {md(label)}: {md(str(problem))}" if problem else None

    def instead_of_added(self, key: ItemKey) -> str | None:
        """What to say of an item that loaded only at the after side, when its file was there before."""
        return self._at("before", key)

    def instead_of_removed(self, key: ItemKey) -> str | None:
        """What to say of an item that loaded only at the before side, when its file is still there."""
        return self._at("after", key)

    def rows(self, kind: str, loaded: set[ItemKey], ctx: Context) -> list[str]:
        """Items of a kind that loaded at neither side: broken at one (added or removed so) or broken at both."""
        out = []
        for key in sorted((self.before.keys() | self.after.keys()) - loaded):
            if key[0] != kind:
                continue
            before, after = self.before.get(key), self.after.get(key)
            if after is not None and (before is None or str(before) != str(after)):
                out.append(f"- {_label(key, ctx)}: {self._at('after', key)}")
            elif after is None and before is not None:
                out.append(f"- **Removed** {_label(key, ctx)} ({self._at('before', key)})")
        return out

    def unknown(self, side: str) -> Counter[tuple[str, str]]:
        """How many unreadable items each limit line counts at a side: ('goals', ''), ('milestones', goal), ..."""
        items = self.before if side == "before" else self.after
        return Counter((kind, container) for kind, container, _ in items)
