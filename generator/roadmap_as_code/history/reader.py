"""read_history: the plan's history from git, up to the as-of date, with each changed blob read once.

Two git processes on a cold read (`git log` of the folder, then one `git cat-file --batch` for the blobs the
cache lacks), one on a warm read (`git rev-parse`, for HEAD: the cache key). Nothing is written into the
repository; a missing git, a folder outside any repository or an untracked folder give an empty history with
a note, never an exception.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .blobs import read_blobs
from .cache import Cache, default_cache
from .derive import Deriver, item_of
from .git_log import Entry, GitFailed, LogCommit, Repository, locate, read_log
from .snapshot import Snapshot, not_a_file
from .trail import Commit, History, shallow_note

_FILE_MODES = ("100644", "100755")


def _zone(timezone: str, notes: list[str]) -> tzinfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        notes.append(f"timezone: expected an IANA time zone name, got {timezone!r}; commit days are read in UTC")
        return UTC


def _commit(log: LogCommit, zone: tzinfo) -> Commit:
    day = datetime.fromtimestamp(log.timestamp, zone).date()
    return Commit(log.id, day, log.timestamp, log.author, log.subject, log.pull_request)


def _rel(repo: Repository, path: str) -> str | None:
    """A repository path as a path under the roadmap folder when it names an item there, else None."""
    if repo.prefix:
        if not path.startswith(repo.prefix + "/"):
            return None
        path = path[len(repo.prefix) + 1 :]
    return path if item_of(path) else None


def _wanted(repo: Repository, log: list[LogCommit]) -> set[str]:
    """The blobs of item files the log's commits wrote."""
    return {
        e.new_blob
        for commit in log
        for e in commit.entries
        if e.status != "D" and e.new_mode in _FILE_MODES and _rel(repo, e.new_path)
    }


def _snap(entry: Entry, snapshots: dict[str, Snapshot]) -> Snapshot:
    return snapshots[entry.new_blob] if entry.new_mode in _FILE_MODES else not_a_file(entry.new_mode)


def _apply(deriver: Deriver, repo: Repository, commit: Commit, entry: Entry, snaps: dict[str, Snapshot]) -> None:
    old, new = _rel(repo, entry.old_path), _rel(repo, entry.new_path)
    baseline = commit.id in repo.shallow
    if entry.status == "D":
        if old and not baseline:
            deriver.removed(commit, old)
    elif entry.status == "R" and old and new:
        deriver.renamed(commit, old, new, _snap(entry, snaps))
    elif entry.status in "RC":
        if old and entry.status == "R":
            deriver.removed(commit, old)
        if new:
            deriver.added(commit, new, _snap(entry, snaps), baseline)
    elif new:
        if entry.status == "A":
            deriver.added(commit, new, _snap(entry, snaps), baseline)
        else:
            deriver.modified(commit, new, _snap(entry, snaps))


def derive_history(repo: Repository, log: list[LogCommit], snaps: dict[str, Snapshot], zone: tzinfo) -> History:
    """The History of the log's commits (oldest first), from the snapshots of the blobs they wrote."""
    deriver = Deriver()
    commits: list[Commit] = []
    shallow_since: date | None = None
    for entry_log in log:
        commit = _commit(entry_log, zone)
        if commit.id in repo.shallow:
            shallow_since = commit.day if shallow_since is None else min(shallow_since, commit.day)
        else:
            commits.append(commit)
        for entry in entry_log.entries:
            _apply(deriver, repo, commit, entry, snaps)
    notes = list(deriver.notes)
    if shallow_since is not None:
        notes.append(shallow_note(shallow_since))
    return History(tuple(commits), deriver.items(), shallow_since, tuple(notes))


def read_history(
    content: Path, as_of: date, timezone: str, *, repository: str | None = None, cache: Path | None = None
) -> History:
    """The history of the roadmap folder `content` as of a day (commits after it, in the timezone, left out)."""
    notes: list[str] = []
    zone = _zone(timezone, notes)
    repo = locate(content)
    if isinstance(repo, str):
        return History((), notes=(repo, *notes), repository=repository)
    store = Cache(cache if cache is not None else default_cache(repo.top))
    key = store.history_key(repo.head, repo.prefix, as_of, timezone)
    cached = store.load_history(key)
    if cached is not None:
        return replace(cached, repository=repository, cache_notes=store.notes)
    try:
        log = [c for c in read_log(repo) if _commit(c, zone).day <= as_of]
        if not log:
            notes.append(f"no history: git has no commit of {repo.prefix or 'the repository'} up to {as_of}")
            return History((), notes=tuple(notes), repository=repository)
        snaps = store.load_blobs()
        missing = _wanted(repo, log) - snaps.keys()
        fresh = read_blobs(repo.top, missing)
    except GitFailed as exc:
        return History((), notes=(f"no history: {exc}", *notes), repository=repository)
    snaps.update(fresh)
    history = derive_history(repo, log, snaps, zone)
    history = replace(history, notes=(*notes, *history.notes))
    if fresh:
        store.save_blobs(snaps)
    store.save_history(key, history)
    return replace(history, repository=repository, cache_notes=store.notes)
