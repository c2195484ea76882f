"""`roadmap init`: the files of a working roadmap repository for a new organisation.

Each part of the scaffold is one function in PARTS that lists the files it plans; adding files to
`init` is one more entry there. Nothing is written until every file is
planned, the sample roadmap has passed the check in a scratch folder, and no file would be
overwritten without --force. The hook and the action are the tool's own, at this version, from the
repository its package metadata names (Project-URL `Source`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.metadata import metadata, version
from importlib.resources import files
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from ..checking import check_roadmap
from ..errors import InvalidRoadmap, UsageError, printable
from ..filesystem import path_kind, read_regular, refuse_link, write_inside
from ..model.calendar import quarter_bounds, quarter_of
from ..reading.locating import MKDOCS_BYTES
from .mkdocs_config import with_plugin
from .sample import sample_items
from .slugs import slug
from .yaml_text import scalar

DISTRIBUTION = "roadmap-as-code"
WORKFLOWS = ("roadmap-check.yml", "roadmap-pages.yml")
ACTION_PLACEHOLDER = "__ACTION__"


@dataclass(frozen=True)
class Organisation:
    """What `init` asks for: the organisation, its departments as (id, name), the first year planned."""

    name: str
    departments: tuple[tuple[str, str], ...]
    first_year: int

    def quarters(self, today: date) -> tuple[int, int, int]:
        """The quarters of the three sample milestones: from this quarter on when the first year is this year."""
        start = quarter_of(today) if self.first_year == today.year else 1
        return (start, min(start + 1, 4), min(start + 2, 4))


@dataclass(frozen=True)
class Planned:
    """One file `init` writes: its path under the folder, its text, and whether it edits a file already there."""

    path: str
    text: str
    edits: bool = False


def source_repository() -> str:
    """Where the tool is published (its hook, its action), tagged v<version>: the package's Project-URL `Source`."""
    entries: list[str] = metadata(DISTRIBUTION).get_all("Project-URL") or []
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "source" and urlsplit(url.strip()).path.strip("/"):
            return url.strip().rstrip("/")
    raise UsageError(f"the installed {DISTRIBUTION} names no Source URL in its metadata; reinstall it")


def _template(name: str, **values: str) -> str:
    return Template(
        files(__name__.rsplit(".", 1)[0]).joinpath("scaffold", name).read_text(encoding="utf-8")
    ).substitute(values)


def roadmap_files(org: Organisation, folder: Path, today: date) -> list[Planned]:
    """roadmap/roadmap.yml and one goal, three milestones and a key action per department of the first year."""
    departments = "\n".join(f"  - id: {d_id}\n    name: {scalar(name)}" for d_id, name in org.departments)
    settings = _template(
        "roadmap.yml", organisation=scalar(org.name), departments=departments, year=str(org.first_year)
    )
    due = [quarter_bounds(org.first_year, q)[1] for q in org.quarters(today)]
    items = sample_items(org.departments, org.first_year, org.quarters(today), due)
    return [Planned("roadmap/roadmap.yml", settings), *(Planned(f"roadmap/{rel}", text) for rel, text in items)]


def site_files(org: Organisation, folder: Path, today: date) -> list[Planned]:
    """A stock Material mkdocs.yml with the plugin (and docs/, which MkDocs needs), or the plugin added to one."""
    existing = folder / "mkdocs.yml"
    if path_kind(existing) == "file":
        raw, size = read_regular(existing, MKDOCS_BYTES)
        if size > MKDOCS_BYTES:
            raise UsageError(f"{existing}: expected a settings file under 1 MiB, got {size:,} bytes")
        edited = with_plugin(raw.decode("utf-8", "replace"))
        return [] if edited is None else [Planned("mkdocs.yml", edited, edits=True)]
    planned = [Planned("mkdocs.yml", _template("mkdocs.yml", site_name=scalar(_site_name(org.name))))]
    if path_kind(folder / "docs") is None:
        # MkDocs needs its docs folder; git keeps a folder only with a file in it. (The dashboard is docs' index page.)
        planned.append(Planned("docs/.gitkeep", ""))
    return planned


def _site_name(organisation: str) -> str:
    """mkdocs.yml's site_name, which themes print into every page as HTML: so it may hold no markup."""
    if "<" in organisation or ">" in organisation:
        raise UsageError(
            f"--organisation: expected a name without < or >, got {printable(repr(organisation))}; "
            "mkdocs.yml's site_name is printed as HTML on every page"
        )
    return f"{organisation} roadmap"


def pre_commit_file(org: Organisation, folder: Path, today: date) -> list[Planned]:
    """.pre-commit-config.yaml with the tool's own hook, pinned to this version."""
    text = _template("pre-commit-config.yaml", repository=source_repository(), rev=f"v{version(DISTRIBUTION)}")
    return [Planned(".pre-commit-config.yaml", text)]


def workflow_files(org: Organisation, folder: Path, today: date) -> list[Planned]:
    """The GitHub workflows: check every pull request, publish to Pages; both run the tool's action at this version."""
    action = f"{urlsplit(source_repository()).path.strip('/')}@v{version(DISTRIBUTION)}"
    package = files(__name__.rsplit(".", 1)[0]).joinpath("scaffold")
    # Not string.Template: the workflows are full of GitHub's own `${{ }}` expressions.
    return [
        Planned(
            f".github/workflows/{name}",
            package.joinpath(name).read_text(encoding="utf-8").replace(ACTION_PLACEHOLDER, action),
        )
        for name in WORKFLOWS
    ]


def codeowners_file(org: Organisation, folder: Path, today: date) -> list[Planned]:
    """.github/CODEOWNERS: leadership for goals and milestones, one line per department folder."""
    owner = slug(org.name) or "your-org"
    width = max(len(f"/roadmap/*/actions/{d_id}/") for d_id, _ in org.departments) + 4
    lines = "\n".join(f"{f'/roadmap/*/actions/{d_id}/':<{width}}@{owner}/{d_id}" for d_id, _ in org.departments)
    return [Planned(".github/CODEOWNERS", _template("CODEOWNERS", owner=owner, departments=lines))]


Part = Callable[[Organisation, Path, date], list[Planned]]
PARTS: tuple[Part, ...] = (roadmap_files, site_files, pre_commit_file, workflow_files, codeowners_file)
"""Every part of the scaffold, in the order its files are listed."""


def plan(org: Organisation, folder: Path, today: date) -> list[Planned]:
    """Every file the scaffold writes into folder, checked: the sample roadmap passes `roadmap check` as of today."""
    planned = [file for part in PARTS for file in part(org, folder, today)]
    _verify(planned, today)
    return planned


def _verify(planned: list[Planned], today: date) -> None:
    """Check the planned roadmap in a scratch folder, so a bad name is refused before anything is written."""
    with tempfile.TemporaryDirectory(prefix="roadmap-init-") as scratch:
        for file in planned:
            if file.path.startswith("roadmap/"):
                write_inside(Path(scratch), file.path, file.text.encode("utf-8"))
        try:
            check_roadmap(Path(scratch) / "roadmap", Path(scratch), today)
        except InvalidRoadmap as exc:
            problems = "\n".join(printable(str(p)) for p in exc.problems)
            raise UsageError(f"the answers give a roadmap that fails the check:\n{problems}") from None


def overwrites(folder: Path, planned: list[Planned]) -> list[str]:
    """The planned files that would replace a file already there (mkdocs.yml is edited, not replaced).

    A link, or anything but a folder or regular file, on the way to a planned file is refused here, before
    anything is written.
    """
    refuse_link(folder, "a folder to write into")
    for file in planned:
        parts = file.path.split("/")
        for depth in range(1, len(parts)):
            refuse_link(folder.joinpath(*parts[:depth]), "a folder to write into")
        if path_kind(folder / file.path) not in (None, "file"):
            refuse_link(folder / file.path, "a regular file to replace")
    return [file.path for file in planned if not file.edits and path_kind(folder / file.path) is not None]


def write(folder: Path, planned: list[Planned]) -> list[tuple[str, str]]:
    """Write every planned file inside folder (never through a link); what was done to each path."""
    done = []
    for file in planned:
        existed = path_kind(folder / file.path) is not None
        write_inside(folder, file.path, file.text.encode("utf-8"))
        verb = "added the roadmap-as-code plugin to" if file.edits else ("replaced" if existed else "created")
        done.append((verb, file.path))
    return done
