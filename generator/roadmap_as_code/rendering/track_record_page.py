"""The track record page: the organisation's own reference class, read from the plan's history."""

from __future__ import annotations

from datetime import date

from jinja2 import Environment

from ..history import History
from ..measuring.track_record import (
    department_sentence,
    department_years,
    milestone_years,
    on_time_forecast,
    risk_years,
)
from ..model import Roadmap
from .history_facts import action_facts, milestone_facts, risk_facts
from .page_paths import GeneratedPage, Paths

TITLE = "Track record"


def track_record_page(env: Environment, roadmap: Roadmap, as_of: date, paths: Paths, history: History) -> GeneratedPage:
    """Per year: milestones on time and slipped; per department: key actions moved and completed, in a sentence."""
    current = paths.default
    departments = {d.id: d.name or d.id for d in reversed(roadmap.settings.departments)}

    def name(department_id: str) -> str:
        return departments.get(department_id, department_id)

    by_department = department_years(action_facts(roadmap, history), current)
    sentences = [
        department_sentence(name(d), [r for r in by_department if r.department == d])
        for d in sorted({r.department for r in by_department}, key=lambda d: name(d).casefold())
    ]
    years = milestone_years(milestone_facts(roadmap, history), current, as_of)
    plan = roadmap.year(current)
    still_open = sum(1 for m in plan.milestones if m.status != "completed") if plan else 0
    text = env.get_template("track-record.md.j2").render(
        page=paths.track_record,
        paths=paths,
        current=current,
        organisation=roadmap.settings.organisation,
        milestone_years=list(reversed(years)),
        forecast=on_time_forecast(years, current, still_open),
        still_open=still_open,
        risk_years=list(reversed(risk_years(risk_facts(roadmap, history), current))),
        department_years=sorted(by_department, key=lambda r: (-r.year, name(r.department).casefold())),
        department_name=name,
        sentences=sentences,
        history=history,
        first_day=history.commits[0].day if history.commits else None,
    )
    return GeneratedPage(paths.track_record, TITLE, text)
