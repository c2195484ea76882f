"""What the plan's history holds: the check-ins (commits) and, per item, the dated changes derived from them.

Plain frozen data, built by history/reader.py and read by the pages, charts and downloads. An item is known by
its file's path under the roadmap folder today (`2026/milestones/grow-arr/launch-eu.md`); a rename keeps its
history, so its earlier changes name the path it had then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ItemKind = Literal["goal", "milestone", "action"]
# What one change says about an item; the field it names is in Change.field.
ChangeKind = Literal[
    "added",  # the file appeared (first commit that holds it)
    "removed",  # the file was deleted (never said of a file that merely failed to parse)
    "renamed",  # moved to another path (git mv, roadmap rename); before/after are the paths
    "unreadable",  # the file did not parse at this commit: its last readable values stand
    "readable",  # it parses again after being unreadable
    "status",  # not-started / in-progress / completed
    "due",  # the due date moved; days > 0 is a slip, < 0 pulled in
    "health",  # on-track / at-risk / off-track (None: not given)
    "metric",  # metric.current
    "budget",  # budget.actual
    "risk-added",  # after: the risk's text
    "risk-removed",  # before: the risk's text
    "quarter",  # a milestone's or key action's quarter (before/after 'Q1'..'Q4'); days: quarters moved x 91
    "edited",  # anything else in the file changed (title, owner, body, ...): field names it
]


@dataclass(frozen=True)
class Commit:
    """One check-in: a first-parent commit of the built branch that touched the roadmap folder."""

    id: str  # the full commit id
    day: date  # the committer date, in the organisation's timezone
    timestamp: int  # seconds since the epoch (the committer date), for ordering within a day
    author: str  # the author's name (never the e-mail address: the site is public)
    subject: str  # the first line of the message
    pull_request: int | None = None  # named by the message: 'Merge pull request #12 from …' or '… (#12)'

    @property
    def short(self) -> str:
        return self.id[:7]


@dataclass(frozen=True)
class Change:
    """One dated change of one item, from one commit."""

    commit: Commit
    kind: ChangeKind
    path: str  # the item's path under the roadmap folder at this commit
    field: str | None = None  # 'status', 'due', 'metric.current', 'budget.actual', 'risks', 'title', ...
    before: str | None = None  # values as the file wrote them, as text (dates ISO, numbers as written)
    after: str | None = None
    days: int | None = None  # for 'due' and 'quarter': how far the date moved (later is positive)
    note: str | None = None  # for 'unreadable': the first problem, 'path:line: field: message'


@dataclass(frozen=True)
class ItemHistory:
    """Every change of one goal, milestone or key action, oldest first."""

    kind: ItemKind
    year: int
    id: str
    path: str  # its path under the roadmap folder at the newest commit read (or where it was last seen)
    changes: tuple[Change, ...]

    @property
    def last_change(self) -> Change | None:
        """The newest change, if any commit read touched the item."""
        return self.changes[-1] if self.changes else None

    @property
    def slips(self) -> tuple[Change, ...]:
        """Each due-date change that moved the date later."""
        return tuple(c for c in self.changes if c.kind == "due" and c.days is not None and c.days > 0)

    def of_kind(self, *kinds: ChangeKind) -> tuple[Change, ...]:
        """The changes of the given kinds, oldest first."""
        return tuple(c for c in self.changes if c.kind in kinds)


@dataclass(frozen=True)
class History:
    """The plan's history up to the as-of date: its check-ins, and each item's changes keyed by its path today."""

    commits: tuple[Commit, ...]  # oldest first
    items: dict[str, ItemHistory] = field(default_factory=dict)  # by path under the roadmap folder
    shallow_since: date | None = None  # a shallow clone: git holds no commit before this day
    notes: tuple[str, ...] = ()  # what was skipped and why (a blob from before a schema change, git missing, ...)
    repository: str | None = None  # the web address commits link to (mkdocs.yml's repo_url), if any
    # What went wrong with the cache (unwritable, corrupt): for the log only, never the site, whose output must not
    # depend on the cache's state.
    cache_notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def found(self) -> bool:
        """Whether git held any of the plan: a commit read, or the cut of a shallow clone."""
        return bool(self.commits) or self.shallow_since is not None

    @property
    def shallow_warning(self) -> str | None:
        """A build's one line about a shallow clone, when the history is cut by one."""
        if self.shallow_since is None:
            return None
        return f"history: shallow clone, history starts {self.shallow_since.isoformat()}; check out with fetch-depth: 0"

    def of(self, path: str) -> ItemHistory | None:
        """The history of the item whose file is at `path` under the roadmap folder."""
        return self.items.get(path)

    def changes(self) -> list[Change]:
        """Every change of every item, newest first (ties: by path, then as derived)."""
        out = [c for item in self.items.values() for c in item.changes]
        return sorted(out, key=lambda c: (-c.commit.timestamp, c.path))

    def commit_url(self, commit: Commit) -> str | None:
        """The commit's page on the repository's web host, when the site names one."""
        return f"{self.repository.rstrip('/')}/commit/{commit.id}" if self.repository else None


def shallow_note(since: date) -> str:
    """The note a history cut by a shallow clone carries (in history.json; the build log says shallow_warning)."""
    return (
        f"shallow clone: git holds no commit before {since.isoformat()}, so the history starts there; "
        "check out with fetch-depth: 0 for the whole history"
    )
