"""Metrics judged at the pinned as-of date: milestone states, KPIs, metric progress, default year, attention, health."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.errors import UsageError
from roadmap_as_code.measuring.metrics import GoalProgress, default_year, metric_progress, milestone_state, year_metrics
from roadmap_as_code.model import (
    Budget,
    Department,
    Goal,
    GoalMetric,
    KeyAction,
    Limits,
    Milestone,
    Roadmap,
    Settings,
    Source,
    Year,
)
from tests.helpers import AS_OF, REPO

SOURCE = Source("roadmap/test.md", 1)


def milestone(
    mid: str,
    due: date,
    status: str = "not-started",
    *,
    goal: str = "grow",
    completed: date | None = None,
    health: str | None = None,
    budget: Budget | None = None,
    depends_on: tuple[str, ...] = (),
) -> Milestone:
    return Milestone(
        year=due.year,
        goal=goal,
        id=mid,
        title=f"Milestone {mid}",
        quarter=f"Q{(due.month - 1) // 3 + 1}",
        due=due,
        owner="Owner",
        status=status,
        success_criteria=("done",),
        description="",
        source=SOURCE,
        health=health,
        completed=completed,
        budget=budget,
        depends_on=depends_on,
    )


def goal(gid: str, metric: GoalMetric | None = None, year: int = 2026) -> Goal:
    return Goal(year=year, id=gid, title=f"Goal {gid}", owner="CEO", metric=metric, description="", source=SOURCE)


def action(
    aid: str, supports: tuple[str, ...], year: int = 2026, *, department: str = "sales", quarter: str = "Q1"
) -> KeyAction:
    return KeyAction(
        year=year,
        department=department,
        id=aid,
        title=aid,
        quarter=quarter,
        owner="Lead",
        status="in-progress",
        supports=supports,
        description="",
        source=SOURCE,
    )


def roadmap(*years: Year) -> Roadmap:
    settings = Settings(
        organisation="Example Ltd",
        currency="EUR",
        departments=(Department(id="sales", name="Sales"),),
        limits=Limits(),
        source=SOURCE,
    )
    return Roadmap(settings, tuple(years))


def year(
    number: int = 2026,
    goals: tuple[Goal, ...] = (),
    milestones: tuple[Milestone, ...] = (),
    actions: tuple[KeyAction, ...] = (),
) -> Year:
    return Year(number, goals, milestones, actions)


def metric(baseline: float, target: float, current: float | None) -> GoalMetric:
    return GoalMetric(name="Measure", unit="units", baseline=baseline, target=target, current=current)


# --- one milestone's state ------------------------------------------------------------------------------


def test_open_milestone_past_its_due_date_is_overdue_by_the_days_since() -> None:
    state = milestone_state(milestone("m", date(2026, 11, 10), "in-progress"), AS_OF)
    assert (state.overdue, state.late, state.days_late, state.due_soon) == (True, False, 10, False)
    assert state.schedule == "behind"


def test_milestone_due_on_the_as_of_date_is_not_yet_overdue() -> None:
    state = milestone_state(milestone("m", AS_OF, "not-started"), AS_OF)
    assert not state.overdue and state.days_late == 0 and state.due_soon


def test_completed_milestone_is_never_overdue_even_when_its_due_date_passed() -> None:
    state = milestone_state(milestone("m", date(2026, 3, 31), "completed", completed=date(2026, 3, 31)), AS_OF)
    assert not state.overdue and not state.late and state.days_late == 0
    assert state.schedule == "on time"


def test_milestone_completed_after_its_due_date_is_late_by_the_days_between() -> None:
    state = milestone_state(milestone("m", date(2026, 6, 15), "completed", completed=date(2026, 7, 3)), AS_OF)
    assert (state.overdue, state.late, state.days_late) == (False, True, 18)
    assert state.schedule == "behind"


def test_milestone_completed_before_its_due_date_is_ahead() -> None:
    state = milestone_state(milestone("m", date(2026, 9, 30), "completed", completed=date(2026, 9, 24)), AS_OF)
    assert not state.late and state.schedule == "ahead"


def test_open_off_track_milestone_is_behind_schedule_before_it_is_due() -> None:
    state = milestone_state(milestone("m", date(2026, 12, 20), "in-progress", health="off-track"), AS_OF)
    assert not state.overdue and state.schedule == "behind"


def test_due_soon_means_open_and_due_within_30_days() -> None:
    assert milestone_state(milestone("m", AS_OF + timedelta(days=30)), AS_OF).due_soon
    assert not milestone_state(milestone("m", AS_OF + timedelta(days=31)), AS_OF).due_soon
    done = milestone("m", AS_OF + timedelta(days=5), "completed", completed=AS_OF)
    assert not milestone_state(done, AS_OF).due_soon


# --- KPIs of a year ------------------------------------------------------------------------------------


@pytest.fixture
def mixed_year() -> Year:
    """Six milestones: one of each situation the dashboard tiles count."""
    return year(
        goals=(goal("grow"),),
        milestones=(
            milestone(
                "on-time",
                date(2026, 3, 31),
                "completed",
                completed=date(2026, 3, 30),
                budget=Budget(planned=100, actual=90),
            ),
            milestone(
                "late",
                date(2026, 6, 30),
                "completed",
                completed=date(2026, 7, 10),
                budget=Budget(planned=200, actual=260),
            ),
            milestone(
                "at-risk", date(2026, 12, 15), "in-progress", health="at-risk", budget=Budget(planned=50)
            ),  # no spend reported
            milestone("off-track", date(2026, 12, 18), "in-progress", health="off-track"),
            milestone("overdue", date(2026, 9, 30), "not-started", health="on-track"),
            milestone(
                "done-off-track", date(2026, 2, 27), "completed", completed=date(2026, 2, 20), health="off-track"
            ),
        ),
    )


def test_kpis_count_completed_on_time_and_share(mixed_year: Year) -> None:
    k = year_metrics(roadmap(mixed_year), mixed_year, AS_OF).kpis
    assert (k.milestones, k.completed, k.completed_on_time) == (6, 3, 2)
    assert k.share_completed == pytest.approx(0.5)
    assert k.on_time_rate == pytest.approx(2 / 3)


def test_budget_adherence_compares_actual_to_plan_only_where_spend_is_reported(mixed_year: Year) -> None:
    """The milestone with a plan but no actual stays out of both sums."""
    k = year_metrics(roadmap(mixed_year), mixed_year, AS_OF).kpis
    assert (k.budget_tracked, k.budget_planned, k.budget_actual, k.over_budget) == (2, 300, 350, 1)
    assert k.budget_adherence == pytest.approx(350 / 300)


def test_risk_counts_only_open_milestones_and_an_overdue_one_is_off_track(mixed_year: Year) -> None:
    """A completed milestone with a stale off-track health is not counted; overdue comes from the date and makes
    its milestone off track whatever its file says (the one derivation every page shows)."""
    k = year_metrics(roadmap(mixed_year), mixed_year, AS_OF).kpis
    assert (k.at_risk, k.off_track, k.overdue) == (1, 2, 1)


def test_rates_are_undefined_rather_than_zero_when_there_is_nothing_to_measure() -> None:
    empty = year(goals=(goal("grow"),), milestones=(milestone("open", date(2026, 12, 10), budget=Budget(planned=100)),))
    k = year_metrics(roadmap(empty), empty, AS_OF).kpis
    assert k.share_completed == 0
    assert k.on_time_rate is None
    assert k.budget_adherence is None
    assert year_metrics(roadmap(year()), year(), AS_OF).kpis.share_completed is None


def test_example_roadmap_kpis_as_of_2026_11_20() -> None:
    """The example's dashboard numbers, counted by hand from roadmap/2026/milestones."""
    example = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    m = year_metrics(example, example.year(2026), AS_OF)  # type: ignore[arg-type]
    k = m.kpis
    assert (k.milestones, k.completed, k.completed_on_time) == (13, 9, 7)
    assert (k.budget_tracked, k.budget_planned, k.budget_actual, k.over_budget) == (8, 790_000, 752_500, 2)
    assert (k.at_risk, k.off_track, k.overdue) == (2, 1, 1)
    assert [s.milestone.id for s in m.states if s.late] == ["launch-partner-portal", "move-to-multi-region-hosting"]
    assert m.state("iso-27001-certification").days_late == 51
    assert m.current_quarter == 4


# --- metric progress -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("m", "expected"),
    [
        (metric(10, 20, 15), 0.5),
        (metric(10, 20, 20), 1.0),
        (metric(10, 20, 25), 1.0),  # beyond the target: clamped
        (metric(10, 20, 5), 0.0),  # moved the wrong way: clamped
        (metric(95, 30, 62.5), 0.5),  # falling target
        (metric(95, 30, 24), 1.0),  # falling target overshot: clamped
        (metric(95, 30, 99), 0.0),  # falling target, got worse
    ],
)
def test_metric_progress_runs_from_baseline_to_target_in_either_direction(m: GoalMetric, expected: float) -> None:
    assert metric_progress(m) == pytest.approx(expected)


@pytest.mark.parametrize("m", [metric(50, 50, 50), metric(10, 20, None), None])
def test_metric_progress_is_undefined_without_a_distance_or_a_current_value(m: GoalMetric | None) -> None:
    """target == baseline would divide by zero; no current value means nothing to measure."""
    assert metric_progress(m) is None


# --- default year --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "as_of", "expected"),
    [
        ((2025, 2026), date(2026, 11, 20), 2026),  # the as-of year
        ((2025, 2026), date(2027, 2, 1), 2026),  # latest year before
        ((2024, 2027), date(2026, 11, 20), 2024),  # latest before, even with a later year planned
        ((2027, 2028), date(2026, 11, 20), 2027),  # nothing before: the first
    ],
)
def test_default_year_is_the_as_of_year_else_the_latest_before_else_the_first(
    planned: tuple[int, ...], as_of: date, expected: int
) -> None:
    assert default_year(roadmap(*(year(n) for n in planned)), as_of).year == expected


def test_default_year_of_a_roadmap_without_years_is_an_error() -> None:
    with pytest.raises(UsageError, match="no year"):
        default_year(roadmap(), AS_OF)


# --- what needs attention, goal progress and health ----------------------------------------------------


def test_attention_lists_overdue_first_then_off_track_at_risk_and_due_soon_by_due_date() -> None:
    y = year(
        goals=(goal("grow"),),
        milestones=(
            milestone("far-on-track", date(2026, 12, 31), "in-progress", health="on-track"),  # 41 days away: not listed
            milestone("soon", date(2026, 12, 5), "in-progress", health="on-track"),
            milestone("risk-b", date(2026, 12, 1), "in-progress", health="at-risk"),
            milestone("risk-a", date(2026, 12, 1), "not-started", health="at-risk"),
            milestone("off", date(2026, 12, 28), "in-progress", health="off-track"),
            milestone("overdue-late-due", date(2026, 11, 1), "in-progress", health="on-track"),
            milestone("overdue-off-track", date(2026, 10, 1), "in-progress", health="off-track"),
            milestone("overdue-early-due", date(2026, 9, 1), "in-progress"),
            milestone("done", date(2026, 12, 1), "completed", completed=date(2026, 11, 1), health="at-risk"),
        ),
    )
    order = [s.milestone.id for s in year_metrics(roadmap(y), y, AS_OF).attention()]
    # Every overdue milestone is off track: the longest overdue comes first.
    assert order == ["overdue-early-due", "overdue-off-track", "overdue-late-due", "off", "risk-a", "risk-b", "soon"]


def _progress(*milestones: Milestone, m: GoalMetric | None = None) -> GoalProgress:
    y = year(goals=(goal("grow", m),), milestones=milestones)
    return year_metrics(roadmap(y), y, AS_OF).goals[0]


def test_goal_health_is_the_worst_signal_of_its_open_milestones() -> None:
    on = milestone("on", date(2026, 12, 10), "in-progress", health="on-track")
    risk = milestone("risk", date(2026, 12, 10), "in-progress", health="at-risk")
    off = milestone("off", date(2026, 12, 10), "in-progress", health="off-track")
    overdue = milestone("overdue", date(2026, 11, 1), "in-progress", health="on-track")
    stale = milestone("stale", date(2026, 3, 1), "completed", completed=date(2026, 3, 1), health="off-track")
    assert _progress(on, stale).health == "on-track"
    assert _progress(on, risk).health == "at-risk"
    assert _progress(risk, off).health == "off-track"
    assert _progress(on, overdue).health == "off-track"


def test_goal_progress_holds_its_own_milestones_and_the_actions_supporting_them() -> None:
    y = year(
        goals=(goal("grow", metric(10, 20, 12)), goal("keep")),
        milestones=(
            milestone("g1", date(2026, 3, 1), "completed", completed=date(2026, 3, 1)),
            milestone("g2", date(2026, 12, 10)),
            milestone("k1", date(2026, 6, 1), goal="keep"),
        ),
        actions=(action("helps-grow", ("g2",)), action("helps-keep", ("k1",)), action("helps-none", ("elsewhere",))),
    )
    grow, keep = year_metrics(roadmap(y), y, AS_OF).goals
    assert [s.milestone.id for s in grow.milestones] == ["g1", "g2"]
    assert [a.id for a in grow.actions] == ["helps-grow"]
    assert (grow.completed, grow.share_completed) == (1, 0.5)
    assert grow.metric_share == pytest.approx(0.2)
    assert [s.milestone.id for s in keep.milestones] == ["k1"] and keep.metric_share is None


def test_year_metrics_sorts_states_by_due_date_then_id_and_finds_dependents() -> None:
    b = milestone("b", date(2026, 6, 1))
    a = milestone("a", date(2026, 6, 1))
    first = milestone("first", date(2026, 1, 15))
    later: Any = Milestone(
        **{**b.__dict__, "id": "later", "due": date(2026, 9, 1), "quarter": "Q3", "depends_on": ("first",)}
    )
    y = year(goals=(goal("grow"),), milestones=(b, later, a, first))
    m = year_metrics(roadmap(y), y, AS_OF)
    assert [s.milestone.id for s in m.states] == ["first", "a", "b", "later"]
    assert [d.id for d in m.dependents("first")] == ["later"]
    assert year_metrics(roadmap(y), y, date(2027, 1, 5)).current_quarter is None


# --- lookups by goal, milestone, department and quarter ------------------------------------------------


def test_lookups_keep_file_order_and_list_an_item_once_even_when_it_names_a_milestone_twice() -> None:
    y = year(
        goals=(goal("grow"),),
        milestones=(
            milestone("a", date(2026, 3, 1)),
            milestone("b", date(2026, 6, 1), depends_on=("a", "a")),
            milestone("c", date(2026, 9, 1), depends_on=("a",)),
        ),
        actions=(
            action("twice", ("a", "a")),
            action("other-quarter", ("b",), quarter="Q2"),
            action("also-a", ("b", "a")),
            action("marketing", ("a",), department="marketing"),
        ),
    )
    m = year_metrics(roadmap(y), y, AS_OF)
    assert [a.id for a in m.actions_supporting("a")] == ["twice", "also-a", "marketing"]
    assert [d.id for d in m.dependents("a")] == ["b", "c"]
    assert m.dependents("c") == () and m.actions_supporting("c") == ()
    assert [a.id for a in m.actions_in("sales", 1)] == ["twice", "also-a"]
    assert [a.id for a in m.actions_in("sales", 2)] == ["other-quarter"]
    assert m.actions_in("marketing", 2) == () and m.actions_in("unknown", 1) == ()
    assert [a.id for a in m.goals[0].actions] == ["twice", "other-quarter", "also-a", "marketing"]
    assert m.state("b").milestone.id == "b"


def test_an_action_counts_for_every_goal_holding_a_milestone_it_supports_even_with_a_repeated_id() -> None:
    """A year that has not been checked may repeat a milestone id under two goals: both goals list the action."""
    y = year(
        goals=(goal("grow"), goal("keep"), goal("idle")),
        milestones=(milestone("x", date(2026, 3, 1)), milestone("x", date(2026, 4, 1), goal="keep")),
        actions=(action("helps-x", ("x",)), action("helps-nothing", ("y",))),
    )
    grow, keep, idle = year_metrics(roadmap(y), y, AS_OF).goals
    assert [a.id for a in grow.actions] == [a.id for a in keep.actions] == ["helps-x"]
    assert idle.actions == () and idle.milestones == ()


class _Walked(tuple):
    """A tuple that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Any:
        _Walked.walks += 1
        return super().__iter__()


def _walks(goals: int) -> int:
    """How often measuring a year, and every lookup its pages make, walk its milestones and key actions."""
    ids = [f"m{g}-{i}" for g in range(goals) for i in range(3)]
    y = year(
        goals=tuple(goal(f"g{g}") for g in range(goals)),
        milestones=_Walked(milestone(mid, date(2026, 6, 1), goal=f"g{mid[1:].split('-')[0]}") for mid in ids),
        actions=_Walked(action(f"a-{mid}", (mid,), quarter=f"Q{i % 4 + 1}") for i, mid in enumerate(ids)),
    )
    _Walked.walks = 0
    m = year_metrics(roadmap(y), y, AS_OF)
    for s in m.states:
        m.state(s.milestone.id), m.actions_supporting(s.milestone.id), m.dependents(s.milestone.id)
    for q in range(1, 5):
        m.actions_in("sales", q)
    return _Walked.walks


def test_measuring_walks_the_items_a_fixed_number_of_times_whatever_their_number() -> None:
    """Linear, not quadratic or cubic: lookups are indexed once, never a scan of every item per goal or milestone."""
    assert _walks(2) == _walks(20)
