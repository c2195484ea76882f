"""The roadmap as it was at a git revision, read from git's object store into a temporary folder.

Nothing is ever written into the repository or its roadmap folder; each side is loaded with the
loader only (not the rules), keeping the problems met so the diff can mention them.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import Problem, RoadmapError, UsageError
from ..filesystem import path_kind, skip_bytes
from ..model import Roadmap
from ..reading import find_content, load_roadmap
from ..reading.frontmatter import MAX_FILE_BYTES
from ..reading.locating import roadmap_root
from ..reading.tree import SETTINGS
from .unreadable import ItemKey, unreadable_items


class DiffError(RoadmapError):
    """A revision cannot be read (unknown revision, not a git repository, git missing)."""


@dataclass(frozen=True)
class Side:
    """One side of the comparison: its label, what loaded, and the problems met while loading."""

    label: str
    roadmap: Roadmap | None
    problems: tuple[Problem, ...] = ()
    note: str | None = None
    # By year, the items whose file is there but did not load, with its first problem: unreadable, never removed.
    unreadable: dict[int, dict[ItemKey, Problem]] = field(default_factory=dict)


def _git(root: Path, *args: str, input_bytes: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args], input=input_bytes, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffError(f"cannot run git: {exc}") from None


def _toplevel(root: Path) -> Path:
    result = _git(root, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise DiffError(f"{root} is not inside a git repository; roadmap diff compares git revisions")
    return Path(result.stdout.decode().strip())


def resolve_revision(root: Path, revision: str) -> str:
    """The commit id a revision names, or DiffError saying it names none."""
    if not revision or revision.startswith("-"):
        raise DiffError(f"expected a git revision (a branch, tag or commit), got '{revision}'")
    result = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if result.returncode != 0:
        hint = " (in CI, check out with fetch-depth: 0 so the base branch is present)" if "/" in revision else ""
        raise DiffError(f"unknown revision '{revision}': it names no commit in {root}{hint}")
    return result.stdout.decode().strip()


def _entries(root: Path, commit: str, prefix: str) -> list[tuple[str, str, str]]:
    """(path, mode, object id) of everything under prefix at a commit: files, links and submodules."""
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *([prefix] if prefix else []))
    if listing.returncode != 0:
        raise DiffError(f"cannot list {prefix or 'the repository'} at {commit}: {listing.stderr.decode().strip()}")
    found = []
    for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if entry:
            meta, path = entry.split("\t", 1)
            mode, _, object_id = meta.split()
            found.append((path, mode, object_id))
    return found


def _place(dest: Path, path: str) -> Path:
    """Where a path of the commit goes in the scratch folder; a path leaving it is refused."""
    parts = path.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise DiffError(f"refusing to write {path!r} outside the temporary folder")
    target = dest.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def materialise(root: Path, commit: str, prefix: str, dest: Path) -> None:
    """Recreate the files under prefix at a commit in dest, streaming git's objects one at a time.

    A link is recreated as a link (never followed), so the loader refuses it just as it does on disk; a
    submodule becomes an empty folder the loader reports. A file over the loader's size limit becomes a
    sparse file of the same size, so it is reported without being read into memory.
    """
    wanted: list[tuple[Path, str, str]] = []
    for path, mode, object_id in _entries(root, commit, prefix):
        target = _place(dest, path)
        if mode == "160000":
            target.mkdir(exist_ok=True)
        else:
            wanted.append((target, mode, object_id))
    if wanted:
        _stream_blobs(root, commit, wanted)


def _stream_blobs(root: Path, commit: str, wanted: list[tuple[Path, str, str]]) -> None:
    requests = "".join(f"{object_id}\n" for _, _, object_id in wanted).encode()
    with tempfile.TemporaryFile() as ids:
        ids.write(requests)
        ids.seek(0)
        try:
            process = subprocess.Popen(
                ["git", "-C", str(root), "cat-file", "--batch"], stdin=ids, stdout=subprocess.PIPE
            )
        except OSError as exc:
            raise DiffError(f"cannot run git: {exc}") from None
        assert process.stdout is not None
        with process:
            for target, mode, _ in wanted:
                header = process.stdout.readline().split()
                if len(header) != 3:
                    process.kill()
                    raise DiffError(f"cannot read files at {commit}: git answered {b' '.join(header)!r}")
                _write_blob(process.stdout, target, mode, int(header[2]))
                process.stdout.read(1)  # the newline after each object


def _write_blob(stream: IO[bytes], target: Path, mode: str, size: int) -> None:
    if mode == "120000":
        os.symlink(os.fsdecode(stream.read(size)), target)
        return
    with open(target, "xb") as handle:
        if size > MAX_FILE_BYTES:
            handle.write(stream.read(MAX_FILE_BYTES + 1))
            handle.truncate(size)  # sparse: the loader reports the size without anyone holding the bytes
            if not skip_bytes(stream, size - MAX_FILE_BYTES - 1):
                raise DiffError("git stopped in the middle of a file")
        else:
            handle.write(stream.read(size))


def _load(label: str, content: Path, base: Path) -> Side:
    kind = path_kind(content)
    if kind is None:
        return Side(label, None, (), "has no roadmap folder")
    if kind != "folder":  # a link committed in the folder's place is never followed
        return Side(label, None, (), f"has {'a regular file' if kind == 'file' else kind} for the roadmap folder")
    roadmap, problems = load_roadmap(content, base)
    rel = Path(os.path.relpath(content, base)).as_posix()
    unreadable = unreadable_items(problems, "" if rel == "." else rel + "/", roadmap)
    note = None if roadmap else "has no readable roadmap.yml"
    return Side(label, roadmap, tuple(sorted(problems)), note, unreadable)


def _inside(path: Path, top: Path) -> str:
    """A path's place in the repository, '/'-separated ('' for its root)."""
    try:
        rel = path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise DiffError(f"the roadmap folder {path} is not inside the git repository {top}") from None
    return "" if rel == "." else rel


def _folder(root: Path | None, top: Path, sides: list[tuple[str, str]]) -> tuple[Path, str]:
    """The working tree's roadmap folder and its path in the repository, read at every revision.

    When the working tree has none, the roadmap is looked for where it would be (ROOT/roadmap/, or ROOT with
    roadmap.yml; ROOT given, named by mkdocs.yml, or the repository root) at the revisions compared.
    """
    try:
        folder = roadmap_root(root)
    except UsageError:
        folder = top
    try:
        content, _ = find_content(folder)
    except UsageError:
        if path_kind(folder / "roadmap") is not None:
            raise  # a link or a file named roadmap: refused, never read through
        content = _committed(top, folder, sides)
    return content, _inside(content, top)


def _committed(top: Path, folder: Path, sides: list[tuple[str, str]]) -> Path:
    """The roadmap folder under folder at one of the revisions (name, commit): folder/roadmap/, else folder."""
    rel = _inside(folder, top)
    places = [(f"{rel}/" if rel else "") + name for name in ("roadmap", SETTINGS)]
    for place, content in zip(places, (folder / "roadmap", folder), strict=True):
        if any(_git(top, "cat-file", "-e", f"{commit}:{place}").returncode == 0 for _, commit in sides):
            return content
    raise _neither(f"{places[0]}/ or {places[1]}", [name for name, _ in sides])


def _neither(looked_for: str, revisions: list[str]) -> UsageError:
    sides = " or ".join(revisions) if len(revisions) > 1 else f"{revisions[0]} or in the working tree"
    return UsageError(
        f"no {looked_for} at {sides}; expected the roadmap folder at one of them: pass --root with the folder "
        "that holds roadmap/ (or the roadmap folder itself), or run the command inside it"
    )


def load_sides(root: Path | None, base: str, head: str | None) -> tuple[Side, Side]:
    """Load the roadmap at base and at head (None: the working tree as it is on disk).

    Both sides are read at the same path inside the repository, and their paths are shown from its root.
    """
    here = root if root is not None else Path(".")
    while path_kind(here) is None and here != here.parent:
        here = here.parent  # a --root the working tree no longer has: git runs in the folder that held it
    top = _toplevel(here).resolve()
    revisions = [base] + ([head] if head is not None else [])
    commits = [resolve_revision(here, revision) for revision in revisions]
    content, prefix = _folder(root, top, list(zip(revisions, commits, strict=True)))
    labels = [f"{revision} ({commit[:12]})" for revision, commit in zip(revisions, commits, strict=True)]
    with tempfile.TemporaryDirectory(prefix="roadmap-diff-") as tmp:
        folders = []
        for index, commit in enumerate(commits):
            dest = Path(tmp) / str(index)
            materialise(top, commit, prefix, dest)
            folders.append((dest / prefix if prefix else dest, dest))
        if head is None:
            labels.append("the working tree")
            folders.append((content.resolve(), top))
        if all(path_kind(folder) is None for folder, _ in folders):
            raise _neither(f"{prefix}/" if prefix else "roadmap", revisions)
        base_side, head_side = (_load(label, *where) for label, where in zip(labels, folders, strict=True))
    return base_side, head_side
