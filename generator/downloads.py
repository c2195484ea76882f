"""The site's downloads: the roadmap as JSON (with computed metrics), an iCalendar feed of milestone
due dates, and the milestone framework table as CSV. Pure functions of the roadmap and the as-of date,
so the same commit always publishes the same bytes."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Optional

from .metrics import GoalProgress, Kpis, MilestoneState, year_metrics
from .plaintext import summary
from .model import Budget, Metric, Roadmap

SCHEMA_VERSION = 1
JSON_NAME, ICS_NAME, CSV_NAME = "roadmap.json", "roadmap.ics", "roadmap.csv"
DOWNLOADS = (JSON_NAME, ICS_NAME, CSV_NAME)
PRODID = "-//roadmap-as-code//Roadmap milestones//EN"


# --- JSON --------------------------------------------------------------------------------------


def _share(value: Optional[float]) -> Optional[float]:
    return None if value is None else round(value, 4)


def _metric(metric: Optional[Metric]) -> Optional[dict[str, Any]]:
    if metric is None:
        return None
    return {"name": metric.name, "unit": metric.unit, "baseline": metric.baseline, "target": metric.target, "current": metric.current}


def _budget(budget: Optional[Budget]) -> Optional[dict[str, Any]]:
    return None if budget is None else {"planned": budget.planned, "actual": budget.actual}


def _kpis(k: Kpis) -> dict[str, Any]:
    return {
        "milestones": k.milestones, "completed": k.completed, "completed_on_time": k.completed_on_time,
        "share_completed": _share(k.share_completed), "on_time_rate": _share(k.on_time_rate),
        "budget_planned": k.budget_planned, "budget_actual": k.budget_actual, "budget_tracked": k.budget_tracked,
        "budget_adherence": _share(k.budget_adherence), "over_budget": k.over_budget,
        "at_risk": k.at_risk, "off_track": k.off_track, "overdue": k.overdue,
    }


def _goal(g: GoalProgress) -> dict[str, Any]:
    goal = g.goal
    return {
        "id": goal.id, "title": goal.title, "owner": goal.owner, "metric": _metric(goal.metric),
        "description": goal.description, "source": goal.source.path,
        "progress": {
            "milestones": len(g.milestones), "completed": g.completed, "share_completed": _share(g.share_completed),
            "metric_share": _share(g.metric_share), "health": g.health,
        },
    }


def _milestone(s: MilestoneState) -> dict[str, Any]:
    m = s.milestone
    return {
        "id": m.id, "goal": m.goal, "title": m.title, "quarter": f"Q{m.quarter}", "due": m.due.isoformat(),
        "owner": m.owner, "status": m.status, "health": m.health,
        "completed": m.completed.isoformat() if m.completed else None,
        "success_criteria": list(m.success_criteria), "key_tasks": list(m.key_tasks), "budget": _budget(m.budget),
        "depends_on": list(m.depends_on), "risks": list(m.risks), "metric": _metric(m.metric),
        "description": m.description, "source": m.source.path,
        "state": {"overdue": s.overdue, "late": s.late, "days_late": s.days_late, "due_soon": s.due_soon, "schedule": s.schedule},
    }


def export_document(roadmap: Roadmap, as_of: date) -> dict[str, Any]:
    """The roadmap and its computed metrics as plain data (see docs/schema/roadmap-export.schema.json)."""
    settings = roadmap.settings
    years = []
    for year in roadmap.years:
        metrics = year_metrics(roadmap, year, as_of)
        years.append({
            "year": year.year,
            "kpis": _kpis(metrics.kpis),
            "goals": [_goal(g) for g in sorted(metrics.goals, key=lambda g: g.goal.id)],
            "milestones": [_milestone(s) for s in sorted(metrics.states, key=lambda s: (s.milestone.due, s.milestone.id))],
            "actions": [
                {"id": a.id, "department": a.department, "title": a.title, "quarter": f"Q{a.quarter}", "owner": a.owner,
                 "status": a.status, "supports": list(a.supports), "description": a.description, "source": a.source.path}
                for a in sorted(year.actions, key=lambda a: (a.department, a.quarter, a.id))
            ],
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "organisation": settings.organisation,
        "currency": settings.currency,
        "as_of": as_of.isoformat(),
        "limits": {
            "goals_per_year": settings.limits.goals_per_year,
            "min_milestones_per_goal": settings.limits.min_milestones_per_goal,
            "max_milestones_per_goal": settings.limits.max_milestones_per_goal,
            "actions_per_department_per_quarter": settings.limits.actions_per_department_per_quarter,
        },
        "departments": [{"id": d.id, "name": d.name, "lead": d.lead} for d in sorted(settings.departments, key=lambda d: d.id)],
        "years": years,
    }


def roadmap_json(roadmap: Roadmap, as_of: date) -> str:
    """roadmap.json: stable key order and indentation, UTF-8 text, one trailing newline."""
    return json.dumps(export_document(roadmap, as_of), indent=2, ensure_ascii=False) + "\n"


# --- iCalendar (RFC 5545) ----------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNITS = re.compile(r"\\.|.", re.DOTALL)


def ics_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n, other controls dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,"))
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (continuations start with a space).

    Never inside a UTF-8 character, nor between a backslash and the character it escapes
    (RFC 5545 allows both, but some readers unfold them wrongly).
    """
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in _UNITS.findall(line):
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "roadmap"


def milestone_uid(roadmap: Roadmap, year: int, milestone_id: str) -> str:
    """A UID that stays the same while the milestone keeps its year, id and organisation."""
    return f"{year}-{milestone_id}@{_slug(roadmap.settings.organisation)}.roadmap-as-code"


def _event(roadmap: Roadmap, s: MilestoneState, goal_title: str, stamp: str) -> Iterator[str]:
    m = s.milestone
    state = m.status + (f", {m.health}" if m.health and m.status != "completed" else "")
    if s.overdue:
        state += f", overdue by {s.days_late} days"
    details = [f"Goal: {goal_title}", f"Owner: {m.owner}", f"Status: {state}", f"Quarter: Q{m.quarter} {m.year}"]
    if m.completed:
        details.append(f"Completed: {m.completed.isoformat()}")
    if m.success_criteria:
        details.append("Success criteria:\n" + "\n".join(f"- {c}" for c in m.success_criteria))
    end = date.fromordinal(m.due.toordinal() + 1)
    yield "BEGIN:VEVENT"
    yield f"UID:{milestone_uid(roadmap, m.year, m.id)}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{m.due.strftime('%Y%m%d')}"
    yield f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}"
    yield f"SUMMARY:{ics_text(m.title)}"
    yield f"DESCRIPTION:{ics_text(chr(10).join(details))}"
    yield f"CATEGORIES:{ics_text(goal_title)}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def roadmap_ics(roadmap: Roadmap, as_of: date) -> str:
    """roadmap.ics: one all-day event per milestone on its due date, every year in one calendar."""
    stamp = as_of.strftime("%Y%m%dT000000Z")
    name = f"{roadmap.settings.organisation} roadmap"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{ics_text(name)}"]
    for year in roadmap.years:
        metrics = year_metrics(roadmap, year, as_of)
        titles = {g.id: g.title for g in year.goals}
        for s in metrics.states:
            lines += _event(roadmap, s, titles.get(s.milestone.goal, s.milestone.goal), stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


# --- CSV ---------------------------------------------------------------------------------------

CSV_HEADER = (
    "year", "goal", "goal title", "milestone", "title", "description", "due", "quarter", "owner",
    "key tasks", "success criteria", "status", "health", "completed", "overdue",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ (or tab, CR) is neutralised with a quote."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def roadmap_csv(roadmap: Roadmap, as_of: date) -> str:
    """roadmap.csv: the milestone framework table, one row per milestone (RFC 4180, CRLF rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for year in roadmap.years:
        metrics = year_metrics(roadmap, year, as_of)
        titles = {g.id: g.title for g in year.goals}
        for s in sorted(metrics.states, key=lambda s: (s.milestone.goal, s.milestone.due, s.milestone.id)):
            m = s.milestone
            row = [
                str(m.year), m.goal, titles.get(m.goal, ""), m.id, m.title, summary(m.description), m.due.isoformat(),
                f"Q{m.quarter}", m.owner, "\n".join(m.key_tasks), "\n".join(m.success_criteria), m.status,
                m.health or "", m.completed.isoformat() if m.completed else "", "yes" if s.overdue else "no",
            ]
            writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


# --- all three ---------------------------------------------------------------------------------


def build_downloads(roadmap: Roadmap, as_of: date) -> dict[str, bytes]:
    """The three downloads by file name, as the exact bytes to publish."""
    return {
        JSON_NAME: roadmap_json(roadmap, as_of).encode("utf-8"),
        ICS_NAME: roadmap_ics(roadmap, as_of).encode("utf-8"),
        CSV_NAME: roadmap_csv(roadmap, as_of).encode("utf-8"),
    }


def write_downloads(roadmap: Roadmap, as_of: date, out: Path) -> list[Path]:
    """Write the downloads into `out` (created if missing); other files there are left alone."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in build_downloads(roadmap, as_of).items():
        (out / name).write_bytes(content)
        written.append(out / name)
    return written
