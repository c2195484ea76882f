"""`roadmap diff`: what a change does to the plan, read from temporary git repositories built here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap_as_code.comparing.diff import md, roadmap_diff
from roadmap_as_code.edges.cli import main
from tests.helpers import RoadmapBuilder, commit, git


def changes(builder: RoadmapBuilder, base: str = "HEAD~1", head: str | None = "HEAD") -> str:
    return roadmap_diff(builder.root, base, head)


def header(base: str, head: str) -> str:
    return f"### Roadmap changes\n\nFrom {base} to {head}.\n\n"


@pytest.fixture
def repo(builder: RoadmapBuilder) -> RoadmapBuilder:
    """A git repository whose first commit holds the smallest valid roadmap (a goal, three milestones, two actions)."""
    builder.valid()
    commit(builder.root, "base")
    return builder


def test_an_added_goal_is_listed_with_the_goal_count_and_its_milestone_count(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    repo.goal("win-enterprise", title="Win enterprise carriers", owner="CRO")
    head = commit(repo.root, "add a goal")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### 2026\n\n"
        "**Goals**\n\n"
        "- **Added** goal `win-enterprise`: Win enterprise carriers (owner CRO)\n\n"
        "**Limit usage** (before → after)\n\n"
        "- Goals in 2026: 1/3 → 2/3\n"
        "- Milestones of goal `win-enterprise` in 2026: none → 0, allowed 3–5 (**below the minimum**)\n"
    )


def test_a_removed_action_is_listed_and_its_department_quarter_count_drops(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    (repo.content / "2026/actions/sales/hire-closers.md").unlink()
    head = commit(repo.root, "drop an action")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### 2026\n\n"
        "**Key actions**\n\n"
        "- **Removed** key action `hire-closers` (Sales, Q2): Action hire-closers\n\n"
        "**Limit usage** (before → after)\n\n"
        "- Sales Q2 2026: 1/3 → 0/3\n"
    )


def test_a_due_date_moved_later_says_by_how_many_days(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    repo.milestone("grow-revenue", "more-deals", quarter=2, due=date(2026, 6, 29))
    head = commit(repo.root, "slip")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### 2026\n\n"
        "**Milestones**\n\n"
        "- **Changed** milestone `more-deals` (goal `grow-revenue`): Milestone more-deals\n"
        "  - due: 2026-06-15 → 2026-06-29 (moved 14 days later)\n"
    )


def test_a_due_date_moved_earlier_by_one_day_is_singular(repo: RoadmapBuilder) -> None:
    repo.milestone("grow-revenue", "more-deals", quarter=2, due=date(2026, 6, 14))
    commit(repo.root, "pull in")
    assert "  - due: 2026-06-15 → 2026-06-14 (moved 1 day earlier)\n" in changes(repo)


def test_status_and_health_changes_are_listed_field_by_field(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    repo.milestone("grow-revenue", "more-leads", status="in-progress", health="at-risk")
    head = commit(repo.root, "progress")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### 2026\n\n"
        "**Milestones**\n\n"
        "- **Changed** milestone `more-leads` (goal `grow-revenue`): Milestone more-leads\n"
        "  - status: Not started → In progress\n"
        "  - health: none → At risk\n"
    )


def test_owner_changes_of_a_goal_and_an_action_are_listed(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    repo.goal("grow-revenue", owner="CFO")
    repo.action("marketing", "launch-campaign", supports=["more-leads"], owner="Lena Brandt")
    head = commit(repo.root, "new owners")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### 2026\n\n"
        "**Goals**\n\n"
        "- **Changed** goal `grow-revenue`: Goal grow-revenue\n"
        "  - owner: CEO → CFO\n\n"
        "**Key actions**\n\n"
        "- **Changed** key action `launch-campaign` (Marketing, Q1): Action launch-campaign\n"
        "  - owner: Team lead → Lena Brandt\n"
    )


def test_department_quarter_usage_reaching_the_limit_is_marked(repo: RoadmapBuilder) -> None:
    repo.action("marketing", "second-campaign", quarter=3, supports=["more-revenue"])
    repo.action("marketing", "third-campaign", quarter=3, supports=["more-revenue"])
    base = commit(repo.root, "two in Q3")
    repo.action("marketing", "fourth-campaign", quarter=3, supports=["more-revenue"])
    head = commit(repo.root, "a third in Q3")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### 2026\n\n"
        "**Key actions**\n\n"
        "- **Added** key action `fourth-campaign` (Marketing, Q3): Action fourth-campaign (owner Team lead, "
        "In progress, supports `more-revenue`)\n\n"
        "**Limit usage** (before → after)\n\n"
        "- Marketing Q3 2026: 2/3 → 3/3 (limit reached)\n"
    )


def test_usage_over_a_limit_is_marked_in_bold(repo: RoadmapBuilder) -> None:
    for name in ("a", "b", "c"):
        repo.action("marketing", f"campaign-{name}", quarter=3, supports=["more-revenue"])
    commit(repo.root, "three in Q3")
    repo.action("marketing", "campaign-d", quarter=3, supports=["more-revenue"])
    for milestone_id, quarter in (("m4", 4), ("m5", 4), ("m6", 4)):
        repo.milestone("grow-revenue", milestone_id, quarter=quarter)
    commit(repo.root, "over")
    text = changes(repo)
    assert "- Marketing Q3 2026: 3/3 → 4/3 (**over the limit**)\n" in text
    assert "- Milestones of goal `grow-revenue` in 2026: 3 → 6, allowed 3–5 (**over the limit**)\n" in text


def test_the_working_tree_is_compared_with_a_revision_when_head_is_omitted(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    repo.milestone("grow-revenue", "more-revenue", quarter=3, title="Reach 1 M | ARR")
    assert changes(repo, "HEAD", None) == header(f"HEAD ({base})", "the working tree") + (
        "#### 2026\n\n"
        "**Milestones**\n\n"
        "- **Changed** milestone `more-revenue` (goal `grow-revenue`): Reach 1 M \\| ARR\n"
        "  - title: Milestone more-revenue → Reach 1 M \\| ARR\n"
    )
    # Nothing was written into the repository: the only change is the one made above.
    assert git(repo.root, "status", "--porcelain") == "M roadmap/2026/milestones/grow-revenue/more-revenue.md"


def test_no_change_says_so(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    (repo.root / "README.md").write_text("Not part of the roadmap.\n", encoding="utf-8")
    head = commit(repo.root, "docs only")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + "No roadmap changes.\n"


def test_lists_and_other_fields_report_what_was_added_and_removed(repo: RoadmapBuilder) -> None:
    repo.milestone(
        "grow-revenue",
        "more-revenue",
        quarter=3,
        depends_on=["more-leads"],
        key_tasks=["Call", "Email"],
        budget={"planned": 1000},
    )
    commit(repo.root, "details")
    repo.milestone(
        "grow-revenue",
        "more-revenue",
        quarter=3,
        depends_on=["more-deals"],
        key_tasks=["Call", "Visit"],
        budget={"planned": 1000, "actual": 250},
        status="completed",
        completed=date(2026, 9, 1),
        body="New text.",
    )
    repo.action("sales", "hire-closers", quarter=3, supports=["more-deals", "more-revenue"])
    commit(repo.root, "more details")
    text = changes(repo)
    assert (
        "- **Changed** milestone `more-revenue` (goal `grow-revenue`): Milestone more-revenue\n"
        "  - status: Not started → Completed\n"
        "  - completed: none → 2026-09-01\n"
        "  - budget: 1,000 EUR planned, none spent → 1,000 EUR planned, 250 spent\n"
        "  - depends_on: added `more-deals`; removed `more-leads`\n"
        "  - key tasks: added “Visit”; removed “Email”\n"
        "  - description changed\n"
    ) in text
    assert (
        "- **Changed** key action `hire-closers` (Sales, Q3): Action hire-closers\n"
        "  - quarter: Q2 → Q3\n"
        "  - supports: added `more-revenue`\n"
    ) in text
    assert "- Sales Q2 2026: 1/3 → 0/3\n- Sales Q3 2026: 0/3 → 1/3\n" in text


def test_a_milestone_moved_to_another_goal_is_one_change(repo: RoadmapBuilder) -> None:
    repo.goal("keep-customers")
    commit(repo.root, "second goal")
    (repo.content / "2026/milestones/keep-customers").mkdir()
    (repo.content / "2026/milestones/grow-revenue/more-revenue.md").rename(
        repo.content / "2026/milestones/keep-customers/more-revenue.md"
    )
    commit(repo.root, "move")
    text = changes(repo)
    assert (
        "- **Changed** milestone `more-revenue` (goal `keep-customers`): Milestone more-revenue\n  - goal: "
        "`grow-revenue` → `keep-customers`\n" in text
    )
    assert "- Milestones of goal `grow-revenue` in 2026: 3 → 2, allowed 3–5 (**below the minimum**)\n" in text


def test_user_text_is_escaped_for_markdown_and_html() -> None:
    assert md("<script>*x*</script> | [a](javascript:b) _c_ `d` ~e~ $f$ \\") == (
        "&lt;script&gt;\\*x\\*&lt;/script&gt; \\| \\[a\\](javascript:b) \\_c\\_ \\`d\\` \\~e\\~ \\$f\\$ \\\\"
    )
    assert md("two\nlines\r\n  here") == "two lines here"


def test_hostile_titles_stay_literal_in_the_summary(repo: RoadmapBuilder) -> None:
    repo.goal("grow-revenue", title="<img src=x onerror=alert(1)> **big** | cell")
    commit(repo.root, "hostile")
    assert "  - title: Goal grow-revenue → &lt;img src=x onerror=alert(1)&gt; \\*\\*big\\*\\* \\| cell\n" in changes(
        repo
    )


def test_a_broken_side_still_diffs_what_loads_and_lists_its_problems(repo: RoadmapBuilder) -> None:
    repo.write("2026/goals/broken.md", "---\ntitle: [unclosed\n---\n")
    repo.milestone("grow-revenue", "more-leads", owner="Marketing team")
    commit(repo.root, "broken file")
    text = changes(repo)
    assert (
        "HEAD (" in text
        and (
            ": 1 problem while reading; the changes below cover the files that read cleanly:\n\n- "
            "roadmap/2026/goals/broken.md:"
        )
        in text
    )
    assert "  - owner: Sales team → Marketing team\n" in text


def test_a_base_without_a_roadmap_counts_as_empty(builder: RoadmapBuilder) -> None:
    (builder.root / "README.md").write_text("Start.\n", encoding="utf-8")
    commit(builder.root, "empty")
    builder.valid()
    commit(builder.root, "first roadmap")
    text = changes(builder)
    assert "HEAD\\~1 (" in text and ") has no roadmap folder; it counts as empty.\n" in text
    assert "- **Added** goal `grow-revenue`: Goal grow-revenue (owner CEO)\n" in text
    assert "- Goals in 2026: none → 1/3\n" in text


def test_output_is_the_same_on_every_run(repo: RoadmapBuilder) -> None:
    repo.goal("b-goal")
    repo.goal("a-goal")
    repo.action("sales", "z-action", quarter=4, supports=["more-deals"])
    repo.action("marketing", "y-action", quarter=4, supports=["more-deals"])
    commit(repo.root, "several")
    first = changes(repo)
    assert first == changes(repo)
    assert first.index("`a-goal`") < first.index("`b-goal`") < first.index("`y-action`") < first.index("`z-action`")


def test_the_cli_prints_the_summary_and_exits_0(repo: RoadmapBuilder) -> None:
    repo.goal("grow-revenue", owner="CFO")
    result = CliRunner().invoke(main, ["diff", "HEAD", "--root", str(repo.root)])
    assert result.exit_code == 0, result.output
    assert "  - owner: CEO → CFO\n" in result.stdout


def test_a_bad_revision_exits_2_with_a_message_and_no_traceback(repo: RoadmapBuilder) -> None:
    result = CliRunner().invoke(main, ["diff", "no-such-branch", "HEAD", "--root", str(repo.root)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr == f"roadmap diff: error: unknown revision 'no-such-branch': it names no commit in {repo.root}\n"
    )
    assert "Traceback" not in result.output


def test_the_default_base_origin_main_explains_how_to_fetch_it(repo: RoadmapBuilder) -> None:
    result = CliRunner().invoke(main, ["diff", "--root", str(repo.root)])
    assert result.exit_code == 2
    assert "unknown revision 'origin/main'" in result.stderr and "fetch-depth: 0" in result.stderr


def test_an_option_like_revision_is_refused(repo: RoadmapBuilder) -> None:
    result = CliRunner().invoke(main, ["diff", "--root", str(repo.root), "--", "--output=/tmp/x"])
    assert result.exit_code == 2
    assert "expected a git revision" in result.stderr


def test_a_folder_outside_git_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["diff", "HEAD", "--root", str(tmp_path)], env={"GIT_CEILING_DIRECTORIES": str(tmp_path.parent)}
    )
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_a_side_with_broken_settings_counts_as_empty_and_says_why(repo: RoadmapBuilder) -> None:
    repo.write("roadmap.yml", "organisation: [unclosed\n")
    commit(repo.root, "break settings")
    text = changes(repo)
    assert ") has no readable roadmap.yml; it counts as empty.\n\nHEAD (" in text
    assert ": 1 problem while reading:\n\n- roadmap/roadmap.yml:" in text
    assert "- **Removed** goal `grow-revenue`: Goal grow-revenue\n" in text


def test_more_than_five_problems_are_cut_short(repo: RoadmapBuilder) -> None:
    for i in range(7):
        repo.write(f"2026/goals/broken-{i}.md", "no front-matter\n")
    commit(repo.root, "seven broken goals")
    text = changes(repo)
    assert ": 7 problems while reading; the changes below cover the files that read cleanly:\n" in text
    assert text.count("\n- roadmap/2026/goals/broken-") == 5
    assert "- … and 2 more (run `roadmap check`)\n" in text


def test_folder_names_that_are_not_slugs_are_escaped_not_put_in_code_spans(repo: RoadmapBuilder) -> None:
    repo.milestone("x`<b>y", "orphan")
    commit(repo.root, "odd folder")
    assert "- **Added** milestone `orphan` (goal x\\`&lt;b&gt;y): Milestone orphan (" in changes(repo)


def test_settings_changes_are_listed_and_usage_uses_the_new_limit(repo: RoadmapBuilder) -> None:
    base = git(repo.root, "rev-parse", "HEAD")[:12]
    repo.settings(departments=("marketing", "sales", "product"), limits={"actions_per_department_per_quarter": 4})
    head = commit(repo.root, "new department, looser limit")
    assert changes(repo) == header(f"HEAD\\~1 ({base})", f"HEAD ({head})") + (
        "#### Settings\n\n"
        "- limit actions per department per quarter: 3 → 4\n"
        "- department added: `product` (Product, lead none)\n\n"
        "#### 2026\n\n"
        "**Limit usage** (before → after)\n\n"
        "- Marketing Q1 2026: 1/3 → 1/4\n"
        "- Sales Q2 2026: 1/3 → 1/4\n"
    )
