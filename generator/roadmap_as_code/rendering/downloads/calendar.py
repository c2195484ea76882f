"""roadmap.ics: one all-day event per milestone on its due date (RFC 5545), every year in one calendar.

Each event links its page (when the site's address is known) and shows its status: a completed milestone's
title starts with ✓, an overdue one's with ⚠.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from ...measuring.metrics import MilestoneState, year_metrics
from ...model import Roadmap
from ...model.vocabulary import label
from .links import PageLinks

PRODID = "-//roadmap-as-code//Roadmap milestones//EN"

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
    if len(line.encode("utf-8")) <= 75:  # most lines: nothing to fold
        return line
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


def event_summary(s: MilestoneState) -> str:
    """The event's title, marked as calendars show it: ✓ when completed, ⚠ and '(overdue)' when overdue."""
    if s.done:
        return f"✓ {s.milestone.title}"
    return f"⚠ {s.milestone.title} (overdue)" if s.overdue else s.milestone.title


def _state(s: MilestoneState) -> str:
    """The status line: the site's word, with its date, days and health."""
    m = s.milestone
    if s.done and m.completed:
        words = [f"{s.status_label} on {m.completed.isoformat()}", *([f"{s.days_late} days late"] if s.late else [])]
    else:
        words = [f"{s.status_label} by {s.days_late} days" if s.overdue else s.status_label]
    return ", ".join([*words, *([label(s.health)] if s.health else [])])


def _event(s: MilestoneState, uid: str, goal_title: str, stamp: str, url: str) -> Iterator[str]:
    m = s.milestone
    details = [f"Goal: {goal_title}", f"Owner: {m.owner}", f"Status: {_state(s)}", f"Quarter: Q{m.quarter} {m.year}"]
    if m.success_criteria:
        details.append("Success criteria:\n" + "\n".join(f"- {c}" for c in m.success_criteria))
    if url:  # Google Calendar and Outlook show the description but not the URL property
        details.append(f"Page: {url}")
    end = date.fromordinal(m.due.toordinal() + 1)
    yield "BEGIN:VEVENT"
    yield f"UID:{uid}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{m.due.strftime('%Y%m%d')}"
    yield f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}"
    yield f"SUMMARY:{ics_text(event_summary(s))}"
    yield f"DESCRIPTION:{ics_text(chr(10).join(details))}"
    # An event's STATUS has no 'completed' (a VTODO's has, but Google and Outlook ignore VTODOs): every due date is
    # CONFIRMED, and the milestone's status is in the summary's mark, the description and the categories.
    yield "STATUS:CONFIRMED"
    yield f"CATEGORIES:{ics_text(goal_title)},{ics_text(s.status_label)}"
    if url:
        yield f"URL;VALUE=URI:{url}"
    yield "TRANSP:TRANSPARENT"
    yield "END:VEVENT"


def roadmap_ics(roadmap: Roadmap, as_of: date, links: PageLinks | None = None) -> str:
    """roadmap.ics: one all-day event per milestone on its due date, every year in one calendar."""
    stamp = as_of.strftime("%Y%m%dT000000Z")
    name = f"{roadmap.settings.organisation} roadmap"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_text(name)}",
    ]
    for year in roadmap.years:
        metrics = year_metrics(roadmap, year, as_of)
        titles = {g.id: g.title for g in year.goals}
        for s in metrics.states:
            m = s.milestone
            url = (links or PageLinks()).milestone(m.year, m.id)
            lines += _event(s, milestone_uid(roadmap, m.year, m.id), titles.get(m.goal, m.goal), stamp, url)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
