"""What the plan's history says about today's items: first due dates, completion days, quarter moves, metric trail.

History keys items by their path under the roadmap folder; the model knows each item's file by its path from the
repository's root. The track record and the goal charts read their facts from here.
"""

from __future__ import annotations

from datetime import date
from posixpath import dirname

from ..history import History, ItemHistory
from ..measuring.metrics import GoalProgress, YearMetrics
from ..measuring.track_record import ActionFacts, MilestoneFacts, RiskFacts
from ..model import KeyAction, Milestone, Roadmap
from .charts.figure import Chart
from .charts.history_charts import BurnItem, goal_burn_up, metric_trajectory


def item_key(roadmap: Roadmap, source_path: str) -> str:
    """An item's file (`source_path`, from the repository's root) as the history keys it: under the roadmap folder."""
    folder = dirname(roadmap.settings.source.path)
    return source_path[len(folder) + 1 :] if folder and source_path.startswith(folder + "/") else source_path


def trail_of(history: History, roadmap: Roadmap, source_path: str) -> ItemHistory | None:
    """The history of the item written at `source_path` (from the repository's root), if the history holds it."""
    return history.of(item_key(roadmap, source_path))


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a value as the file wrote it, which was not a date then
        return None


def first_due(milestone: Milestone, trail: ItemHistory | None) -> date:
    """The due date a milestone was first planned with: before its first due-date change, else its due date."""
    moves = trail.of_kind("due") if trail else ()
    return (_day(moves[0].before) if moves else None) or milestone.due


def completed_on(milestone: Milestone, trail: ItemHistory | None) -> date | None:
    """The day a completed milestone was completed: its `completed` date, else the check-in that completed it."""
    if milestone.status != "completed":
        return None
    if milestone.completed is not None:
        return milestone.completed
    done = [c for c in trail.of_kind("status") if c.after == "completed"] if trail else []
    return done[-1].commit.day if done else milestone.due  # no trace of when: taken as done by its due date


def milestone_facts(roadmap: Roadmap, history: History) -> list[MilestoneFacts]:
    """Every milestone of every year, with its first due date, completion day and slips."""
    out = []
    for year in roadmap.years:
        for m in year.milestones:
            trail = trail_of(history, roadmap, m.source.path)
            slips = trail.slips if trail else ()
            out.append(
                MilestoneFacts(
                    year=m.year,
                    first_due=first_due(m, trail),
                    completed_on=completed_on(m, trail),
                    slips=len(slips),
                    slip_days=sum(c.days or 0 for c in slips),
                )
            )
    return out


def risk_facts(roadmap: Roadmap, history: History) -> list[RiskFacts]:
    """Every risk the milestones named in the history: the day it was named and the day it was taken out.

    A risk the file held when it was added (no 'risk added' change of its own) was named that day.
    """
    out = []
    for year in roadmap.years:
        for m in year.milestones:
            trail = trail_of(history, roadmap, m.source.path)
            added = trail.of_kind("added") if trail else ()
            if trail is None or not added:
                continue
            start, named = added[0].commit.day, dict[str, date]()
            for change in trail.of_kind("risk-added", "risk-removed"):
                if change.kind == "risk-added" and change.after is not None:
                    named.setdefault(change.after, change.commit.day)
                elif change.kind == "risk-removed" and change.before is not None:
                    out.append(RiskFacts(m.year, named.pop(change.before, start), change.commit.day, m.due))
            for risk in m.risks:
                out.append(RiskFacts(m.year, named.pop(risk, start), None, m.due))
    return out


def _moved_later(action: KeyAction, trail: ItemHistory | None) -> bool:
    moves = trail.of_kind("quarter") if trail else ()
    first = moves[0].before if moves else None
    return bool(first and first[1:].isdigit() and action.quarter > int(first[1:]))


def action_facts(roadmap: Roadmap, history: History) -> list[ActionFacts]:
    """Every key action of every year: did it end in a later quarter than first planned, is it completed."""
    return [
        ActionFacts(
            year=a.year,
            department=a.department,
            moved_later=_moved_later(a, trail_of(history, roadmap, a.source.path)),
            completed=a.status == "completed",
        )
        for year in roadmap.years
        for a in year.actions
    ]


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:  # not a number at that commit: nothing to draw
        return None


def metric_trail(trail: ItemHistory | None, current: float | None = None) -> list[tuple[date, float, str]]:
    """A metric's `current` at each check-in that set it: day, value, value as written (the day's last wins).

    The first point is the value the item was added with (before its first change, else `current` as it stands).
    """
    changes = trail.of_kind("added", "metric") if trail else ()
    by_day: dict[date, tuple[float, str]] = {}
    moves = [c for c in changes if c.kind == "metric" and c.field in (None, "metric.current")]
    added = next((c for c in changes if c.kind == "added"), None)
    start = moves[0].before if moves else (None if current is None else repr(current).removesuffix(".0"))
    for day, text in ([(added.commit.day, start)] if added else []) + [(c.commit.day, c.after) for c in moves]:
        value = _number(text)
        if value is not None and text is not None:
            by_day[day] = (value, text)
    return [(day, value, text) for day, (value, text) in sorted(by_day.items())]


def _current(progress: GoalProgress) -> float | None:
    metric = progress.goal.metric
    return None if metric is None or metric.current is None else float(metric.current)


def goal_charts_over_year(
    metrics: YearMetrics, history: History | None, progress: GoalProgress, chart_id: str
) -> tuple[Chart | None, Chart | None]:
    """A goal's burn-up and its metric's trajectory: only with the history, and each only when there is one."""
    if history is None:
        return None, None
    roadmap, items = metrics.roadmap, []
    for state in progress.milestones:
        m = state.milestone
        trail = trail_of(history, roadmap, m.source.path)
        items.append(BurnItem(m.title, m.due, first_due(m, trail), completed_on(m, trail)))
    goal_trail = trail_of(history, roadmap, progress.goal.source.path)
    return (
        goal_burn_up(items, progress.goal.year, metrics.as_of, f"{chart_id}-burn-up"),
        metric_trajectory(
            progress, metric_trail(goal_trail, _current(progress)), metrics.as_of, f"{chart_id}-trajectory"
        ),
    )
