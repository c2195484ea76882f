"""What a change does to the plan: two roadmaps (git revisions or the working tree) compared for reviewers.

Each side is read with the loader only (not the rules), so a broken side still shows what it holds;
its problems are listed briefly above the changes. See revisions.py for how a revision is read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional

from .model import Budget, Goal, KeyAction, Metric, Milestone, Settings, Year
from .revisions import DiffError, Side, load_sides
from .usage import YearUsage, year_usage

__all__ = ["DiffError", "Side", "diff_markdown", "md", "roadmap_diff"]

MAX_PROBLEMS = 5
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def md(value: object) -> str:
    """User text placed inline in Markdown so it renders literally, on one line."""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


# --- comparing ---------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None or value == ():
        return "none"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return f"{value:,}"
    return md(value)


def code(value: str) -> str:
    """An id as inline code; anything that is not a plain slug (a folder name the rules would reject) as escaped text."""
    return f"`{value}`" if _SLUG.fullmatch(value) else md(value)


def _ids(values: Iterable[str]) -> str:
    return ", ".join(code(v) for v in values)


def _number(value: Optional[float]) -> str:
    return "none" if value is None else f"{value:,}"


def _budget(budget: Optional[Budget], currency: str) -> str:
    if budget is None:
        return "none"
    return f"{_number(budget.planned)} {md(currency)} planned, {_number(budget.actual)} spent"


def _metric(metric: Optional[Metric]) -> str:
    if metric is None:
        return "none"
    return f"{md(metric.name)}: {_number(metric.baseline)} → {_number(metric.target)} {md(metric.unit)} (current {_number(metric.current)})"


def _list_change(name: str, before: Sequence[str], after: Sequence[str], as_ids: bool) -> Optional[str]:
    if tuple(before) == tuple(after):
        return None
    show = _ids if as_ids else (lambda items: ", ".join(f"“{md(i)}”" for i in items))
    added = [v for v in after if v not in before]
    removed = [v for v in before if v not in after]
    parts = ([f"added {show(added)}"] if added else []) + ([f"removed {show(removed)}"] if removed else [])
    return f"{name}: {'; '.join(parts) or ('reordered' if sorted(before) == sorted(after) else 'changed')}"


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _due_change(before: date, after: date) -> str:
    shift = (after - before).days
    return f"due: {before.isoformat()} → {after.isoformat()} (moved {_days(abs(shift))} {'later' if shift > 0 else 'earlier'})"


@dataclass
class Context:
    """What the field formatters need from the two sides: department names and the currency."""

    departments: dict[str, str] = field(default_factory=dict)
    currency: str = ""

    def department(self, department_id: str) -> str:
        return md(self.departments.get(department_id, department_id))


def _changes(pairs: Sequence[tuple[str, Any, Any, Callable[[Any], str]]]) -> list[str]:
    return [f"{name}: {show(b)} → {show(a)}" for name, b, a, show in pairs if b != a]


def _goal_changes(b: Goal, a: Goal, ctx: Context) -> list[str]:
    lines = _changes([("title", b.title, a.title, _text), ("owner", b.owner, a.owner, _text), ("metric", b.metric, a.metric, _metric)])
    return lines + (["description changed"] if b.description.strip() != a.description.strip() else [])


def _milestone_changes(b: Milestone, a: Milestone, ctx: Context) -> list[str]:
    lines = _changes([
        ("goal", b.goal, a.goal, code), ("title", b.title, a.title, _text),
        ("owner", b.owner, a.owner, _text), ("status", b.status, a.status, _text), ("health", b.health, a.health, _text),
        ("quarter", b.quarter, a.quarter, lambda q: f"Q{q}"),
    ])
    if b.due != a.due:
        lines.append(_due_change(b.due, a.due))
    lines += _changes([("completed", b.completed, a.completed, _text), ("budget", b.budget, a.budget, lambda v: _budget(v, ctx.currency)), ("metric", b.metric, a.metric, _metric)])
    for name, before, after, as_ids in (
        ("depends_on", b.depends_on, a.depends_on, True), ("success criteria", b.success_criteria, a.success_criteria, False),
        ("key tasks", b.key_tasks, a.key_tasks, False), ("risks", b.risks, a.risks, False),
    ):
        line = _list_change(name, before, after, as_ids)
        if line:
            lines.append(line)
    return lines + (["description changed"] if b.description.strip() != a.description.strip() else [])


def _action_changes(b: KeyAction, a: KeyAction, ctx: Context) -> list[str]:
    lines = _changes([
        ("department", b.department, a.department, ctx.department), ("title", b.title, a.title, _text),
        ("owner", b.owner, a.owner, _text), ("status", b.status, a.status, _text), ("quarter", b.quarter, a.quarter, lambda q: f"Q{q}"),
    ])
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
    health = f", {m.health}" if m.health else ""
    return f"Q{m.quarter}, due {m.due.isoformat()}, owner {md(m.owner)}, {m.status}{health}"


def _action_label(k: KeyAction, ctx: Context) -> str:
    return f"key action {code(k.id)} ({ctx.department(k.department)}, Q{k.quarter})"


def _action_detail(k: KeyAction, ctx: Context) -> str:
    supports = f", supports {_ids(k.supports)}" if k.supports else ""
    return f"owner {md(k.owner)}, {k.status}{supports}"


def _pair(before: Sequence[Any], after: Sequence[Any], container: Callable[[Any], str]) -> list[tuple[Optional[Any], Optional[Any]]]:
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


def _item_lines(before: Optional[Year], after: Optional[Year], ctx: Context) -> list[str]:
    out: list[str] = []
    for kind in _KINDS:
        rows: list[str] = []
        for b, a in _pair(getattr(before, kind.attr, ()), getattr(after, kind.attr, ()), kind.container):
            if b is None:
                rows.append(f"- **Added** {kind.label(a, ctx)}: {md(a.title)} ({kind.detail(a, ctx)})")
            elif a is None:
                rows.append(f"- **Removed** {kind.label(b, ctx)}: {md(b.title)}")
            else:
                fields = kind.changes(b, a, ctx)
                if fields:
                    rows.append(f"- **Changed** {kind.label(a, ctx)}: {md(a.title)}")
                    rows += [f"  - {f}" for f in fields]
        if rows:
            out += [f"**{kind.title}**", "", *rows, ""]
    return out


# --- limit usage -------------------------------------------------------------------------------


def _mark(used: int, limit: int) -> str:
    if used > limit:
        return " (**over the limit**)"
    return " (limit reached)" if used == limit else ""


def _usage_lines(year: int, before: Optional[YearUsage], after: Optional[YearUsage], ctx: Context) -> list[str]:
    out = []
    if before is None or after is None or (before.goals, before.goals_limit) != (after.goals, after.goals_limit):
        b_goals = f"{before.goals}/{before.goals_limit}" if before else "none"
        a_goals = f"{after.goals}/{after.goals_limit}" if after else "none"
        out.append(f"- Goals in {year}: {b_goals} → {a_goals}{_mark(after.goals, after.goals_limit) if after else ''}")
    b_goal = before.milestones_per_goal if before else {}
    a_goal = after.milestones_per_goal if after else {}
    for goal in sorted(b_goal.keys() | a_goal.keys()):
        old, new = b_goal.get(goal), a_goal.get(goal)
        if old != new and after is not None:
            low, high = after.milestones_range
            mark = " (**over the limit**)" if new is not None and new > high else " (**below the minimum**)" if new is not None and new < low else " (limit reached)" if new == high else ""
            out.append(f"- Milestones of goal {code(goal)} in {year}: {_text(old)} → {_text(new)}, allowed {low}–{high}{mark}")
    b_dq = before.department_quarters if before else {}
    a_dq = after.department_quarters if after else {}
    limit_before = before.actions_limit if before else None
    for key in sorted(b_dq.keys() | a_dq.keys()):
        old, new = b_dq.get(key, 0), a_dq.get(key, 0)
        if (old != new or limit_before != (after.actions_limit if after else None)) and after is not None:
            department, quarter = key
            old_text = f"{old}/{limit_before}" if limit_before is not None else "none"
            out.append(f"- {ctx.department(department)} Q{quarter} {year}: {old_text} → {new}/{after.actions_limit}{_mark(new, after.actions_limit)}")
    return out


# --- settings and the whole report -------------------------------------------------------------


def _settings_lines(before: Optional[Settings], after: Optional[Settings]) -> list[str]:
    if before is None or after is None:
        return []
    lines = _changes([("organisation", before.organisation, after.organisation, _text), ("currency", before.currency, after.currency, _text)])
    for name in ("goals_per_year", "min_milestones_per_goal", "max_milestones_per_goal", "actions_per_department_per_quarter"):
        old, new = getattr(before.limits, name), getattr(after.limits, name)
        if old != new:
            lines.append(f"limit {name.replace('_', ' ')}: {old} → {new}")
    old_d = {d.id: d for d in before.departments}
    new_d = {d.id: d for d in after.departments}
    for dept_id in sorted(old_d.keys() | new_d.keys()):
        b, a = old_d.get(dept_id), new_d.get(dept_id)
        if b is None and a is not None:
            lines.append(f"department added: {code(dept_id)} ({md(a.name)}, lead {_text(a.lead)})")
        elif a is None and b is not None:
            lines.append(f"department removed: {code(dept_id)} ({md(b.name)})")
        elif a is not None and b is not None:
            lines += [f"department {code(dept_id)} {c}" for c in _changes([("name", b.name, a.name, _text), ("lead", b.lead, a.lead, _text)])]
    return [f"- {line}" for line in lines]


def _problem_lines(side: Side) -> list[str]:
    lines = [f"{md(side.label)} {side.note}; it counts as empty.", ""] if side.note else []
    if not side.problems:
        return lines
    count = len(side.problems)
    scope = "" if side.note else "; the changes below cover the files that read cleanly"
    lines += [f"{md(side.label)}: {count} problem{'' if count == 1 else 's'} while reading{scope}:", ""]
    lines += [f"- {md(str(p))}" for p in side.problems[:MAX_PROBLEMS]]
    if count > MAX_PROBLEMS:
        lines.append(f"- … and {count - MAX_PROBLEMS} more (run `roadmap check`)")
    return lines + [""]


def _context(base: Side, head: Side) -> Context:
    ctx = Context()
    for side in (base, head):
        if side.roadmap:
            ctx.departments.update({d.id: d.name for d in side.roadmap.settings.departments})
            ctx.currency = side.roadmap.settings.currency
    return ctx


def diff_markdown(base: Side, head: Side) -> str:
    """The reviewers' summary of what changes from base to head, as Markdown."""
    ctx = _context(base, head)
    out = ["### Roadmap changes", "", f"From {md(base.label)} to {md(head.label)}.", ""]
    out += _problem_lines(base) + _problem_lines(head)
    settings = _settings_lines(base.roadmap.settings if base.roadmap else None, head.roadmap.settings if head.roadmap else None)
    body: list[str] = ["#### Settings", "", *settings, ""] if settings else []
    years = sorted({y.year for s in (base, head) if s.roadmap for y in s.roadmap.years})
    for number in years:
        before = base.roadmap.year(number) if base.roadmap else None
        after = head.roadmap.year(number) if head.roadmap else None
        items = _item_lines(before, after, ctx)
        usage = _usage_lines(
            number,
            year_usage(base.roadmap, before) if base.roadmap and before else None,
            year_usage(head.roadmap, after) if head.roadmap and after else None,
            ctx,
        )
        if items or usage:
            body += [f"#### {number}", "", *items]
            body += ["**Limit usage** (before → after)", "", *usage, ""] if usage else []
    out += body or ["No roadmap changes.", ""]
    return "\n".join(out)


def roadmap_diff(root: Path, base: str, head: Optional[str] = None) -> str:
    """Compare the roadmap at two revisions of the repository holding root (head None: the working tree)."""
    return diff_markdown(*load_sides(root, base, head))
