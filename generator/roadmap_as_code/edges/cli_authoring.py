"""`roadmap init`, `new` and `rename`: the commands that write roadmap files, asking for what the flags leave out.

Their options are declared here and the commands registered on the `roadmap` group in cli.py, so
they report errors like every other command. A missing value is asked for when standard input is a
terminal; with --no-input, or in CI and hooks, it is a usage error naming the flags to pass.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..asof import FIRST_DAY, LAST_DAY, resolve_as_of
from ..errors import UsageError, printable
from ..filesystem import output_folder
from ..model.calendar import quarter_bounds, quarter_of
from ..model.values import QUARTERS
from ..model.vocabulary import Status
from ..reading import locate

if TYPE_CHECKING:
    from ..authoring.new_item import Draft
    from ..authoring.yaml_text import Value
    from ..model import Roadmap

_YEAR = click.IntRange(FIRST_DAY.year, LAST_DAY.year)
_STATUSES = tuple(status.value for status in Status)
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="A folder that holds roadmap/ (or the roadmap folder itself).  [default: found from the current folder]",
)
"""The --root of every command that reads the roadmap and takes other arguments."""
_no_input = click.option(
    "--no-input", is_flag=True, help="Never ask: a missing value is an error (the default when not in a terminal)."
)


def stdin_is_terminal() -> bool:
    """Whether someone can answer a question (tests replace it)."""
    return sys.stdin.isatty()


class _Answers:
    """Values from flags, else from prompts; the flags of missing values when no one can be asked."""

    def __init__(self, no_input: bool) -> None:
        self.interactive = not no_input and stdin_is_terminal()
        self.missing: list[str] = []

    def ask(self, value: Any, flag: str, question: str, **prompt: Any) -> Any:
        if value not in (None, ()):
            return value
        if self.interactive:
            return click.prompt(question, **prompt)
        self.missing.append(flag)
        return value

    def complete(self) -> None:
        if self.missing:
            raise UsageError(
                f"missing {', '.join(self.missing)}: pass {'it' if len(self.missing) == 1 else 'them'}, or run in a "
                "terminal without --no-input to be asked"
            )


def _departments(text: str) -> tuple[tuple[str, str], ...]:
    """'Marketing, Customer Success, ops=Operations' as (id, name) pairs, ids derived from names unless given."""
    from ..authoring.slugs import checked_id, id_from

    found = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        given, _, name = entry.rpartition("=")
        name = name.strip()
        department_id = (
            checked_id(given.strip(), "--departments") if given else id_from(name, "--departments", "id=Name")
        )
        found.append((department_id, name))
    if not found:
        raise UsageError("--departments: expected at least one department name, got none")
    return tuple(found)


@click.argument("folder", metavar="[DIR]", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--organisation", help="The organisation's name, shown on the site.")
@click.option("--departments", help="Comma-separated department names ('Marketing, Sales'); `id=Name` sets an id.")
@click.option("--year", type=_YEAR, help="The first year to plan.  [default when asked: this year]")
@click.option(
    "--force", is_flag=True, help="Replace files that already exist (mkdocs.yml is always edited, not replaced)."
)
@_no_input
def init(
    folder: Path, organisation: str | None, departments: str | None, year: int | None, force: bool, no_input: bool
) -> None:
    """Write a working roadmap repository into DIR: the roadmap, mkdocs.yml, a pre-commit hook, CODEOWNERS.

    Never replaces a file without --force; an existing mkdocs.yml gets the plugin added instead.
    """
    from ..authoring.scaffold import Organisation, overwrites, plan, write

    today, _ = resolve_as_of(None, "UTC")
    answers = _Answers(no_input)
    organisation = answers.ask(organisation, "--organisation", "Organisation name")
    departments = answers.ask(departments, "--departments", "Departments (comma-separated names)")
    if year is None and not answers.interactive:
        year = today.year  # the one answer with an obvious default: asked in a terminal, assumed in a script
    year = answers.ask(year, "--year", "First year to plan", type=_YEAR, default=today.year)
    answers.complete()
    org = Organisation(str(organisation).strip(), _departments(str(departments)), int(year))
    planned = plan(org, folder, today)
    existing = overwrites(folder, planned)
    if existing and not force:
        raise UsageError(
            f"refusing to overwrite {len(existing)} existing file(s) in {folder} (nothing was written; pass --force "
            f"to replace them): {', '.join(existing)}"
        )
    here = folder == Path(".")
    for verb, path in write(output_folder(folder), planned):
        click.echo(printable(f"{verb} {path if here else (folder / path).as_posix()}"))
    click.echo(
        f"next: {'' if here else f'cd {printable(str(folder))}, '}roadmap check, then mkdocs serve to preview the site"
    )


def day_of(value: datetime | None) -> date | None:
    """The date of a click.DateTime option's value."""
    return value.date() if value else None


@click.argument("kind", type=click.Choice(["goal", "milestone", "action"]))
@root_option
@click.option("--title", help="The title; the id (file name) is derived from it.")
@click.option("--id", "item_id", help="The id to use instead of the one derived from the title.")
@click.option("--owner", help="The one owning person or team.")
@click.option("--year", type=_YEAR, help="The year.  [default: this year if planned, else the latest]")
@click.option("--goal", help="Milestones: the goal's id.")
@click.option("--department", help="Key actions: the department's id.")
@click.option("--quarter", type=click.Choice(QUARTERS), help="Milestones and key actions: Q1-Q4.")
@click.option("--due", type=click.DateTime(["%Y-%m-%d"]), help="Milestones: the due date.  [default: end of quarter]")
@click.option("--status", type=click.Choice(_STATUSES), help="Milestones and key actions.  [default: not-started]")
@click.option("--completed", type=click.DateTime(["%Y-%m-%d"]), help="Milestones: the completion date.")
@click.option("--success-criteria", multiple=True, help="Milestones: how we know it is achieved (repeatable).")
@click.option("--depends-on", multiple=True, help="Milestones: ids of milestones it waits for (repeatable).")
@click.option("--supports", multiple=True, help="Key actions: ids of the milestones it moves (repeatable).")
@_no_input
def new(kind: str, root: Path | None, no_input: bool, **values: Any) -> None:
    """Write a new goal, milestone or key action that passes the check, asking for what the flags leave out.

    Refuses an id already in use, and an item over a limit (saying where there is room).
    """
    from ..authoring.new_item import create, loaded

    content, base = locate(root)
    roadmap = loaded(content, base)
    today, _ = resolve_as_of(None, roadmap.settings.timezone)
    years = [y.year for y in roadmap.years]
    year = values.pop("year") or (today.year if today.year in years or not years else years[-1])
    draft = _draft(kind, values, _Answers(no_input), year, today, roadmap)
    rel = create(content, base, roadmap, draft, today)
    click.echo(f"created {printable(rel)}")
    if kind == "goal":
        low = roadmap.settings.limits.min_milestones_per_goal
        click.echo(f"next: add {low} milestones or more: roadmap new milestone --goal {rel.rsplit('/', 1)[1][:-3]}")


def _draft(kind: str, values: dict[str, Any], answers: _Answers, year: int, today: date, roadmap: Roadmap) -> Draft:
    """The new item from flags and answers, its fields in the order the file lists them."""
    from ..authoring.new_item import Draft

    _refuse_foreign(kind, values)
    title = answers.ask(values["title"], "--title", "Title")
    group = _group(kind, values, answers, year, roadmap)
    quarter = None
    if kind != "goal":
        default = f"Q{quarter_of(today)}" if year == today.year else "Q1"
        quarter = answers.ask(values["quarter"], "--quarter", "Quarter", type=click.Choice(QUARTERS), default=default)
    owner = answers.ask(values["owner"], "--owner", "Owner (a person or team)")
    ids = "success_criteria" if kind == "milestone" else "supports" if kind == "action" else None
    listed = answers.ask(values[ids], f"--{ids.replace('_', '-')}", _LIST_QUESTIONS[ids]) if ids else ()
    answers.complete()
    items = [part.strip() for part in listed.split(",")] if isinstance(listed, str) else list(listed)
    fields: list[tuple[str, Value]] = [("title", title), ("quarter", quarter)]
    if kind == "milestone":
        due = day_of(values["due"]) or quarter_bounds(year, int(str(quarter)[1:]))[1]
        fields += [
            ("due", due),
            ("owner", owner),
            ("status", values["status"] or Status.NOT_STARTED.value),
            ("success_criteria", items),
        ]
        fields += [("completed", day_of(values["completed"])), ("depends_on", list(values["depends_on"]) or None)]
    elif kind == "action":
        fields += [("owner", owner), ("status", values["status"] or Status.NOT_STARTED.value), ("supports", items)]
    else:
        fields += [("owner", owner)]
    return Draft(kind, year, tuple(fields), str(group or ""), values["item_id"] or "")


_LIST_QUESTIONS = {
    "success_criteria": "Success criteria: how we know it is achieved (comma-separated)",
    "supports": "Ids of the milestones it supports (comma-separated)",
}


def _group(kind: str, values: dict[str, Any], answers: _Answers, year: int, roadmap: Roadmap) -> str | None:
    """The goal of a milestone or the department of an action, from its flag or a choice."""
    if kind == "milestone":
        goals = [g.id for y in roadmap.years if y.year == year for g in y.goals]
        return str(answers.ask(values["goal"], "--goal", "Goal id", type=click.Choice(goals) if goals else None) or "")
    if kind == "action":
        ids = [d.id for d in roadmap.settings.departments]
        return str(answers.ask(values["department"], "--department", "Department id", type=click.Choice(ids)) or "")
    return None


_ONLY: dict[str, tuple[str, ...]] = {
    "goal": (
        "goal",
        "department",
        "quarter",
        "due",
        "status",
        "completed",
        "success_criteria",
        "depends_on",
        "supports",
    ),
    "milestone": ("department", "supports"),
    "action": ("goal", "due", "completed", "success_criteria", "depends_on"),
}


def _refuse_foreign(kind: str, values: dict[str, Any]) -> None:
    """An option that does not apply to the kind is a usage error, not silently dropped."""
    given = [f"--{name.replace('_', '-')}" for name in _ONLY[kind] if values.get(name) not in (None, ())]
    if given:
        raise UsageError(f"{', '.join(given)}: not an option of a {kind}; see roadmap new --help")


@click.argument("kind", type=click.Choice(["goal", "milestone"]))
@click.argument("old")
@click.argument("new_id", metavar="NEW")
@root_option
@click.option("--year", type=_YEAR, help="The year, when OLD names an item in more than one.")
def rename(kind: str, old: str, new_id: str, root: Path | None, year: int | None) -> None:
    """Rename a goal or milestone: its file, a goal's milestones/OLD/ folder, and every reference to a milestone."""
    from ..authoring.rename import rename as rename_item

    content, base = locate(root)
    for line in rename_item(content, base, kind, old, new_id, year):
        click.echo(printable(line))


COMMANDS: tuple[Callable[..., None], ...] = (init, new, rename)
"""The callbacks cli.py registers as commands, with the options declared above."""
