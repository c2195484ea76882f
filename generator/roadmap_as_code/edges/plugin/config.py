"""The options of the `roadmap-as-code` MkDocs plugin, validated by MkDocs' own config options."""

from __future__ import annotations

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


class RoadmapConfig(base.Config):
    """Options of the `roadmap-as-code` plugin in mkdocs.yml (documented in docs/guide/plugin.md)."""

    enabled = c.Type(bool, default=True)
    root = c.Type(str, default=".")
    as_of: c.Optional[date] = c.Optional(AsOfDate())
    nav = c.Type(bool, default=True)
    guide = c.ListOfItems(c.Type(str), default=[])
    branch = c.Type(str, default="main")
