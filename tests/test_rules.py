"""Cross-file rules of the method: each with a roadmap that passes and one that breaks it, written into tmp_path."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap_as_code.checking import check_roadmap, rules
from roadmap_as_code.checking.rules import RULES
from roadmap_as_code.errors import Problem
from roadmap_as_code.model.calendar import quarter_bounds
from tests.helpers import AS_OF, REPO, RoadmapBuilder

GOALS = "roadmap/2026/goals"
MILESTONES = "roadmap/2026/milestones"
ACTIONS = "roadmap/2026/actions"


def add_goal(builder: RoadmapBuilder, goal_id: str, milestones: int = 3, year: int = 2026) -> list[str]:
    """A goal with `milestones` milestones spread over the quarters; returns the milestone ids."""
    builder.goal(goal_id, year=year)
    ids = [f"{goal_id}-m{i}" for i in range(milestones)]
    for i, milestone_id in enumerate(ids):
        builder.milestone(goal_id, milestone_id, year=year, quarter=i % 4 + 1)
    return ids


def only(problems: list[Problem], rule: str) -> list[Problem]:
    """The problems of one rule, failing when any other rule also fired."""
    assert {p.rule for p in problems} == {rule}, "\n".join(map(str, problems))
    return problems


def test_the_valid_base_roadmap_passes_every_rule(builder: RoadmapBuilder) -> None:
    """The builder's base roadmap is clean, so every failing case below fails for its own reason."""
    assert builder.valid().problems() == []


def test_every_rule_is_listed_and_documented() -> None:
    """Each rule is one small function with a docstring saying what it holds."""
    assert len(RULES) == len(set(RULES)) >= 11
    assert all(rule.__doc__ for rule in RULES)


# --- goals per year -----------------------------------------------------------------------------


def test_three_goals_a_year_pass(builder: RoadmapBuilder) -> None:
    """Three goals, each with three milestones, is within the default limit."""
    builder.valid()
    add_goal(builder, "keep-customers")
    add_goal(builder, "ship-v2")
    assert builder.problems() == []


def test_a_fourth_goal_fails_naming_all_four_files(builder: RoadmapBuilder) -> None:
    """A fourth goal is one problem, at the last goal file, that names every goal file of the year."""
    builder.valid()
    for goal_id in ("keep-customers", "ship-v2", "hire-well"):
        add_goal(builder, goal_id)
    [problem] = only(builder.problems(), "goals-per-year")
    files = [f"{GOALS}/{g}.md" for g in ("grow-revenue", "hire-well", "keep-customers", "ship-v2")]
    assert (problem.path, problem.line, problem.field) == (f"{GOALS}/ship-v2.md", 1, "goals")
    assert problem.message.startswith("expected at most 3 goals in 2026, got 4: ")
    assert all(f in problem.message for f in files)
    assert sorted(problem.related) == files


def test_goals_are_counted_per_year(builder: RoadmapBuilder) -> None:
    """Goals of another year do not count toward this year's limit."""
    builder.valid()
    add_goal(builder, "keep-customers")
    add_goal(builder, "ship-v2")
    add_goal(builder, "old-goal", year=2025)
    assert builder.problems() == []


def test_goal_limit_is_read_from_roadmap_yml(builder: RoadmapBuilder) -> None:
    """Raising goals_per_year in roadmap.yml lets a fourth goal pass; lowering it to 1 fails two."""
    builder.valid()
    for goal_id in ("keep-customers", "ship-v2", "hire-well"):
        add_goal(builder, goal_id)
    builder.settings(limits={"goals_per_year": 4})
    assert builder.problems() == []
    builder.settings(limits={"goals_per_year": 1})
    [problem] = only(builder.problems(), "goals-per-year")
    assert "expected at most 1 goals in 2026, got 4" in problem.message


# --- milestones per goal ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 4, 5])
def test_three_to_five_milestones_per_goal_pass(builder: RoadmapBuilder, count: int) -> None:
    """Every count from the minimum to the maximum passes."""
    builder.settings()
    add_goal(builder, "grow-revenue", milestones=count)
    assert builder.problems() == []


@pytest.mark.parametrize("count", [0, 2])
def test_fewer_than_three_milestones_fail_at_the_goal_file(builder: RoadmapBuilder, count: int) -> None:
    """Too few milestones (none included) is a problem at the goal file naming the milestones found."""
    builder.settings()
    ids = add_goal(builder, "grow-revenue", milestones=count)
    [problem] = only(builder.problems(), "milestones-per-goal")
    assert (problem.path, problem.line, problem.field) == (f"{GOALS}/grow-revenue.md", 1, "milestones")
    assert f"expected at least 3 milestones in 2026/milestones/grow-revenue/, got {count}" in problem.message
    assert list(problem.related) == [f"{MILESTONES}/grow-revenue/{m}.md" for m in ids]


def test_more_than_five_milestones_fail_naming_all_files(builder: RoadmapBuilder) -> None:
    """A sixth milestone is one problem at the last milestone file, naming all six."""
    builder.settings()
    ids = add_goal(builder, "grow-revenue", milestones=6)
    [problem] = only(builder.problems(), "milestones-per-goal")
    files = [f"{MILESTONES}/grow-revenue/{m}.md" for m in ids]
    assert (problem.path, problem.field) == (files[-1], "milestones")
    assert "expected at most 5 milestones for goal 'grow-revenue', got 6" in problem.message
    assert all(f in problem.message for f in files) and list(problem.related) == files


def test_milestone_limits_are_read_from_roadmap_yml(builder: RoadmapBuilder) -> None:
    """min/max_milestones_per_goal in roadmap.yml move both bounds."""
    builder.settings(limits={"min_milestones_per_goal": 1, "max_milestones_per_goal": 6})
    add_goal(builder, "grow-revenue", milestones=6)
    add_goal(builder, "ship-v2", milestones=1)
    assert builder.problems() == []
    builder.settings(limits={"min_milestones_per_goal": 2, "max_milestones_per_goal": 5})
    problems = only(builder.problems(), "milestones-per-goal")
    assert sorted(p.path for p in problems) == [f"{GOALS}/ship-v2.md", f"{MILESTONES}/grow-revenue/grow-revenue-m5.md"]


# --- key actions per department per quarter -----------------------------------------------------


def test_three_actions_per_department_quarter_pass(builder: RoadmapBuilder) -> None:
    """Three actions in one department-quarter, and a fourth in another quarter, pass."""
    builder.valid()
    builder.action("marketing", "second", supports=["more-leads"])
    builder.action("marketing", "third", supports=["more-leads"])
    builder.action("marketing", "fourth", quarter=2, supports=["more-deals"])
    builder.action("sales", "in-q1", supports=["more-leads"])
    assert builder.problems() == []


def test_a_fourth_action_in_a_department_quarter_fails_naming_all_files(builder: RoadmapBuilder) -> None:
    """The limit problem is at the last file's quarter line and names all four actions."""
    builder.valid()
    for action_id in ("second", "third", "fourth"):
        builder.action("marketing", action_id, supports=["more-leads"])
    [problem] = only(builder.problems(), "actions-per-department-quarter")
    files = [f"{ACTIONS}/marketing/{a}.md" for a in ("fourth", "launch-campaign", "second", "third")]
    assert (problem.path, problem.line, problem.field) == (files[-1], 3, "quarter")
    assert problem.message.startswith("expected at most 3 key actions for Marketing in Q1 2026, got 4: ")
    assert all(f in problem.message for f in files) and list(problem.related) == files


def test_action_limit_is_read_from_roadmap_yml(builder: RoadmapBuilder) -> None:
    """actions_per_department_per_quarter in roadmap.yml raises or lowers the limit."""
    builder.valid()
    for action_id in ("second", "third", "fourth"):
        builder.action("marketing", action_id, supports=["more-leads"])
    builder.settings(limits={"actions_per_department_per_quarter": 4})
    assert builder.problems() == []
    builder.settings(limits={"actions_per_department_per_quarter": 1})
    [problem] = only(builder.problems(), "actions-per-department-quarter")
    assert "expected at most 1 key actions for Marketing in Q1 2026, got 4" in problem.message


# --- departments --------------------------------------------------------------------------------


def test_undeclared_department_fails(builder: RoadmapBuilder) -> None:
    """An action folder that names no department of roadmap.yml is a problem listing the declared ones."""
    builder.valid()
    builder.action("finance", "close-books", supports=["more-leads"])
    [problem] = only(builder.problems(), "departments-declared")
    assert str(problem) == (
        f"{ACTIONS}/finance/close-books.md:1: department: expected a department declared in roadmap.yml "
        "(marketing, sales), got 'finance'; declare it or move the file"
    )


@pytest.mark.parametrize("folder", ["Marketing", "MARKETING", "marketing ", " marketing"])
def test_lookalike_department_folder_is_caught_and_counted_with_the_real_one(
    builder: RoadmapBuilder, folder: str
) -> None:
    """`Marketing/` is flagged as misspelt and its actions count toward marketing's limit: splitting cannot dodge it."""
    builder.valid()
    builder.action("marketing", "second", supports=["more-leads"])
    builder.action(folder, "third", supports=["more-leads"])
    builder.action(folder, "fourth", supports=["more-leads"])
    problems = builder.problems()
    misnamed = [p for p in problems if p.rule == "departments-declared"]
    assert [p.path for p in misnamed] == [f"{ACTIONS}/{folder}/fourth.md", f"{ACTIONS}/{folder}/third.md"]
    assert all(
        f"expected the folder to be named 'marketing' as declared in roadmap.yml, got '{folder}'" in p.message
        for p in misnamed
    )
    [limit] = [p for p in problems if p.rule == "actions-per-department-quarter"]
    assert "for Marketing in Q1 2026, got 4" in limit.message
    assert len(limit.related) == 4 and sum(f"/{folder}/" in path for path in limit.related) == 2
    assert len(problems) == 3


def test_ligature_department_folder_counts_as_the_declared_one(builder: RoadmapBuilder) -> None:
    """`ﬁnance/` (with the ﬁ ligature) folds to `finance`: flagged, and counted with finance/."""
    builder.settings(departments=("finance", "sales"))
    add_goal(builder, "grow-revenue")
    for action_id in ("a1", "a2"):
        builder.action("finance", action_id)
    for action_id in ("a3", "a4"):
        builder.action("\ufb01nance", action_id)
    problems = builder.problems()
    assert sum(p.rule == "departments-declared" and "named 'finance'" in p.message for p in problems) == 2
    [limit] = [p for p in problems if p.rule == "actions-per-department-quarter"]
    assert "for Finance in Q1 2026, got 4" in limit.message


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"id": "marketing", "name": "Marketing"}, {"id": "growth", "name": "marketing "}),
        ({"id": "finance", "name": "Finance"}, {"id": "money", "name": "\ufb01nance"}),
        ({"id": "cafe", "name": "Caf\u00e9"}, {"id": "coffee", "name": "CAFE\u0301"}),
        ({"id": "marketing", "name": "Marketing"}, {"id": "marketing ", "name": "Brand"}),
    ],
)
def test_department_duplicates_after_nfc_trim_and_casefold_fail(
    builder: RoadmapBuilder, first: dict, second: dict
) -> None:
    """Two departments whose ids or names differ only by case, spaces, NFC form or a ligature are one problem."""
    builder.valid()
    builder.write(
        "roadmap.yml",
        "organisation: Example Ltd\ndepartments:\n"
        + "".join(
            f"  - id: '{d['id']}'\n    name: '{d['name']}'\n" for d in ({"id": "sales", "name": "Sales"}, first, second)
        )
        + "  - id: marketing-ops\n    name: Marketing Ops\n" * (first["id"] != "marketing"),
    )
    if first["id"] != "marketing":
        builder.action("marketing-ops", "launch-campaign", supports=["more-leads"])
        (builder.content / "2026/actions/marketing/launch-campaign.md").unlink()
    [problem] = only(builder.problems(), "departments-unique")
    assert (problem.path, problem.line) == ("roadmap/roadmap.yml", 7)
    assert problem.field in ("departments.2.id", "departments.2.name")
    assert "expected a distinct department" in problem.message and "on line 5" in problem.message


# --- references and cycles ----------------------------------------------------------------------


def test_references_that_resolve_pass(builder: RoadmapBuilder) -> None:
    """supports and depends_on naming milestones of the same year (of any goal) pass."""
    builder.valid()
    builder.milestone("grow-revenue", "more-revenue", quarter=3, depends_on=["more-leads", "more-deals"])
    builder.action("sales", "hire-closers", quarter=2, supports=["more-deals", "more-revenue"])
    assert builder.problems() == []


def test_unresolved_supports_fails_at_the_item_line_with_a_suggestion(builder: RoadmapBuilder) -> None:
    """A typo in supports is located at its list item and suggests the closest milestone id."""
    builder.valid()
    builder.action("sales", "hire-closers", quarter=2, supports=["more-deals", "more-dels"])
    [problem] = only(builder.problems(), "references")
    assert str(problem) == (
        f"{ACTIONS}/sales/hire-closers.md:8: supports: expected a milestone id of 2026, got 'more-dels' (did "
        "you mean 'more-deals'?)"
    )


def test_suggestions_stop_after_a_budget_of_comparisons_so_many_typos_stay_linear(
    builder: RoadmapBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each suggestion compares the reference with every milestone id of the year: after HINT_COMPARISONS in a
    year the remaining unknown references are still reported, without a suggestion."""
    monkeypatch.setattr(rules, "HINT_COMPARISONS", 6)  # the base roadmap's 3 ids: two suggestions
    builder.valid()
    builder.action("sales", "hire-closers", quarter=2, supports=["more-dels", "more-lead", "more-revenu"])
    problems = only(builder.problems(), "references")
    assert [p.message.split(", got ")[1] for p in problems] == [
        "'more-dels' (did you mean 'more-deals'?)",
        "'more-lead' (did you mean 'more-leads'?)",
        "'more-revenu'",
    ]


def test_unresolved_depends_on_and_other_years_ids_fail(builder: RoadmapBuilder) -> None:
    """depends_on must name a milestone of the same year: another year's id does not resolve."""
    builder.valid()
    add_goal(builder, "old-goal", year=2025)
    builder.milestone("grow-revenue", "more-deals", quarter=2, depends_on=["old-goal-m0", "nothing-like-it"])
    problems = only(builder.problems(), "references")
    assert [(p.path, p.line, p.field) for p in problems] == [
        (f"{MILESTONES}/grow-revenue/more-deals.md", line, "depends_on") for line in (10, 11)
    ]
    assert problems[1].message == "expected a milestone id of 2026, got 'nothing-like-it'"


@pytest.mark.parametrize(
    ("links", "cycle"),
    [
        ({"more-leads": ["more-leads"]}, "more-leads -> more-leads"),
        ({"more-leads": ["more-deals"], "more-deals": ["more-leads"]}, "more-deals -> more-leads -> more-deals"),
        (
            {"more-leads": ["more-revenue"], "more-revenue": ["more-deals"], "more-deals": ["more-leads"]},
            "more-deals -> more-leads -> more-revenue -> more-deals",
        ),
    ],
)
def test_dependency_cycles_fail_once_naming_the_loop(
    builder: RoadmapBuilder, links: dict[str, list[str]], cycle: str
) -> None:
    """A cycle of any length (a self-dependency too) is one problem, at its first milestone by id, naming the loop."""
    builder.valid()
    quarters = {"more-leads": 1, "more-deals": 2, "more-revenue": 3}
    for milestone_id, deps in links.items():
        builder.milestone("grow-revenue", milestone_id, quarter=quarters[milestone_id], depends_on=deps)
    [problem] = only(builder.problems(), "no-cycles")
    assert (problem.path, problem.field) == (f"{MILESTONES}/grow-revenue/{min(links)}.md", "depends_on")
    assert problem.message == f"expected no dependency cycle, got {cycle}; remove one of these links"
    assert len(problem.related) == len(links)


def test_a_dependency_chain_without_a_loop_passes(builder: RoadmapBuilder) -> None:
    """A diamond of dependencies is not a cycle."""
    builder.valid()
    add_goal(builder, "ship-v2")
    builder.milestone("grow-revenue", "more-revenue", quarter=3, depends_on=["more-leads", "more-deals"])
    builder.milestone("grow-revenue", "more-deals", quarter=2, depends_on=["more-leads"])
    builder.milestone("ship-v2", "ship-v2-m2", quarter=3, depends_on=["more-deals", "ship-v2-m1"])
    assert builder.problems() == []


def test_a_dependency_chain_longer_than_pythons_stack_is_checked_without_a_crash(builder: RoadmapBuilder) -> None:
    """With raised limits a 1,100-long chain passes, and closing it into a loop is one problem naming every file."""
    count = 1100
    builder.settings(limits={"max_milestones_per_goal": count})
    builder.goal("long-goal")
    for i in range(count):
        builder.milestone("long-goal", f"m{i:04}", depends_on=[f"m{i + 1:04}"] if i + 1 < count else None)
    assert builder.problems() == []
    builder.milestone("long-goal", f"m{count - 1:04}", depends_on=["m0000"])
    [problem] = only(builder.problems(), "no-cycles")
    assert problem.path == f"{MILESTONES}/long-goal/m0000.md" and len(problem.related) == count


# --- milestone ids and folders ------------------------------------------------------------------


def test_milestone_id_duplicated_across_goals_fails(builder: RoadmapBuilder) -> None:
    """The same milestone id under two goals of a year is a problem at the later file naming the other."""
    builder.valid()
    add_goal(builder, "ship-v2")
    builder.milestone("ship-v2", "more-leads")
    [problem] = only(builder.problems(), "unique-ids")
    assert str(problem) == (
        f"{MILESTONES}/ship-v2/more-leads.md:1: id: expected a milestone id unique in 2026, got 'more-leads', "
        f"also used by {MILESTONES}/grow-revenue/more-leads.md; rename one file"
    )
    assert problem.related == (f"{MILESTONES}/grow-revenue/more-leads.md",)


def test_same_milestone_id_in_two_years_passes(builder: RoadmapBuilder) -> None:
    """Ids are unique within a year, not across years."""
    builder.valid()
    builder.goal("grow-revenue", year=2025)
    for quarter, milestone_id in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
        builder.milestone("grow-revenue", milestone_id, year=2025, quarter=quarter)
    assert builder.problems() == []


def test_milestone_folder_naming_no_goal_fails(builder: RoadmapBuilder) -> None:
    """milestones/<folder>/ must be named after a goal of the same year."""
    builder.valid()
    builder.milestone("grow-revenu", "typo-goal")
    [problem] = only(builder.problems(), "references")
    assert str(problem) == (
        f"{MILESTONES}/grow-revenu/typo-goal.md:1: goal: expected a folder named after a goal of 2026 "
        "(grow-revenue), got 'grow-revenu'"
    )


def test_a_misfiled_milestone_names_a_few_goals_not_all(builder: RoadmapBuilder) -> None:
    """With a raised goal limit the message stays short: six goal ids and a count, so output stays linear."""
    builder.valid()
    builder.settings(limits={"goals_per_year": 100, "min_milestones_per_goal": 0})
    for n in range(20):
        builder.goal(f"goal-{n:02d}")
    builder.milestone("grow-revenu", "typo-goal")
    [problem] = only(builder.problems(), "references")
    assert problem.message == (
        "expected a folder named after a goal of 2026 (goal-00, goal-01, goal-02, goal-03, goal-04, goal-05 and 15 "
        "more), got 'grow-revenu'"
    )


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_due_on_the_first_and_last_day_of_the_quarter_pass(builder: RoadmapBuilder, quarter: int) -> None:
    """Both ends of a quarter are inside it."""
    first, last = quarter_bounds(2026, quarter)
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", quarter=quarter, due=first)
    builder.milestone("grow-revenue", "more-deals", quarter=quarter, due=last)
    assert builder.problems() == []


@pytest.mark.parametrize(
    ("quarter", "due"), [(1, date(2026, 4, 1)), (2, date(2026, 3, 31)), (4, date(2027, 1, 1)), (1, date(2025, 2, 1))]
)
def test_due_outside_the_quarter_of_its_year_fails(builder: RoadmapBuilder, quarter: int, due: date) -> None:
    """A due date a day outside the quarter, or in another year, is a problem at the due line."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", quarter=quarter, due=due)
    [problem] = only(builder.problems(), "due-in-quarter")
    first, last = quarter_bounds(2026, quarter)
    assert str(problem) == (
        f"{MILESTONES}/grow-revenue/more-leads.md:4: due: expected a date in Q{quarter} 2026 ({first} to {last}), "
        f"got {due}; change the date or the quarter"
    )


def test_completed_milestone_with_its_date_passes(builder: RoadmapBuilder) -> None:
    """status completed with a completion date on or before as-of passes."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", status="completed", completed=AS_OF)
    assert builder.problems(as_of=AS_OF) == []


def test_completed_status_without_a_date_fails(builder: RoadmapBuilder) -> None:
    """status completed needs completed: YYYY-MM-DD, reported at the status line."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", status="completed")
    [problem] = only(builder.problems(), "completion")
    assert (problem.line, problem.field) == (6, "completed")
    assert (
        problem.message == "expected the completion date (completed: YYYY-MM-DD) when status is completed, got nothing"
    )


@pytest.mark.parametrize("status", ["not-started", "in-progress"])
def test_completion_date_without_completed_status_fails(builder: RoadmapBuilder, status: str) -> None:
    """A completion date on unfinished work is a problem at the completed line."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", status=status, completed=date(2026, 3, 1))
    [problem] = only(builder.problems(), "completion")
    assert (problem.line, problem.field) == (9, "completed")
    assert problem.message == (
        f"expected no completion date while status is {status}, got 2026-03-01; set status: completed or remove "
        "the date"
    )


def test_completion_after_the_as_of_date_fails(builder: RoadmapBuilder) -> None:
    """A completion date after as-of fails; the same file passes when judged a day later."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", status="completed", completed=date(2026, 11, 21))
    [problem] = only(builder.problems(as_of=AS_OF), "completion")
    assert problem.message == "expected a date on or before the as-of date 2026-11-20, got 2026-11-21"
    assert builder.problems(as_of=date(2026, 11, 21)) == []


# --- owner and success criteria (per-file, enforced by the schema) ------------------------------


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"success_criteria": None},
            [(1, "success_criteria", "expected a value, got nothing (add 'success_criteria: ...')")],
        ),
        ({"success_criteria": []}, [(7, "success_criteria", "expected at least 1 item, got none")]),
        ({"success_criteria": ""}, [(7, "success_criteria.0", "expected text, got an empty value")]),
        ({"success_criteria": ["Done", "  "]}, [(9, "success_criteria.1", "expected text, got an empty value")]),
        ({"owner": None}, [(1, "owner", "expected a value, got nothing (add 'owner: ...')")]),
        ({"owner": " "}, [(5, "owner", "expected text, got an empty value")]),
    ],
)
def test_milestone_needs_an_owner_and_success_criteria(builder: RoadmapBuilder, fields: dict, expected: list) -> None:
    """A milestone without an owner or measurable success criteria is a located problem."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", **fields)
    problems = only(builder.problems(), "schema")
    assert [(p.path, p.line, p.field, p.message) for p in problems] == [
        (f"{MILESTONES}/grow-revenue/more-leads.md", *e) for e in expected
    ]


def test_single_success_criterion_as_text_is_accepted(builder: RoadmapBuilder) -> None:
    """One criterion may be written as plain text instead of a one-item list."""
    builder.valid()
    builder.milestone("grow-revenue", "more-leads", success_criteria="Ten qualified leads a week")
    assert builder.problems() == []


@pytest.mark.parametrize("kind", ["goal", "action"])
def test_goals_and_actions_need_an_owner(builder: RoadmapBuilder, kind: str) -> None:
    """Goals and key actions have exactly one owner too."""
    builder.valid()
    path = (
        builder.goal("grow-revenue", owner=None)
        if kind == "goal"
        else builder.action("sales", "hire-closers", quarter=2, owner=None, supports=["more-deals"])
    )
    problems = only(builder.problems(), "schema")
    assert [(p.path, p.field) for p in problems] == [(path.relative_to(builder.root).as_posix(), "owner")]


def test_file_problems_suppress_cross_file_rules(builder: RoadmapBuilder) -> None:
    """A broken file is reported alone, not also as a missing reference or a short count elsewhere."""
    builder.valid()
    builder.write("2026/milestones/grow-revenue/more-leads.md", "---\ntitle: [\n---\n")
    problems = builder.problems()
    assert [(p.path, p.rule) for p in problems] == [(f"{MILESTONES}/grow-revenue/more-leads.md", "yaml")]


def test_the_example_roadmap_passes_every_rule() -> None:
    """The shipped example is valid as of the pinned date."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    assert [len(y.goals) for y in roadmap.years if y.year == 2026] == [3]
