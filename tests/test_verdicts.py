"""The one derivation of every word the site, downloads and diff show: a milestone's status, health and schedule, a
goal's verdict (health while its year runs, outcome once it is over), metric lines and the budget."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.measuring.budget import budget_summary
from roadmap_as_code.measuring.metrics import year_metrics
from roadmap_as_code.measuring.pace import MetricReading, amount, places
from roadmap_as_code.measuring.states import milestone_state
from roadmap_as_code.measuring.verdicts import GoalProgress
from roadmap_as_code.model import TERMS, Budget, Goal, GoalMetric, Source
from tests.helpers import REPO
from tests.test_metrics import milestone

RUNNING = date(2026, 12, 2)  # the example's as-of date: 335 of 364 days gone
CLOSED = date(2027, 1, 5)
SOURCE = Source("roadmap/test.md", 1)


def goal(metric: GoalMetric | None = None) -> Goal:
    return Goal(year=2026, id="grow", title="Grow", owner="CEO", metric=metric, description="", source=SOURCE)


def progress(*milestones: object, metric: GoalMetric | None = None, as_of: date = RUNNING) -> GoalProgress:
    states = tuple(milestone_state(m, as_of) for m in milestones)  # type: ignore[arg-type]
    return GoalProgress(goal(metric), states, (), as_of)


def done(mid: str = "done") -> object:
    return milestone(mid, date(2026, 3, 31), "completed", completed=date(2026, 3, 30))


def metric(current: float, baseline: float = 100, target: float = 200) -> GoalMetric:
    return GoalMetric(name="Revenue", unit="k", baseline=baseline, target=target, current=current)


# --- a milestone's words -------------------------------------------------------------------------------------


def test_an_overdue_milestone_reads_overdue_and_off_track_and_behind_whatever_its_file_says() -> None:
    s = milestone_state(milestone("m", date(2026, 9, 30), "in-progress", health="on-track"), RUNNING)
    assert (s.status, s.health, s.schedule) == ("overdue", "off-track", "behind")
    assert (s.status_label, s.health_label, s.schedule_label) == ("Overdue", "Off track", "Behind")


def test_a_completed_milestone_has_no_health_even_if_its_file_keeps_one() -> None:
    s = milestone_state(
        milestone("m", date(2026, 6, 30), "completed", completed=date(2026, 6, 1), health="off-track"), RUNNING
    )
    assert (s.status, s.health, s.health_label) == ("completed", None, "–")


@pytest.mark.parametrize(
    ("completed", "schedule"),
    [(date(2026, 8, 28), "ahead"), (date(2026, 8, 31), "on time"), (date(2026, 9, 2), "behind")],
)
def test_schedule_of_completed_work_follows_its_completion_date(completed: date, schedule: str) -> None:
    s = milestone_state(milestone("m", date(2026, 8, 31), "completed", completed=completed), RUNNING)
    assert s.schedule == schedule


def test_open_work_off_track_is_behind_and_at_risk_is_on_time() -> None:
    off = milestone_state(milestone("a", date(2026, 12, 20), "in-progress", health="off-track"), RUNNING)
    risky = milestone_state(milestone("b", date(2026, 12, 20), "in-progress", health="at-risk"), RUNNING)
    assert (off.schedule, risky.schedule) == ("behind", "on time")


def test_every_word_has_a_label_and_a_colour_token() -> None:
    for key, term in TERMS.items():
        assert term.label and term.colour.startswith("--roadmap-"), key


# --- a goal's verdict while its year runs ---------------------------------------------------------------------


def test_an_overdue_milestone_makes_its_goal_off_track_and_says_so() -> None:
    g = progress(done(), milestone("late", date(2026, 9, 30), "in-progress"))
    assert (g.verdict.word, g.verdict.label, g.verdict.tone) == ("off-track", "Off track", "bad")
    assert "1 milestone overdue" in g.verdict.reasons


def test_an_at_risk_milestone_makes_its_goal_at_risk() -> None:
    g = progress(done(), milestone("risky", date(2026, 12, 20), "in-progress", health="at-risk"))
    assert g.verdict.word == "at-risk"
    assert g.verdict.reasons == ("1 milestone at risk",)


def test_a_metric_on_pace_keeps_a_goal_on_track() -> None:
    # 92% of the year gone by; 90% of the way is within the tolerance of a tenth.
    g = progress(done(), metric=metric(190))
    assert g.verdict.word == "on-track"


def test_a_metric_behind_pace_makes_a_goal_at_risk_with_the_expected_value_in_its_reason() -> None:
    g = progress(done(), metric=metric(175))  # 75% of the way, 92% expected: 17% behind
    assert g.verdict.word == "at-risk"
    assert g.verdict.reasons == ("metric behind pace: 175 k against 192.0 k expected by now",)


def test_a_metric_far_behind_pace_makes_a_goal_off_track_even_with_every_milestone_on_track() -> None:
    """Net revenue retention at 56% of the way with five weeks left is not on track."""
    nrr = GoalMetric(name="Net revenue retention", unit="%", baseline=103, target=112, current=108)
    g = progress(done(), metric=nrr)
    assert g.verdict.word == "off-track"
    assert g.verdict.reasons == ("metric far behind pace: 108% against 111.3% expected by now",)


def test_a_falling_metric_is_judged_in_its_own_direction() -> None:
    g = progress(done(), metric=metric(150, baseline=300, target=100))  # 75% of the way down
    assert g.verdict.word == "at-risk"
    assert progress(done(), metric=metric(110, baseline=300, target=100)).verdict.word == "on-track"


# --- a goal's outcome once its year is over -------------------------------------------------------------------


def test_a_closed_year_never_says_on_track() -> None:
    assert progress(done(), metric=metric(190), as_of=CLOSED).verdict.word not in {"on-track", "at-risk", "off-track"}


def test_achieved_needs_every_milestone_completed_and_the_target_reached() -> None:
    assert progress(done("a"), done("b"), metric=metric(210), as_of=CLOSED).verdict.word == "achieved"
    assert progress(done("a"), done("b"), as_of=CLOSED).verdict.word == "achieved"
    assert progress(done("a"), done("b"), metric=metric(190), as_of=CLOSED).verdict.word == "partly-achieved"


def test_missed_when_most_milestones_are_open_or_the_metric_came_less_than_half_way() -> None:
    open_one = milestone("open", date(2026, 12, 10), "in-progress")
    open_two = milestone("open-2", date(2026, 11, 10), "not-started")
    assert progress(done(), open_one, open_two, as_of=CLOSED).verdict.word == "missed"
    assert progress(done(), metric=metric(140), as_of=CLOSED).verdict.word == "missed"
    assert progress(done(), open_one, metric=metric(200), as_of=CLOSED).verdict.word == "partly-achieved"


def test_a_metric_not_reported_is_never_reached() -> None:
    silent = GoalMetric(name="Revenue", unit="k", baseline=100, target=200)
    assert progress(done(), metric=silent, as_of=CLOSED).verdict.word == "partly-achieved"


# --- metric lines ---------------------------------------------------------------------------------------------


def test_a_lower_is_better_metric_reads_naturally() -> None:
    run_time = MetricReading(GoalMetric(name="Run time", unit="s", baseline=95, target=30, current=24), 2025, CLOSED)
    assert run_time.line == "24 s, target 30 s or less"
    assert run_time.sentence == "24 s, target 30 s or less (baseline 95 s)"
    assert run_time.reached


def test_numbers_keep_the_places_they_are_written_with_and_percent_hugs_its_number() -> None:
    availability = GoalMetric(name="Availability", unit="%", baseline=99.72, target=99.95, current=99.91)
    reading = MetricReading(availability, 2026, RUNNING)
    assert reading.line == "99.91 of 99.95%"
    assert reading.expected_text == "99.93%"
    assert places(0.1 + 0.2) == 4 and amount(1234567.5, "EUR", 1) == "1,234,567.5 EUR"


# --- budget ---------------------------------------------------------------------------------------------------


def test_budget_counts_completed_spend_against_its_plan_and_open_spend_apart() -> None:
    states = [
        milestone_state(m, RUNNING)
        for m in (
            milestone(
                "a", date(2026, 3, 31), "completed", completed=date(2026, 3, 1), budget=Budget(planned=100, actual=130)
            ),
            milestone(
                "b", date(2026, 6, 30), "completed", completed=date(2026, 6, 1), budget=Budget(planned=100, actual=90)
            ),
            milestone("c", date(2026, 12, 20), "in-progress", budget=Budget(planned=50, actual=20)),
            milestone("d", date(2026, 12, 20), "not-started", budget=Budget(planned=30)),
        )
    ]
    b = budget_summary(states)
    assert (b.completed_planned, b.completed_actual, b.overrun) == (200, 220, 20)
    assert (b.open_planned, b.open_spent) == (50, 20)
    assert [line.state.milestone.id for line in b.not_reported] == ["d"]
    assert b.tone == "bad"


def test_one_milestone_over_plan_is_never_green_even_when_the_total_is_within_plan() -> None:
    states = [
        milestone_state(m, RUNNING)
        for m in (
            milestone(
                "a", date(2026, 3, 31), "completed", completed=date(2026, 3, 1), budget=Budget(planned=100, actual=110)
            ),
            milestone(
                "b", date(2026, 6, 30), "completed", completed=date(2026, 6, 1), budget=Budget(planned=100, actual=50)
            ),
        )
    ]
    assert budget_summary(states).tone == "warn"


# --- the example, as of 2026-12-02 -----------------------------------------------------------------------------


def test_the_example_verdicts_make_sense() -> None:
    roadmap = check_roadmap(REPO / "roadmap", REPO, RUNNING)
    words = {g.goal.id: g.verdict.word for y in roadmap.years for g in year_metrics(roadmap, y, RUNNING).goals}
    assert words["run-enterprise-grade-platform"] == "off-track"
    assert words["improve-customer-retention"] != "on-track"
    assert words["expand-into-benelux"] in {"achieved", "partly-achieved", "missed"}
    assert words["launch-route-optimiser-v2"] in {"achieved", "partly-achieved", "missed"}
    year = year_metrics(roadmap, roadmap.years[-1], RUNNING)
    assert (year.budget.completed_planned, year.budget.completed_actual) == (620_000, 649_500)
    # ARR's checkpoints plan a back-loaded year: 22.1 against 23.2 expected is behind its pace, not far behind it.
    assert words["grow-recurring-revenue"] == "at-risk"
    assert year.goals_summary.startswith("2 of 3 goals off track, 1 at risk")
