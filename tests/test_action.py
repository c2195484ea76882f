"""The reusable action's own scripts (install, the base to compare with) and the workflows `roadmap init` writes.

The install script runs against a stand-in `python` that records what pip is asked for, so the test sees the
exact package and constraints without a network. The scaffolded workflows pass the same offline checks as this
repository's own (tests/workflow_checks.py).
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from datetime import date
from email.message import Message
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from roadmap_as_code.authoring import scaffold
from roadmap_as_code.edges.cli import main
from tests.helpers import GIT_ENV, REPO, git
from tests.workflow_checks import pins, schema_errors, unpinned, zizmor_findings
from tests.workflow_replay import ACTION, load

WORKFLOWS = REPO / ".github" / "workflows"
FAKE_PYTHON = """#!/bin/sh
# `python -m venv DIR` makes DIR/bin/python, which records its arguments instead of running pip.
[ "$1" = -m ] && [ "$2" = venv ] || exit 9
mkdir -p "$3/bin"
printf '#!/bin/sh\\nprintf "%%s\\\\n" "$@" > "%s"\\n' "$PIP_LOG" > "$3/bin/python"
chmod +x "$3/bin/python"
"""


def action_step(step_id: str) -> dict[str, Any]:
    (step,) = [s for s in load(ACTION)["runs"]["steps"] if s.get("id") == step_id]
    return dict(step)


def run_step(step_id: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One `run:` step of the action, as the runner runs it, with its env: values given directly."""
    step = action_step(step_id)
    assert set(env) >= set(step["env"]), f"give the step its env: {sorted(step['env'])}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env={**os.environ, **GIT_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- installing the tool --------------------------------------------------------------------------


def install(tmp_path: Path, build: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    stand_in = tmp_path / "path"
    stand_in.mkdir()
    (stand_in / "python").write_text(FAKE_PYTHON, encoding="utf-8")
    (stand_in / "python").chmod(0o755)
    log = tmp_path / "pip-args"
    env = {
        "ACTION_PATH": "/actions/roadmap-as-code",
        "BUILD": build,
        "RUNNER_TEMP": str(tmp_path),
        "PIP_LOG": str(log),
        "PATH": f"{stand_in}:{os.environ['PATH']}",
    }
    result = run_step("install", tmp_path, env)
    return result, log.read_text(encoding="utf-8").splitlines() if log.exists() else []


@pytest.mark.parametrize(("build", "package"), [("true", "[site]"), ("false", "")])
def test_the_action_installs_its_own_source_with_only_the_extras_it_needs(
    tmp_path: Path, build: str, package: str
) -> None:
    """The core alone to check; the site extra to build; the versions of requirements/site.txt, never the dev lock."""
    result, pip = install(tmp_path, build)
    assert result.returncode == 0, result.stderr
    assert pip == [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--constraint",
        "/actions/roadmap-as-code/requirements/site.txt",
        f"/actions/roadmap-as-code{package}",
    ]
    assert (tmp_path / "roadmap-as-code" / "bin" / "python").is_file()


def test_a_build_input_other_than_true_or_false_is_an_error_before_installing(tmp_path: Path) -> None:
    result, pip = install(tmp_path, "yes")
    assert result.returncode == 2 and pip == []
    assert "::error title=roadmap-as-code::build: expected true or false" in result.stdout


def test_the_constraints_the_action_installs_with_pin_the_site_extra_and_no_dev_tool() -> None:
    """requirements/site.txt, read from the action's source: every package pinned, nothing of the dev extra."""
    pinned = {
        line.split("==")[0].lower()
        for line in (REPO / "requirements" / "site.txt").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    assert {"mkdocs", "mkdocs-material", "nh3", "pyyaml", "pydantic", "click"} <= pinned
    assert not pinned & {"pytest", "playwright", "ruff", "mypy", "zizmor", "hypothesis", "plotly"}


# --- the base the plan is compared with -----------------------------------------------------------


def base_of(repo: Path, tmp_path: Path, event: str, diff_base: str = "") -> tuple[str, str]:
    """What the base step outputs, and the annotations it printed."""
    output = tmp_path / "output"
    output.write_text("", encoding="utf-8")
    env = {"DIFF_BASE": diff_base, "EVENT": event, "BASE_REF": "main", "GITHUB_OUTPUT": str(output)}
    result = run_step("base", repo, env)
    assert result.returncode == 0, result.stderr
    return output.read_text(encoding="utf-8").strip(), result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "commit", "-q", "--allow-empty", "-m", "base")
    return root


def test_a_pull_request_is_compared_with_its_base_branch(repo: Path, tmp_path: Path) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    assert base_of(repo, tmp_path, "pull_request") == ("base=origin/main", "")


def test_without_the_base_branch_the_summary_is_skipped_with_a_warning_saying_why(repo: Path, tmp_path: Path) -> None:
    """A shallow checkout with no fetchable base (here: no remote at all) still checks and builds."""
    base, printed = base_of(repo, tmp_path, "pull_request")
    assert base == "base="
    assert printed.startswith("::warning title=roadmap-as-code::no plan summary: origin/main is not in this checkout")
    assert "fetch-depth: 0" in printed


def test_a_push_has_no_base_unless_one_is_given(repo: Path, tmp_path: Path) -> None:
    assert base_of(repo, tmp_path, "push") == ("base=", "")
    assert base_of(repo, tmp_path, "push", diff_base="HEAD") == ("base=HEAD", "")


# --- a shallow checkout ---------------------------------------------------------------------------


def shallow_warning(repo: Path, build: str) -> str:
    result = run_step("shallow", repo, {"BUILD": build})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_shallow_checkout_that_builds_the_site_is_warned_about(repo: Path, tmp_path: Path) -> None:
    """The site still builds from the commits a shallow clone holds; the warning says how to get them all."""
    git(repo, "commit", "-q", "--allow-empty", "-m", "second")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{repo}", str(clone))
    printed = shallow_warning(clone, "true")
    assert printed.startswith("::warning title=roadmap-as-code::shallow checkout: the site's history starts at")
    assert "fetch-depth: 0" in printed
    assert shallow_warning(clone, "false") == ""  # checking alone reads no history


def test_a_full_checkout_gives_no_shallow_warning(repo: Path) -> None:
    assert shallow_warning(repo, "true") == ""


# --- the workflows `roadmap init` writes ----------------------------------------------------------


@pytest.fixture
def scaffolded(tmp_path: Path) -> dict[str, Path]:
    """The workflows roadmap init plans, written into tmp_path/.github/workflows."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    org = scaffold.Organisation("Acme", (("sales", "Sales"),), 2026)
    for planned in scaffold.workflow_files(org, tmp_path, date(2026, 11, 20)):
        (tmp_path / planned.path).write_text(planned.text, encoding="utf-8")
    return {p.name: p for p in sorted(folder.iterdir())}


def test_the_scaffolded_workflows_pass_the_workflow_schema_and_zizmor(scaffolded: dict[str, Path]) -> None:
    assert list(scaffolded) == ["roadmap-check.yml", "roadmap-pages.yml"]
    assert schema_errors("vendor.github-workflows", list(scaffolded.values())) == ""
    assert zizmor_findings(next(iter(scaffolded.values())).parent.parent) == []


def test_the_scaffolded_workflows_use_the_action_at_this_version_from_the_package_source(
    scaffolded: dict[str, Path],
) -> None:
    """owner/repo from the package's Project-URL `Source` (pyproject.toml [project.urls]); the tag is v<version>."""
    urls = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert scaffold.source_repository() == urls["Source"] == "https://github.com/example/roadmap-as-code"
    for path in scaffolded.values():
        used = [s["uses"] for job in load(path)["jobs"].values() for s in job["steps"] if "uses" in s]
        assert f"example/roadmap-as-code@v{version('roadmap-as-code')}" in used, path.name
        # The tool's own action goes by its release tag (zizmor told so on that line); every other one by SHA.
        assert unpinned(path, load(path)) == [
            f"example/roadmap-as-code@v{version('roadmap-as-code')} # zizmor: ignore[unpinned-uses]"
        ]


def test_the_scaffolded_workflows_pin_each_action_as_this_repository_does(scaffolded: dict[str, Path]) -> None:
    """Dependabot updates this repository's pins; this test says when the scaffold's templates must follow."""
    ours = {**pins(WORKFLOWS / "pr.yml"), **pins(WORKFLOWS / "pages.yml"), **pins(ACTION)}
    for path in scaffolded.values():
        assert {name: ours.get(name) for name in pins(path)} == pins(path), path.name


def test_the_scaffolded_workflows_check_pull_requests_and_publish_daily(scaffolded: dict[str, Path]) -> None:
    check, pages = load(scaffolded["roadmap-check.yml"]), load(scaffolded["roadmap-pages.yml"])
    assert list(check["on"]) == ["pull_request"] and check["permissions"] == {"contents": "read"}
    (job,) = check["jobs"].values()
    assert [s.get("with") for s in job["steps"]][:2] == [
        {"fetch-depth": 0, "persist-credentials": False},
        {"offline": True},
    ]
    assert set(pages["on"]) == {"push", "schedule", "workflow_dispatch"} and pages["permissions"] == {}
    assert pages["jobs"]["build"]["steps"][0]["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_without_a_source_url_in_its_metadata_init_says_to_reinstall_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An install whose metadata predates [project.urls] (an old editable install) cannot name the action."""
    monkeypatch.setattr(scaffold, "metadata", lambda name: Message())
    args = ["init", str(tmp_path), "--organisation", "Acme", "--departments", "Sales", "--year", "2026"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "names no Source URL in its metadata; reinstall it" in result.output
    assert list(tmp_path.iterdir()) == []
