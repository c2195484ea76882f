"""`roadmap init`: a working repository for a new organisation, from flags or prompts, that never overwrites."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from roadmap_as_code.authoring import scaffold
from roadmap_as_code.edges import cli_authoring
from roadmap_as_code.edges.cli import main
from tests.helpers import BIN, REPO, build

TODAY = "2026-11-20T12:00:00+00:00"
FLAGS = ["--organisation", "Acme Ltd", "--departments", "Marketing, Customer Success, ops=Operations", "--year", "2027"]
SCAFFOLD = [
    ".github/CODEOWNERS",
    ".github/workflows/roadmap-check.yml",
    ".github/workflows/roadmap-pages.yml",
    ".pre-commit-config.yaml",
    "docs/.gitkeep",
    "mkdocs.yml",
    "roadmap/2027/actions/customer-success/first-key-action.md",
    "roadmap/2027/actions/marketing/first-key-action.md",
    "roadmap/2027/actions/ops/first-key-action.md",
    "roadmap/2027/goals/first-annual-goal.md",
    "roadmap/2027/milestones/first-annual-goal/first-milestone.md",
    "roadmap/2027/milestones/first-annual-goal/second-milestone.md",
    "roadmap/2027/milestones/first-annual-goal/third-milestone.md",
    "roadmap/roadmap.yml",
]


@pytest.fixture(autouse=True)
def today(clock: Callable[[str], None], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs on 2026-11-20 (the tool's clock), without SOURCE_DATE_EPOCH."""
    clock(TODAY)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def roadmap(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Result:
    """Run `roadmap ARGS` in-process, in cwd when given."""
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=stdin)
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=stdin)
    finally:
        os.chdir(old)


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {rel: (folder / rel).read_bytes() for rel in files_in(folder)}


# --- a new repository --------------------------------------------------------------------------------------


def test_init_from_flags_writes_the_scaffold_which_passes_the_check(tmp_path: Path) -> None:
    """Every file is listed as written; `roadmap check` then passes as of today (no --as-of)."""
    result = roadmap("init", str(tmp_path / "acme"), *FLAGS)
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path / "acme") == SCAFFOLD
    prefix = f"created {(tmp_path / 'acme').as_posix()}/"
    assert sorted(line.removeprefix(prefix) for line in result.output.splitlines()[:-1]) == SCAFFOLD
    assert (
        result.output.splitlines()[-1]
        == f"next: cd {tmp_path / 'acme'}, roadmap check, then mkdocs serve to preview the site"
    )
    check = roadmap("check", cwd=tmp_path / "acme")
    assert check.exit_code == 0, check.output
    assert check.output.startswith("roadmap ok: 1 year, 1 goal, 3 milestones, 3 key actions (as of 2026-11-20")


def test_the_settings_name_each_department_and_codeowners_has_a_line_per_department_folder(tmp_path: Path) -> None:
    roadmap("init", str(tmp_path), *FLAGS)
    settings = yaml.safe_load((tmp_path / "roadmap/roadmap.yml").read_text(encoding="utf-8"))
    assert settings["organisation"] == "Acme Ltd"
    assert settings["departments"] == [
        {"id": "marketing", "name": "Marketing"},
        {"id": "customer-success", "name": "Customer Success"},
        {"id": "ops", "name": "Operations"},
    ]
    owners = (tmp_path / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    department_lines = [line.split() for line in owners if line.startswith("/roadmap/*/actions/")]
    assert department_lines == [
        [f"/roadmap/*/actions/{d}/", f"@acme-ltd/{d}"] for d in ("marketing", "customer-success", "ops")
    ]


@pytest.mark.parametrize(
    ("when", "year", "quarters"),
    [
        ("2026-02-01T00:00:00+00:00", 2026, ["Q1", "Q2", "Q3"]),
        ("2026-08-01T00:00:00+00:00", 2026, ["Q3", "Q4", "Q4"]),
        ("2026-12-31T23:00:00+00:00", 2026, ["Q4", "Q4", "Q4"]),
        ("2026-12-31T23:00:00+00:00", 2030, ["Q1", "Q2", "Q3"]),
        ("2026-06-01T00:00:00+00:00", 2024, ["Q1", "Q2", "Q3"]),
    ],
)
def test_the_sample_passes_the_check_whatever_today_and_the_first_year(
    tmp_path: Path, clock: Callable[[str], None], when: str, year: int, quarters: list[str]
) -> None:
    """The sample milestones start in this quarter when the first year is this year, else in Q1."""
    clock(when)
    result = roadmap("init", str(tmp_path), "--organisation", "A", "--departments", "Sales", "--year", str(year))
    assert result.exit_code == 0, result.output
    milestones = sorted((tmp_path / f"roadmap/{year}/milestones/first-annual-goal").glob("*.md"))
    assert [yaml.safe_load(p.read_text().split("---")[1])["quarter"] for p in milestones] == quarters
    assert roadmap("check", cwd=tmp_path).exit_code == 0


def test_the_pre_commit_config_uses_this_repositorys_hook_at_this_version(tmp_path: Path) -> None:
    """pre-commit accepts the file; it names the hook .pre-commit-hooks.yaml publishes, pinned to v<version>."""
    roadmap("init", str(tmp_path), *FLAGS)
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    published = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert repo["rev"] == f"v{version('roadmap-as-code')}" and repo["repo"] == scaffold.source_repository()
    assert [hook["id"] for hook in repo["hooks"]] == ["roadmap-check"] and "roadmap-check" in published
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / ".home")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.site
def test_the_scaffold_builds_a_stock_material_site(tmp_path: Path) -> None:
    """mkdocs.yml is a stock Material site (no custom_dir, no font CDN) that builds with the plugin in strict mode."""
    roadmap("init", str(tmp_path), *FLAGS)
    settings = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir" not in settings and "font: false" in settings
    site = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert (site / "index.html").is_file() and (site / "2027").is_dir()


# --- prompts, or a usage error when no one can answer ------------------------------------------------------


@pytest.mark.parametrize("args", [["--no-input"], []], ids=["no-input", "not-a-terminal"])
def test_missing_values_without_a_terminal_are_a_usage_error_naming_the_flags(tmp_path: Path, args: list[str]) -> None:
    result = roadmap("init", str(tmp_path), "--organisation", "Acme", *args)
    assert result.exit_code == 2
    assert "missing --departments: pass it" in result.output
    assert files_in(tmp_path) == []


def test_without_a_terminal_the_first_year_is_this_year(tmp_path: Path, clock: Callable[[str], None]) -> None:
    clock("2027-03-01T09:00:00+00:00")
    result = roadmap("init", str(tmp_path), "--organisation", "Acme", "--departments", "Sales", "--no-input")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roadmap/2027/goals/first-annual-goal.md").is_file()


def test_in_a_terminal_init_asks_for_what_the_flags_leave_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Organisation and departments are asked; the year offers this year, taken with Enter."""
    monkeypatch.setattr(cli_authoring, "stdin_is_terminal", lambda: True)
    result = roadmap("init", str(tmp_path), stdin="Acme Ltd\nMarketing, Sales\n\n")
    assert result.exit_code == 0, result.output
    assert "Organisation name: Acme Ltd" in result.output and "First year to plan [2026]: " in result.output
    assert (tmp_path / "roadmap/2026/actions/sales/first-key-action.md").is_file()


def test_no_input_is_not_asked_even_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_authoring, "stdin_is_terminal", lambda: True)
    result = roadmap("init", str(tmp_path), "--no-input")
    assert result.exit_code == 2 and "missing --organisation, --departments: pass them" in result.output


@pytest.mark.parametrize(
    ("departments", "message"),
    [
        (
            "营销",
            "expected a name with letters a-z or digits to derive an id from, got '营销'; pass the id with id=Name",
        ),
        ("Mar Keting=Marketing", "--departments: expected a lower-case id like 'mar-keting', got 'Mar Keting'"),
        (" , ", "--departments: expected at least one department name, got none"),
        ("Index", "expected a name other than 'index'"),
        ("Sales, sales", "departments"),
    ],
)
def test_department_names_that_give_no_valid_id_are_refused_before_writing(
    tmp_path: Path, departments: str, message: str
) -> None:
    result = roadmap("init", str(tmp_path), "--organisation", "A", "--departments", departments, "--year", "2027")
    assert result.exit_code == 2 and message in result.output, result.output
    assert files_in(tmp_path) == []


def test_a_department_id_can_be_given_for_a_name_without_latin_letters(tmp_path: Path) -> None:
    result = roadmap(
        "init",
        str(tmp_path),
        "--organisation",
        "A",
        "--departments",
        "marketing=营销, Öffentlichkeit",
        "--year",
        "2027",
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "roadmap/2027/actions/offentlichkeit/first-key-action.md").is_file()


# --- never overwrite ---------------------------------------------------------------------------------------


def test_existing_files_are_all_reported_and_nothing_is_written_without_force(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github/CODEOWNERS").write_text("* @me\n", encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = roadmap("init", str(tmp_path), *FLAGS)
    assert result.exit_code == 2
    assert "refusing to overwrite 2 existing file(s)" in result.output
    assert ".pre-commit-config.yaml, .github/CODEOWNERS" in result.output and "nothing was written" in result.output
    assert snapshot(tmp_path) == before
    forced = roadmap("init", str(tmp_path), *FLAGS, "--force")
    assert forced.exit_code == 0, forced.output
    assert f"replaced {tmp_path.as_posix()}/.github/CODEOWNERS" in forced.output and "@acme-ltd/marketing" in (
        tmp_path / ".github/CODEOWNERS"
    ).read_text(encoding="utf-8")


def test_a_second_init_overwrites_nothing(tmp_path: Path) -> None:
    roadmap("init", str(tmp_path), *FLAGS)
    before = snapshot(tmp_path)
    again = roadmap("init", str(tmp_path), *FLAGS)
    assert again.exit_code == 2 and snapshot(tmp_path) == before
    # mkdocs.yml already has the plugin, and docs/ is there: the other twelve are refused
    assert "refusing to overwrite 12 existing file(s)" in again.output


def test_a_link_on_the_way_to_a_planned_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """`.github -> elsewhere`: nothing is written through it, nor anywhere else."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").symlink_to(elsewhere)
    result = roadmap("init", str(repo), *FLAGS)
    assert result.exit_code == 2 and "expected a folder to write into, got a symbolic link" in result.output
    assert files_in(elsewhere) == [] and [p.name for p in repo.iterdir()] == [".github"]


# --- an existing MkDocs site -------------------------------------------------------------------------------

EXISTING = """\
# Our handbook
site_name: Handbook  # the title
theme:
  name: material
  custom_dir: overrides
plugins:
  - search:
      lang: en
  - blog   # news
# extensions below
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
extra:
  analytics: !ENV [ANALYTICS, none]
"""


class _Tolerant(yaml.SafeLoader):
    """Reads MkDocs' tags as plain values, to compare two configurations."""


_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: f"{suffix}:{node.value!r}")
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: f"python/{suffix}")


def _plugins_added(before: str, after: str) -> list[object]:
    """The plugins entries after minus before, asserting nothing else in the configuration changed."""
    old, new = yaml.load(before, Loader=_Tolerant), yaml.load(after, Loader=_Tolerant)
    was = old.pop("plugins", None) or []
    added_plugins = [p for p in new.pop("plugins") if p not in was]
    assert new == old
    return added_plugins


def test_an_existing_mkdocs_yml_gets_one_line_and_keeps_everything_else(tmp_path: Path) -> None:
    """Comments, the !!python/name and !ENV tags and the other plugins stay; docs/ is the site's own."""
    (tmp_path / "mkdocs.yml").write_text(EXISTING, encoding="utf-8")
    result = roadmap("init", str(tmp_path), *FLAGS)
    assert result.exit_code == 0, result.output
    assert f"added the roadmap-as-code plugin to {tmp_path.as_posix()}/mkdocs.yml" in result.output
    after = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert after == EXISTING.replace("  - blog   # news\n", "  - blog   # news\n  - roadmap-as-code\n")
    assert _plugins_added(EXISTING, after) == ["roadmap-as-code"]
    assert not (tmp_path / "docs").exists()
    again = roadmap("init", str(tmp_path), *FLAGS, "--force")
    assert "mkdocs.yml" not in again.output and (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("site_name: X\n", "site_name: X\nplugins:\n  - search\n  - roadmap-as-code\n"),
        ("site_name: X", "site_name: X\nplugins:\n  - search\n  - roadmap-as-code\n"),
        ("site_name: X\nplugins: [search, tags]\n", "site_name: X\nplugins: [search, tags, roadmap-as-code]\n"),
        ("plugins: []\n", "plugins: [roadmap-as-code]\n"),
        ("plugins:\n  search: {}\nnav:\n  - a.md\n", "plugins:\n  search: {}\n  roadmap-as-code: {}\nnav:\n  - a.md\n"),
        (
            "plugins:\r\n- search\r\n- blog:\r\n    x: 1\r\n\r\n# end\r\n",
            "plugins:\r\n- search\r\n- blog:\r\n    x: 1\r\n- roadmap-as-code\r\n\r\n# end\r\n",
        ),
        ("\ufeffplugins:\n  - search\n", "\ufeffplugins:\n  - search\n  - roadmap-as-code\n"),
    ],
    ids=["no-plugins", "no-final-newline", "flow-list", "empty-list", "mapping", "crlf-nested", "bom"],
)
def test_the_plugin_is_added_to_every_shape_of_plugins(before: str, after: str) -> None:
    from roadmap_as_code.authoring.mkdocs_config import with_plugin

    assert with_plugin(before) == after
    assert _plugins_added(before.lstrip("\ufeff"), after.lstrip("\ufeff")) in (
        [{"roadmap-as-code": {}}],
        ["roadmap-as-code"],
        ["search", "roadmap-as-code"],
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("plugins: search\n", "mkdocs.yml:1: expected `plugins` to be a list"),
        ("- a\n", "mkdocs.yml: expected a mapping of settings, got a list"),
        ("site_name: [\n", "mkdocs.yml:2: expected valid YAML"),
    ],
)
def test_an_mkdocs_yml_the_plugin_cannot_be_added_to_is_refused(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = roadmap("init", str(tmp_path), *FLAGS)
    assert result.exit_code == 2 and message in result.output, result.output
    assert files_in(tmp_path) == ["mkdocs.yml"]


def test_an_organisation_name_with_markup_is_refused_because_themes_print_site_name_as_html(tmp_path: Path) -> None:
    name = "Acme </title><script>alert(1)</script>"
    result = roadmap("init", str(tmp_path), "--organisation", name, "--departments", "Sales", "--year", "2027")
    assert result.exit_code == 2, result.output
    expected = "--organisation: expected a name without < or >, got 'Acme </title><script>alert(1)</script>'"
    assert expected in result.output
    assert files_in(tmp_path) == []
    fine = roadmap("init", str(tmp_path), "--organisation", "Smith & Sons", "--departments", "Sales", "--year", "2027")
    assert fine.exit_code == 0, fine.output
    assert "site_name: Smith & Sons roadmap" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
