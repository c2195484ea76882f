"""The roadmap as it was at a git revision, read from git's object store into a temporary folder.

Nothing is ever written into the repository or its roadmap folder; each side is loaded with the
loader only (not the rules), keeping the problems met so the diff can mention them.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, RoadmapError, UsageError
from ..model import Roadmap
from ..reading import find_content, load_roadmap


class DiffError(RoadmapError):
    """A revision cannot be read (unknown revision, not a git repository, git missing)."""


@dataclass(frozen=True)
class Side:
    """One side of the comparison: its label, what loaded, and the problems met while loading."""

    label: str
    roadmap: Roadmap | None
    problems: tuple[Problem, ...] = ()
    note: str | None = None


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


def _blobs(root: Path, commit: str, prefix: str) -> list[tuple[str, str]]:
    """(path, blob id) of the regular files under prefix at a commit; symlinks and submodules are skipped."""
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *([prefix] if prefix else []))
    if listing.returncode != 0:
        raise DiffError(f"cannot list {prefix or 'the repository'} at {commit}: {listing.stderr.decode().strip()}")
    found = []
    for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob = meta.split()
        if kind == "blob" and mode in ("100644", "100755"):
            found.append((path, blob))
    return found


def materialise(root: Path, commit: str, prefix: str, dest: Path) -> None:
    """Write the files under prefix at a commit into dest, reading git's objects (one `cat-file --batch`)."""
    blobs = _blobs(root, commit, prefix)
    if not blobs:
        return
    batch = _git(root, "cat-file", "--batch", input_bytes="".join(f"{blob}\n" for _, blob in blobs).encode())
    if batch.returncode != 0:
        raise DiffError(f"cannot read files at {commit}: {batch.stderr.decode().strip()}")
    data, offset, top = batch.stdout, 0, dest.resolve()
    for path, _ in blobs:
        end = data.index(b"\n", offset)
        size = int(data[offset:end].split()[2])
        content = data[end + 1 : end + 1 + size]
        offset = end + 1 + size + 1
        target = (dest / path).resolve()
        if not target.is_relative_to(top):
            raise DiffError(f"refusing to write {path!r} outside the temporary folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _load(label: str, content: Path) -> Side:
    if not content.is_dir():
        return Side(label, None, (), "has no roadmap folder")
    roadmap, problems = load_roadmap(content, content.parent)
    return Side(label, roadmap, tuple(sorted(problems)), None if roadmap else "has no readable roadmap.yml")


def _prefix(root: Path, top: Path) -> tuple[Path, str]:
    """The working tree's roadmap folder and its path inside the repository."""
    try:
        content, _ = find_content(root)
    except UsageError:
        content = root / "roadmap"
    try:
        rel = content.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise DiffError(f"the roadmap folder {content} is not inside the git repository {top}") from None
    return content, "" if rel == "." else rel


def load_sides(root: Path, base: str, head: str | None) -> tuple[Side, Side]:
    """Load the roadmap at base and at head (None: the working tree as it is on disk)."""
    top = _toplevel(root)
    content, prefix = _prefix(root, top)
    commits = [resolve_revision(root, base)] + ([resolve_revision(root, head)] if head is not None else [])
    sides = []
    with tempfile.TemporaryDirectory(prefix="roadmap-diff-") as tmp:
        for index, (revision, commit) in enumerate(zip([base, head], commits, strict=False)):
            dest = Path(tmp) / str(index)
            materialise(top, commit, prefix, dest)
            sides.append(_load(f"{revision} ({commit[:12]})", dest / prefix if prefix else dest))
    if head is None:
        sides.append(_load("the working tree", content))
    return sides[0], sides[1]
