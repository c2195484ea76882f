"""`roadmap diff`: a file that exists at a side but does not load is "unreadable at <side>", never Removed or Added,
and the limit lines it would count in say how many are unknown instead of "below the minimum"."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap_as_code.comparing.diff import roadmap_diff
from tests.helpers import RoadmapBuilder, commit, git

MORE_DEALS = "2026/milestones/grow-revenue/more-deals.md"
HIRE_CLOSERS = "2026/actions/sales/hire-closers.md"
GOAL = "2026/goals/grow-revenue.md"
YAML_MISTAKE = "yaml: expected valid YAML, got a syntax error: did not find expected ',' or '\\]'"


@pytest.fixture
def repo(builder: RoadmapBuilder) -> RoadmapBuilder:
    builder.valid()
    commit(builder.root, "base")
    return builder


def _break(builder: RoadmapBuilder, rel: str, field: str) -> None:
    path = builder.content / rel
    text = path.read_text(encoding="utf-8")
    assert f"\n{field}: " in text
    path.write_text(text.replace(f"\n{field}: ", f"\n{field}: [", 1), encoding="utf-8")


def _sides(root: Path) -> tuple[str, str]:
    return f"HEAD\\~1 ({git(root, 'rev-parse', 'HEAD~1')[:12]})", f"HEAD ({git(root, 'rev-parse', 'HEAD')[:12]})"


def test_a_milestone_with_a_yaml_mistake_at_head_is_unreadable_there_not_removed(repo: RoadmapBuilder) -> None:
    _break(repo, MORE_DEALS, "title")
    commit(repo.root, "break a milestone")
    _, head = _sides(repo.root)
    out = roadmap_diff(repo.root, "HEAD~1", "HEAD")
    assert "**Removed**" not in out and "below the minimum" not in out
    line = next(x for x in out.splitlines() if x.startswith("- milestone `more-deals`"))
    assert line.startswith(
        f"- milestone `more-deals` (goal `grow-revenue`): Milestone more-deals: unreadable at {head}: "
        f"roadmap/{MORE_DEALS}:3: {YAML_MISTAKE}"
    )
    assert "- Milestones of goal `grow-revenue` in 2026: 3 → 2, allowed 3–5 (unknown: 1 unreadable)" in out


def test_a_file_fixed_at_head_is_unreadable_at_the_base_not_added(repo: RoadmapBuilder) -> None:
    _break(repo, HIRE_CLOSERS, "owner")
    commit(repo.root, "break an action", when="2026-11-19T12:00:00+00:00")
    _, broken = _sides(repo.root)
    (repo.content / HIRE_CLOSERS).write_text(
        (repo.content / HIRE_CLOSERS).read_text(encoding="utf-8").replace("owner: [", "owner: "), encoding="utf-8"
    )
    commit(repo.root, "fix it")
    base, _ = _sides(repo.root)
    out = roadmap_diff(repo.root, "HEAD~1", "HEAD")
    assert base == broken.replace("HEAD (", "HEAD\\~1 (")
    assert "**Added**" not in out
    line = next(x for x in out.splitlines() if x.startswith("- key action `hire-closers`"))
    assert line.startswith(f"- key action `hire-closers` (Sales, Q2): Action hire-closers: unreadable at {base}: ")
    assert "- Sales Q2 2026: 0/3 → 1/3\n" in out + "\n"  # the head reads cleanly: its count is known


def test_a_key_action_and_a_goal_unreadable_at_head_mark_their_limit_lines_unknown(repo: RoadmapBuilder) -> None:
    _break(repo, HIRE_CLOSERS, "owner")
    _break(repo, GOAL, "title")
    commit(repo.root, "break two files")
    _, head = _sides(repo.root)
    out = roadmap_diff(repo.root, "HEAD~1", "HEAD")
    assert "**Removed**" not in out
    assert f"- goal `grow-revenue`: Goal grow-revenue: unreadable at {head}: roadmap/{GOAL}:" in out
    assert "- Goals in 2026: 1/3 → 0/3 (unknown: 1 unreadable)" in out
    assert "- Sales Q2 2026: 1/3 → 0/3 (unknown: 1 unreadable)" in out


def test_a_new_file_with_a_mistake_is_unreadable_not_added_and_a_deleted_broken_one_is_removed(
    repo: RoadmapBuilder,
) -> None:
    repo.milestone("grow-revenue", "more-margin", quarter=4)
    _break(repo, "2026/milestones/grow-revenue/more-margin.md", "status")
    commit(repo.root, "add a broken milestone")
    base, head = _sides(repo.root)
    out = roadmap_diff(repo.root, "HEAD~1", "HEAD")
    assert "**Added**" not in out
    assert f"- milestone `more-margin` (goal `grow-revenue`): unreadable at {head}: roadmap/2026/" in out
    assert "- Milestones of goal" not in out  # 3 → 3 loaded: no count changed
    (repo.content / "2026/milestones/grow-revenue/more-margin.md").unlink()
    commit(repo.root, "drop it")
    base, _ = _sides(repo.root)
    out = roadmap_diff(repo.root, "HEAD~1", "HEAD")
    assert f"- **Removed** milestone `more-margin` (goal `grow-revenue`) (unreadable at {base}: roadmap/2026/" in out


def test_a_file_broken_the_same_way_at_both_sides_is_not_listed(repo: RoadmapBuilder) -> None:
    _break(repo, MORE_DEALS, "title")
    commit(repo.root, "break", when="2026-11-19T12:00:00+00:00")
    (repo.content / "README.md").write_text("unrelated\n", encoding="utf-8")
    commit(repo.root, "unrelated")
    out = roadmap_diff(repo.root, "HEAD~1", "HEAD")
    assert "more-deals`" not in out and "No roadmap changes." in out
