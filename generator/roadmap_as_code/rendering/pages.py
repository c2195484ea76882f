"""The site's generated pages as Markdown strings, rendered from Jinja templates."""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import Environment

from ..checking.limit_usage import year_usage
from ..history import History
from ..measuring.metrics import YearMetrics, default_year, year_metrics
from ..measuring.pace import money
from ..model import Roadmap
from . import charts as c
from .history_facts import goal_charts_over_year
from .history_view import YearHistory
from .page_paths import GeneratedPage, Paths, nav_years, site_nav
from .picture import departments_picture, goals_picture, picture_block
from .safe_text import md
from .templating import environment
from .tiles import milestone_tiles
from .track_record_page import track_record_page

__all__ = ["GeneratedPage", "Paths", "build_pages", "site_nav"]


class _YearPages:
    """Renders every page of one year."""

    def __init__(
        self,
        env: Environment,
        metrics: YearMetrics,
        paths: Paths,
        has_archive: bool,
        following: YearMetrics | None = None,
        in_nav: bool = True,
        history: History | None = None,
    ) -> None:
        self.env, self.m, self.paths, self.has_archive = env, metrics, paths, has_archive
        self.history = history  # the plan's check-ins read from git; None when not read (or not a repository)
        self.trail = YearHistory(history, metrics, paths) if history is not None else None
        self.following = following  # the next year, when planned: Q4's horizon looks into its Q1
        # A year the nav leaves out: "All years" stands for its pages (the nav lists those near the default year).
        self.outside_nav = None if in_nav else paths.archive
        self.year = metrics.year.year
        self.settings = metrics.roadmap.settings
        self.milestones = {m.id: m for m in metrics.year.milestones}
        self.goals = {g.id: g for g in metrics.year.goals}
        self.load = year_usage(metrics.roadmap, metrics.year).department_quarters
        # Named once per key action (owners page): a dict, not a scan of the departments each time; first id wins.
        self.department_names = {d.id: d.name for d in reversed(self.settings.departments)}

    def _department_name(self, department_id: str) -> str:
        return self.department_names.get(department_id, department_id)

    def _money(self, amount: float | None) -> str:
        return "–" if amount is None else money(amount, self.settings.currency)

    def render(
        self,
        template: str,
        path: str,
        title: str,
        source: str | None = None,
        used: tuple[c.Chart, ...] = (),
        parent: str | None = None,
        **context: Any,
    ) -> GeneratedPage:
        text = self.env.get_template(template).render(
            page=path,
            paths=self.paths,
            metrics=self.m,
            year=self.year,
            organisation=self.settings.organisation,
            department_name=self._department_name,
            money=self._money,
            trail=self.trail,
            **context,
        )
        return GeneratedPage(path, title, text, source, used, parent or self.outside_nav)

    def pages(self) -> list[GeneratedPage]:
        out = [self.dashboard(), self.timeline(), self.departments(), self.owners()]
        out += [self.goal(g) for g in self.m.goals]
        out += [self.milestone(s) for s in self.m.states]
        out += [self.department(d.id) for d in self.settings.departments]
        out += [self.quarter(q) for q in range(1, 5)]
        return out + ([self.changes()] if self.trail else [])

    def _id(self, name: str) -> str:
        return f"{self.year}-{name}"

    def dashboard(self) -> GeneratedPage:
        tiles = milestone_tiles(self.m, self._money)
        found = {
            "goal_progress": c.goal_progress(self.m, self._id("goal-progress")),
            "by_quarter": c.milestones_by_quarter(self.m, self._id("milestones-by-quarter")),
            "budget": c.budget(self.m, self._id("budget")),
        }
        title = f"{self.settings.organisation} roadmap {self.year}"
        return self.render(
            "dashboard.md.j2",
            self.paths.dashboard(self.year),
            title,
            None,
            tuple(x for x in found.values() if x),
            tiles=tiles,
            charts=found,
            archive=self.has_archive,
        )

    def timeline(self) -> GeneratedPage:
        path = self.paths.timeline(self.year)
        picture = picture_block(goals_picture(self.m, self.paths, path), f"roadmap-{self.year}")
        return self.render(
            "timeline.md.j2",
            path,
            f"Timeline {self.year}",
            None,
            (),
            picture=picture,
            goals=self.goals,
            milestones=self.milestones,
        )

    def departments(self) -> GeneratedPage:
        chart = c.department_load(self.m, self._id("department-load"))
        limit = self.settings.limits.actions_per_department_per_quarter
        rows = [
            {"dept": d, "counts": [self.load.get((d.id, q), 0) for q in range(1, 5)]} for d in self.settings.departments
        ]
        path = self.paths.departments(self.year)
        picture = picture_block(departments_picture(self.m, self.paths, path), f"key-actions-{self.year}")
        return self.render(
            "departments.md.j2",
            path,
            f"Departments {self.year}",
            self.settings.source.path,
            (chart,),
            picture=picture,
            load_chart=chart,
            rows=rows,
            limit=limit,
        )

    def department(self, department_id: str) -> GeneratedPage:
        dept = self.settings.department(department_id)
        chart = c.department_load(self.m, self._id(f"department-{department_id}"), department_id)
        by_quarter = {q: list(self.m.actions_in(department_id, q)) for q in range(1, 5)}
        limit = self.settings.limits.actions_per_department_per_quarter
        return self.render(
            "department.md.j2",
            self.paths.department(self.year, department_id),
            f"{dept.name} {self.year}" if dept else department_id,
            self.settings.source.path,
            (chart,),
            self.paths.departments(self.year),
            dept=dept,
            load_chart=chart,
            by_quarter=by_quarter,
            limit=limit,
            milestones=self.milestones,
        )

    def goal(self, progress: Any) -> GeneratedPage:
        chart = c.goal_metric(progress, self._id(f"goal-{progress.goal.id}-metric"))
        burn_up, trajectory = goal_charts_over_year(
            self.m, self.history, progress, self._id(f"goal-{progress.goal.id}")
        )
        return self.render(
            "goal.md.j2",
            self.paths.goal(self.year, progress.goal.id),
            progress.goal.title,
            progress.goal.source.path,
            tuple(x for x in (chart, trajectory, burn_up) if x),
            self.paths.dashboard(self.year),
            g=progress,
            metric_chart=chart,
            burn_up=burn_up,
            trajectory=trajectory,
        )

    def milestone(self, state: Any) -> GeneratedPage:
        m = state.milestone
        depends_on = [self.milestones[d] for d in m.depends_on if d in self.milestones]
        return self.render(
            "milestone.md.j2",
            self.paths.milestone(self.year, m.id),
            m.title,
            m.source.path,
            parent=self.paths.goal(self.year, m.goal),
            s=state,
            m=m,
            goal=self.goals[m.goal],
            depends_on=depends_on,
            needed_by=self.m.dependents(m.id),
            actions=self.m.actions_supporting(m.id),
        )

    def quarter(self, q: int) -> GeneratedPage:
        states = [s for s in self.m.states if s.milestone.quarter == q]
        next_year, next_q = (self.year, q + 1) if q < 4 else (self.year + 1, 1)
        next_metrics = self.m if next_year == self.year else self.following
        next_states = [s for s in next_metrics.states if s.milestone.quarter == next_q] if next_metrics else []
        next_actions = [a for a in next_metrics.year.actions if a.quarter == next_q] if next_metrics else []
        actions = [a for a in self.m.year.actions if a.quarter == q]
        per_dept = {dept: n for (dept, quarter), n in self.load.items() if quarter == q}
        limit = self.settings.limits.actions_per_department_per_quarter
        fullest = (
            ", ".join(
                f"{self._department_name(d)} {n}/{limit}"
                for d, n in sorted(per_dept.items())
                if n == max(per_dept.values())
            )
            if per_dept
            else "none"
        )
        return self.render(
            "quarter.md.j2",
            self.paths.quarter(self.year, q),
            f"Q{q} {self.year} review",
            None,
            (),
            q=q,
            states=states,
            completed=[s for s in states if s.milestone.status == "completed"],
            late=[s for s in states if s.late or s.overdue],
            next_states=next_states,
            next_actions=next_actions,
            next_label=f"Q{next_q} {next_year}",
            goals=self.goals,
            actions=actions,
            action_departments=len(per_dept),
            fullest=f"fullest: {fullest}" if per_dept else "none planned",
        )

    def changes(self) -> GeneratedPage:
        """The year's "What changed" page: its items' changes by week, newest first (only with the history)."""
        weeks, older, older_weeks = self.trail.weeks() if self.trail else ([], 0, 0)
        path, title = self.paths.changes(self.year), f"What changed in {self.year}"
        return self.render("changes.md.j2", path, title, weeks=weeks, older=older, older_weeks=older_weeks)

    def owners(self) -> GeneratedPage:
        table: dict[str, dict[str, Any]] = {}
        for kind, items in (
            ("goals", self.m.year.goals),
            ("milestones", [s.milestone for s in self.m.states]),
            ("actions", sorted(self.m.year.actions, key=lambda a: (a.quarter, a.department, a.id))),
        ):
            for item in items:
                key = " ".join(item.owner.split()).casefold()
                entry = table.setdefault(key, {"name": item.owner, "goals": [], "milestones": [], "actions": []})
                entry[kind].append(item)
        owners = [table[k] for k in sorted(table)]
        return self.render("owners.md.j2", self.paths.owners(self.year), f"Owners {self.year}", None, (), owners=owners)


def build_pages(roadmap: Roadmap, as_of: date, prefix: str = "", history: History | None = None) -> list[GeneratedPage]:
    """Every generated page of the site, under the folder `prefix` ('' for the site root), in a stable order.

    `history` (read from git up to the as-of date) adds the pages and sections about how the plan moved.
    """
    env = environment()
    if not roadmap.years:
        text = (
            f"# {md(roadmap.settings.organisation)} roadmap\n\nNo year is planned yet: add "
            f"`roadmap/{as_of.year}/goals/<goal-id>.md` to start.\n"
        )
        home = Paths(as_of.year, prefix).home
        return [GeneratedPage(home, f"{roadmap.settings.organisation} roadmap", text, roadmap.settings.source.path)]
    paths = Paths(default_year(roadmap, as_of).year, prefix)
    all_metrics = [year_metrics(roadmap, y, as_of) for y in roadmap.years]
    has_archive = len(roadmap.years) > 1
    pages: list[GeneratedPage] = []
    following = {m.year.year - 1: m for m in all_metrics}
    listed = nav_years(roadmap, as_of)
    for metrics in all_metrics:
        year = metrics.year.year
        pages += _YearPages(env, metrics, paths, has_archive, following.get(year), year in listed, history).pages()
    if history is not None:
        pages.append(track_record_page(env, roadmap, as_of, paths, history))
    if has_archive:
        text = env.get_template("archive.md.j2").render(
            page=paths.archive, paths=paths, years=[{"metrics": m} for m in reversed(all_metrics)]
        )
        pages.append(GeneratedPage(paths.archive, "All years", text))
    return pages
