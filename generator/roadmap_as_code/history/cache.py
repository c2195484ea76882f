"""The history's cache: parsed blobs by blob id, and derived histories by what they were derived from.

It lives outside the site and docs folders: `$XDG_CACHE_HOME/roadmap-as-code/<digest of the repository's top
folder>/` (else `~/.cache/...`). JSON only (never pickle), each file written atomically (a temporary file, then
os.replace). A corrupt or unwritable cache is ignored with a note; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from .snapshot import Snapshot
from .trail import Change, Commit, History, ItemHistory

FORMAT = 3  # raise when a snapshot or the derivation changes: older entries are then ignored
_BLOBS = "blobs.json"
KEEP_HISTORIES = 8  # derived histories kept (a daily build makes one a day); the newest by modification time


def default_cache(top: Path) -> Path | None:
    """The cache folder of the repository whose top folder is `top`; None when there is no home to put it in."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    name = hashlib.sha256(os.fsencode(top)).hexdigest()[:16]
    return Path(base) / "roadmap-as-code" / name


def _valid_snapshot(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    if "problem" in value:
        return isinstance(value["problem"], list) and len(value["problem"]) == 3
    return isinstance(value.get("fields"), dict) and isinstance(value.get("body"), str)


class Cache:
    """One repository's cache folder (None: no cache); `notes` says what went wrong with it."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.notes: tuple[str, ...] = () if folder else ("cache: no cache folder (no home folder); reading without",)

    def _note(self, text: str) -> None:
        self.notes = (*self.notes, f"cache: {text}; it is ignored (safe to delete: {self.folder})")

    def history_key(self, head: str, prefix: str, as_of: date, timezone: str) -> str:
        text = json.dumps([FORMAT, head, prefix, as_of.isoformat(), timezone])
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def _read(self, name: str) -> Any:
        if self.folder is None:
            return None
        try:
            with open(self.folder / name, "rb") as handle:
                document = json.loads(handle.read())
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._note(f"cannot read {name} ({exc.__class__.__name__})")
            return None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            return None  # another format's file: it is replaced on the next write
        return document

    def _write(self, name: str, document: dict[str, Any]) -> None:
        if self.folder is None:
            return
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle = tempfile.NamedTemporaryFile(dir=self.folder, prefix=f".{name}.", delete=False)  # noqa: SIM115
            try:
                with handle:
                    handle.write(data)
                os.replace(handle.name, self.folder / name)
            except BaseException:
                Path(handle.name).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._note(f"cannot write {name} ({exc.strerror or exc.__class__.__name__})")

    def load_blobs(self) -> dict[str, Snapshot]:
        """The cached snapshots by blob id (entries of another shape are dropped, so they are read again)."""
        document = self._read(_BLOBS)
        blobs = document.get("blobs") if document else None
        if not isinstance(blobs, dict):
            return {}
        return {k: v for k, v in blobs.items() if isinstance(k, str) and _valid_snapshot(v)}

    def save_blobs(self, blobs: dict[str, Snapshot]) -> None:
        self._write(_BLOBS, {"format": FORMAT, "blobs": dict(sorted(blobs.items()))})

    def load_history(self, key: str) -> History | None:
        document = self._read(f"history-{key}.json")
        if document is None:
            return None
        try:
            return history_from_json(document)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            self._note(f"history-{key}.json does not hold a history")
            return None

    def save_history(self, key: str, history: History) -> None:
        self._write(f"history-{key}.json", history_to_json(history))
        self._prune()

    def _prune(self) -> None:
        """Remove all but the newest KEEP_HISTORIES derived histories (blobs stay: later commits reuse them)."""
        if self.folder is None:
            return
        try:
            found = sorted(self.folder.glob("history-*.json"), key=lambda p: (p.stat().st_mtime_ns, p.name))
            for stale in found[:-KEEP_HISTORIES]:
                stale.unlink(missing_ok=True)
        except OSError:
            return  # another process pruned it first, or the folder is read-only: the next write tries again


def history_to_json(history: History) -> dict[str, Any]:
    """The history as plain JSON data; changes name their commit by its place in `commits`."""
    index = {c.id: n for n, c in enumerate(history.commits)}
    extra = {c.commit.id: c.commit for item in history.items.values() for c in item.changes if c.commit.id not in index}
    commits = [*history.commits, *(extra[k] for k in sorted(extra))]
    index = {c.id: n for n, c in enumerate(commits)}
    return {
        "format": FORMAT,
        "commits": [[c.id, c.day.isoformat(), c.timestamp, c.author, c.subject, c.pull_request] for c in commits],
        "listed": len(history.commits),
        "items": [
            [
                i.kind,
                i.year,
                i.id,
                i.path,
                [[index[c.commit.id], c.kind, c.path, c.field, c.before, c.after, c.days, c.note] for c in i.changes],
            ]
            for i in history.items.values()
        ],
        "shallow_since": history.shallow_since.isoformat() if history.shallow_since else None,
        "notes": list(history.notes),
    }


def history_from_json(document: dict[str, Any]) -> History:
    """The history history_to_json wrote (KeyError, TypeError, ValueError or IndexError when it is not one)."""
    commits = [Commit(i, date.fromisoformat(d), int(t), str(a), str(s), p) for i, d, t, a, s, p in document["commits"]]
    items = {}
    for kind, year, ident, path, changes in document["items"]:
        trail = tuple(Change(commits[n], k, p, f, b, a, d, note) for n, k, p, f, b, a, d, note in changes)
        items[path] = ItemHistory(kind, int(year), ident, path, trail)
    since = document["shallow_since"]
    return History(
        tuple(commits[: int(document["listed"])]),
        items,
        date.fromisoformat(since) if since else None,
        tuple(str(n) for n in document["notes"]),
    )
