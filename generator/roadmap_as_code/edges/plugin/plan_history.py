"""The plugin's reading of the plan's history: from git up to the as-of date, with its notes in the log."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from ...history import History
from ...history.reader import read_history
from ...history.trail import shallow_note

Log = logging.Logger | logging.LoggerAdapter[logging.Logger]


def plan_history(
    content: Path, as_of: date, timezone: str, repo_url: str | None, log: Log, strict: bool
) -> History | None:
    """The history of the roadmap folder, or None when git holds none of it (no git, not a repository, no commit).

    The reader's notes go to the log at INFO: a blob from before a schema change is no broken build. A shallow
    clone is a warning (INFO under --strict, like the charts' notice: CI's default checkout must not fail it).
    """
    history = read_history(content, as_of, timezone, repository=repo_url or None)
    shallow = shallow_note(history.shallow_since) if history.shallow_since else None
    for note in (*history.notes, *history.cache_notes):
        if note != shallow:
            log.info("history: %s", note)
    if history.shallow_warning:
        (log.info if strict else log.warning)(history.shallow_warning)
    if not history.found:
        log.info("history: none read; the site shows the roadmap as of %s only", as_of.isoformat())
        return None
    return history
