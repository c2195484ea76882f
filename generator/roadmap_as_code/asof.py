"""The "as of" date of a check or build: explicit, else SOURCE_DATE_EPOCH, else last commit, else today."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import UsageError

# The years a roadmap may plan (its year folders) and be judged at. Bounded so every date has a
# Unix time MkDocs can stamp into the gzip header of sitemap.xml.gz (32 bits, unsigned: up to 2106).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def out_of_range(day: date) -> str | None:
    """What is wrong with an as-of date outside the supported years, or None."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"expected a date from {FIRST_DAY} to {LAST_DAY}, got {day}"


def resolve_as_of(explicit: date | None, root: Path, env: Mapping[str, str] = os.environ) -> tuple[date, str]:
    """The as-of date and where it came from, never the wall clock while a commit is available."""
    if explicit is not None:
        return _checked(explicit, "as-of date", "pass another"), "option"
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit() or len(epoch) > 12:
            raise UsageError(
                f"SOURCE_DATE_EPOCH: expected a Unix time in whole seconds, got {epoch!r}; unset it or fix it"
            )
        day = datetime.fromtimestamp(int(epoch), tz=UTC).date()
        return _checked(day, f"SOURCE_DATE_EPOCH={epoch}", "unset it or fix it"), "SOURCE_DATE_EPOCH"
    committed = last_commit_date(root)
    if committed is not None:
        return _checked(committed, "the last commit's date", "pass --as-of"), "last commit"
    return date.today(), "today"


def _checked(day: date, what: str, fix: str) -> date:
    problem = out_of_range(day)
    if problem:
        raise UsageError(f"{what}: {problem}; {fix}")
    return day


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
