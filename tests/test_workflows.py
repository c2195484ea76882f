"""The GitHub workflows: valid offline, hardened, and their own commands fail a PR that breaks a limit.

The PR job is replayed from .github/workflows/pr.yml itself: each `run:` step is executed as written
(bash -eo pipefail, in a temporary copy of the repository), so the test and the workflow cannot drift.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_as_code.reading.tree import load_roadmap
from tests.helpers import BIN, GIT_ENV, REPO, RoadmapBuilder, git

WORKFLOWS = REPO / ".github" / "workflows"
PR_WORKFLOW = WORKFLOWS / "pr.yml"
SHA_PIN = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} not found next to {sys.executable}; run the tests with `make test`"
    return str(path)


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected a mapping"
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


# --- offline validators ---------------------------------------------------------------------------


def test_every_workflow_validates_against_the_github_workflow_schema() -> None:
    files = workflow_files()
    assert [f.name for f in files] == ["pages.yml", "pr.yml"]
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_validates_and_covers_actions_and_python() -> None:
    config = REPO / ".github" / "dependabot.yml"
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ecosystems = {u["package-ecosystem"] for u in yaml.safe_load(config.read_text(encoding="utf-8"))["updates"]}
    assert ecosystems == {"github-actions", "pip"}


def zizmor_findings(folder: Path) -> list[str]:
    """zizmor's offline findings at medium severity or above, as 'ident (severity): file'."""
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=folder.parent,
    )
    assert result.stdout.strip().startswith("["), result.stderr
    return sorted(
        f"{f['ident']} ({f['determinations']['severity']}): "
        f"{f['locations'][0]['symbolic']['key']['Local']['verbatim_path']}"
        for f in json.loads(result.stdout)
        if f["determinations"]["severity"] in ("Medium", "High") and not f.get("ignored")
    )


def test_zizmor_finds_nothing_at_medium_or_above_in_workflows_and_dependabot() -> None:
    assert zizmor_findings(REPO / ".github") == []


def test_the_zizmor_check_does_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    """Guards the guard: a workflow with the classic mistakes must produce findings."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - uses: actions/checkout@v4\n      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    idents = {finding.split(" ")[0] for finding in zizmor_findings(tmp_path / ".github")}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses"} <= idents


# --- hardening facts, read from the YAML ----------------------------------------------------------


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_workflow_runs_on_pull_request_target_or_workflow_run(path: Path) -> None:
    assert not {"pull_request_target", "workflow_run"} & set(load(path)["on"])


def test_the_pr_workflow_runs_on_pull_request_only() -> None:
    assert list(load(PR_WORKFLOW)["on"]) == ["pull_request"]


def test_the_publish_workflow_runs_on_pushes_to_main() -> None:
    assert load(WORKFLOWS / "pages.yml")["on"]["push"] == {"branches": ["main"]}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path: Path) -> None:
    assert load(path)["permissions"] in ({}, {"contents": "read"})


def test_only_the_deploy_job_may_write_pages_and_request_an_id_token() -> None:
    writers = {}
    for path in workflow_files():
        for name, job in load(path)["jobs"].items():
            permissions = job.get("permissions", {})
            assert permissions not in ("write-all", "read-all"), f"{path.name}:{name}"
            granted = {scope for scope, level in permissions.items() if level == "write"}
            if granted:
                writers[f"{path.name}:{name}"] = (
                    permissions,
                    job.get("environment"),
                    [s.get("uses", "").split("@")[0] for s in job["steps"]],
                )
    assert writers == {
        "pages.yml:deploy": (
            {"pages": "write", "id-token": "write"},
            {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"},
            ["actions/deploy-pages"],
        ),
    }


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_a_version_comment(path: Path) -> None:
    workflow = load(path)
    used = [s["uses"] for s in steps(workflow) if "uses" in s] + [
        j["uses"] for j in workflow["jobs"].values() if "uses" in j
    ]
    assert used, "expected actions in the workflow"
    assert [u for u in used if not SHA_PIN.fullmatch(u)] == []
    lines = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = [(m.group(1), m.group(2).strip()) for m in lines if m]
    assert [u for u, _ in found] == used, "every uses: must be a plain `uses: owner/repo@sha # vX` line"
    assert [u for u, comment in found if not re.fullmatch(r"# v\d+(\.\d+)*", comment)] == []


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_run_script(path: Path) -> None:
    """Values reach scripts through env:, so nothing from a PR (title, branch name) becomes shell code."""
    assert [s.get("name") for s in steps(load(path)) if "${{" in s.get("run", "")] == []


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    jobs = load(path)["jobs"]
    assert {
        name: job.get("timeout-minutes")
        for name, job in jobs.items()
        if not isinstance(job.get("timeout-minutes"), int) or not 0 < job["timeout-minutes"] <= 30
    } == {}


def test_pr_runs_cancel_superseded_runs_and_deploys_are_never_cancelled() -> None:
    pr = load(PR_WORKFLOW)["concurrency"]
    pages = load(WORKFLOWS / "pages.yml")["concurrency"]
    assert pr["cancel-in-progress"] is True and "github.ref" in pr["group"]
    assert pages == {"group": "pages", "cancel-in-progress": False}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkouts_keep_no_credentials_and_fetch_full_history(path: Path) -> None:
    checkouts = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(s["with"]["persist-credentials"] is False and s["with"]["fetch-depth"] == 0 for s in checkouts)


# --- replaying the PR job -------------------------------------------------------------------------

EXTERNAL_ACTIONS = {"actions/checkout", "actions/setup-python", "actions/upload-artifact"}
"""Steps the replay cannot run; the temporary repository and the tests' own environment stand in for them."""


@dataclass
class StepRun:
    name: str
    outcome: str  # success, failure, skipped
    stdout: str = ""
    stderr: str = ""


def _condition(expression: str | None, outcomes: dict[str, str], failed: bool) -> bool:
    """The subset of GitHub's `if:` language the PR workflow uses; anything else fails the test."""
    if expression is None:
        return not failed
    text = expression.strip()
    text = text[3:-2].strip() if text.startswith("${{") and text.endswith("}}") else text
    result = True
    for term in (t.strip() for t in text.split("&&")):
        step = re.fullmatch(r"steps\.([\w-]+)\.outcome == '(\w+)'", term)
        if term in ("!cancelled()", "always()"):
            continue
        if term == "success()":
            result &= not failed
        elif term == "failure()":
            result &= failed
        elif step:
            result &= outcomes.get(step.group(1)) == step.group(2)
        else:
            pytest.fail(f"the replay does not understand the condition {expression!r}; extend _condition")
    return result


def _expand(value: str, context: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in context:
            pytest.fail(f"the replay has no value for ${{{{ {key} }}}}; add it to the context")
        return context[key]

    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", replace, value)


def replay_pr_job(repo: Path, summary: Path, context: dict[str, str]) -> list[StepRun]:
    """Run the PR job's `run:` steps as GitHub would: in order, bash -eo pipefail, `if:` honoured."""
    workflow = load(PR_WORKFLOW)
    (job,) = workflow["jobs"].values()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(GIT_ENV, GITHUB_ACTIONS="true", CI="true", GITHUB_STEP_SUMMARY=str(summary))
    env.update({k: _expand(str(v), context) for k, v in {**workflow.get("env", {}), **job.get("env", {})}.items()})
    runs: list[StepRun] = []
    outcomes: dict[str, str] = {}
    failed = False
    for step in job["steps"]:
        name = step.get("name", step.get("run", step.get("uses", "")))
        if "uses" in step:
            assert step["uses"].split("@")[0] in EXTERNAL_ACTIONS, f"the replay cannot stand in for {step['uses']}"
            continue
        if step["run"].strip() == "make venv":
            # The tests already run inside that environment; the temporary repository links to it.
            outcome = StepRun(name, "success")
        elif not _condition(step.get("if"), outcomes, failed):
            outcome = StepRun(name, "skipped")
        else:
            shell = step.get("shell", job.get("defaults", {}).get("run", {}).get("shell", "bash"))
            assert shell == "bash", f"the replay runs bash steps only, got {shell}"
            step_env = {**env, **{k: _expand(str(v), context) for k, v in step.get("env", {}).items()}}
            result = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=repo / step.get("working-directory", "."),
                env=step_env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            outcome = StepRun(name, "success" if result.returncode == 0 else "failure", result.stdout, result.stderr)
        runs.append(outcome)
        if "id" in step:
            outcomes[step["id"]] = outcome.outcome
        failed = failed or outcome.outcome == "failure"
    return runs


@pytest.fixture
def pr_repo(builder: RoadmapBuilder) -> RoadmapBuilder:
    """A copy of this repository (the files git would check out) whose one commit is also `origin/main`.

    Its .venv/bin links to the test environment, so `.venv/bin/roadmap` in the workflow resolves as in CI.
    """
    root = builder.root
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    for rel in filter(None, listed.stdout.split("\0")):
        source = REPO / rel
        if source.is_file() and not rel.startswith(".venv/"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / rel)
    (root / ".venv").mkdir(exist_ok=True)
    (root / ".venv" / "bin").symlink_to(BIN, target_is_directory=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    return builder


def open_pr(repo: RoadmapBuilder, summary: Path) -> tuple[dict[str, StepRun], str]:
    """Commit the working changes as the PR head, replay the job; returns the steps by name and the job summary."""
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "--allow-empty", "-m", "pull request")
    summary.write_text("", encoding="utf-8")
    runs = replay_pr_job(repo.root, summary, {"github.base_ref": "main"})
    by_name = {r.name.split(" (")[0]: r for r in runs}
    assert list(by_name) == [
        "Install locked dependencies and the package",
        "Check roadmap",
        "Build site",
        "Summarise plan changes",
    ]
    return by_name, summary.read_text(encoding="utf-8")


def example_2026(repo: RoadmapBuilder) -> Any:
    roadmap, problems = load_roadmap(repo.content, repo.root)
    assert roadmap is not None and not problems
    return roadmap, roadmap.year(2026)


def assert_limit_breach_fails(runs: dict[str, StepRun], summary: str, message: str, usage_line: str) -> None:
    check = runs["Check roadmap"]
    assert check.outcome == "failure"
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::error ")]
    # One problem, the limit (an error on its file, a notice on the others it involves), and nothing else broke.
    assert annotations and all(a.startswith("::error file=roadmap/2026/") and message in a for a in annotations), (
        check.stdout
    )
    assert "\n1 problem in " in check.stdout
    assert "### Roadmap check: 1 problem\n" in summary and message in summary
    assert runs["Build site"].outcome == "skipped"
    # The plan summary still runs, so reviewers see what the PR does to the limits.
    assert runs["Summarise plan changes"].outcome == "success", runs["Summarise plan changes"].stderr
    assert usage_line in summary


def test_the_pr_job_passes_the_example_builds_the_site_and_summarises_the_change(
    pr_repo: RoadmapBuilder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = pr_repo.content / "2026/goals/grow-recurring-revenue.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\nowner: ", "\nowner: Acting ", 1), encoding="utf-8")
    runs, summary = open_pr(pr_repo, tmp_path_factory.mktemp("summary") / "step-summary.md")
    assert {name: r.outcome for name, r in runs.items()} == dict.fromkeys(runs, "success"), {
        n: (r.stdout + r.stderr)[-2000:] for n, r in runs.items()
    }
    assert "roadmap ok:" in runs["Check roadmap"].stdout and "::error" not in runs["Check roadmap"].stdout
    assert "### Roadmap check\n\nNo problems found.\n" in summary
    site = pr_repo.root / "_site"
    assert {"index.html", "roadmap.json", "roadmap.ics", "roadmap.csv"} <= {p.name for p in site.iterdir()}
    assert 'href="roadmap.ics"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="../roadmap.csv"' in (site / "2025" / "index.html").read_text(encoding="utf-8")
    assert (
        "- **Changed** goal `grow-recurring-revenue`: " in summary
        and "  - owner: " in summary
        and " → Acting " in summary
    )


def test_a_fourth_goal_fails_the_check_step(pr_repo: RoadmapBuilder, tmp_path_factory: pytest.TempPathFactory) -> None:
    roadmap, year = example_2026(pr_repo)
    limit = roadmap.settings.limits.goals_per_year
    assert len(year.goals) == limit, "the example fills its goals; the PR adds one more"
    pr_repo.goal("enter-the-nordics", title="Enter the Nordics", owner="CEO")
    for i in range(roadmap.settings.limits.min_milestones_per_goal):
        pr_repo.milestone("enter-the-nordics", f"nordics-step-{i + 1}", quarter=4, due=date(2026, 10, 10 + i))
    runs, summary = open_pr(pr_repo, tmp_path_factory.mktemp("summary") / "step-summary.md")
    assert_limit_breach_fails(
        runs,
        summary,
        f"expected at most {limit} goals in 2026, got {limit + 1}",
        f"- Goals in 2026: {limit}/{limit} → {limit + 1}/{limit} (**over the limit**)",
    )


def test_a_milestone_beyond_the_maximum_fails_the_check_step(
    pr_repo: RoadmapBuilder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    roadmap, year = example_2026(pr_repo)
    high = roadmap.settings.limits.max_milestones_per_goal
    goal = max(year.goals, key=lambda g: (len(year.milestones_of(g.id)), g.id))
    have = len(year.milestones_of(goal.id))
    for i in range(have, high + 1):
        pr_repo.milestone(goal.id, f"extra-milestone-{i + 1}", quarter=4, due=date(2026, 11, 1))
    runs, summary = open_pr(pr_repo, tmp_path_factory.mktemp("summary") / "step-summary.md")
    assert_limit_breach_fails(
        runs,
        summary,
        f"expected at most {high} milestones for goal '{goal.id}', got {high + 1}",
        f"- Milestones of goal `{goal.id}` in 2026: {have} → {high + 1}, allowed "
        f"{roadmap.settings.limits.min_milestones_per_goal}–{high} (**over the limit**)",
    )


def test_a_fourth_key_action_in_a_department_quarter_fails_the_check_step(
    pr_repo: RoadmapBuilder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    roadmap, year = example_2026(pr_repo)
    limit = roadmap.settings.limits.actions_per_department_per_quarter
    counts: dict[tuple[str, int], int] = {}
    for action in year.actions:
        counts[(action.department, action.quarter)] = counts.get((action.department, action.quarter), 0) + 1
    (department, quarter), have = min(counts.items(), key=lambda item: (-item[1], item[0]))
    for i in range(have, limit + 1):
        pr_repo.action(department, f"one-more-action-{i + 1}", quarter=quarter, supports=[year.milestones[0].id])
    name = roadmap.settings.department(department).name
    runs, summary = open_pr(pr_repo, tmp_path_factory.mktemp("summary") / "step-summary.md")
    assert_limit_breach_fails(
        runs,
        summary,
        f"expected at most {limit} key actions for {name} in Q{quarter} 2026, got {limit + 1}",
        f"- {name} Q{quarter} 2026: {have}/{limit} → {limit + 1}/{limit} (**over the limit**)",
    )
