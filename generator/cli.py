"""The `roadmap` command line: a thin edge over the core that turns problems into exit codes."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import click

from .asof import resolve_as_of
from .errors import Problem, RoadmapError
from .loader import find_content
from .model import Roadmap

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _content(root: Path) -> tuple[Path, Path]:
    try:
        return find_content(root)
    except FileNotFoundError as exc:
        raise click.UsageError(str(exc)) from None


def _resolve_as_of(as_of: Optional[object], root: Path) -> tuple[date, str]:
    try:
        return resolve_as_of(as_of.date() if as_of else None, root)  # type: ignore[attr-defined]
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _as_of_option(function):  # type: ignore[no-untyped-def]
    return click.option(
        "--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
        help="Date the roadmap is judged at (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH, else the last commit's date, else today.",
    )(function)


def _checked_for_output(root: Path, out: Path, as_of: Optional[object]) -> tuple[Roadmap, date, str]:
    """The checked roadmap for a command that writes files; exits 1 on problems, 2 when out overlaps roadmap/."""
    from .check import check_roadmap
    from .report import problems_text

    content, base = _content(root)
    day, origin = _resolve_as_of(as_of, root)
    try:
        roadmap = check_roadmap(content, base, day)
    except RoadmapError as exc:
        click.echo(problems_text(exc.problems))
        sys.exit(EXIT_PROBLEMS)
    if out.resolve().is_relative_to(content.resolve()) or content.resolve().is_relative_to(out.resolve()):
        raise click.UsageError(f"--out {out} overlaps the roadmap folder {content}; the generator never writes there")
    return roadmap, day, origin


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roadmap-as-code")
def main() -> None:
    """Check, export and compare a roadmap written as Markdown files."""


@main.command()
@click.argument("root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True, help="Output for people, GitHub Actions annotations, or tools.")
@_as_of_option
def check(root: Path, fmt: str, as_of: Optional[object]) -> None:
    """Validate every file under ROOT/roadmap and enforce the limits.

    Exit status: 0 clean, 1 problems found, 2 usage or I/O error.
    """
    from .check import check_roadmap
    from .report import github_annotations, json_report, problems_text, success_text, summary_markdown

    content, base = _content(root)
    day, origin = _resolve_as_of(as_of, root)
    problems: tuple[Problem, ...] = ()
    roadmap = None
    try:
        roadmap = check_roadmap(content, base, day)
    except RoadmapError as exc:
        problems = exc.problems
    if fmt == "json":
        click.echo(json_report(problems, roadmap, day, origin))
    elif fmt == "github":
        if problems:
            click.echo(github_annotations(problems))
            click.echo(problems_text(problems))
        else:
            click.echo(success_text(roadmap, day, origin))  # type: ignore[arg-type]
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(summary_markdown(problems))
    else:
        click.echo(problems_text(problems) if problems else success_text(roadmap, day, origin))  # type: ignore[arg-type]
    sys.exit(EXIT_PROBLEMS if problems else EXIT_OK)


@main.command()
def schema() -> None:
    """Print the JSON Schema of every kind of roadmap file."""
    from .schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write the pages, charts/ and manifest.json into (replaced).")
@_as_of_option
def export(root: Path, out: Path, as_of: Optional[object]) -> None:
    """Write the generated pages as Markdown and the charts as JSON, for another site engine."""
    from .export import export_site_sources

    roadmap, day, origin = _checked_for_output(root, out, as_of)
    try:
        count = export_site_sources(roadmap, day, out)
    except FileExistsError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {count} files to {out} (as of {day}, {origin})")


@main.command()
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True, path_type=Path), default="mkdocs.yml", show_default=True)
@click.option("--site-dir", "-d", type=click.Path(file_okay=False, path_type=Path), default="site", show_default=True)
@_as_of_option
def build(config_file: Path, site_dir: Path, as_of: Optional[object]) -> None:
    """Build the site with MkDocs (--strict); SITE_DIR is replaced only when the build succeeds."""
    from .sitebuild import build_site

    result = build_site(config_file.resolve(), site_dir, as_of.date() if as_of else None)  # type: ignore[attr-defined]
    if result.returncode != 0:
        click.echo(result.stderr.rstrip() or result.stdout.rstrip(), err=True)
        click.echo(f"build failed; {site_dir} was left as it was", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"site built in {site_dir.resolve()}; open {site_dir / 'index.html'} or run `make serve`")


@main.command()
@click.argument("base", default="origin/main")
@click.argument("head", required=False)
@click.option("--root", "root", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True, help="A folder of the repository (holding roadmap/).")
def diff(base: str, head: Optional[str], root: Path) -> None:
    """Summarise for reviewers, in Markdown, how the roadmap changes from BASE to HEAD.

    BASE and HEAD are git revisions; HEAD defaults to the working tree as it is on disk.
    Exit status: 0 compared (even when a side has problems; they are listed), 2 unknown revision.
    """
    from .diff import DiffError, roadmap_diff

    try:
        text = roadmap_diff(root, base, head)
    except DiffError as exc:
        click.echo(f"roadmap diff: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(text, nl=False)


@main.command("export-data")
@click.argument("root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder to write roadmap.json, roadmap.ics and roadmap.csv into (other files are left alone).")
@_as_of_option
def export_data(root: Path, out: Path, as_of: Optional[object]) -> None:
    """Write the downloads the site publishes: roadmap.json, roadmap.ics and roadmap.csv."""
    from .downloads import write_downloads

    roadmap, day, origin = _checked_for_output(root, out, as_of)
    written = write_downloads(roadmap, day, out)
    click.echo(f"wrote {', '.join(p.name for p in written)} to {out} (as of {day}, {origin})")


def run() -> None:
    """Console entry point: usage errors exit 2, never with a traceback."""
    try:
        main(standalone_mode=True)
    except OSError as exc:
        click.echo(f"roadmap: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
