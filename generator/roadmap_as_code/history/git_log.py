"""Git, read-only: where the roadmap folder sits in its repository, and the first-parent log of that folder.

Every git process runs without a pager, prompt, optional lock or the user's external diff, so reading the
history never writes into the repository. Failures come back as a note (a sentence), never an exception.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..filesystem import path_kind

_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
_TIMEOUT = 300
# One commit's header in the log: its id, committer time, author name and subject (see LOG_FORMAT).
LOG_FORMAT = "%x1e%H %ct%x1f%an%x1f%s"
_PR_MERGE = re.compile(r"^Merge pull request #(\d+) from ")
_PR_SQUASH = re.compile(r"\(#(\d+)\)\s*$")


class GitFailed(Exception):
    """Git could not be run or refused; the message is the note the history carries."""


def git_env() -> dict[str, str]:
    """The environment git runs in: the caller's, made non-interactive and lock-free."""
    return {**os.environ, **_ENV}


def run_git(cwd: Path, *args: str) -> bytes:
    """Git's standard output, or GitFailed with a one-line reason."""
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), "-c", "core.quotepath=off", *args],
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
            env=git_env(),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitFailed(f"cannot run git ({exc.__class__.__name__}: {exc})") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(f"git {args[0]} failed: {reason[0] if reason else f'exit code {done.returncode}'}")
    return done.stdout


@dataclass(frozen=True)
class Repository:
    """The roadmap folder's repository: its top folder, the folder's path in it ('' at the top), HEAD."""

    top: Path
    prefix: str
    head: str
    shallow: frozenset[str]  # the commits a shallow clone cut the history at (their parents are missing)


def locate(content: Path) -> Repository | str:
    """The repository holding the content folder, from one `git rev-parse`; a note when there is none."""
    kind = path_kind(content)
    if kind != "folder":  # a link in the folder's place is never followed
        return f"no history: {content} is not a folder (got {kind or 'nothing'})"
    try:
        out = run_git(
            content, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--git-common-dir",
            "--verify", "HEAD",
        )  # fmt: skip
    except GitFailed as exc:
        text = str(exc)
        if "not a git repository" in text:
            return f"no history: {content} is not inside a git repository"
        if "HEAD" in text or "ambiguous" in text or "single revision" in text:
            return f"no history: the repository holding {content} has no commits yet"
        return f"no history: {text}"
    lines = out.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) != 5:
        return f"no history: git rev-parse answered {len(lines)} lines, expected 5"
    top, prefix, shallow, common, head = lines
    cut: frozenset[str] = frozenset()
    if shallow == "true":
        try:
            cut = frozenset((content / common / "shallow").read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            cut = frozenset()
    return Repository(Path(top), prefix.rstrip("/"), head, cut)


@dataclass(frozen=True)
class Entry:
    """One file a commit changed (git's raw diff line): status letter, paths and blobs before and after."""

    status: str  # A, D, M, R, C, T
    old_path: str
    new_path: str
    old_blob: str
    new_blob: str
    new_mode: str


@dataclass(frozen=True)
class LogCommit:
    """One commit of the folder's first-parent log with the files it changed against its first parent."""

    id: str
    timestamp: int
    author: str
    subject: str
    entries: tuple[Entry, ...]

    @property
    def pull_request(self) -> int | None:
        """The pull request the subject names: 'Merge pull request #N from …' or a trailing '(#N)'."""
        found = _PR_MERGE.match(self.subject) or _PR_SQUASH.search(self.subject)
        return int(found.group(1)) if found else None


def read_log(repo: Repository) -> list[LogCommit]:
    """Every first-parent commit that touched the folder, oldest first; merges diffed against their first parent."""
    out = run_git(
        repo.top, "log", "--first-parent", "--diff-merges=first-parent", "--raw", "-z", "-M", "--no-abbrev",
        "--no-color", "--no-ext-diff", "--no-textconv", "--no-show-signature", "--encoding=UTF-8",
        f"--format={LOG_FORMAT}", "HEAD", "--", f":(literal){repo.prefix}" if repo.prefix else ".",
    )  # fmt: skip
    return parse_log(out.decode("utf-8", "surrogateescape"))[::-1]


def parse_log(text: str) -> list[LogCommit]:
    """The commits of `git log --raw -z` output in LOG_FORMAT, in the log's order."""
    commits: list[LogCommit] = []
    header: list[str] | None = None
    entries: list[Entry] = []
    tokens = iter(text.split("\0"))
    for raw in tokens:
        token = raw.lstrip("\n")
        if token.startswith("\x1e"):
            if header is not None:
                commits.append(_commit(header, entries))
            header, entries = token[1:].split("\x1f", 2), []
        elif token.startswith(":"):
            _old_mode, new_mode, old_blob, new_blob, status = token[1:].split(" ", 4)
            old_path = next(tokens)
            new_path = next(tokens) if status[0] in "RC" else old_path
            entries.append(Entry(status[0], old_path, new_path, old_blob, new_blob, new_mode))
    if header is not None:
        commits.append(_commit(header, entries))
    return commits


def _commit(header: list[str], entries: list[Entry]) -> LogCommit:
    ident, _, stamp = header[0].partition(" ")
    author = header[1] if len(header) > 1 else ""
    subject = header[2] if len(header) > 2 else ""
    return LogCommit(ident, int(stamp), author, subject, tuple(entries))
