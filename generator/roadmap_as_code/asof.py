"""The "as of" date of a check or build: explicit, else SOURCE_DATE_EPOCH, else last commit, else today."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import UsageError


def resolve_as_of(explicit: date | None, root: Path, env: Mapping[str, str] = os.environ) -> tuple[date, str]:
    """The as-of date and where it came from, never the wall clock while a commit is available."""
    if explicit is not None:
        return explicit, "option"
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise UsageError(
                f"SOURCE_DATE_EPOCH: expected a Unix time in whole seconds, got {epoch!r}; unset it or fix it"
            )
        return datetime.fromtimestamp(int(epoch), tz=UTC).date(), "SOURCE_DATE_EPOCH"
    committed = last_commit_date(root)
    if committed is not None:
        return committed, "last commit"
    return date.today(), "today"


def last_commit_timestamp(root: Path) -> int | None:
    """The Unix time of the last commit of the repository holding root, if git and a commit exist."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else None


def last_commit_date(root: Path) -> date | None:
    """The UTC date of the last commit, if any."""
    stamp = last_commit_timestamp(root)
    return None if stamp is None else datetime.fromtimestamp(stamp, tz=UTC).date()
