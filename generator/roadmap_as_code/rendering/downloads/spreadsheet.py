"""roadmap.csv: the milestone framework table for spreadsheets, one row per milestone (RFC 4180)."""

from __future__ import annotations

import csv
import io
from datetime import date

from ...measuring.metrics import year_metrics
from ...model import Roadmap
from ..safe_text import summary

CSV_HEADER = (
    "year",
    "goal",
    "goal title",
    "milestone",
    "title",
    "description",
    "due",
    "quarter",
    "owner",
    "primary contact",
    "secondary contact",
    "key tasks",
    "success criteria",
    "status",
    "health",
    "completed",
    "overdue",
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
            contacts = m.stakeholders
            row = [
                str(m.year),
                m.goal,
                titles.get(m.goal, ""),
                m.id,
                m.title,
                summary(m.description),
                m.due.isoformat(),
                f"Q{m.quarter}",
                m.owner,
                contacts.primary if contacts else "",
                (contacts.secondary or "") if contacts else "",
                "\n".join(m.key_tasks),
                "\n".join(m.success_criteria),
                m.status,
                m.health or "",
                m.completed.isoformat() if m.completed else "",
                "yes" if s.overdue else "no",
            ]
            writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()
