"""history.json: the plan's check-ins and each item's derived changes, typed; its JSON Schema comes from these classes.

Commits are listed once, oldest first; a change names its commit by id. Items are sorted by path, their changes
oldest first, so the same history always gives the same bytes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ...history import Change, Commit, History, ItemHistory
from ...history.trail import ChangeKind, ItemKind
from ...model.json_schema import published_schema

SCHEMA_VERSION = 1
SCHEMA_ID = "https://roadmap-as-code.example/schema/roadmap-history.schema.json"


class _Record(BaseModel):
    """Every key is always written, so the schema requires each one."""

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_serialization_defaults_required=True)


class CommitRecord(_Record):
    """One check-in: a first-parent commit of the built branch that touched the roadmap folder."""

    id: str = Field(description="The full commit id.", pattern="^[0-9a-f]{7,64}$")
    day: date = Field(description="The committer date, in the organisation's timezone.")
    timestamp: int = Field(description="Seconds since the epoch (the committer date).")
    author: str = Field(description="The author's name (never the e-mail address).")
    subject: str = Field(description="The first line of the commit message.")
    pull_request: int | None = Field(description="The pull request the message names, if any.")
    url: str | None = Field(description="The commit's web page, when the site names its repository.")


class ChangeRecord(_Record):
    """One dated change of one item."""

    commit: str = Field(description="The id of the commit that made it (see commits).")
    kind: ChangeKind = Field(description="What changed: the item was added, removed, renamed, or a field changed.")
    path: str = Field(description="The item's path under the roadmap folder at that commit.")
    field: str | None = Field(description="The front-matter field that changed ('status', 'due', 'metric.current').")
    before: str | None = Field(description="The value before, as the file wrote it (dates ISO), or the old path.")
    after: str | None = Field(description="The value after, as the file wrote it, or the new path.")
    days: int | None = Field(description="For due and quarter changes: how far it moved (later is positive).")
    note: str | None = Field(description="For unreadable: the first problem, 'path:line: field: message'.")


class ItemRecord(_Record):
    """Every change of one goal, milestone or key action, oldest first."""

    path: str = Field(description="The item's path under the roadmap folder now (or where it was last seen).")
    kind: ItemKind = Field(description="goal, milestone or action.")
    year: int = Field(description="The roadmap year the item belongs to.")
    id: str = Field(description="The item's id (its file name).")
    slips: int = Field(description="How many times its due date moved later.", ge=0)
    slip_days: int = Field(description="The days its due date moved later, in all.", ge=0)
    changes: tuple[ChangeRecord, ...] = Field(description="Its changes, oldest first.")


class HistoryDocument(_Record):
    """The plan's history read from git, as history.json holds it."""

    schema_version: int = Field(description="Raised when a field changes meaning or goes away.")
    shallow_since: date | None = Field(description="A shallow clone: git holds no commit before this day.")
    repository: str | None = Field(description="The web address commits link to, if the site names one.")
    notes: tuple[str, ...] = Field(description="What was skipped while reading, and why.")
    commits: tuple[CommitRecord, ...] = Field(description="The check-ins read, oldest first.")
    items: tuple[ItemRecord, ...] = Field(description="Each item that changed, by path.")


def _commit(commit: Commit, history: History) -> CommitRecord:
    return CommitRecord(
        id=commit.id,
        day=commit.day,
        timestamp=commit.timestamp,
        author=commit.author,
        subject=commit.subject,
        pull_request=commit.pull_request,
        url=history.commit_url(commit),
    )


def _change(change: Change) -> ChangeRecord:
    return ChangeRecord(
        commit=change.commit.id,
        kind=change.kind,
        path=change.path,
        field=change.field,
        before=change.before,
        after=change.after,
        days=change.days,
        note=change.note,
    )


def _item(item: ItemHistory) -> ItemRecord:
    slips = item.slips
    return ItemRecord(
        path=item.path,
        kind=item.kind,
        year=item.year,
        id=item.id,
        slips=len(slips),
        slip_days=sum(c.days or 0 for c in slips),
        changes=tuple(_change(c) for c in item.changes),
    )


def history_document(history: History) -> HistoryDocument:
    """The history as history.json holds it (see docs/schema/roadmap-history.schema.json)."""
    commits = sorted(history.commits, key=lambda c: (c.timestamp, c.id))
    return HistoryDocument(
        schema_version=SCHEMA_VERSION,
        shallow_since=history.shallow_since,
        repository=history.repository,
        notes=tuple(history.notes),
        commits=tuple(_commit(c, history) for c in commits),
        items=tuple(_item(history.items[path]) for path in sorted(history.items)),
    )


def history_json(history: History) -> str:
    """history.json: stable key order and indentation, UTF-8 text, one trailing newline."""
    # pydantic's own writer: the same bytes as json.dumps(indent=2, ensure_ascii=False) here, five times faster on a
    # long history (only texts and integers: no float or NaN for it to spell differently).
    return history_document(history).model_dump_json(indent=2) + "\n"


def history_json_schema() -> dict[str, Any]:
    """The JSON Schema of history.json, generated from the record classes."""
    return published_schema(HistoryDocument, SCHEMA_ID, "history.json")
