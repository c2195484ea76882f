"""What changed in each goal, milestone and key action between two sides, as Markdown lines for reviewers."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from ..model import Budget, Goal, KeyAction, Metric, Milestone, Stakeholders, Year, label

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def md(value: object) -> str:
    """User text placed inline in Markdown so it renders literally, on one line."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def shown(value: object) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return f"{value:,}"
    return md(value)


def code(value: str) -> str:
    """An id as inline code; anything not a plain slug (a folder name the rules reject) as escaped text."""
    return f"`{value}`" if _SLUG.fullmatch(value) else md(value)


def _ids(values: Iterable[str]) -> str:
    return ", ".join(code(v) for v in values)


def _number(value: float | None) -> str:
    return "none" if value is None else f"{value:,}"


def _budget(budget: Budget | None, currency: str) -> str:
    if budget is None:
        return "none"
    return f"{_number(budget.planned)} {md(currency)} planned, {_number(budget.actual)} spent"


def _metric(metric: Metric | None) -> str:
    if metric is None:
        return "none"
    return (
        f"{md(metric.name)}: {_number(metric.baseline)} → {_number(metric.target)} {md(metric.unit)} (current "
        f"{_number(metric.current)})"
    )


def _stakeholders(contacts: Stakeholders | None) -> str:
    if contacts is None:
        return "none"
    return f"primary {md(contacts.primary)}, secondary {shown(contacts.secondary)}"


def _list_change(name: str, before: Sequence[str], after: Sequence[str], as_ids: bool) -> str | None:
    if tuple(before) == tuple(after):
        return None
    show = _ids if as_ids else (lambda items: ", ".join(f"“{md(i)}”" for i in items))
    added = [v for v in after if v not in before]
    removed = [v for v in before if v not in after]
    parts = ([f"added {show(added)}"] if added else []) + ([f"removed {show(removed)}"] if removed else [])
    return f"{name}: {'; '.join(parts) or ('reordered' if sorted(before) == sorted(after) else 'changed')}"


def _term(value: str | None) -> str:
    """A status or health as the site labels it ("In progress", "At risk"), "none" when unset."""
    return "none" if value is None else label(value)


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _due_change(before: date, after: date) -> str:
    shift = (after - before).days
    return (
        f"due: {before.isoformat()} → {after.isoformat()} (moved {_days(abs(shift))} "
        f"{'later' if shift > 0 else 'earlier'})"
    )


@dataclass
class Context:
    """What the field formatters need from the two sides: department names and the currency."""

    departments: dict[str, str] = field(default_factory=dict)
    currency: str = ""

    def department(self, department_id: str) -> str:
        return md(self.departments.get(department_id, department_id))


def field_changes(pairs: Sequence[tuple[str, Any, Any, Callable[[Any], str]]]) -> list[str]:
    return [f"{name}: {show(b)} → {show(a)}" for name, b, a, show in pairs if b != a]


def _goal_changes(b: Goal, a: Goal, ctx: Context) -> list[str]:
    lines = field_changes(
        [
            ("title", b.title, a.title, shown),
            ("owner", b.owner, a.owner, shown),
            ("metric", b.metric, a.metric, _metric),
        ]
    )
    return lines + (["description changed"] if b.description.strip() != a.description.strip() else [])


def _milestone_changes(b: Milestone, a: Milestone, ctx: Context) -> list[str]:
    lines = field_changes(
        [
            ("goal", b.goal, a.goal, code),
            ("title", b.title, a.title, shown),
            ("owner", b.owner, a.owner, shown),
            ("status", b.status, a.status, _term),
            ("health", b.health, a.health, _term),
            ("quarter", b.quarter, a.quarter, lambda q: f"Q{q}"),
        ]
    )
    if b.due != a.due:
        lines.append(_due_change(b.due, a.due))
    lines += field_changes(
        [
            ("completed", b.completed, a.completed, shown),
            ("budget", b.budget, a.budget, lambda v: _budget(v, ctx.currency)),
            ("metric", b.metric, a.metric, _metric),
            ("stakeholders", b.stakeholders, a.stakeholders, _stakeholders),
        ]
    )
    for name, before, after, as_ids in (
        ("depends_on", b.depends_on, a.depends_on, True),
        ("success criteria", b.success_criteria, a.success_criteria, False),
        ("key tasks", b.key_tasks, a.key_tasks, False),
        ("risks", b.risks, a.risks, False),
    ):
        line = _list_change(name, before, after, as_ids)
        if line:
            lines.append(line)
    return lines + (["description changed"] if b.description.strip() != a.description.strip() else [])


def _action_changes(b: KeyAction, a: KeyAction, ctx: Context) -> list[str]:
    lines = field_changes(
        [
            ("department", b.department, a.department, ctx.department),
            ("title", b.title, a.title, shown),
            ("owner", b.owner, a.owner, shown),
            ("status", b.status, a.status, _term),
            ("quarter", b.quarter, a.quarter, lambda q: f"Q{q}"),
        ]
    )
    line = _list_change("supports", b.supports, a.supports, True)
    lines += [line] if line else []
    return lines + (["description changed"] if b.description.strip() != a.description.strip() else [])


def _goal_label(g: Goal, ctx: Context) -> str:
    return f"goal {code(g.id)}"


def _goal_detail(g: Goal, ctx: Context) -> str:
    return f"owner {md(g.owner)}"


def _milestone_label(m: Milestone, ctx: Context) -> str:
    return f"milestone {code(m.id)} (goal {code(m.goal)})"


def _milestone_detail(m: Milestone, ctx: Context) -> str:
    health = f", {_term(m.health)}" if m.health else ""
    return f"Q{m.quarter}, due {m.due.isoformat()}, owner {md(m.owner)}, {_term(m.status)}{health}"


def _action_label(k: KeyAction, ctx: Context) -> str:
    return f"key action {code(k.id)} ({ctx.department(k.department)}, Q{k.quarter})"


def _action_detail(k: KeyAction, ctx: Context) -> str:
    supports = f", supports {_ids(k.supports)}" if k.supports else ""
    return f"owner {md(k.owner)}, {_term(k.status)}{supports}"


def _pair(
    before: Sequence[Any], after: Sequence[Any], container: Callable[[Any], str]
) -> list[tuple[Any | None, Any | None]]:
    """Match items by (container, id); an id left once on each side has moved container."""
    old = {(container(x), x.id): x for x in before}
    new = {(container(x), x.id): x for x in after}
    pairs = [(old[k], new[k]) for k in old.keys() & new.keys()]
    gone = [k for k in old if k not in new]
    came = [k for k in new if k not in old]
    for key in list(gone):
        movers = [k for k in came if k[1] == key[1]]
        if len(movers) == 1 and sum(1 for k in gone if k[1] == key[1]) == 1:
            pairs.append((old[key], new[movers[0]]))
            gone.remove(key)
            came.remove(movers[0])
    pairs += [(old[k], None) for k in gone] + [(None, new[k]) for k in came]
    return sorted(pairs, key=lambda p: (container(p[1] or p[0]), (p[1] or p[0]).id))


class Unreadable(Protocol):
    """What to say of items whose file did not load at a side (comparing/unreadable.py's Unread)."""

    def instead_of_added(self, key: tuple[str, str, str]) -> str | None: ...
    def instead_of_removed(self, key: tuple[str, str, str]) -> str | None: ...
    def rows(self, kind: str, loaded: set[tuple[str, str, str]], ctx: Context) -> list[str]: ...


@dataclass(frozen=True)
class _Kind:
    title: str
    attr: str
    container: Callable[[Any], str]
    changes: Callable[[Any, Any, Context], list[str]]
    label: Callable[[Any, Context], str]
    detail: Callable[[Any, Context], str]


_KINDS = (
    _Kind("Goals", "goals", lambda g: "", _goal_changes, _goal_label, _goal_detail),
    _Kind("Milestones", "milestones", lambda m: m.goal, _milestone_changes, _milestone_label, _milestone_detail),
    _Kind("Key actions", "actions", lambda k: k.department, _action_changes, _action_label, _action_detail),
)


def item_lines(before: Year | None, after: Year | None, ctx: Context, unread: Unreadable | None = None) -> list[str]:
    """The year's changes by kind; an item whose file did not load at a side is unreadable there, not gone."""
    out: list[str] = []
    for kind in _KINDS:
        rows: list[str] = []
        olds, news = getattr(before, kind.attr, ()), getattr(after, kind.attr, ())
        for b, a in _pair(olds, news, kind.container):
            x: Any = a or b
            note = None
            if unread is not None and (a is None or b is None):
                key = (kind.attr, kind.container(x), x.id)
                note = unread.instead_of_added(key) if b is None else unread.instead_of_removed(key)
            if note:
                rows.append(f"- {kind.label(x, ctx)}: {md(x.title)}: {note}")
            elif b is None:
                assert a is not None, "_pair never pairs nothing with nothing"
                rows.append(f"- **Added** {kind.label(a, ctx)}: {md(a.title)} ({kind.detail(a, ctx)})")
            elif a is None:
                rows.append(f"- **Removed** {kind.label(b, ctx)}: {md(b.title)}")
            else:
                fields = kind.changes(b, a, ctx)
                if fields:
                    rows.append(f"- **Changed** {kind.label(a, ctx)}: {md(a.title)}")
                    rows += [f"  - {f}" for f in fields]
        if unread is not None:
            rows += unread.rows(kind.attr, {(kind.attr, kind.container(x), x.id) for x in (*olds, *news)}, ctx)
        if rows:
            out += [f"**{kind.title}**", "", *rows, ""]
    return out
