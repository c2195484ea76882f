"""The `roadmap` command line: a thin edge over the core that turns problems into exit codes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from ..asof import out_of_range
from ..errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    InvalidRoadmap,
    RoadmapError,
    UsageError,
    printable,
)
from ..model import Roadmap
from ..reading import find_config, locate
from .cli_authoring import COMMANDS, day_of, root_option

F = TypeVar("F", bound=Callable[..., Any])

SITE_EXTRA = frozenset(
    {"mkdocs", "material", "jinja2", "markupsafe", "nh3", "markdown", "markdown_it", "mdit_py_plugins", "linkify_it"}
)
"""The modules of the `site` extra: a command that imports one is refused, not crashed, on a core install."""


class _Command(click.Command):
    """A command that reports the core's errors: problems on stdout (1), usage errors as click's (2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InvalidRoadmap as exc:
            from .check_report import problems_text

            click.echo(problems_text(exc.problems))
            ctx.exit(exc.exit_code)
        except UsageError as exc:
            raise click.UsageError(printable(str(exc)), ctx=ctx) from None
        except RoadmapError as exc:
            click.echo(f"roadmap {ctx.info_name}: error: {printable(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except ModuleNotFoundError as exc:
            if exc.name not in SITE_EXTRA:
                raise
            message = f"roadmap {ctx.info_name} needs the site extra: pip install 'roadmap-as-code[site]'"
            raise click.UsageError(message, ctx=ctx) from None


class _Commands(click.Group):
    """The `roadmap` group: every subcommand reports errors the same way."""

    command_class = _Command


def _in_range(ctx: click.Context, param: click.Parameter, value: datetime | None) -> datetime | None:
    problem = out_of_range(value.date()) if value else None
    if problem:
        raise click.BadParameter(problem, ctx=ctx, param=param)
    return value


def _as_of_option(function: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        callback=_in_range,
        help="Date the roadmap is judged at (YYYY-MM-DD). "
        "Default: SOURCE_DATE_EPOCH, else today in the timezone of roadmap.yml (UTC unless set).",
    )(function)


_root_argument = click.argument("root", type=click.Path(file_okay=False, path_type=Path), required=False)


def _out_option(help_text: str) -> Callable[[F], F]:
    """The --out folder of a command that writes files."""
    return click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help=help_text)


def _checked_for_output(root: Path | None, out: Path, as_of: datetime | None) -> tuple[Roadmap, date, str]:
    """The checked roadmap for a command that writes files; refuses an `out` that overlaps roadmap/."""
    from ..checking import check_as_of

    content, base = locate(root)
    checked = check_as_of(content, base, day_of(as_of))
    roadmap, day, origin = checked.passed(), checked.as_of, checked.origin
    if out.resolve().is_relative_to(content.resolve()) or content.resolve().is_relative_to(out.resolve()):
        raise UsageError(f"--out {out} overlaps the roadmap folder {content}; the generator never writes there")
    return roadmap, day, origin


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roadmap-as-code")
def main() -> None:
    """Check, export and compare a roadmap written as Markdown files."""


@main.command()
@_root_argument
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="Output for people, GitHub Actions annotations, or tools.",
)
@click.option(
    "--changed-from",
    "changed_from",
    metavar="REVISION",
    help="List first the problems of files changed since this git revision (the base branch in CI).",
)
@_as_of_option
def check(
    root: Path | None, files: tuple[Path, ...], fmt: str, changed_from: str | None, as_of: datetime | None
) -> None:
    """Validate every file of the roadmap in ROOT (default: found from the current folder) and enforce the limits.

    FILES (pre-commit passes the files being committed) are not the only ones checked: their problems
    are listed first. Exit status: 0 clean, 1 problems found, 2 usage or I/O error.
    """
    from ..checking import check_as_of
    from .check_report import github_annotations, json_report, problems_text, success_text, summary_markdown

    content, base = locate(root)
    checked = check_as_of(content, base, day_of(as_of))
    roadmap, problems, day, origin = checked.roadmap, checked.problems, checked.as_of, checked.origin
    lead = _lead_files(content, base, files, changed_from) if problems and fmt != "json" else frozenset()
    if fmt == "json":
        click.echo(json_report(problems, roadmap, day, origin))
    elif problems:
        if fmt == "github":
            click.echo(github_annotations(problems, lead))
        click.echo(problems_text(problems, lead))
    elif roadmap is not None:
        click.echo(success_text(roadmap, day, origin))
    summary = os.environ.get("GITHUB_STEP_SUMMARY") if fmt == "github" else None
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(summary_markdown(problems))
    sys.exit(EXIT_PROBLEMS if problems else EXIT_OK)


def _lead_files(folder: Path, base: Path, files: tuple[Path, ...], changed_from: str | None) -> frozenset[str]:
    """The files whose problems come first: those given, and those changed since a revision."""
    from ..comparing.changed_files import changed_since, relative_paths

    lead = relative_paths(files, base)
    if changed_from:
        try:
            lead |= changed_since(folder, changed_from, base)
        except RoadmapError as exc:  # a shallow clone without the base: the problems still get listed
            click.echo(f"roadmap check: warning: {printable(str(exc))}; problems are listed by path", err=True)
    return lead


@main.command()
@click.option(
    "--export", "export_schema", is_flag=True, help="The schema of roadmap.json instead of the roadmap files."
)
@click.option(
    "--history", "history_schema", is_flag=True, help="The schema of history.json instead of the roadmap files."
)
def schema(export_schema: bool, history_schema: bool) -> None:
    """Print the JSON Schema of every kind of roadmap file (or of roadmap.json with --export, history.json with
    --history)."""
    if export_schema and history_schema:
        raise click.UsageError("--export and --history: expected one of them, got both")
    if history_schema:
        from ..rendering.downloads.history_json import history_json_schema

        document = history_json_schema()
    elif export_schema:
        from ..rendering.downloads.records import export_json_schema

        document = export_json_schema()
    else:
        from ..reading.input_schema import json_schema

        document = json_schema()
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@main.command()
@_root_argument
@_out_option("Folder to write the pages, charts/ and manifest.json into (replaced).")
@_as_of_option
@click.option(
    "--no-history",
    is_flag=True,
    help="Leave out the plan's git history (What changed pages, history sections, feed.xml, history.json).",
)
def export(root: Path | None, out: Path, as_of: datetime | None, no_history: bool) -> None:
    """Write the generated pages as Markdown and the charts as JSON, for another site engine."""
    from .site_export import export_site_sources, read_plan_history

    roadmap, day, origin = _checked_for_output(root, out, as_of)
    history = None if no_history else read_plan_history(locate(root)[0], roadmap, day)
    count = export_site_sources(roadmap, day, out, history)
    click.echo(f"wrote {count} files to {out} (as of {day}, {origin})")


@main.command()
@click.option(
    "--config-file",
    "-f",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The MkDocs configuration.  [default: mkdocs.yml here or in the nearest folder above, in the repository]",
)
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder the site ends up in.  [default: site, next to the configuration file]",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Build a site to open from disk (file://), as the pull-request preview: links name .html files.",
)
@_as_of_option
def build(config_file: Path | None, site_dir: Path | None, offline: bool, as_of: datetime | None) -> None:
    """Build the site with MkDocs (--strict); SITE_DIR is replaced only when the build succeeds."""
    from .plugin.site_build import build_site

    config_file = config_file or find_config(Path("."))
    site_dir = site_dir or Path(os.path.relpath(config_file.parent / "site"))

    try:
        result = build_site(config_file.resolve(), site_dir, day_of(as_of), offline=offline)
    except KeyboardInterrupt:
        click.echo(f"build interrupted; {site_dir} was left as it was", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if result.returncode != 0:
        click.echo(result.log, err=True)
        click.echo(f"build failed; {site_dir} was left as it was", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"site built in {site_dir.resolve()}; open {site_dir / 'index.html'} or run `make serve`")


@main.command()
@click.argument("base", default="origin/main")
@click.argument("head", required=False)
@root_option
def diff(base: str, head: str | None, root: Path | None) -> None:
    """Summarise for reviewers, in Markdown, how the roadmap changes from BASE to HEAD.

    BASE and HEAD are git revisions; HEAD defaults to the working tree as it is on disk.
    Exit status: 0 compared (even when a side has problems; they are listed), 2 unknown revision.
    """
    from ..comparing.diff import roadmap_diff

    click.echo(roadmap_diff(root, base, head), nl=False)


@main.command("export-data")
@_root_argument
@_out_option("Folder to write roadmap.json, roadmap.ics and roadmap.csv into (other files are left alone).")
@_as_of_option
def export_data(root: Path | None, out: Path, as_of: datetime | None) -> None:
    """Write the downloads the site publishes: roadmap.json, roadmap.ics and roadmap.csv."""
    from ..rendering.downloads import write_downloads

    roadmap, day, origin = _checked_for_output(root, out, as_of)
    written = write_downloads(roadmap, day, out)
    click.echo(f"wrote {', '.join(p.name for p in written)} to {out} (as of {day}, {origin})")


for _writer in COMMANDS:  # init, new, rename: their options live in cli_authoring.py
    main.command()(_writer)


def run() -> None:
    """Console entry point: every error ends with a message and an exit status, never a traceback."""
    try:
        main(standalone_mode=True)
    except OSError as exc:
        # The environment failed us (a summary file we cannot write, a full disk), not the roadmap.
        click.echo(f"roadmap: error: {printable(str(exc))}", err=True)
        sys.exit(EXIT_USAGE)
