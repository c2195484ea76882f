"""roadmap.csv: the milestone framework table for spreadsheets, one row per milestone (RFC 4180)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from ...measuring.metrics import year_metrics
from ...model import Roadmap

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
# A formula sign (ASCII or full-width) after anything a spreadsheet may skip: spaces, controls, invisible format
# characters. `check` refuses controls in front-matter text; bodies and future fields still pass through here.
_FORMULA = re.compile(
    "[\\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]*[=+\\-@\uff1d\uff0b\uff0d\uff20]"
)


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a formula sign first (after blanks or controls) is neutralised with a quote.

    A leading tab or CR is quoted too: some spreadsheets drop it and then read what follows.
    """
    return "'" + value if value.startswith(("\t", "\r")) or _FORMULA.match(value) else value


def roadmap_csv(roadmap: Roadmap, as_of: date) -> str:
    """roadmap.csv: the milestone framework table, one row per milestone (RFC 4180, CRLF rows)."""
    # Imported here: summaries need Markdown and nh3 (the site extra); `roadmap schema --export` reaches this
    # package on a core install.
    from ..safe_text import summary

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
