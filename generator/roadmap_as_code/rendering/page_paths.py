"""Where each generated page lives, what a page holds, and the site's small navigation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..history import History
from ..measuring.metrics import default_year
from ..model import Roadmap
from .charts import Chart


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: where it goes, its plain title, its Markdown and where it was written."""

    path: str
    title: str
    markdown: str
    source: str | None = None
    charts: tuple[Chart, ...] = field(default=(), compare=False)
    parent: str | None = None  # the page that stands for this one in the nav, when this one is not in it


def under(prefix: str, path: str) -> str:
    """A site path inside the folder `prefix` ('' for the site root), which the plugin's option validated."""
    return f"{prefix}/{path}" if prefix else path


@dataclass(frozen=True)
class Paths:
    """Where each page lives, under `prefix` ('' for the site root); the default year's dashboard is its home."""

    default: int
    prefix: str = ""

    @property
    def home(self) -> str:
        return under(self.prefix, "index.md")

    @property
    def archive(self) -> str:
        return under(self.prefix, "archive.md")

    def download(self, name: str) -> str:
        return under(self.prefix, name)

    def dashboard(self, year: int) -> str:
        return self.home if year == self.default else under(self.prefix, f"{year}/index.md")

    def goal(self, year: int, goal_id: str) -> str:
        return under(self.prefix, f"{year}/goals/{goal_id}.md")

    def milestone(self, year: int, milestone_id: str) -> str:
        return under(self.prefix, f"{year}/milestones/{milestone_id}.md")

    def departments(self, year: int) -> str:
        return under(self.prefix, f"{year}/departments/index.md")

    def department(self, year: int, department_id: str) -> str:
        return under(self.prefix, f"{year}/departments/{department_id}.md")

    def quarter(self, year: int, quarter: int) -> str:
        return under(self.prefix, f"{year}/quarters/q{quarter}.md")

    def timeline(self, year: int) -> str:
        return under(self.prefix, f"{year}/timeline.md")

    def owners(self, year: int) -> str:
        return under(self.prefix, f"{year}/owners.md")

    def changes(self, year: int) -> str:
        """The year's "What changed" page (from the plan's git history)."""
        return under(self.prefix, f"{year}/changes.md")

    @property
    def track_record(self) -> str:
        """The organisation's track record across years (from the plan's git history)."""
        return under(self.prefix, "track-record.md")


def _year_nav(paths: Paths, year: int, history: bool = False) -> list[Any]:
    """One year's entries: its dashboard and the index pages that link to its item pages (and, with the plan's
    history, its "What changed" page)."""
    return [
        {"Dashboard": paths.dashboard(year)},
        {"Timeline": paths.timeline(year)},
        {"Quarterly reviews": [{f"Q{q} {year}": paths.quarter(year, q)} for q in range(1, 5)]},
        {"Departments": paths.departments(year)},
        {"Owners": paths.owners(year)},
    ] + ([{"What changed": paths.changes(year)}] if history else [])


def nav_years(roadmap: Roadmap, as_of: date) -> tuple[int, ...]:
    """The years the nav holds, newest first: the default year and the planned years next to it.

    Material renders the whole nav into every page, so a section for each of many years would make a
    build quadratic; older and later years are reached from "All years", which stands for their pages.
    """
    default = default_year(roadmap, as_of).year
    return tuple(sorted((y.year for y in roadmap.years if abs(y.year - default) <= 1), reverse=True))


def site_nav(roadmap: Roadmap, as_of: date, prefix: str = "", history: History | None = None) -> list[Any]:
    """A small navigation: item pages are linked from index pages, never listed here.

    With more than one year, each year next to the default one is a section (the newest first), so a page
    of 2025 opens 2025's section and shows no other year's entries. With the plan's history, the track record
    follows the years.
    """
    if not roadmap.years:
        return [{"Dashboard": under(prefix, "index.md")}]
    paths = Paths(default_year(roadmap, as_of).year, prefix)
    across: list[Any] = [{"Track record": paths.track_record}] if history is not None else []
    if len(roadmap.years) == 1:
        return _year_nav(paths, paths.default, history is not None) + across
    listed = nav_years(roadmap, as_of)
    years: list[Any] = [{str(year): _year_nav(paths, year, history is not None)} for year in listed]
    return years + across + [{"All years": paths.archive}]
