"""The options of the `roadmap-as-code` MkDocs plugin, validated by MkDocs' own config options."""

from __future__ import annotations

import re
from datetime import date, datetime

from mkdocs.config import base
from mkdocs.config import config_options as c

from ...asof import out_of_range
from ...model.values import describe


class AsOfDate(base.BaseConfigOption[date]):
    """A date written YYYY-MM-DD: YAML reads it unquoted as a date, quoted as text; both are accepted."""

    def run_validation(self, value: object) -> date:
        day = _as_date(value)
        if day is None:
            raise base.ValidationError(f"as_of: expected a date YYYY-MM-DD, got {describe(value)}")
        problem = out_of_range(day)
        if problem:
            raise base.ValidationError(f"as_of: {problem}")
        return day


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return None


_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")
PREFIX_EXPECTED = (
    "a relative folder such as roadmap or plans/okr (letters, digits, '.', '_' and '-', parts joined by '/'; "
    "no leading '/', no '..')"
)


class Prefix(base.BaseConfigOption[str]):
    """The site folder that holds every generated page and download; none (or '') is the site root."""

    def run_validation(self, value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, str) and not value.startswith("/"):
            # One trailing '/' is how a folder is often written; it names the same folder.
            parts = value.removesuffix("/").split("/") if value else []
            if all(_PART.fullmatch(part) for part in parts):
                return "/".join(parts)
        raise base.ValidationError(f"prefix: expected {PREFIX_EXPECTED}, got {describe(value)}")


class RoadmapConfig(base.Config):
    """Options of the `roadmap-as-code` plugin in mkdocs.yml (documented in docs/guide/plugin.md)."""

    enabled = c.Type(bool, default=True)
    root = c.Type(str, default=".")
    as_of: c.Optional[date] = c.Optional(AsOfDate())
    prefix = Prefix()
    nav = c.Type(bool, default=True)
    nav_title = c.Type(str, default="Roadmap")
    guide = c.ListOfItems(c.Type(str), default=[])
    branch = c.Type(str, default="main")
    history = c.Type(bool, default=True)
