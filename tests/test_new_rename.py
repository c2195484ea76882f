"""`roadmap new` writes a file the check accepts (or refuses, saying where there is room); `roadmap rename` renames a
goal or milestone and every reference to it, changing nothing else in the files."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from roadmap_as_code.authoring.yaml_text import scalar
from roadmap_as_code.edges import cli_authoring
from roadmap_as_code.edges.cli import main
from roadmap_as_code.reading.strict_yaml import parse_yaml
from tests.helpers import RoadmapBuilder, front_matter

TODAY = "2026-11-20T12:00:00+00:00"
Y = "roadmap/2026"


@pytest.fixture(autouse=True)
def today(clock: Callable[[str], None], monkeypatch: pytest.MonkeyPatch) -> None:
    clock(TODAY)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def roadmap(builder: RoadmapBuilder, *args: str, stdin: str | None = None) -> Result:
    """`roadmap ARGS --root <the builder's repository>` for new and rename, `roadmap check ROOT` for check."""
    where = [str(builder.root)] if args[0] == "check" else ["--root", str(builder.root)]
    return CliRunner().invoke(main, [*args, *where], input=stdin)


def passes(builder: RoadmapBuilder) -> None:
    result = roadmap(builder, "check")
    assert result.exit_code == 0, result.output


def files(builder: RoadmapBuilder) -> dict[str, bytes]:
    return {p.relative_to(builder.root).as_posix(): p.read_bytes() for p in builder.root.rglob("*") if p.is_file()}


MILESTONE = ["--goal", "grow-revenue", "--owner", "Sales team", "--quarter", "Q4", "--success-criteria", "10 deals"]


# --- new -------------------------------------------------------------------------------------------------


def test_new_milestone_derives_its_id_from_the_title_and_passes_the_check(builder: RoadmapBuilder) -> None:
    builder.valid()
    result = roadmap(builder, "new", "milestone", "--title", "Close 10 enterprise deals!", *MILESTONE)
    assert result.exit_code == 0, result.output
    path = f"{Y}/milestones/grow-revenue/close-10-enterprise-deals.md"
    assert result.output == f"created {path}\n"
    assert front_matter(builder.root / path) == {
        "title": "Close 10 enterprise deals!",
        "quarter": "Q4",
        "due": yaml.safe_load("2026-12-31"),
        "owner": "Sales team",
        "status": "not-started",
        "success_criteria": ["10 deals"],
    }
    passes(builder)


def test_new_action_and_new_goal_with_its_milestones_pass_the_check(builder: RoadmapBuilder) -> None:
    builder.valid()
    action = ["--department", "sales", "--owner", "Ana", "--quarter", "Q3", "--supports", "more-deals"]
    assert roadmap(builder, "new", "action", "--title", "Hire two closers", *action).exit_code == 0
    goal = roadmap(builder, "new", "goal", "--title", "Open the Nordics", "--owner", "CEO")
    assert goal.output == (
        f"created {Y}/goals/open-the-nordics.md\n"
        "next: add 3 milestones or more: roadmap new milestone --goal open-the-nordics\n"
    )
    assert roadmap(builder, "check").exit_code == 1  # a goal without milestones is short of the minimum
    for quarter in ("Q2", "Q3", "Q4"):
        flags = ["--goal", "open-the-nordics", "--owner", "COO", "--quarter", quarter, "--success-criteria", "done"]
        created = roadmap(builder, "new", "milestone", "--title", f"Nordics {quarter}", *flags)
        assert created.exit_code == 0, created.output
    passes(builder)


@pytest.mark.parametrize(
    "title", ["Cut costs: 10% # now", "“Quoted”", "NO", "on", "010", "1:30", "2026", "- dash", "Über & co.", 'say "hi"']
)
def test_titles_yaml_would_misread_are_written_so_they_read_back_unchanged(builder: RoadmapBuilder, title: str) -> None:
    builder.valid()
    result = roadmap(builder, "new", "goal", "--title", title, "--owner", "CEO", "--id", "g")
    assert result.exit_code == 0, result.output
    assert front_matter(builder.root / f"{Y}/goals/g.md")["title"] == title.strip()
    assert roadmap(builder, "check").output.startswith(f"{Y}/goals/g.md:1: milestones: expected at least 3")


@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40))
def test_every_text_is_written_so_yaml_reads_it_back_unchanged(text: str) -> None:
    """The strict reader and PyYAML (YAML 1.1) both read the written value as exactly the text given."""
    written = f"title: {scalar(text)}\n"
    assert parse_yaml(written).value == {"title": text}
    assert yaml.safe_load(written) == {"title": text}


def test_an_id_in_use_is_refused_and_nothing_is_written(builder: RoadmapBuilder) -> None:
    """The same file, or a milestone id another goal uses (ids are unique in a year)."""
    builder.valid()
    builder.goal("other")
    before = files(builder)
    same_file = roadmap(builder, "new", "milestone", "--title", "More leads", *MILESTONE)
    assert same_file.exit_code == 1
    assert f"{Y}/milestones/grow-revenue/more-leads.md: expected a new file, got one already there" in same_file.output
    other_goal = roadmap(builder, "new", "milestone", "--title", "More leads", *MILESTONE[2:], "--goal", "other")
    assert other_goal.exit_code == 1
    assert f"expected a milestone id unused in 2026, got 'more-leads', the id of {Y}/milestones" in other_goal.output
    assert files(builder) == before


def test_a_full_department_quarter_is_refused_with_its_usage_and_the_quarters_with_room(
    builder: RoadmapBuilder,
) -> None:
    builder.valid()
    for i in range(2):
        builder.action("marketing", f"extra-{i}")
    builder.action("marketing", "in-q2", quarter=2)
    before = files(builder)
    flags = ["--department", "marketing", "--owner", "Ana", "--quarter", "Q1", "--supports", "more-leads"]
    result = roadmap(builder, "new", "action", "--title", "One more", *flags)
    assert result.exit_code == 1
    assert result.output == (
        "roadmap new: error: quarter: Marketing has 3/3 key actions in Q1 2026 (limit reached): extra-0, extra-1, "
        "launch-campaign; quarters with room: Q2: 2 free, Q3: 3 free, Q4: 3 free; pass another --quarter\n"
    )
    assert files(builder) == before


def test_a_full_year_of_goals_is_refused_with_the_years_with_room(builder: RoadmapBuilder) -> None:
    builder.valid()
    for goal in ("b", "c"):
        builder.goal(goal)
    builder.goal("later", year=2027)
    result = roadmap(builder, "new", "goal", "--title", "A fourth", "--owner", "CEO", "--year", "2026")
    assert result.exit_code == 1
    assert (
        "goals: 2026 has 3/3 goals (limit reached): b, c, grow-revenue; years with room: 2027: 2 free" in result.output
    )


def test_a_goal_with_its_maximum_of_milestones_is_refused_with_the_goals_with_room(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.goal("other")
    for i in range(2):
        builder.milestone("grow-revenue", f"extra-{i}")
    result = roadmap(builder, "new", "milestone", "--title", "Sixth", *MILESTONE)
    assert result.exit_code == 1
    assert "goal 'grow-revenue' has 5/5 milestones in 2026 (limit reached)" in result.output
    assert "goals with room: other: 5 free; pass another --goal" in result.output


def test_a_rule_the_new_item_breaks_is_reported_at_its_line_and_nothing_is_written(builder: RoadmapBuilder) -> None:
    builder.valid()
    before = files(builder)
    flags = ["--department", "sales", "--owner", "Ana", "--quarter", "Q2", "--supports", "more-dels"]
    result = roadmap(builder, "new", "action", "--title", "Typo", *flags)
    assert result.exit_code == 1
    assert result.output.startswith(
        f"{Y}/actions/sales/typo.md:7: supports: expected a milestone id of 2026, got 'more-dels' (did you mean "
    )
    due = roadmap(builder, "new", "milestone", "--title", "Late", *MILESTONE, "--due", "2027-01-05")
    assert due.exit_code == 1 and ":4: due: expected a date in Q4 2026" in due.output
    tab = roadmap(builder, "new", "goal", "--title", "tab\tin", "--owner", "CEO")
    assert tab.exit_code == 1 and f"{Y}/goals/tab-in.md:2: title: expected one line of text" in tab.output
    assert files(builder) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goal", "--title", "X", "--quarter", "Q1"], "--quarter: not an option of a goal"),
        (["action", "--title", "X", "--goal", "g"], "--goal: not an option of a action"),
        (["goal", "--title", "X", "--owner", "Y", "--id", "Not An Id"], "--id: expected a lower-case id like"),
        (["goal", "--title", "!!!", "--owner", "Y"], "pass the id with --id"),
        (["milestone", "--title", "X"], "missing --goal, --quarter, --owner, --success-criteria: pass them"),
    ],
)
def test_usage_errors_name_the_option(builder: RoadmapBuilder, args: list[str], message: str) -> None:
    builder.valid()
    result = roadmap(builder, "new", *args)
    assert result.exit_code == 2 and message in result.output, result.output


def test_in_a_terminal_new_asks_for_what_the_flags_leave_out(
    builder: RoadmapBuilder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The goal is a choice, the quarter offers this one (Q4), the criteria take a comma-separated list."""
    monkeypatch.setattr(cli_authoring, "stdin_is_terminal", lambda: True)
    builder.valid()
    answers = "Win back churned accounts\ngrow-revenue\n\nSales team\n5 accounts back, churn below 3%\n"
    result = roadmap(builder, "new", "milestone", stdin=answers)
    assert result.exit_code == 0, result.output
    assert "Goal id (grow-revenue): grow-revenue" in result.output and "Quarter (Q1, Q2, Q3, Q4) [Q4]:" in result.output
    written = front_matter(builder.root / f"{Y}/milestones/grow-revenue/win-back-churned-accounts.md")
    assert written["quarter"] == "Q4" and written["success_criteria"] == ["5 accounts back", "churn below 3%"]
    passes(builder)


# --- rename ----------------------------------------------------------------------------------------------

ACTION_WITH_COMMENTS = """\
---
# who does what
title: Launch the campaign
quarter: Q1
owner: Team lead
status: in-progress
supports: [more-leads, more-deals]  # more-leads first
---
Body mentions more-leads, which stays.
"""
SINGLE_STRING = (
    "---\r\ntitle: Single\r\nquarter: Q2\r\nowner: Ana\r\nstatus: not-started\r\nsupports: more-leads\r\n---\r\n"
)


def test_rename_milestone_renames_the_file_and_edits_only_the_references(builder: RoadmapBuilder) -> None:
    """Block, flow and single-value references and a depends_on change; comments, the body, CRLF and every
    other byte stay."""
    builder.valid()
    flow = builder.write("2026/actions/marketing/launch-campaign.md", ACTION_WITH_COMMENTS)
    single = builder.write("2026/actions/sales/single.md", SINGLE_STRING)
    dependent = builder.milestone("grow-revenue", "more-deals", quarter=2, depends_on=["more-leads"])
    before = dependent.read_text(encoding="utf-8")
    result = roadmap(builder, "rename", "milestone", "more-leads", "qualified-leads")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"updated {Y}/actions/marketing/launch-campaign.md (supports)",
        f"updated {Y}/actions/sales/single.md (supports)",
        f"updated {Y}/milestones/grow-revenue/more-deals.md (depends_on)",
        f"renamed {Y}/milestones/grow-revenue/more-leads.md to {Y}/milestones/grow-revenue/qualified-leads.md",
    ]
    assert flow.read_text(encoding="utf-8") == ACTION_WITH_COMMENTS.replace(
        "[more-leads, more-deals]", "[qualified-leads, more-deals]"
    )
    assert single.read_bytes() == SINGLE_STRING.replace("supports: more-leads", "supports: qualified-leads").encode()
    assert dependent.read_text(encoding="utf-8") == before.replace("- more-leads", "- qualified-leads")
    assert not (builder.content / "2026/milestones/grow-revenue/more-leads.md").exists()
    passes(builder)


def test_rename_goal_moves_its_milestones_folder(builder: RoadmapBuilder) -> None:
    builder.valid()
    result = roadmap(builder, "rename", "goal", "grow-revenue", "grow-arr")
    assert result.output.splitlines() == [
        f"renamed {Y}/goals/grow-revenue.md to {Y}/goals/grow-arr.md",
        f"renamed {Y}/milestones/grow-revenue/ to {Y}/milestones/grow-arr/",
    ]
    assert sorted(p.name for p in (builder.content / "2026/milestones/grow-arr").iterdir()) == [
        "more-deals.md",
        "more-leads.md",
        "more-revenue.md",
    ]
    passes(builder)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["milestone", "more-leads", "more-deals"], 1, "expected a milestone id unused in 2026, got 'more-deals'"),
        (["goal", "grow-revenue", "other"], 1, "expected no folder 2026/milestones/other/ yet"),
        (["milestone", "no-such", "x"], 1, "expected the id of a milestone, got 'no-such', which names none"),
        (["goal", "grow-revenue", "Grow ARR"], 2, "NEW: expected a lower-case id like 'grow-arr'"),
        (["goal", "twice", "x"], 2, "goal 'twice' is in 2025, 2026; pass --year"),
    ],
)
def test_rename_refuses_without_changing_anything(
    builder: RoadmapBuilder, args: list[str], status: int, message: str
) -> None:
    builder.valid()
    (builder.content / "2026/milestones/other").mkdir()
    builder.goal("twice", year=2025)
    builder.goal("twice")
    before = files(builder)
    result = roadmap(builder, "rename", *args)
    assert result.exit_code == status and message in result.output, result.output
    assert files(builder) == before


def test_rename_refuses_while_a_file_cannot_be_read(builder: RoadmapBuilder) -> None:
    """A reference in a file that does not read would be missed: fix the file first."""
    builder.valid()
    text = "---\ntitle: Call them # all\nquarter: Q1\nowner: Ana\nstatus: not-started\nsupports: [more-leads]\n---\n"
    builder.write("2026/actions/sales/broken.md", text)
    before = files(builder)
    result = roadmap(builder, "rename", "milestone", "more-leads", "leads")
    assert result.exit_code == 1 and result.output.startswith(f"{Y}/actions/sales/broken.md:2: title: ")
    assert files(builder) == before


def test_rename_with_year_picks_one_of_two_years(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.goal("twice", year=2025)
    builder.goal("twice")
    result = roadmap(builder, "rename", "goal", "twice", "once", "--year", "2025")
    assert result.output == "renamed roadmap/2025/goals/twice.md to roadmap/2025/goals/once.md\n"
    assert (builder.content / "2026/goals/twice.md").is_file()
