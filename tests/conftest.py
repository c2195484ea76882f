"""Shared test helpers: a pinned "today" and a builder for small roadmaps written into tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.errors import InvalidRoadmap, Problem

AS_OF = date(2026, 11, 20)
"""The pinned "today" of every test: late 2026, so the example has done, running and overdue work."""

REPO = Path(__file__).resolve().parent.parent


def _dump(fields: dict[str, Any]) -> str:
    return yaml.safe_dump({k: v for k, v in fields.items() if v is not None}, sort_keys=False, allow_unicode=True)


class RoadmapBuilder:
    """Writes a roadmap tree under `root/roadmap`; `valid()` makes the smallest roadmap that passes every rule.

    Keyword fields override the defaults of each kind; a field set to None is left out of the file.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "roadmap"

    def write(self, rel: str, text: str | bytes) -> Path:
        """Write raw text or bytes at a path relative to the roadmap folder."""
        path = self.content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return path

    def settings(self, departments: tuple[str, ...] = ("marketing", "sales"), **fields: Any) -> Path:
        data = {
            "organisation": "Example Ltd",
            "departments": [{"id": d, "name": d.replace("-", " ").title()} for d in departments],
        }
        return self.write("roadmap.yml", _dump({**data, **fields}))

    def _item(self, rel: str, defaults: dict[str, Any], fields: dict[str, Any], body: str) -> Path:
        return self.write(rel, f"---\n{_dump({**defaults, **fields})}---\n{body}\n")

    def goal(self, goal_id: str, year: int = 2026, body: str = "Why this goal matters.", **fields: Any) -> Path:
        defaults = {"title": f"Goal {goal_id}", "owner": "CEO"}
        return self._item(f"{year}/goals/{goal_id}.md", defaults, fields, body)

    def milestone(
        self,
        goal_id: str,
        milestone_id: str,
        year: int = 2026,
        quarter: int = 1,
        body: str = "What and why.",
        **fields: Any,
    ) -> Path:
        defaults = {
            "title": f"Milestone {milestone_id}",
            "quarter": f"Q{quarter}",
            "due": date(year, 3 * quarter, 15),
            "owner": "Sales team",
            "status": "not-started",
            "success_criteria": ["Something measurable happened"],
        }
        return self._item(f"{year}/milestones/{goal_id}/{milestone_id}.md", defaults, fields, body)

    def action(
        self, department: str, action_id: str, year: int = 2026, quarter: int = 1, body: str = "How.", **fields: Any
    ) -> Path:
        defaults = {
            "title": f"Action {action_id}",
            "quarter": f"Q{quarter}",
            "owner": "Team lead",
            "status": "in-progress",
            "supports": ["more-leads"],
        }
        return self._item(f"{year}/actions/{department}/{action_id}.md", defaults, fields, body)

    def valid(self) -> RoadmapBuilder:
        """One goal with three milestones (Q1-Q3), one action per department supporting them."""
        self.settings()
        self.goal("grow-revenue")
        for quarter, milestone_id in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
            self.milestone("grow-revenue", milestone_id, quarter=quarter)
        self.action("marketing", "launch-campaign", supports=["more-leads"])
        self.action("sales", "hire-closers", quarter=2, supports=["more-deals"])
        return self

    def problems(self, as_of: date = AS_OF) -> list[Problem]:
        """Every problem `check_roadmap` finds (empty when the roadmap passes)."""
        try:
            check_roadmap(self.content, self.root, as_of)
        except InvalidRoadmap as exc:
            return list(exc.problems)
        return []


@pytest.fixture
def builder(tmp_path: Path) -> RoadmapBuilder:
    """An empty roadmap builder rooted at tmp_path (call `.valid()` for a passing base)."""
    return RoadmapBuilder(tmp_path)


@pytest.fixture(scope="session")
def make_builder(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., RoadmapBuilder]:
    """Builders for module-scoped fixtures and property tests: `make_builder("name")` in a fresh temporary
    folder, or `make_builder(path)` at a given root. Use this rather than `from conftest import ...`:
    tests/site/conftest.py is also imported as `conftest`, so that import can find the wrong module.
    """
    return lambda where="roadmap": RoadmapBuilder(where if isinstance(where, Path) else tmp_path_factory.mktemp(where))
