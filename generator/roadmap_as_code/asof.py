"""The "as of" date of a check or build: explicit, else SOURCE_DATE_EPOCH, else today in the organisation's timezone."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import UsageError

# The years a roadmap may plan (its year folders) and be judged at. Bounded so every date has a
# Unix time MkDocs can stamp into the gzip header of sitemap.xml.gz (32 bits, unsigned: up to 2106).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def out_of_range(day: date) -> str | None:
    """What is wrong with an as-of date outside the supported years, or None."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"expected a date from {FIRST_DAY} to {LAST_DAY}, got {day}"


def now() -> datetime:
    """The current time, in UTC: the one clock the tool reads (tests replace it)."""
    return datetime.now(UTC)


def today(timezone: str) -> date:
    """Today's date where the organisation is."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UsageError(f"timezone: expected an IANA time zone name like 'Europe/Berlin', got {timezone!r}") from None
    return now().astimezone(zone).date()


def resolve_as_of(explicit: date | None, timezone: str, env: Mapping[str, str] = os.environ) -> tuple[date, str]:
    """The as-of date and where it came from: the option, SOURCE_DATE_EPOCH, or today in the timezone."""
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
    return _checked(today(timezone), f"today in {timezone}", "pass --as-of"), f"today ({timezone})"


def _checked(day: date, what: str, fix: str) -> date:
    problem = out_of_range(day)
    if problem:
        raise UsageError(f"{what}: {problem}; {fix}")
    return day


def midnight_epoch(day: date) -> int:
    """The Unix time of a day's midnight, UTC: SOURCE_DATE_EPOCH for a build as of that day."""
    return int(datetime.combine(day, time(0, 0), tzinfo=UTC).timestamp())
