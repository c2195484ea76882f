"""What a change does to the plan: two roadmaps (git revisions or the working tree) compared for reviewers.

Each side is read with the loader only (not the rules), so a broken side still shows what it holds;
its problems are listed briefly above the changes. See revisions.py for how a revision is read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..checking.limit_usage import YearUsage, year_usage
from ..errors import printable
from ..model import LimitsFields, Settings
from .item_changes import Context, code, field_changes, item_lines, md, shown
from .revisions import DiffError, Side, load_sides
from .unreadable import Unread

__all__ = ["DiffError", "Side", "diff_markdown", "md", "roadmap_diff"]

MAX_PROBLEMS = 5


# --- limit usage -------------------------------------------------------------------------------


def _mark(used: int, limit: int) -> str:
    if used > limit:
        return " (**over the limit**)"
    return " (limit reached)" if used == limit else ""


def _unknown(mark: str, count: int) -> str:
    """A limit mark, or 'unknown' when unreadable files may count in that line."""
    return f" (unknown: {count} unreadable)" if count else mark


def _usage_lines(
    year: int, before: YearUsage | None, after: YearUsage | None, ctx: Context, unread: Unread | None = None
) -> list[str]:
    unknown = unread.unknown("after") if unread else Counter[tuple[str, str]]()
    out = []
    if before is None or after is None or (before.goals, before.goals_limit) != (after.goals, after.goals_limit):
        b_goals = f"{before.goals}/{before.goals_limit}" if before else "none"
        a_goals = f"{after.goals}/{after.goals_limit}" if after else "none"
        mark = _unknown(_mark(after.goals, after.goals_limit) if after else "", unknown["goals", ""])
        out.append(f"- Goals in {year}: {b_goals} → {a_goals}{mark}")
    b_goal = before.milestones_per_goal if before else {}
    a_goal = after.milestones_per_goal if after else {}
    for goal in sorted(b_goal.keys() | a_goal.keys()):
        old, new = b_goal.get(goal), a_goal.get(goal)
        if old != new and after is not None:
            low, high = after.milestones_range
            mark = (
                " (**over the limit**)"
                if new is not None and new > high
                else " (**below the minimum**)"
                if new is not None and new < low
                else " (limit reached)"
                if new == high
                else ""
            )
            mark = _unknown(mark, unknown["milestones", goal])
            out.append(
                f"- Milestones of goal {code(goal)} in {year}: {shown(old)} → {shown(new)}, allowed {low}–{high}{mark}"
            )
    b_dq = before.department_quarters if before else {}
    a_dq = after.department_quarters if after else {}
    limit_before = before.actions_limit if before else None
    for key in sorted(b_dq.keys() | a_dq.keys()):
        old, new = b_dq.get(key, 0), a_dq.get(key, 0)
        if (old != new or limit_before != (after.actions_limit if after else None)) and after is not None:
            department, quarter = key
            old_text = f"{old}/{limit_before}" if limit_before is not None else "none"
            mark = _unknown(_mark(new, after.actions_limit), unknown["actions", department])
            out.append(
                f"- {ctx.department(department)} Q{quarter} {year}: {old_text} → {new}/{after.actions_limit}{mark}"
            )
    return out


# --- settings and the whole report -------------------------------------------------------------


def _settings_lines(before: Settings | None, after: Settings | None) -> list[str]:
    if before is None or after is None:
        return []
    lines = field_changes(
        [
            ("organisation", before.organisation, after.organisation, shown),
            ("currency", before.currency, after.currency, shown),
        ]
    )
    for name in LimitsFields.model_fields:
        old, new = getattr(before.limits, name), getattr(after.limits, name)
        if old != new:
            lines.append(f"limit {name.replace('_', ' ')}: {old} → {new}")
    old_d = {d.id: d for d in before.departments}
    new_d = {d.id: d for d in after.departments}
    for dept_id in sorted(old_d.keys() | new_d.keys()):
        b, a = old_d.get(dept_id), new_d.get(dept_id)
        if b is None and a is not None:
            lines.append(f"department added: {code(dept_id)} ({md(a.name)}, lead {shown(a.lead)})")
        elif a is None and b is not None:
            lines.append(f"department removed: {code(dept_id)} ({md(b.name)})")
        elif a is not None and b is not None:
            lines += [
                f"department {code(dept_id)} {c}"
                for c in field_changes([("name", b.name, a.name, shown), ("lead", b.lead, a.lead, shown)])
            ]
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
    return [*lines, ""]


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
    settings = _settings_lines(
        base.roadmap.settings if base.roadmap else None, head.roadmap.settings if head.roadmap else None
    )
    body: list[str] = ["#### Settings", "", *settings, ""] if settings else []
    years = sorted({y.year for s in (base, head) if s.roadmap for y in s.roadmap.years})
    for number in years:
        before = base.roadmap.year(number) if base.roadmap else None
        after = head.roadmap.year(number) if head.roadmap else None
        unread = Unread(base.label, head.label, base.unreadable.get(number, {}), head.unreadable.get(number, {}))
        items = item_lines(before, after, ctx, unread)
        usage = _usage_lines(
            number,
            year_usage(base.roadmap, before) if base.roadmap and before else None,
            year_usage(head.roadmap, after) if head.roadmap and after else None,
            ctx,
            unread,
        )
        if items or usage:
            body += [f"#### {number}", "", *items]
            body += ["**Limit usage** (before → after)", "", *usage, ""] if usage else []
    out += body or ["No roadmap changes.", ""]
    # md() keeps text to one line and inert as Markdown; printable() keeps it valid UTF-8 and inert in a terminal.
    return "\n".join(printable(line) for line in out)


def roadmap_diff(root: Path | None, base: str, head: str | None = None) -> str:
    """Compare the roadmap at two revisions (head None: the working tree); root None: found from the current folder."""
    return diff_markdown(*load_sides(root, base, head))
