"""Render check results as text, GitHub workflow commands, a job-summary table, or JSON.

Every string that comes from the roadmap (paths, keys, values, department names) goes through `printable`,
so no format lets a contributor move the cursor, start a workflow command or write invalid UTF-8; and every
format stays linear in the number of files, however many files one problem involves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from datetime import date

from ..checking.limit_usage import usage_line, year_usage
from ..errors import Problem, printable
from ..model import Roadmap

JSON_VERSION = 1
MAX_ANNOTATIONS = 10
"""GitHub shows the first 10 error and 10 notice annotations of a step; more would only lengthen the log."""
SUMMARY_BYTES = 1_000_000
"""GitHub drops a job summary over 1 MiB whole, so the table stops short of it and says how many rows it left out."""
_MARKUP = re.compile(r"[&<>!\[\]`*~|\\$]")  # what starts HTML or Markdown: tags, links, images, code, math


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def lead_first(problems: Sequence[Problem], lead: AbstractSet[str] = frozenset()) -> list[Problem]:
    """Problems sorted by path and line, those of the lead files (a change's files) first, then those involving them."""
    if not lead:
        return sorted(problems)
    return sorted(problems, key=lambda p: (p.path not in lead, lead.isdisjoint(p.related), p))


def problems_text(problems: Sequence[Problem], lead: AbstractSet[str] = frozenset()) -> str:
    """One line per problem, sorted by path and line (the lead files' first), then a summary line."""
    files = len({p.path for p in problems})
    lines = [printable(str(p)) for p in lead_first(problems, lead)]
    lines.append(f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}.")
    return "\n".join(lines)


def success_text(roadmap: Roadmap, as_of: date, origin: str) -> str:
    """What a clean check says: what was checked and how close each year is to its limits."""
    goals = sum(len(y.goals) for y in roadmap.years)
    milestones = sum(len(y.milestones) for y in roadmap.years)
    actions = sum(len(y.actions) for y in roadmap.years)
    head = (
        f"roadmap ok: {_plural(len(roadmap.years), 'year')}, {_plural(goals, 'goal')}, "
        f"{_plural(milestones, 'milestone')}, {_plural(actions, 'key action')} (as of {as_of}, {origin})"
    )
    usage = [usage_line(roadmap, year_usage(roadmap, y)) for y in reversed(roadmap.years)]
    return "\n".join(printable(line) for line in [head, *usage])


# --- GitHub workflow commands --------------------------------------------------------------------


def _escape_data(text: str) -> str:
    """Workflow-command data: `printable` leaves no CR or LF, so only `%` needs its escape."""
    return printable(text).replace("%", "%25")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, path: str, line: int, field: str, message: str) -> str:
    title = _escape_property("roadmap: " + field)
    return f"::{level} file={_escape_property(path)},line={line},title={title}::{_escape_data(message)}"


def _pointers(problems: Sequence[Problem], lead: AbstractSet[str]) -> list[tuple[Problem, str]]:
    """(problem, other file) for every file a problem involves besides its own, in report order, lead files first."""
    return [
        (p, other)
        for p in problems
        for other in (sorted(p.related, key=lambda o: o not in lead) if lead else p.related)  # a stable sort
        if other != p.path
    ]


def github_annotations(problems: Sequence[Problem], lead: AbstractSet[str] = frozenset()) -> str:
    """An `::error` on each problem's line, a short `::notice` on each other file it involves, at most 10 of each.

    A limit is broken by a set of files and only the pull request knows which one it added, so the
    other files get a notice pointing to the problem (a notice, so they never push a problem out of
    GitHub's 10 errors; short, so the output stays linear however many files break a limit).
    """
    ordered = lead_first(problems, lead)
    pointers = _pointers(ordered, lead)
    lines = [_command("error", p.path, p.line, p.field, p.message) for p in ordered[:MAX_ANNOTATIONS]]
    lines += [
        _command("notice", other, 1, p.field, f"part of the problem at {p.path}:{p.line} ({p.rule})")
        for p, other in pointers[:MAX_ANNOTATIONS]
    ]
    hidden_problems, hidden_files = len(ordered) - MAX_ANNOTATIONS, len(pointers) - MAX_ANNOTATIONS
    left = ([_plural(hidden_problems, "more problem")] if hidden_problems > 0 else []) + (
        [f"{_plural(hidden_files, 'more file')} the problems involve"] if hidden_files > 0 else []
    )
    if left:
        lines.append(
            f"::warning title=roadmap::not annotated: {' and '.join(left)} (GitHub shows {MAX_ANNOTATIONS} "
            "annotations of each kind a step); the lines below list every problem"
        )
    return "\n".join(lines)


# --- the job summary -----------------------------------------------------------------------------


def _html(text: str) -> str:
    """Text as HTML whose every character that HTML or Markdown could act on is a character reference."""
    return _MARKUP.sub(lambda m: f"&#{ord(m.group())};", printable(text))


def _cell(text: str, code: bool = False) -> str:
    # An HTML block: GitHub renders no Markdown inside it, so a contributor's link or image stays text
    # (and the references above keep it text even where Markdown would be parsed).
    return f"<td><code>{_html(text)}</code></td>" if code else f"<td>{_html(text)}</td>"


def _row(p: Problem) -> str:
    return f"<tr>{_cell(p.path, True)}<td>{p.line}</td>{_cell(p.field, True)}{_cell(p.message)}</tr>"


def summary_markdown(problems: Sequence[Problem]) -> str:
    """The problem list as an HTML table for $GITHUB_STEP_SUMMARY, every row that fits in GitHub's size limit."""
    if not problems:
        return "### Roadmap check\n\nNo problems found.\n"
    lines = [
        f"### Roadmap check: {_plural(len(problems), 'problem')}",
        "",
        "<table>",
        "<thead><tr><th>file</th><th>line</th><th>field</th><th>problem</th></tr></thead>",
        "<tbody>",
    ]
    size, shown = 0, 0
    for p in sorted(problems):
        row = _row(p)
        size += len(row.encode()) + 1
        if size > SUMMARY_BYTES:
            break
        lines.append(row)
        shown += 1
    lines += ["</tbody>", "</table>", ""]
    if shown < len(problems):
        lines += [f"… and {_plural(len(problems) - shown, 'more problem')}: the step's log lists every one.", ""]
    return "\n".join(lines)


# --- JSON ----------------------------------------------------------------------------------------


def _printable_data(value: object) -> object:
    """Every string of a JSON document made printable (keys too), so it is valid UTF-8 and inert in a log."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): _printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable_data(v) for v in value]
    return value


def json_report(problems: Sequence[Problem], roadmap: Roadmap | None, as_of: date, origin: str) -> str:
    """A stable JSON document: version, ok, as_of, problems, and limit usage when the roadmap is valid."""
    document = {
        "version": JSON_VERSION,
        "ok": not problems,
        "as_of": as_of.isoformat(),
        "as_of_source": origin,
        "problems": [p.as_dict() for p in sorted(problems)],
        "usage": [year_usage(roadmap, y).as_dict() for y in roadmap.years] if roadmap and not problems else [],
    }
    return json.dumps(_printable_data(document), indent=2, ensure_ascii=False, sort_keys=False)
