"""The track record: the organisation's own reference class (on time, slips, key actions moved) from the history."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.history.reader import read_history
from roadmap_as_code.measuring.track_record import (
    ActionFacts,
    DepartmentYear,
    MilestoneFacts,
    RiskFacts,
    department_sentence,
    department_years,
    milestone_years,
    on_time_forecast,
    one_in,
    risk_years,
)
from roadmap_as_code.model import Roadmap
from roadmap_as_code.rendering.downloads.history_json import history_json
from roadmap_as_code.rendering.page_paths import site_nav
from roadmap_as_code.rendering.pages import build_pages
from tests.git_repos import SETTINGS, GitRepo, action, goal, milestone
from tests.helpers import AS_OF, REPO, RoadmapBuilder
from tests.history_samples import sample_history

D = date


def _facts(year: int, first_due: date, done: date | None, *slips: int) -> MilestoneFacts:
    return MilestoneFacts(year, first_due, done, len(slips), sum(slips))


def test_on_time_means_completed_by_the_first_due_date_and_counts_only_decided_milestones() -> None:
    facts = [
        _facts(2025, D(2025, 3, 31), D(2025, 3, 31)),  # on time, to the day
        _facts(2025, D(2025, 6, 30), D(2025, 8, 1), 20, 12),  # slipped twice, 32 days, late
        _facts(2025, D(2025, 9, 30), D(2025, 10, 2), 2),  # slipped once
        _facts(2025, D(2025, 12, 1), None, 90),  # never completed
        _facts(2026, D(2026, 3, 31), D(2026, 3, 1)),
        _facts(2026, D(2026, 12, 15), None),  # not yet due: not measured
    ]
    old, now = milestone_years(facts, 2026, D(2026, 11, 20))
    assert (old.year, old.so_far, old.count, old.decided, old.on_time, old.slipped) == (2025, False, 4, 4, 1, 3)
    assert (old.on_time_rate, old.slipped_share, old.median_slip, old.worst_slip) == (0.25, 0.75, 32, 90)
    assert (now.so_far, now.decided, now.on_time_rate, now.slipped_share, now.median_slip) == (True, 1, 1.0, 0, None)


def test_risks_per_year_how_early_named_and_how_long_on_the_plan() -> None:
    facts = [
        RiskFacts(2026, D(2026, 1, 5), D(2026, 2, 4), D(2026, 3, 31)),  # 85 days ahead, 30 days on the plan
        RiskFacts(2026, D(2026, 3, 1), None, D(2026, 3, 31)),  # 30 days ahead, still on the plan
        RiskFacts(2026, D(2026, 4, 10), D(2026, 4, 20), D(2026, 3, 31)),  # named 10 days after the due date
    ]
    (row,) = risk_years(facts, 2026)
    assert (row.so_far, row.named, row.removed, row.median_lead, row.median_open) == (True, 3, 2, 30, 20)


def test_the_forecast_applies_earlier_years_on_time_rate_to_the_open_milestones() -> None:
    facts = [
        _facts(2025, D(2025, 3, 31), D(2025, 3, 31)),
        _facts(2025, D(2025, 6, 30), D(2025, 8, 1), 32),
        _facts(2026, D(2026, 3, 31), D(2026, 3, 1)),  # the current year does not forecast itself
    ]
    years = milestone_years(facts, 2026, D(2026, 11, 20))
    assert on_time_forecast(years, 2026, 5) == (0.5, 2)  # 2.5 rounds to even
    assert on_time_forecast(years, 2026, 0) is None
    assert on_time_forecast(milestone_years(facts[2:], 2026, D(2026, 11, 20)), 2026, 5) is None


def test_nothing_decided_has_no_rate() -> None:
    (row,) = milestone_years([_facts(2026, D(2026, 12, 15), None)], 2026, D(2026, 1, 5))
    assert row.on_time_rate is None


def test_key_actions_per_year_and_department() -> None:
    facts = [
        ActionFacts(2026, "marketing", True, False),
        ActionFacts(2026, "marketing", False, True),
        ActionFacts(2026, "marketing", False, True),
        ActionFacts(2026, "marketing", False, False),
        ActionFacts(2025, "sales", False, True),
    ]
    sales, marketing = department_years(facts, 2026)
    assert (sales.year, sales.so_far, sales.count, sales.completed_share) == (2025, False, 1, 1.0)
    assert (marketing.moved_share, marketing.completed_share, marketing.so_far) == (0.25, 0.5, True)
    assert department_sentence("Marketing", [marketing]) == (
        "Marketing moved 1 in 4 key actions to a later quarter and completed 1 in 2 (2026 so far)."
    )
    assert department_sentence("Sales", [sales]) == (
        "Sales kept its one key action in their planned quarter and completed its one (2025)."
    )


@pytest.mark.parametrize(("part", "whole", "words"), [(1, 4, "1 in 4"), (3, 8, "3 of 8"), (6, 6, "all 6")])
def test_shares_read_as_words(part: int, whole: int, words: str) -> None:
    assert one_in(part, whole) == words


def test_a_department_over_years_names_the_span() -> None:
    rows = [DepartmentYear(2024, "ops", False, 3, 0, 3), DepartmentYear(2025, "ops", False, 5, 2, 0)]
    assert department_sentence("Ops", rows) == (
        "Ops moved 1 in 4 key actions to a later quarter and completed 3 of 8 (2024–2025)."
    )


@pytest.fixture(scope="module")
def example() -> Roadmap:
    return check_roadmap(REPO / "roadmap", REPO, AS_OF)


def _page(roadmap: Roadmap) -> str:
    pages = {p.path: p for p in build_pages(roadmap, AS_OF, history=sample_history())}
    return pages["track-record.md"].markdown


def test_the_track_record_page_reads_the_example_history(example: Roadmap) -> None:
    text = _page(example)
    # 2025's general availability slipped twice (59 days) and was completed after its first due date.
    assert "| [2025](2025/index.md) | 6 | 67% (4 of 6) | 17% (1) | 59 days | 59 days |" in text
    # 2026 is the current year: its row says so; the partner portal slipped 17 days.
    assert "| **[2026](index.md) so far** | 13 |" in text
    assert "| 8% (1) | 17 days | 17 days |" in text
    marketing = "- Marketing moved 1 in 8 key actions to a later quarter and completed 7 of 8 \\(2025–2026 so far\\)"
    assert marketing in text
    assert "| 2026 so far | [Marketing](2026/departments/marketing.md) | 7 | 14% (1) | 86% (6) |" in text
    assert text.index("| 2026 so far |") < text.index("| 2025 |")


def test_the_track_record_is_there_only_with_history(example: Roadmap) -> None:
    assert "track-record.md" not in {p.path for p in build_pages(example, AS_OF)}
    assert {"Track record": "track-record.md"} not in site_nav(example, AS_OF)
    assert {"Track record": "track-record.md"} in site_nav(example, AS_OF, history=sample_history())


def test_a_shallow_clone_says_what_is_missing(example: Roadmap) -> None:
    history = replace(sample_history(), shallow_since=D(2026, 6, 1))
    pages = {p.path: p for p in build_pages(example, AS_OF, history=history)}
    assert "Git holds no commit before 2026-06-01" in pages["track-record.md"].markdown


def test_the_dashboard_links_the_track_record_and_history_json_only_with_history(example: Roadmap) -> None:
    plain = {p.path: p for p in build_pages(example, AS_OF)}
    assert "track-record.md" not in plain["index.md"].markdown
    pages = {p.path: p for p in build_pages(example, AS_OF, history=sample_history())}
    assert "- [Track record](track-record.md): " in pages["index.md"].markdown
    assert "[history.json](history.json)" in pages["index.md"].markdown


def test_from_a_real_repository_the_slip_the_move_and_the_metric_reach_the_pages(tmp_path: Path) -> None:
    """Read from git (fixed dates and authors): a milestone slipped 28 days and ended late, a key action moved to a
    later quarter, the metric was reported twice; the track record, the goal's charts and history.json say so."""
    repo = GitRepo(tmp_path / "repo")
    ms = "roadmap/2026/milestones/grow"
    metric = {"name": "Customers", "unit": "customers", "baseline": 10, "target": 20, "current": 10}
    repo.write("roadmap/roadmap.yml", SETTINGS)
    repo.write("roadmap/2026/goals/grow.md", goal("Grow", metric=metric))
    repo.write(f"{ms}/one.md", milestone("One", "Q1", "2026-03-31"))
    repo.write(f"{ms}/two.md", milestone("Two", "Q2", "2026-05-29"))
    repo.write(f"{ms}/three.md", milestone("Three", "Q3", "2026-09-30", "not-started"))
    repo.write("roadmap/2026/actions/sales/webinars.md", action("Webinars", "Q1", supports=["two"]))
    repo.commit("Plan 2026", "2026-01-05")
    repo.write(f"{ms}/one.md", milestone("One", "Q1", "2026-03-31", "completed", completed="2026-03-20"))
    repo.commit("One done", "2026-03-20")
    repo.write(f"{ms}/two.md", milestone("Two", "Q2", "2026-06-26", risks=["Partner delay"]))
    repo.write("roadmap/2026/goals/grow.md", goal("Grow", metric={**metric, "current": 12}))
    repo.commit("Two slips", "2026-04-10", "Bo Lee")
    repo.write(f"{ms}/two.md", milestone("Two", "Q2", "2026-06-26", "completed", completed="2026-07-01"))
    repo.write("roadmap/2026/actions/sales/webinars.md", action("Webinars", "Q2", supports=["two"]))
    repo.write("roadmap/2026/goals/grow.md", goal("Grow", metric={**metric, "current": 15}))
    repo.commit("Two done, webinars later", "2026-07-03")
    as_of = D(2026, 8, 1)
    roadmap = check_roadmap(repo.root / "roadmap", repo.root, as_of)
    history = read_history(repo.root / "roadmap", as_of, "UTC", cache=tmp_path / "cache")
    pages = {p.path: p for p in build_pages(roadmap, as_of, history=history)}

    record = pages["track-record.md"].markdown
    # One on time of the two decided (Three is not due yet); Two slipped 28 days.
    assert "| **[2026](index.md) so far** | 3 | 50% (1 of 2) | 33% (1) | 28 days | 28 days |" in record
    assert "- Sales moved its one key action to a later quarter and completed none yet \\(2026 so far\\)" in record
    # The risk was named on 10 April, 77 days before Two's due date, and taken off on 3 July: 84 days on the plan.
    assert "| 2026 so far | 1 | 1 | 77 days | 84 days |" in record

    goal_page = pages["2026/goals/grow.md"]
    charts = {c.id: c for c in goal_page.charts}
    burn_up, trajectory = charts["2026-goal-grow-burn-up"], charts["2026-goal-grow-trajectory"]
    assert ("Two", "2026-05-29", "2026-06-26", "2026-07-01") in burn_up.table.rows
    reported = next(t for t in trajectory.figure["data"] if t["name"] == "Reported")
    # The value it was planned with on 5 January, then each check-in that changed it.
    assert (reported["x"], reported["y"]) == (["2026-01-05", "2026-04-10", "2026-07-03"], [10.0, 12.0, 15.0])

    document = json.loads(history_json(history))
    schema = json.loads((REPO / "docs" / "schema" / "roadmap-history.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert [c["subject"] for c in document["commits"]][-1] == "Two done, webinars later"


def test_a_year_after_the_current_one_reads_planned(tmp_path: Path) -> None:
    builder = RoadmapBuilder(tmp_path).valid()
    for n in range(3):
        builder.milestone("next-goal", f"m{n}", year=2027)
    builder.goal("next-goal", year=2027)
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    text = {p.path: p for p in build_pages(roadmap, AS_OF, history=sample_history())}["track-record.md"].markdown
    assert "| [2027](2027/index.md) planned | 3 | – |" in text
    assert "| **[2026](index.md) so far** |" in text
