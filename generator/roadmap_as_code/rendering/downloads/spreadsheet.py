"""roadmap.csv: the milestone framework table for spreadsheets, one row per milestone (RFC 4180).

Written in UTF-8 with a byte-order mark (the only way Excel reads UTF-8 when a file is opened), with the site's
words next to each code, whole descriptions as plain text, budgets as plain numbers and each page's address.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from ...measuring.metrics import MilestoneState, year_metrics
from ...model import Roadmap
from ...model.vocabulary import label
from .links import PageLinks

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
    "status label",
    "health",
    "health label",
    "schedule",
    "schedule label",
    "completed",
    "overdue",
    "days overdue",
    "days late",
    "budget planned",
    "budget actual",
    "currency",
    "page",
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


def number(value: float | None) -> str:
    """A plain number a spreadsheet reads as one (no grouping, no exponent); '' when not reported."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else format(value, "f").rstrip("0")


def _row(s: MilestoneState, goal_title: str, currency: str, links: PageLinks) -> list[str]:
    """One milestone's cells, in the order of CSV_HEADER."""
    # Imported here: plain text needs markdown-it and nh3 (the site extra); `roadmap schema --export` reaches this
    # package on a core install.
    from ..safe_text import plain_text

    m, contacts, budget = s.milestone, s.milestone.stakeholders, s.milestone.budget
    return [
        str(m.year),
        m.goal,
        goal_title,
        m.id,
        m.title,
        plain_text(m.description),
        m.due.isoformat(),
        f"Q{m.quarter}",
        m.owner,
        contacts.primary if contacts else "",
        (contacts.secondary or "") if contacts else "",
        "\n".join(m.key_tasks),
        "\n".join(m.success_criteria),
        s.status,
        s.status_label,
        s.health or "",
        label(s.health) if s.health else "",
        s.schedule,
        s.schedule_label,
        m.completed.isoformat() if m.completed else "",
        "yes" if s.overdue else "no",
        str(s.days_late) if s.overdue else "",
        str(s.days_late) if s.late else "",
        number(budget.planned) if budget else "",
        number(budget.actual) if budget else "",
        currency if budget else "",
        links.milestone(m.year, m.id),
    ]


def roadmap_csv(roadmap: Roadmap, as_of: date, links: PageLinks | None = None) -> str:
    """roadmap.csv's text: the milestone framework table, one row per milestone (RFC 4180, CRLF rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for year in roadmap.years:
        metrics = year_metrics(roadmap, year, as_of)
        titles = {g.id: g.title for g in year.goals}
        for s in sorted(metrics.states, key=lambda s: (s.milestone.goal, s.milestone.due, s.milestone.id)):
            row = _row(s, titles.get(s.milestone.goal, ""), roadmap.settings.currency, links or PageLinks())
            writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()
