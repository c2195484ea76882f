"""The files a change touches, for `roadmap check --changed-from BASE`: their problems are listed first."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .revisions import DiffError, resolve_revision


def relative_paths(files: Iterable[str | os.PathLike[str]], base: Path) -> frozenset[str]:
    """Paths (relative to the working folder, or absolute) as the check shows them: relative to base, '/'-separated."""
    start = os.path.abspath(base)
    return frozenset(Path(os.path.relpath(os.path.abspath(f), start)).as_posix() for f in files)


def _git_lines(root: Path, *args: str) -> list[str]:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffError(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        raise DiffError(f"git {args[0]} failed in {root}: {result.stderr.decode('utf-8', 'replace').strip()}")
    return [p for p in result.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def changed_since(root: Path, revision: str, base: Path) -> frozenset[str]:
    """Files added, copied, modified or renamed since a revision, in the working tree (untracked new files too)."""
    top = Path(_toplevel(root))
    commit = resolve_revision(root, revision)
    changed = _git_lines(root, "diff", "--name-only", "-z", "--diff-filter=ACMR", commit, "--")
    untracked = _git_lines(root, "ls-files", "-z", "--others", "--exclude-standard", "--full-name")
    return relative_paths((top / path for path in [*changed, *untracked]), base)


def _toplevel(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise DiffError(f"cannot run git: {exc}") from None
    if result.returncode != 0:
        raise DiffError(f"{root} is not inside a git repository; --changed-from compares with a git revision")
    return result.stdout.decode("utf-8", "surrogateescape").strip()
