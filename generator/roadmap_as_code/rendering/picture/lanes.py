"""The two pictures of a year: goals with their milestones, departments with their key actions."""

from __future__ import annotations

from ...measuring.metrics import GoalProgress, MilestoneState, YearMetrics
from ...model import TERMS, Health, KeyAction
from ..dates import day_words
from ..page_paths import Paths
from ..safe_text import link
from .content import Card, Lane, Picture


def milestone_term(state: MilestoneState) -> str:
    """The status word a card is coloured by, from the one derivation (overdue replaces an open status)."""
    return state.status


def _health(state: MilestoneState) -> str | None:
    """A health worth a word of its own on the card: at risk or off track."""
    return state.health if state.health in (Health.AT_RISK, Health.OFF_TRACK) else None


def _milestone_card(state: MilestoneState, titles: dict[str, str], goal: str, paths: Paths, page: str) -> Card:
    m = state.milestone
    term = milestone_term(state)
    flag = _health(state)
    words = [TERMS[term].label] + ([TERMS[flag].label] if flag else [])
    depends = tuple(d for d in m.depends_on if d in titles)
    status = " · ".join(words) + (f" ({state.days_late} days late)" if state.days_late else "")
    tooltip = [m.title, f"Goal: {goal}", f"Q{m.quarter} {m.year}, due {m.due.isoformat()}", f"Status: {status}"]
    if depends:
        tooltip.append("Depends on: " + "; ".join(titles[d] for d in depends))
    return Card(
        key=m.id,
        title=m.title,
        meta=f"Due {day_words(m.due, m.due.year)} · {TERMS[term].label}",
        term=term,
        href=str(link(page, paths.milestone(m.year, m.id))),
        tooltip="\n".join(tooltip),
        quarter=m.quarter,
        due=m.due,
        depends_on=depends,
        flag=flag,
    )


def _goal_lane(progress: GoalProgress, titles: dict[str, str], paths: Paths, page: str) -> Lane:
    g = progress.goal
    done, total = progress.completed, len(progress.milestones)
    cards = tuple(_milestone_card(s, titles, g.title, paths, page) for s in progress.milestones)
    detail = f"{done} of {total} milestones completed"
    href = str(link(page, paths.goal(g.year, g.id)))
    return Lane(g.id, g.title, detail, href, cards, progress.verdict.word)


def goals_picture(metrics: YearMetrics, paths: Paths, page: str) -> Picture:
    """Goals as lanes, each milestone in its quarter, coloured by its status."""
    year = metrics.year.year
    titles = _titles(metrics)
    lanes = tuple(_goal_lane(p, titles, paths, page) for p in metrics.goals)
    return Picture(f"{year}-roadmap", f"Roadmap {year}: goals and milestones by quarter", year, metrics.as_of, lanes)


def _titles(metrics: YearMetrics) -> dict[str, str]:
    """Each milestone's title by id (a checked year has unique ids)."""
    return {m.id: m.title for m in metrics.year.milestones}


def _action_card(action: KeyAction, titles: dict[str, str], department: str, href: str) -> Card:
    label = TERMS[action.status].label
    tooltip = [action.title, f"Department: {department}", f"Q{action.quarter} {action.year}", f"Owner: {action.owner}"]
    tooltip.append(f"Status: {label}")
    if action.supports:
        tooltip.append("Supports: " + "; ".join(titles.get(s, s) for s in action.supports))
    return Card(
        action.id, action.title, f"{label} · {action.owner}", action.status, href, "\n".join(tooltip), action.quarter
    )


def departments_picture(metrics: YearMetrics, paths: Paths, page: str) -> Picture:
    """Departments as lanes, each key action in its quarter, coloured by its status."""
    year = metrics.year.year
    titles = _titles(metrics)
    lanes = []
    for dept in metrics.roadmap.settings.departments:
        href = str(link(page, paths.department(year, dept.id)))
        actions = [a for q in range(1, 5) for a in metrics.actions_in(dept.id, q)]
        cards = tuple(_action_card(a, titles, dept.name, href) for a in actions)
        detail = f"Lead: {dept.lead}" if dept.lead else f"{len(cards)} key actions"
        lanes.append(Lane(dept.id, dept.name, detail, href, cards))
    title = f"Key actions {year}: departments by quarter"
    return Picture(f"{year}-key-actions", title, year, metrics.as_of, tuple(lanes))
