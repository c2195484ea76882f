"""A metric's pace: the value it should have at the as-of date, linear over its year, in either direction."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_as_code.measuring.pace import elapsed_share, expected_value, lower_is_better
from roadmap_as_code.model import Metric


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
