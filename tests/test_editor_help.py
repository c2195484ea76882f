"""Help where editors stumble: limits that say where there is room, the changed file's problems first, and
YAML that reads otherwise than it looks (a comment cut off a title, typographic quotes, tabs)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from roadmap_as_code.edges.check_report import github_annotations
from roadmap_as_code.edges.cli import main
from roadmap_as_code.reading.strict_yaml import YamlTextError, parse_yaml
from tests.helpers import BIN, GIT_ENV, PINNED, REPO, RoadmapBuilder, commit, git

ACTIONS = "roadmap/2026/actions"


def _issue(text: str) -> str:
    with pytest.raises(YamlTextError) as caught:
        parse_yaml(text)
    return f"{caught.value.issue.line}: {caught.value.issue.field}: {caught.value.issue.message}"


# --- YAML that reads otherwise than it looks -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("title: Cut costs # by 10%\n", "title", "Cut costs"),
        ("title: Cut costs   #by 10%\n", "title", "Cut costs"),
        ("owner: Ana\tRuiz\t# until March\n", "owner", "Ana\tRuiz"),
        ("risks:\n  - Supplier late # again\n", "risks.0", "Supplier late"),
        ("title: Cut\n  costs # by 10%\n", "title", "Cut costs"),
    ],
)
def test_plain_text_followed_by_a_comment_is_refused_with_quote_it(text: str, field: str, value: str) -> None:
    """YAML would keep only the text before ` #`; the message shows what it kept and how to quote the whole."""
    issue = _issue(text)
    assert f": {field}: expected the whole text, got {value!r} followed by '#" in issue
    assert "quote it: " in issue and "(or put the comment on a line of its own)" in issue


def test_the_comment_is_located_at_the_line_it_is_on() -> None:
    """A plain value over two lines is reported at the line of the comment."""
    assert _issue("owner: CEO\ntitle: Cut\n  costs # by 10%\n").startswith("3: title: ")


@pytest.mark.parametrize(
    "text",
    [
        "title: 'Cut costs # by 10%'\n",
        'title: "Cut costs # by 10%"\n',
        "# a comment on its own line\ntitle: Cut costs\n",
        "title: Cut costs#10\n",
        "baseline: 12 # from the Q4 report\n",
        "done: true # checked\n",
        "metric: # the goal's number\n  name: ARR\n",
        "title: >\n  Cut costs # by 10%\n",
    ],
)
def test_quoted_text_comments_on_their_own_line_and_after_numbers_stay_allowed(text: str) -> None:
    """Only plain text cut by a comment is refused: quoted text, block text, numbers and keys keep their comments."""
    parse_yaml(text)


@pytest.mark.parametrize(
    ("text", "pair", "use"),
    [("title: “Cut costs”\n", "“…”", '"…"'), ("title: ‘Cut costs’\n", "‘…’", "'…'"), ("t: „Kosten“\n", "„…“", '"…"')],
)
def test_typographic_quotes_around_a_value_are_not_yaml_quotes(text: str, pair: str, use: str) -> None:
    """Curly quotes around a value would stay part of the text: the message names them and the quotes to use."""
    assert _issue(text).endswith(f": {pair} are not YAML quotes; use {use}")


@pytest.mark.parametrize("text", ["title: Launch “Falcon”\n", 'title: "“Falcon” launch"\n', "title: “Falcon” launch\n"])
def test_typographic_quotes_inside_a_value_are_text(text: str) -> None:
    """Quotes inside a title, or around one that is itself quoted, are the author's text."""
    assert "Falcon" in parse_yaml(text).value["title"]


@pytest.mark.parametrize(
    ("text", "line"),
    [("supports:\n\t- more-leads\n", 2), ("metric:\n \tname: ARR\n", 2), ("a: 1\n\tb: 2\n", 2)],
)
def test_a_tab_in_indentation_says_so(text: str, line: int) -> None:
    """libyaml's message never says 'tab'; this one names it and says to indent with spaces."""
    assert _issue(text) == f"{line}: yaml: expected spaces for indentation, got a tab; indent with spaces, not tabs"


# --- limits: where there is room -------------------------------------------------------------------


def _limit(builder: RoadmapBuilder, rule: str) -> str:
    [problem] = [p for p in builder.problems() if p.rule == rule]
    return problem.message


def test_a_full_department_quarter_names_the_department_and_the_quarters_with_room(builder: RoadmapBuilder) -> None:
    """Marketing (its name, not its id) is over in Q1; Q2 has 1 place left, Q3 none, Q4 all three."""
    builder.valid()
    builder.settings(departments=("marketing", "sales"), limits={"actions_per_department_per_quarter": 3})
    for i in range(3):
        builder.action("marketing", f"q1-{i}")
    for i in range(2):
        builder.action("marketing", f"q2-{i}", quarter=2)
    for i in range(3):
        builder.action("marketing", f"q3-{i}", quarter=3)
    message = _limit(builder, "actions-per-department-quarter")
    assert message.startswith("expected at most 3 key actions for Marketing in Q1 2026, got 4: ")
    assert message.endswith("; move one to a quarter with room (Q2: 1 free, Q4: 3 free) or drop it")


def test_a_department_full_in_every_quarter_is_told_to_drop_one(builder: RoadmapBuilder) -> None:
    builder.valid()
    builder.settings(limits={"actions_per_department_per_quarter": 1})
    for quarter in (2, 3, 4):
        builder.action("marketing", f"in-q{quarter}", quarter=quarter)
    builder.action("marketing", "one-more")
    assert _limit(builder, "actions-per-department-quarter").endswith(
        "got 2: "
        + ", ".join(f"{ACTIONS}/marketing/{name}.md" for name in ("launch-campaign", "one-more"))
        + "; drop one"
    )


def test_too_many_goals_names_the_later_years_with_room(builder: RoadmapBuilder) -> None:
    """2027 has one goal of three, 2028 is full, 2029 is not planned yet: both with room are named."""
    builder.valid()
    for goal in ("b", "c", "d"):
        builder.goal(goal)
        for i in range(3):
            builder.milestone(goal, f"{goal}-{i}")
    for year, goals in ((2027, ("e",)), (2028, ("f", "g", "h"))):
        for goal in goals:
            builder.goal(goal, year=year)
            for i in range(3):
                builder.milestone(goal, f"{goal}-{i}", year=year)
    message = _limit(builder, "goals-per-year")
    assert message.endswith("; merge goals or move one to a year with room (2027: 2 free, 2029: 3 free)")


def test_limit_messages_stay_short_however_many_files(builder: RoadmapBuilder) -> None:
    """At most six files are named, the rest counted (see limit_rules.named)."""
    builder.valid()
    for i in range(30):
        builder.action("marketing", f"extra-{i:02}")
    message = _limit(builder, "actions-per-department-quarter")
    assert message.count("roadmap/") == 6 and "and 25 more; move one to a quarter with room" in message


# --- the changed file's problems first -------------------------------------------------------------


def _two_problems(builder: RoadmapBuilder) -> tuple[str, str]:
    """A valid roadmap with an old broken action and a new broken goal: the new one sorts last."""
    builder.valid()
    builder.action("sales", "old", owner=None)
    builder.goal("zzz-new", owner=None)
    return f"{ACTIONS}/sales/old.md", "roadmap/2026/goals/zzz-new.md"


def _problem_paths(output: str) -> list[str]:
    return [line.split(":", 1)[0] for line in output.splitlines() if line.startswith("roadmap/")]


def test_files_given_after_the_root_have_their_problems_listed_first(builder: RoadmapBuilder) -> None:
    """`roadmap check . FILE` (as pre-commit runs it) leads with FILE's problems; every problem is still listed."""
    old, new = _two_problems(builder)
    plain = CliRunner().invoke(main, ["check", str(builder.root), *PINNED])
    assert _problem_paths(plain.output)[0] == old
    led = CliRunner().invoke(main, ["check", str(builder.root), str(builder.root / new), *PINNED])
    assert led.exit_code == 1
    assert _problem_paths(led.output)[0] == new
    assert sorted(_problem_paths(led.output)) == sorted(_problem_paths(plain.output))
    assert led.output.splitlines()[-1] == plain.output.splitlines()[-1]


def test_json_output_stays_in_path_order(builder: RoadmapBuilder) -> None:
    old, new = _two_problems(builder)
    result = CliRunner().invoke(
        main, ["check", str(builder.root), str(builder.root / new), "--format", "json", *PINNED]
    )
    assert '"path": "' + old + '"' in result.output.split('"path": "' + new + '"')[0]


def test_changed_from_a_revision_leads_with_the_files_changed_since(builder: RoadmapBuilder) -> None:
    """In CI: the old problem is committed on the base; the branch adds (and one untracked file) come first."""
    _, new = _two_problems(builder)
    (builder.root / new).unlink()
    commit(builder.root, "base with an old problem")
    builder.goal("zzz-new", owner=None)
    result = CliRunner().invoke(main, ["check", str(builder.root), "--changed-from", "HEAD", *PINNED])
    assert result.exit_code == 1 and _problem_paths(result.output)[0] == new
    git(builder.root, "add", "-A")
    git(builder.root, "commit", "-qm", "adds zzz")
    result = CliRunner().invoke(main, ["check", str(builder.root), "--changed-from", "HEAD~1", *PINNED])
    assert _problem_paths(result.output)[0] == new


def test_an_unknown_base_revision_warns_and_still_lists_every_problem(builder: RoadmapBuilder) -> None:
    """A shallow clone without the base branch: a warning on standard error, the problems in path order, exit 1."""
    old, _ = _two_problems(builder)
    commit(builder.root, "all")
    result = CliRunner().invoke(main, ["check", str(builder.root), "--changed-from", "origin/main", *PINNED])
    assert result.exit_code == 1 and _problem_paths(result.stdout)[0] == old
    assert "warning: unknown revision 'origin/main'" in result.stderr


def test_github_annotations_lead_with_the_changed_file_of_a_crowded_limit(builder: RoadmapBuilder) -> None:
    """Of 20 files over a limit only 10 get a notice: the one the change added is among them."""
    builder.valid()
    for i in range(20):
        builder.action("marketing", f"action-{i:02}")
    [problem] = builder.problems()
    added = f"{ACTIONS}/marketing/action-15.md"
    assert added not in github_annotations([problem])
    assert f"::notice file={added}," in github_annotations([problem], frozenset({added})).splitlines()[1]


def test_pre_commit_lists_the_committed_files_problems_first(tmp_path: Path) -> None:
    """The published hook (entry, pass_filenames) run by pre-commit on a commit that adds a broken file, in a
    repository that already holds another problem: the new file's problem is the first line."""
    builder = RoadmapBuilder(tmp_path / "repo")
    old, new = _two_problems(builder)
    (builder.root / new).unlink()
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {**hook, "language": "system", "entry": str(hook["entry"]).replace("roadmap", str(BIN / "roadmap"), 1)}
    hook["args"] = PINNED
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (builder.root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit(builder.root, "base with an old problem")
    builder.goal("zzz-new", owner=None)
    git(builder.root, "add", new)
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "roadmap-check"],
        cwd=builder.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert _problem_paths(result.stdout)[:2] == [new, old], result.stdout
    shutil.rmtree(tmp_path / "home", ignore_errors=True)
