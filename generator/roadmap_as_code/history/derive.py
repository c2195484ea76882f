"""Per item, the dated changes that its file's snapshots show, commit after commit (oldest first).

A file that does not parse at a commit is "unreadable" there (its last readable values stand), never removed.
A field whose value has an unexpected shape (a file from before a schema change) is skipped with a note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model.values import SLUG
from ..reading.item_paths import item_place
from .snapshot import Snapshot
from .trail import Change, ChangeKind, Commit, ItemHistory, ItemKind

_KINDS: dict[str, ItemKind] = {"goals": "goal", "milestones": "milestone", "actions": "action"}
# The fields with a change kind of their own, and what a value of each must look like.
_EXPECTED = {
    "status": "a status word",
    "due": "a date like 2026-06-30",
    "health": "a health word",
    "quarter": "a quarter Q1 to Q4",
    "metric.current": "a number",
    "budget.actual": "a number",
    "risks": "a list of texts",
}
_KIND_OF: dict[str, ChangeKind] = {"metric.current": "metric", "budget.actual": "budget"}
_FIRST, _LAST = ("title", "owner"), ("body",)
QUARTER_DAYS = 91


def item_of(path: str) -> tuple[ItemKind, int, str] | None:
    """(kind, year, id) of a roadmap item's path under the folder; None for any other file, or an id not a slug."""
    place = item_place(path)
    if place is None or not SLUG.match(place.id):
        return None
    return _KINDS[place.folder], place.year, place.id


def _valid(name: str, value: Any) -> bool:
    if value is None:
        return True
    if name in ("metric.current", "budget.actual"):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "risks":
        return isinstance(value, list)
    if not isinstance(value, str):
        return False
    if name == "due":
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return len(value) == 10
    return name != "quarter" or value in ("Q1", "Q2", "Q3", "Q4")


def text(value: Any) -> str | None:
    """A value as the file wrote it, as text; None for nothing, a list or a mapping."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _shown(value: Any) -> str:
    return "a list or mapping" if isinstance(value, dict) else repr(value)


@dataclass
class _Item:
    path: str
    changes: list[Change] = field(default_factory=list)
    tracked: dict[str, Any] = field(default_factory=dict)  # the last readable value of each tracked field
    others: dict[str, Any] | None = None  # every other field (and the body's digest); None before a readable one
    readable: bool = True


class Deriver:
    """Feeds each commit's changed item files through; `items()` gives the histories by their newest path."""

    def __init__(self) -> None:
        self._items: dict[str, _Item] = {}
        self.notes: list[str] = []

    def added(self, commit: Commit, path: str, snap: Snapshot, baseline: bool = False) -> None:
        item = self._items.setdefault(path, _Item(path))
        if not baseline:
            item.changes.append(Change(commit, "added", path))
        self._update(item, commit, snap, silent=baseline)

    def removed(self, commit: Commit, path: str) -> None:
        item = self._items.setdefault(path, _Item(path))
        item.changes.append(Change(commit, "removed", path))

    def modified(self, commit: Commit, path: str, snap: Snapshot) -> None:
        self._update(self._items.setdefault(path, _Item(path)), commit, snap)

    def renamed(self, commit: Commit, old: str, new: str, snap: Snapshot) -> None:
        item = self._items.pop(old, None) or _Item(old)
        item.path = new
        item.changes.append(Change(commit, "renamed", new, before=old, after=new))
        self._items[new] = item
        self._update(item, commit, snap)

    def items(self) -> dict[str, ItemHistory]:
        out = {}
        for path in sorted(self._items):
            kind, year, ident = item_of(path) or ("goal", 0, path)
            out[path] = ItemHistory(kind, year, ident, path, tuple(self._items[path].changes))
        return out

    def _update(self, item: _Item, commit: Commit, snap: Snapshot, silent: bool = False) -> None:
        path = item.path
        if "problem" in snap:
            line, name, message = snap["problem"]
            if item.readable and not silent:
                note = f"{path}:{line}: {name}: {message}"
                item.changes.append(Change(commit, "unreadable", path, note=note))
            item.readable = False
            return
        if not item.readable and item.others is not None and not silent:
            item.changes.append(Change(commit, "readable", path))
        item.readable = True
        fields: dict[str, Any] = snap["fields"]
        tracked = dict(item.tracked)
        for name, expected in _EXPECTED.items():
            value = fields.get(name)
            if _valid(name, value):
                tracked[name] = value
            elif not silent:
                got = _shown(value)
                self.notes.append(f"{path} at {commit.short}: {name}: expected {expected}, got {got}; change skipped")
        others = {k: v for k, v in fields.items() if k not in _EXPECTED} | {"body": {"digest": snap["body"]}}
        if item.others is not None and not silent:
            item.changes += _tracked_changes(commit, path, item.tracked, tracked)
            item.changes += _edits(commit, path, item.others, others)
        item.tracked, item.others = tracked, others


def _tracked_changes(commit: Commit, path: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out = []
    for name in ("status", "due", "health", "metric.current", "budget.actual"):
        before, after = old.get(name), new.get(name)
        if before != after:
            days = None
            if name == "due" and before is not None and after is not None:
                days = (date.fromisoformat(after) - date.fromisoformat(before)).days
            kind = _KIND_OF.get(name, name)
            out.append(Change(commit, kind, path, name, text(before), text(after), days))  # type: ignore[arg-type]
    risks_before, risks_after = old.get("risks") or [], new.get("risks") or []
    out += [Change(commit, "risk-added", path, "risks", after=r) for r in risks_after if r not in risks_before]
    out += [Change(commit, "risk-removed", path, "risks", before=r) for r in risks_before if r not in risks_after]
    before, after = old.get("quarter"), new.get("quarter")
    if before != after:
        days = (int(after[1]) - int(before[1])) * QUARTER_DAYS if before and after else None
        out.append(Change(commit, "quarter", path, "quarter", before, after, days))
    return out


def _edits(commit: Commit, path: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    names = old.keys() | new.keys()
    order = [n for n in _FIRST if n in names]
    order += sorted(names - set(_FIRST) - set(_LAST)) + [n for n in _LAST if n in names]
    return [
        Change(commit, "edited", path, name, text(old.get(name)), text(new.get(name)))
        for name in order
        if old.get(name) != new.get(name)
    ]
