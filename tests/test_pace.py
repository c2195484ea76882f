"""A metric's pace: the value it should have at the as-of date, linear over its year (or through its quarter-end
checkpoints), in either direction."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_as_code.measuring.pace import MetricReading, elapsed_share, expected_value, lower_is_better
from roadmap_as_code.model import Checkpoints, GoalMetric, Metric
from tests.helpers import RoadmapBuilder

CHECKPOINT_DAYS = [date(2026, 1, 1), date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), date(2026, 12, 31)]


@pytest.mark.parametrize(
    ("as_of", "share"),
    [
        (date(2025, 12, 31), 0.0),
        (date(2026, 1, 1), 0.0),
        (date(2026, 7, 2), 0.5),
        (date(2026, 12, 31), 1.0),
        (date(2027, 3, 1), 1.0),
    ],
)
def test_elapsed_share_runs_from_0_on_1_january_to_1_on_31_december_and_stays_there(as_of: date, share: float) -> None:
    assert elapsed_share(2026, as_of) == pytest.approx(share, abs=0.002)


def test_expected_value_moves_linearly_from_baseline_to_target() -> None:
    platform = Metric(name="Availability", unit="%", baseline=99.72, target=99.95, current=99.91)
    assert expected_value(platform, 2026, date(2026, 1, 1)) == pytest.approx(99.72)
    assert expected_value(platform, 2026, date(2026, 12, 2)) == pytest.approx(99.72 + 0.23 * 335 / 364)
    assert expected_value(platform, 2026, date(2026, 12, 31)) == pytest.approx(99.95)


def test_a_falling_target_is_lower_is_better_and_its_expected_value_falls() -> None:
    run_time = Metric(name="Run time", unit="seconds", baseline=95, target=30, current=24)
    assert lower_is_better(run_time)
    assert not lower_is_better(Metric(name="ARR", unit="M EUR", baseline=18.5, target=24))
    assert expected_value(run_time, 2025, date(2025, 7, 2)) == pytest.approx(62.5)


# --- a configured pace: quarter-end checkpoints ---------------------------------------------------------------

BACK_LOADED = GoalMetric(
    name="ARR", unit="M EUR", baseline=18, target=24, current=19, checkpoints=Checkpoints(Q1=18.5, Q2=19, Q3=20)
)


def test_checkpoints_are_met_on_the_last_day_of_their_quarter_and_the_target_on_31_december() -> None:
    assert [expected_value(BACK_LOADED, 2026, day) for day in CHECKPOINT_DAYS] == [18, 18.5, 19, 20, 24]


def test_between_checkpoints_the_pace_is_a_straight_line() -> None:
    midway = date(2026, 5, 16)  # 46 of the 91 days from 31 March to 30 June
    assert expected_value(BACK_LOADED, 2026, midway) == pytest.approx(18.5 + 0.5 * 46 / 91)


def test_a_back_loaded_pace_judges_a_slow_start_on_pace_where_the_linear_pace_sees_it_behind() -> None:
    linear = GoalMetric(name="ARR", unit="M EUR", baseline=18, target=24, current=19)
    june = date(2026, 6, 30)
    assert MetricReading(BACK_LOADED, 2026, june).lag == pytest.approx(0)
    assert MetricReading(linear, 2026, june).lag == pytest.approx(0.496 - 1 / 6, abs=0.01)


def test_a_skipped_checkpoint_draws_one_line_across_its_quarter() -> None:
    q2_only = GoalMetric(name="ARR", unit="M EUR", baseline=18, target=24, checkpoints=Checkpoints(Q2=19))
    assert expected_value(q2_only, 2026, date(2026, 3, 31)) == pytest.approx(18 + 1 * 89 / 180)


def test_a_milestones_metric_refuses_checkpoints_which_only_a_goals_pace_reads(builder: RoadmapBuilder) -> None:
    builder.valid()
    path = builder.milestone(
        "grow-revenue",
        "more-leads",
        metric={"name": "Leads", "unit": "", "baseline": 0, "target": 10, "checkpoints": {"Q1": 5}},
    )
    messages = [str(p) for p in builder.problems()]
    assert any(m.startswith(f"{path.relative_to(builder.root).as_posix()}:") and "checkpoints" in m for m in messages)


def test_a_checkpoint_outside_q1_to_q3_is_refused_with_its_line(builder: RoadmapBuilder) -> None:
    builder.valid()
    path = builder.goal(
        "grow-revenue",
        metric={"name": "ARR", "unit": "EUR", "baseline": 1, "target": 2, "checkpoints": {"Q4": 2}},
    )
    messages = [str(p) for p in builder.problems()]
    assert any(m.startswith(f"{path.relative_to(builder.root).as_posix()}:") and "Q4" in m for m in messages), messages
