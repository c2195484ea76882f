"""The organisation's timezone: an IANA name zoneinfo knows, which decides what "today" is."""

from __future__ import annotations

import difflib
import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, Field

from .values import describe

DEFAULT_TIMEZONE = "UTC"
# IANA names are ASCII words joined by '/': Europe/Berlin, America/Argentina/Buenos_Aires, Etc/GMT+5.
# Checked before zoneinfo sees the name, so nothing but a zone name is ever looked up in the system's files.
_PATTERN = r"^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$"
_LONGEST = 64  # the longest IANA name has 32 characters
_NAME = re.compile(_PATTERN.replace("$", r"\Z"))
# Names zoneinfo may find that mean this machine's setting, not a place: a site built elsewhere would differ.
_MACHINE = frozenset({"localtime", "posixrules", "Factory"})


def _timezone(value: str) -> str:
    if len(value) <= _LONGEST and _NAME.match(value) and value not in _MACHINE:
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    expected = "expected an IANA time zone name such as 'Europe/Berlin' or 'UTC'"
    raise ValueError(f"{expected}, got {describe(value)}{_hint(value)}")


def _hint(value: str) -> str:
    """The closest known name (listing every zone takes ~50 ms, so only a mistake pays for it)."""
    known = sorted(available_timezones() - _MACHINE)
    close = {name.casefold(): name for name in known}.get(value.casefold())
    if close is None:
        found = difflib.get_close_matches(value[:_LONGEST], known, n=1, cutoff=0.8)
        close = found[0] if found else None
    return (
        f"; did you mean '{close}'?" if close else "; see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones"
    )


TimeZone = Annotated[
    str, AfterValidator(_timezone), Field(json_schema_extra={"pattern": _PATTERN, "maxLength": _LONGEST})
]
