"""A roadmap folder anywhere in a repository (`root: planning/okrs`): every path the tool shows is relative to the
repository root and exists there, and every command finds the roadmap from any subfolder, as git finds `.git`."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from roadmap_as_code.edges.cli import main
from roadmap_as_code.reading import find_content
from roadmap_as_code.reading.locating import configured_root, repository_root
from tests.helpers import PINNED, RoadmapBuilder, commit, git

OKRS = "planning/okrs"
MKDOCS = f"""\
site_name: Okrs
site_url: https://example.invalid/okrs/
site_author: !ENV [SITE_AUTHOR, "Planning office"]
repo_url: https://github.com/example/okrs
theme:
  name: material
  font: false
  features: [content.action.edit]
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - roadmap-as-code:
      root: {OKRS}
"""
SHOWN_PATH = re.compile(r"[\w./-]+\.md\b")


@pytest.fixture(autouse=True)
def _today(clock: Callable[[str], None], monkeypatch: pytest.MonkeyPatch) -> None:
    clock("2026-11-20T12:00:00+00:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def okrs(tmp_path: Path) -> RoadmapBuilder:
    """A git repository whose roadmap is planning/okrs (roadmap.yml inside), named by mkdocs.yml's plugin options."""
    builder = RoadmapBuilder(tmp_path / "repo")
    builder.content = builder.root / OKRS
    builder.valid()
    (builder.root / "docs").mkdir()
    (builder.root / "docs" / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (builder.root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    commit(builder.root, "plan")
    return builder


def roadmap(where: Path, *args: str) -> Result:
    """`roadmap ARGS` run in the folder where."""
    with contextlib.chdir(where):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)


def four_in_q1(builder: RoadmapBuilder) -> None:
    """A fourth Marketing action in Q1: a limit problem that names four files."""
    for action_id in ("second", "third", "fourth"):
        builder.action("marketing", action_id, supports=["more-leads"])


def shown_paths(text: str) -> set[str]:
    return set(SHOWN_PATH.findall(text))


# --- 1. every shown path is relative to the repository root ---------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_check_shows_every_path_from_the_repository_root(okrs: RoadmapBuilder, fmt: str) -> None:
    four_in_q1(okrs)
    result = roadmap(okrs.root, "check", OKRS, "--format", fmt, *PINNED)
    assert result.exit_code == 1, result.output
    paths = shown_paths(result.stdout)
    assert len(paths) == 4 and all(p.startswith(f"{OKRS}/2026/actions/marketing/") for p in paths), paths
    assert all((okrs.root / p).is_file() for p in paths)
    if fmt == "github":
        annotated = re.findall(r"^::(?:error|notice) file=([^,]+),", result.stdout, flags=re.MULTILINE)
        assert len(annotated) == 4 and all((okrs.root / p).is_file() for p in annotated)


def test_check_json_paths_and_related_files_exist_from_the_repository_root(okrs: RoadmapBuilder) -> None:
    four_in_q1(okrs)
    result = roadmap(okrs.root / OKRS / "2026", "check", "..", "--format", "json", *PINNED)
    [problem] = json.loads(result.stdout)["problems"]
    assert problem["path"] == f"{OKRS}/2026/actions/marketing/third.md"
    assert len(problem["related"]) == 4 and all((okrs.root / p).is_file() for p in problem["related"])


def test_a_root_found_or_given_shows_the_same_paths(okrs: RoadmapBuilder) -> None:
    four_in_q1(okrs)
    found = roadmap(okrs.root, "check", *PINNED)
    given = roadmap(okrs.root.parent, "check", f"repo/{OKRS}", *PINNED)
    assert given.stdout == found.stdout and given.exit_code == found.exit_code == 1


def test_generated_pages_name_their_source_file_from_the_repository_root(okrs: RoadmapBuilder) -> None:
    result = roadmap(okrs.root / "docs", "export", f"../{OKRS}", "--out", "../export", *PINNED)
    assert result.exit_code == 0, result.output
    manifest = json.loads((okrs.root / "export" / "manifest.json").read_text(encoding="utf-8"))
    sources = {page["source"] for page in manifest["pages"] if page.get("source")}
    assert f"{OKRS}/2026/goals/grow-revenue.md" in sources and f"{OKRS}/roadmap.yml" in sources
    assert all((okrs.root / source).is_file() for source in sources)


def test_the_site_edit_links_open_the_files_in_the_repository(okrs: RoadmapBuilder) -> None:
    """`roadmap build` from docs/ finds ../mkdocs.yml, builds ../site, and the plugin's edit links are repo-relative."""
    result = roadmap(okrs.root / "docs", "build", *PINNED)
    assert result.exit_code == 0, result.output
    page = (okrs.root / "site" / "2026" / "milestones" / "more-leads" / "index.html").read_text(encoding="utf-8")
    edit = "https://github.com/example/okrs/edit/main/planning/okrs/2026/milestones/grow-revenue/more-leads.md"
    assert f'href="{edit}"' in page


def test_the_repository_root_is_the_nearest_folder_holding_git_a_folder_or_a_file(tmp_path: Path) -> None:
    outer = tmp_path / "outer"
    (outer / ".git").mkdir(parents=True)
    worktree = outer / "vendor" / "worktree"
    (worktree / "a" / "b").mkdir(parents=True)
    (worktree / ".git").write_text("gitdir: ../../.git/worktrees/worktree\n", encoding="utf-8")
    assert repository_root(worktree / "a" / "b") == worktree
    assert repository_root(outer / "vendor") == outer
    assert repository_root(tmp_path) is None


def test_outside_a_repository_paths_are_shown_from_the_folder_that_holds_the_roadmap(builder: RoadmapBuilder) -> None:
    builder.valid()
    assert find_content(builder.root) == (builder.content, builder.root)
    assert find_content(builder.content) == (builder.content, builder.root)


# --- 2. the roadmap is found from any subfolder -----------------------------------------------------------


@pytest.mark.parametrize("where", [f"{OKRS}/2026/goals", "docs", "."])
def test_check_finds_the_roadmap_from_any_folder_of_the_repository(okrs: RoadmapBuilder, where: str) -> None:
    """Walking up: planning/okrs/ holds roadmap.yml; from docs/ up to the root, whose mkdocs.yml names the folder."""
    okrs.goal("grow-revenue", owner=None)
    result = roadmap(okrs.root / where, "check", *PINNED)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{OKRS}/2026/goals/grow-revenue.md:1: owner: expected a value")


def test_a_plugin_listed_without_options_means_roadmap_at_the_repository_root(builder: RoadmapBuilder) -> None:
    builder.valid()
    (builder.root / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - search\n  - roadmap-as-code\n", "utf-8")
    (builder.root / "docs" / "notes").mkdir(parents=True)
    commit(builder.root, "plan")
    builder.goal("grow-revenue", owner=None)
    result = roadmap(builder.root / "docs" / "notes", "check", *PINNED)
    assert result.stdout.startswith("roadmap/2026/goals/grow-revenue.md:1: owner: expected a value")


def test_the_pre_commit_hooks_root_dot_reads_the_folder_mkdocs_yml_names(okrs: RoadmapBuilder) -> None:
    """The hook runs `roadmap check . FILE...` at the repository root; `.` holds no roadmap, mkdocs.yml names it."""
    okrs.action("marketing", "launch-campaign", owner=None, supports=["more-leads"])
    okrs.goal("grow-revenue", owner=None)
    goal = f"{OKRS}/2026/goals/grow-revenue.md"
    result = roadmap(okrs.root, "check", ".", goal, *PINNED)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{goal}:1: owner") and lines[1].startswith(f"{OKRS}/2026/actions/marketing/")


def test_no_roadmap_up_to_the_repository_root_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    commit(tmp_path, "empty")
    result = roadmap(tmp_path / "docs", "check", *PINNED)
    assert result.exit_code == 2
    assert f"no roadmap found in {tmp_path / 'docs'} or a folder above it up to the repository root {tmp_path}" in (
        result.stderr
    )


def test_new_from_a_subfolder_writes_into_the_roadmap_and_prints_its_repository_path(okrs: RoadmapBuilder) -> None:
    args = ["new", "goal", "--year", "2027", "--title", "Open Asia", "--owner", "CEO", "--no-input"]
    result = roadmap(okrs.root / "docs", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"created {OKRS}/2027/goals/open-asia.md\n")
    assert (okrs.root / OKRS / "2027" / "goals" / "open-asia.md").is_file()


def test_build_without_a_configuration_up_to_the_repository_root_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    commit(tmp_path, "empty")
    result = roadmap(tmp_path / "docs", "build", *PINNED)
    assert result.exit_code == 2
    assert "no mkdocs.yml found in" in result.stderr and "pass --config-file" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plugins:\n  - roadmap-as-code:\n      root: planning/okrs\n", "planning/okrs"),
        ("plugins:\n  roadmap-as-code: {root: okrs}\n  search: {}\n", "okrs"),
        ("x: !!python/name:os.system\ny: !ENV A\nplugins: [{roadmap-as-code: {root: 'a b'}}]\n", "a b"),
        ("plugins:\n  - roadmap-as-code\n", None),
        ("plugins:\n  - roadmap-as-code:\n      root: !ENV [ROOT, x]\n", None),
        ("plugins:\n  - other:\n      root: elsewhere\n", None),
        ("plugins: [\n", None),
        ("- a list\n", None),
    ],
)
def test_mkdocs_yml_names_the_roadmap_only_through_the_plugins_root_option(
    tmp_path: Path, text: str, expected: str | None
) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert configured_root(tmp_path) == (None if expected is None else tmp_path / expected)


def test_a_linked_mkdocs_yml_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yml").write_text("plugins:\n  - roadmap-as-code: {root: okrs}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").symlink_to("elsewhere.yml")
    assert configured_root(tmp_path) is None


# --- 3. roadmap diff reads the same repository path at both revisions -------------------------------------


def test_diff_without_root_compares_the_folder_mkdocs_yml_names(okrs: RoadmapBuilder) -> None:
    base = git(okrs.root, "rev-parse", "HEAD")[:12]
    okrs.goal("grow-revenue", owner="CFO")
    okrs.write("2026/goals/broken.md", "---\ntitle: [\n---\n")
    head = commit(okrs.root, "new owner")
    result = roadmap(okrs.root / "docs", "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    assert f"From HEAD\\~1 ({base}) to HEAD ({head})." in result.stdout
    assert "  - owner: CEO → CFO\n" in result.stdout
    assert f"- {OKRS}/2026/goals/broken.md:3: yaml: " in result.stdout


def test_diff_when_neither_revision_has_the_folder_says_which_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Plans.\n", encoding="utf-8")
    commit(tmp_path, "readme")
    commit(tmp_path, "nothing")
    builder = RoadmapBuilder(tmp_path)
    builder.content = tmp_path / OKRS
    builder.valid()
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    result = roadmap(tmp_path, "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Error: no {OKRS}/ at HEAD~1 or HEAD; expected the roadmap folder at one of them: pass --root" in (
        result.stderr
    )


def test_diff_without_the_folder_in_the_working_tree_looks_for_it_at_the_revisions(okrs: RoadmapBuilder) -> None:
    git(okrs.root, "rm", "-rq", "planning")
    commit(okrs.root, "no plan")
    (okrs.root / "notes.md").write_text("Notes.\n", encoding="utf-8")
    commit(okrs.root, "notes")
    result = roadmap(okrs.root, "diff", "HEAD~1", "HEAD")
    assert result.exit_code == 2
    looked_for = f"{OKRS}/roadmap/ or {OKRS}/roadmap.yml"
    assert f"Error: no {looked_for} at HEAD~1 or HEAD; expected the roadmap folder" in result.stderr
    working = roadmap(okrs.root / "docs", "diff", "HEAD")
    assert working.exit_code == 2 and f"no {looked_for} at HEAD or in the working tree;" in working.stderr


@pytest.mark.parametrize("root", [[], ["--root", OKRS]])
def test_diff_when_one_revision_has_the_folder_lists_everything_removed(okrs: RoadmapBuilder, root: list[str]) -> None:
    git(okrs.root, "rm", "-rq", "planning")
    commit(okrs.root, "drop the plan")
    result = roadmap(okrs.root, "diff", "HEAD~1", "HEAD", *root)
    assert result.exit_code == 0, result.output
    assert ") has no roadmap folder; it counts as empty." in result.stdout
    assert "- **Removed** goal `grow-revenue`: Goal grow-revenue\n" in result.stdout
