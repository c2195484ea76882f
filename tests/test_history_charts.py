"""A goal's charts over the year from the plan's history: the milestones' burn-up and the metric's trajectory."""

from __future__ import annotations

import json
from datetime import date

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.measuring.metrics import GoalProgress, year_metrics
from roadmap_as_code.model import Roadmap
from roadmap_as_code.rendering.charts.history_charts import BurnItem, goal_burn_up, metric_trajectory
from roadmap_as_code.rendering.history_facts import metric_trail
from roadmap_as_code.rendering.pages import build_pages
from tests.helpers import AS_OF, REPO
from tests.history_samples import GOAL, change, check_in, item, sample_history

D = date
GOAL_PAGE = "2026/goals/grow-recurring-revenue.md"


@pytest.fixture(scope="module")
def example() -> Roadmap:
    return check_roadmap(REPO / "roadmap", REPO, AS_OF)


def _arr(roadmap: Roadmap) -> GoalProgress:
    metrics = year_metrics(roadmap, roadmap.years[-1], AS_OF)
    return next(g for g in metrics.goals if g.goal.id == "grow-recurring-revenue")


def _trace(figure: dict[str, object], name: str) -> dict[str, list[object]]:
    return next(t for t in figure["data"] if t["name"] == name)  # type: ignore[attr-defined]


def test_burn_up_counts_milestones_due_first_planned_and_completed_up_to_the_as_of_date() -> None:
    items = [
        BurnItem("Alpha", due=D(2026, 3, 31), first_due=D(2026, 3, 31), completed_on=D(2026, 3, 20)),
        BurnItem("Beta", due=D(2026, 8, 31), first_due=D(2026, 6, 30), completed_on=D(2026, 9, 2)),
        BurnItem("Gamma", due=D(2026, 12, 15), first_due=D(2026, 9, 30), completed_on=None),
    ]
    chart = goal_burn_up(items, 2026, D(2026, 11, 20), "2026-goal-g-burn-up")
    assert chart is not None
    first = _trace(chart.figure, "First planned due dates")
    assert (first["x"], first["y"]) == (
        ["2026-01-01", "2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"],
        [0, 1, 2, 3, 3],
    )
    due = _trace(chart.figure, "Due dates today")
    assert (due["x"][1:4], due["y"][1:4]) == (["2026-03-31", "2026-08-31", "2026-12-15"], [1, 2, 3])
    done = _trace(chart.figure, "Completed")
    assert (done["x"], done["y"]) == (["2026-01-01", "2026-03-20", "2026-09-02", "2026-11-20"], [0, 1, 2, 2])
    assert {t["line"]["shape"] for t in chart.figure["data"]} == {"hv"}
    (marker,) = chart.figure["layout"]["shapes"]
    assert (marker["x0"], marker["line"]["color"]) == ("2026-11-20", "--roadmap-today")
    assert chart.figure["layout"]["xaxis"]["range"] == ["2026-01-01", "2026-12-31"]
    assert chart.table.rows[1] == ("Beta", "2026-06-30", "2026-08-31", "2026-09-02")
    assert chart.table.rows[2][-1] == "not yet"
    assert chart.title == "Burn-up: 2 of 3 milestones completed, 2 moved from their first due date"


def test_a_closed_year_draws_no_as_of_marker_and_completes_at_year_end() -> None:
    items = [BurnItem("Alpha", D(2025, 3, 31), D(2025, 3, 31), D(2025, 3, 20))]
    chart = goal_burn_up(items, 2025, D(2026, 2, 1), "c")
    assert chart is not None
    assert "shapes" not in chart.figure["layout"]
    assert _trace(chart.figure, "Completed")["x"][-1] == "2025-12-31"
    assert goal_burn_up([], 2025, D(2026, 2, 1), "c") is None


def test_burn_up_tooltips_and_table_keep_titles_as_text() -> None:
    items = [BurnItem("<img src=x onerror=alert(1)>", D(2026, 3, 31), D(2026, 3, 31), None)]
    chart = goal_burn_up(items, 2026, D(2026, 2, 1), "c")
    assert chart is not None
    assert "<img" not in chart.json()
    assert "&lt;img src=x" in _trace(chart.figure, "Due dates today")["customdata"][1][0]  # type: ignore[index]


def test_trajectory_draws_each_check_in_against_the_pace_through_checkpoints(example: Roadmap) -> None:
    arr = _arr(example)
    trail = metric_trail(sample_history().of(GOAL))
    chart = metric_trajectory(arr, trail, AS_OF, "2026-goal-arr-trajectory")
    assert chart is not None
    pace = _trace(chart.figure, "Expected pace")
    # The example's ARR names quarter-end checkpoints: the pace bends at them instead of one straight line.
    assert pace["x"] == ["2026-01-01", "2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]
    assert pace["y"][0] == 18.5 and pace["y"][-1] == 24.0
    slope = (pace["y"][-1] - pace["y"][0]) / 364
    assert abs(pace["y"][3] - (18.5 + slope * 272)) > 0.2  # type: ignore[operator]
    reported = _trace(chart.figure, "Reported")
    assert (reported["x"], reported["y"]) == (
        ["2026-01-05", "2026-03-30", "2026-06-29", "2026-09-28"],
        [18.5, 19.2, 20.3, 22.1],
    )  # from the value the goal was added with (before its first change), then each check-in
    assert reported["line"]["color"] == "--roadmap-health-at-risk"  # type: ignore[call-overload]
    assert chart.table.rows[1] == ("2026-03-30", "19.2 M EUR", "19.4 M EUR")
    assert chart.title == (
        "Annual recurring revenue at each check-in against its pace: 22.1 M EUR on 2026-09-28, 21.6 M EUR expected then"
    )
    assert chart.figure["layout"]["shapes"][0]["x0"] == AS_OF.isoformat()


def test_trajectory_skips_non_numbers_and_starts_the_year_with_the_value_standing_then(example: Roadmap) -> None:

    c1, c2, c3 = check_in(1, D(2025, 12, 10)), check_in(2, D(2026, 4, 1)), check_in(3, D(2026, 5, 1))
    trail = item(
        "goal",
        GOAL,
        change(c1, "metric", GOAL, "metric.current", after="18.1"),
        change(c2, "metric", GOAL, "metric.current", after="about 19"),
        change(c3, "metric", GOAL, "metric.current", after="19.5"),
    )
    chart = metric_trajectory(_arr(example), metric_trail(trail), AS_OF, "c")
    assert chart is not None
    # December's value is the one standing on 1 January; 'about 19' is no number and is left out.
    assert _trace(chart.figure, "Reported")["x"] == ["2026-01-01", "2026-05-01"]
    assert _trace(chart.figure, "Reported")["y"] == [18.1, 19.5]


def test_a_metric_never_changed_since_the_goal_was_added_starts_at_that_day_with_its_current_value() -> None:

    trail = item("goal", GOAL, change(check_in(1, D(2026, 1, 5)), "added", GOAL))
    assert metric_trail(trail, 21.0) == [(D(2026, 1, 5), 21.0, "21")]
    assert metric_trail(trail, None) == []


def test_without_check_ins_the_current_value_stands_at_the_as_of_date(example: Roadmap) -> None:
    chart = metric_trajectory(_arr(example), [], AS_OF, "c")
    assert chart is not None
    assert _trace(chart.figure, "Reported")["x"] == [AS_OF.isoformat()]


def test_the_goal_page_shows_both_charts_only_with_history(example: Roadmap) -> None:
    plain = {p.path: p for p in build_pages(example, AS_OF)}[GOAL_PAGE]
    assert "Burn-up" not in plain.markdown and "Over the year" not in plain.markdown
    assert [c.id for c in plain.charts] == ["2026-goal-grow-recurring-revenue-metric"]
    page = {p.path: p for p in build_pages(example, AS_OF, history=sample_history())}[GOAL_PAGE]
    assert [c.id for c in page.charts] == [
        "2026-goal-grow-recurring-revenue-metric",
        "2026-goal-grow-recurring-revenue-trajectory",
        "2026-goal-grow-recurring-revenue-burn-up",
    ]
    assert "### Burn-up" in page.markdown and "### Over the year" in page.markdown
    assert "[track record](../../track-record.md)" in page.markdown
    burn_up = json.loads(page.charts[2].json())
    # The partner portal was first due 2026-05-29 and moved to 2026-06-15: the two due lines part there.
    assert "2026-05-29" in _trace(burn_up, "First planned due dates")["x"]
    assert "2026-05-29" not in _trace(burn_up, "Due dates today")["x"]


def test_the_goal_page_is_the_same_bytes_for_the_same_history(example: Roadmap) -> None:
    def page() -> str:
        return {p.path: p for p in build_pages(example, AS_OF, history=sample_history())}[GOAL_PAGE].markdown

    assert page() == page()
