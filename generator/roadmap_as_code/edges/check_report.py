"""Render check results as text, GitHub workflow commands, a job-summary table, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from ..checking.limit_usage import usage_line, year_usage
from ..errors import Problem
from ..model import Roadmap

JSON_VERSION = 1


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _one_line(text: str) -> str:
    """Keep a problem on one line even when a key or file name holds a line break."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def problems_text(problems: Sequence[Problem]) -> str:
    """One line per problem, sorted by path and line, then a summary line."""
    files = len({p.path for p in problems})
    lines = [_one_line(str(p)) for p in sorted(problems)]
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
    return "\n".join([head] + [usage_line(roadmap, year_usage(roadmap, y)) for y in reversed(roadmap.years)])


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(path: str, line: int, field: str, message: str) -> str:
    title = _escape_property("roadmap: " + field)
    return f"::error file={_escape_property(path)},line={line},title={title}::{_escape_data(message)}"


def github_annotations(problems: Sequence[Problem]) -> str:
    """One `::error` workflow command per problem, and one on every other file a limit problem names.

    A limit is broken by a set of files and only the pull request knows which one it added,
    so each of them gets an annotation: the new file always shows one in the diff view.
    """
    lines = []
    for p in sorted(problems):
        lines.append(_annotation(p.path, p.line, p.field, p.message))
        lines += [_annotation(other, 1, p.field, p.message) for other in p.related if other != p.path]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r", " ")
        .replace("\n", " ")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def summary_markdown(problems: Sequence[Problem]) -> str:
    """The full problem list as a Markdown table for $GITHUB_STEP_SUMMARY."""
    if not problems:
        return "### Roadmap check\n\nNo problems found.\n"
    rows = [f"| `{_cell(p.path)}` | {p.line} | `{_cell(p.field)}` | {_cell(p.message)} |" for p in sorted(problems)]
    return "\n".join(
        [
            f"### Roadmap check: {len(problems)} problem(s)",
            "",
            "| file | line | field | problem |",
            "|---|---:|---|---|",
            *rows,
            "",
        ]
    )


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
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False)
