"""The pre-commit hook: its manifest and this repository's config are valid; it fails a commit over a limit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from roadmap_as_code.asof import midnight_epoch
from tests.helpers import AS_OF, BIN, GIT_ENV, REPO, commit, git, source_copy


def _pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(home),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "SOURCE_DATE_EPOCH": str(midnight_epoch(AS_OF)),  # the hook judges the roadmap as of the pinned "today"
    }
    return subprocess.run(
        [str(BIN / "pre-commit"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _hook(path: Path, hook_id: str = "roadmap-check") -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    return next(h for h in hooks if h["id"] == hook_id)


def test_manifest_and_config_pass_pre_commits_own_validators(tmp_path: Path) -> None:
    """pre-commit accepts .pre-commit-hooks.yaml and .pre-commit-config.yaml as they are."""
    manifest = _pre_commit("validate-manifest", ".pre-commit-hooks.yaml", cwd=REPO, home=tmp_path)
    config = _pre_commit("validate-config", ".pre-commit-config.yaml", cwd=REPO, home=tmp_path)
    assert manifest.returncode == 0, manifest.stdout + manifest.stderr
    assert config.returncode == 0, config.stdout + config.stderr


def test_published_hook_checks_the_whole_roadmap_when_a_roadmap_file_changes() -> None:
    """The published hook runs `roadmap check .` once (the committed files after it, listed first) and only for
    changes under roadmap/."""
    hook = _hook(REPO / ".pre-commit-hooks.yaml")
    assert hook["entry"] == "roadmap check ."
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True and hook["require_serial"] is True
    pattern = re.compile(str(hook["files"]))
    assert pattern.search("roadmap/2026/goals/grow-revenue.md")
    assert not pattern.search("generator/cli.py")


@pytest.mark.parametrize("breaks", [False, True], ids=["clean", "fourth-goal"])
def test_local_hook_lets_a_clean_commit_through_and_stops_a_fourth_goal(tmp_path: Path, breaks: bool) -> None:
    """`pre-commit run roadmap-check` with this repository's hook passes the example and fails a 4th goal."""
    work = tmp_path / "repo"
    shutil.copytree(REPO / "roadmap", work / "roadmap")
    hook = dict(_hook(REPO / ".pre-commit-config.yaml"))
    hook["entry"] = str(hook["entry"]).replace(".venv/bin/", f"{BIN}/")
    (work / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}), encoding="utf-8"
    )
    if breaks:
        goal = "---\ntitle: A fourth goal\nowner: CEO\n---\nOne goal too many.\n"
        (work / "roadmap/2026/goals/a-fourth-goal.md").write_text(goal, encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "roadmap"]):
        subprocess.run(["git", *command], cwd=work, env=env, check=True, capture_output=True)
    result = _pre_commit("run", "roadmap-check", "--all-files", cwd=work, home=tmp_path / "home")
    if breaks:
        assert result.returncode == 1, result.stdout + result.stderr
        assert (
            "roadmap/2026/goals/run-enterprise-grade-platform.md:1: goals: expected at most 3 goals in 2026, got 4"
            in result.stdout
        )
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.search(r"^roadmap check\.+Passed$", result.stdout, re.M), result.stdout


SITE_DISTRIBUTIONS = {"mkdocs", "mkdocs_material", "jinja2", "markupsafe", "plotly", "nh3", "markdown"}


def test_published_hook_installs_the_core_only_and_passes_the_example(tmp_path: Path) -> None:
    """An adopter's config naming this repository's hook: pre-commit installs the package from its source with the
    core dependencies only (no MkDocs, Material, Jinja2, plotly, nh3 or Markdown), and the hook passes the example.
    pip fetches the core's dependencies from the package index."""
    source = source_copy(tmp_path / "source")
    rev = commit(source, "the hook's repository")
    work = tmp_path / "repo"
    shutil.copytree(REPO / "roadmap", work / "roadmap")
    config = {
        "repos": [{"repo": str(source), "rev": git(source, "rev-parse", rev), "hooks": [{"id": "roadmap-check"}]}]
    }
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit(work, "roadmap")
    home = tmp_path / "home"
    result = _pre_commit("run", "roadmap-check", "--all-files", cwd=work, home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^roadmap check\.+Passed$", result.stdout, re.M), result.stdout
    (site_packages,) = home.glob("repo*/py_env-*/lib/python*/site-packages")
    installed = {path.name.split("-")[0].lower() for path in site_packages.glob("*.dist-info")}
    assert {"roadmap_as_code", "pyyaml", "pydantic", "click", "tzdata"} <= installed
    assert not installed & SITE_DISTRIBUTIONS, sorted(installed & SITE_DISTRIBUTIONS)
