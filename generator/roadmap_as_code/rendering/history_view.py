"""One year's history as the pages show it: lines of change, weeks, freshness and the quarter's look back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from ..history import Change, History, ItemHistory
from ..measuring.metrics import YearMetrics
from ..model import Goal, KeyAction, Milestone
from ..model.calendar import quarter_bounds
from .dates import day_words
from .history_facts import item_key
from .history_words import ago, change_words, week_label
from .page_paths import Paths

FULL_WEEKS = 13  # the "What changed" page lists this many weeks in full; older ones point to history.json
WEEK_LINES = 10  # and at most this many lines of one week (a 2,000-commit history stays a small page)
ITEM_LINES = 10  # a milestone's History section: its newest changes
ADDED_LINES = 3  # a check-in adding more items than this (a plan written at once) is one line on the page
_KIND_WORDS = {
    "goal": ("goal", "goals"),
    "milestone": ("milestone", "milestones"),
    "action": ("key action", "key actions"),
}


@dataclass(frozen=True)
class ChangeLine:
    """One change as a line of a page: which item, what happened in words, who and in which commit."""

    day: date
    title: str  # the item's title today (its id when it is gone)
    page: str | None  # the site path of its page (a key action's: its department's)
    words: str
    author: str
    commit: str  # the short commit id
    url: str | None  # the commit's page on the repository's web host
    pull_request: int | None


@dataclass(frozen=True)
class Week:
    """One ISO week's lines, newest first."""

    label: str
    lines: tuple[ChangeLine, ...]
    more: int  # lines of the week left out


@dataclass(frozen=True)
class Stale:
    """Work in progress nobody updated for a while."""

    title: str
    page: str
    kind: str  # 'milestone' or 'key action'
    updated: str  # 'last updated 45 days ago, by Ana Ruiz'


class YearHistory:
    """The plan's history of one year's items, with the words and links the pages print."""

    def __init__(self, history: History, metrics: YearMetrics, paths: Paths) -> None:
        self.history, self.m, self.year = history, metrics, metrics.year.year
        self.as_of = metrics.as_of
        self.stale_after = metrics.roadmap.settings.stale_after_days
        year = metrics.year
        self.places: dict[str, tuple[str, str]] = {self.key(g): (g.title, paths.goal(g.year, g.id)) for g in year.goals}
        self.places |= {self.key(m): (m.title, paths.milestone(m.year, m.id)) for m in year.milestones}
        self.places |= {self.key(a): (a.title, paths.department(a.year, a.department)) for a in year.actions}
        self.items = sorted((i for i in history.items.values() if i.year == self.year), key=lambda i: i.path)

    def key(self, item: Goal | Milestone | KeyAction) -> str:
        return item_key(self.m.roadmap, item.source.path)

    @property
    def shallow_since(self) -> date | None:
        return self.history.shallow_since

    def line(self, item: ItemHistory, change: Change) -> ChangeLine:
        title, page = self.places.get(item.path, (item.id, None))
        commit = change.commit
        url = self.history.commit_url(commit)
        return ChangeLine(
            commit.day,
            title,
            page,
            change_words(change),
            commit.author,
            commit.short,
            url if url and url.startswith(("https://", "http://")) else None,
            commit.pull_request,
        )

    @staticmethod
    def _changes(items: list[ItemHistory]) -> list[tuple[Change, ItemHistory]]:
        """Each change of these items, newest first (ties: by path, then as derived)."""
        found = [(c, item) for item in items for c in item.changes]
        found.sort(key=lambda pair: (-pair[0].commit.timestamp, pair[1].path))
        return found

    def weeks(self) -> tuple[list[Week], int, int]:
        """The newest FULL_WEEKS weeks with changes, newest first; and the changes and weeks left out."""
        grouped: dict[tuple[int, int], list[tuple[Change, ItemHistory]]] = defaultdict(list)
        for change, item in self._changes(self.items):
            iso = change.commit.day.isocalendar()
            grouped[(iso.year, iso.week)].append((change, item))
        keys = sorted(grouped, reverse=True)
        weeks = []
        for k in keys[:FULL_WEEKS]:
            lines = self._week_lines(grouped[k])
            weeks.append(
                Week(
                    week_label(grouped[k][0][0].commit.day), tuple(lines[:WEEK_LINES]), max(0, len(lines) - WEEK_LINES)
                )
            )
        older = keys[FULL_WEEKS:]
        return weeks, sum(len(grouped[k]) for k in older), len(older)

    def _week_lines(self, pairs: list[tuple[Change, ItemHistory]]) -> list[ChangeLine]:
        """A week's lines; the items one check-in added in bulk (a plan written at once) are one line."""
        added: dict[str, list[ItemHistory]] = defaultdict(list)
        for change, item in pairs:
            if change.kind == "added":
                added[change.commit.id].append(item)
        lines, summarised = [], set()
        for change, item in pairs:
            bulk = added[change.commit.id] if change.kind == "added" else []
            if len(bulk) <= ADDED_LINES:
                lines.append(self.line(item, change))
            elif change.commit.id not in summarised:
                summarised.add(change.commit.id)
                counts = [(kind, sum(1 for i in bulk if i.kind == kind)) for kind in _KIND_WORDS]
                parts = ", ".join(f"{n} {_KIND_WORDS[kind][n != 1]}" for kind, n in counts if n)
                line = self.line(item, change)
                lines.append(replace(line, title=f"{len(bulk)} items", page=None, words=f"added: {parts}"))
        return lines

    def of(self, path: str) -> tuple[list[ChangeLine], int]:
        """An item's newest ITEM_LINES changes as lines, newest first, and how many older ones are left out."""
        item = self.history.of(path)
        found = self._changes([item]) if item else []
        return [self.line(i, c) for c, i in found[:ITEM_LINES]], max(0, len(found) - ITEM_LINES)

    def last(self, paths: list[str]) -> Change | None:
        """The newest change of any of these items."""
        found = [c for p in paths if (item := self.history.of(p)) and (c := item.last_change)]
        return max(found, key=lambda c: c.commit.timestamp, default=None)

    def _days(self, change: Change) -> int:
        return max(0, (self.as_of - change.commit.day).days)

    def updated(self, paths: list[str], capital: bool = True) -> str:
        """'Last updated 45 days ago (6 Oct 2026), by Ana Ruiz'; '' when no commit read touched them."""
        change = self.last(paths)
        if change is None:
            return ""
        when = ago(self._days(change))
        text = f"last updated {when} ({day_words(change.commit.day)}), by {change.commit.author}"
        return text[0].upper() + text[1:] if capital else text

    def is_stale(self, path: str, status: str) -> bool:
        change = self.last([path])
        return status == "in-progress" and change is not None and self._days(change) >= self.stale_after

    def milestone_updated(self, m: Milestone) -> tuple[str, bool]:
        """The milestone's 'Last updated …' line, and whether it is stale."""
        path = self.key(m)
        return self.updated([path]), self.is_stale(path, m.status)

    def goal_updated(self, goal: Goal) -> str:
        """When the goal or one of its milestones last changed."""
        return self.updated([self.key(goal)] + [self.key(m) for m in self.m.year.milestones_of(goal.id)])

    def stale(self) -> list[Stale]:
        """Milestones and key actions in progress not updated for stale_after days or more, longest first."""
        work: list[tuple[str, str, str]] = [(self.key(m), m.status, "milestone") for m in self.m.year.milestones]
        work += [(self.key(a), a.status, "key action") for a in self.m.year.actions]
        found = []
        for path, status, kind in work:
            if self.is_stale(path, status):
                change = self.last([path])
                title, page = self.places[path]
                found.append(
                    (
                        change.commit.timestamp if change else 0,
                        path,
                        Stale(title, page, kind, self.updated([path], False)),
                    )
                )
        return [s for _, _, s in sorted(found)]

    def moved_from(self, action: KeyAction) -> str | None:
        """'Q2' when the key action's last quarter change moved it into its quarter."""
        item = self.history.of(self.key(action))
        moves = item.of_kind("quarter") if item else ()
        return moves[-1].before if moves and moves[-1].after == f"Q{action.quarter}" else None

    def look_back(self, quarter: int) -> dict[str, list[ChangeLine]] | None:
        """What slipped, was added and was dropped during the quarter (by commit day); None before it starts."""
        start, last = quarter_bounds(self.year, quarter)
        if start > self.as_of:
            return None
        work = [i for i in self.items if i.kind in ("milestone", "action")]
        added = [c.commit.timestamp for i in self.items for c in i.of_kind("added")]
        plan = min(added, default=None)  # the commit that first wrote the year's plan: its items are the plan
        out: dict[str, list[ChangeLine]] = {"slipped": [], "added": [], "dropped": []}
        for change, item in reversed(self._changes(work)):
            if not start <= change.commit.day <= last:
                continue
            if change.kind in ("due", "quarter") and (change.days or 0) > 0:
                out["slipped"].append(self.line(item, change))
            elif change.kind == "added" and change.commit.timestamp != plan:
                out["added"].append(self.line(item, change))
            elif change.kind == "removed":
                out["dropped"].append(self.line(item, change))
        return out
