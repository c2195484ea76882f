"""The GitHub workflows and the reusable action: valid offline, hardened, and their own commands fail a PR that
breaks a limit.

The PR job is replayed from .github/workflows/pr.yml itself, the action it uses (action.yml) step by step: each
`run:` step is executed as written (bash -eo pipefail, in a temporary copy of the repository), so the test and the
workflow cannot drift (tests/workflow_replay.py).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from roadmap_as_code.reading.tree import load_roadmap
from tests.helpers import REPO, RoadmapBuilder, git
from tests.workflow_checks import all_steps, schema_errors, unpinned, zizmor_findings
from tests.workflow_replay import ACTION, StepRun, load, replay_job

WORKFLOWS = REPO / ".github" / "workflows"
PR_WORKFLOW = WORKFLOWS / "pr.yml"
PAGES_WORKFLOW = WORKFLOWS / "pages.yml"


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return all_steps(workflow)


# --- offline validators ---------------------------------------------------------------------------


def test_every_workflow_validates_against_the_github_workflow_schema() -> None:
    files = workflow_files()
    assert [f.name for f in files] == ["pages.yml", "pr.yml"]
    assert schema_errors("vendor.github-workflows", files) == ""


def test_the_action_validates_against_the_github_action_schema() -> None:
    assert schema_errors("vendor.github-actions", [ACTION]) == ""


def test_dependabot_config_validates_and_covers_actions_and_python() -> None:
    """Dependabot's github-actions updates read .github/workflows and the action.yml at the directory given."""
    config = REPO / ".github" / "dependabot.yml"
    assert schema_errors("vendor.dependabot", [config]) == ""
    updates = yaml.safe_load(config.read_text(encoding="utf-8"))["updates"]
    assert {u["package-ecosystem"] for u in updates} == {"github-actions", "pip"}
    assert [u["directory"] for u in updates if u["package-ecosystem"] == "github-actions"] == ["/"]


def test_zizmor_finds_nothing_at_medium_or_above_in_workflows_dependabot_and_the_action() -> None:
    assert zizmor_findings(REPO / ".github", ACTION) == []


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


def test_the_zizmor_check_does_catch_an_unsafe_action(tmp_path: Path) -> None:
    """Guards the guard for action.yml: an input expanded in a script is template injection."""
    bad = tmp_path / "action.yml"
    bad.write_text(
        "name: bad\ndescription: bad\ninputs:\n  x:\n    description: x\nruns:\n  using: composite\n"
        "  steps:\n    - shell: bash\n      run: echo ${{ inputs.x }} ${{ github.head_ref }}\n",
        encoding="utf-8",
    )
    assert {finding.split(" ")[0] for finding in zizmor_findings(bad)} == {"template-injection"}


# --- hardening facts, read from the YAML ----------------------------------------------------------


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_no_workflow_runs_on_pull_request_target_or_workflow_run(path: Path) -> None:
    assert not {"pull_request_target", "workflow_run"} & set(load(path)["on"])


def test_the_pr_workflow_runs_on_pull_request_only() -> None:
    assert list(load(PR_WORKFLOW)["on"]) == ["pull_request"]


def test_the_publish_workflow_runs_on_pushes_to_main_daily_and_on_demand() -> None:
    """Daily, so the site (judged as of today) stays true without a merge: just after midnight in Berlin."""
    triggers = load(PAGES_WORKFLOW)["on"]
    assert triggers["push"] == {"branches": ["main"]} and "workflow_dispatch" in triggers
    assert triggers["schedule"] == [{"cron": "10 23 * * *"}]
    assert yaml.safe_load((REPO / "roadmap" / "roadmap.yml").read_text(encoding="utf-8"))["timezone"] == "Europe/Berlin"


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


@pytest.mark.parametrize("path", [*workflow_files(), ACTION], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_sha_with_a_version_comment(path: Path) -> None:
    """Except `uses: ./`, the reusable action at the repository root: this repository's code at the same commit."""
    document = load(path)
    assert [s for s in all_steps(document) if "uses" in s], "expected actions"
    assert unpinned(path, document) == []


def test_the_workflows_use_the_reusable_action_after_checking_out() -> None:
    for path in (PR_WORKFLOW, PAGES_WORKFLOW):
        used = [
            s.get("uses", "run").split("@")[0]
            for s in load(path)["jobs"]["check" if path == PR_WORKFLOW else "build"]["steps"]
        ]
        assert used[:2] == ["actions/checkout", "./"], path.name


@pytest.mark.parametrize("path", [*workflow_files(), ACTION], ids=lambda p: p.name)
def test_no_expression_is_expanded_inside_a_run_script(path: Path) -> None:
    """Values reach scripts through env:, so nothing from a PR (title, branch name) becomes shell code."""
    assert [s.get("name") for s in all_steps(load(path)) if "${{" in s.get("run", "")] == []


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
    pages = load(PAGES_WORKFLOW)["concurrency"]
    assert pr["cancel-in-progress"] is True and "github.ref" in pr["group"]
    assert pages == {"group": "pages", "cancel-in-progress": False}


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    checkouts = [s for s in steps(load(path)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_every_checkout_that_builds_the_site_fetches_full_history() -> None:
    """The site's history pages (what changed, burn-up, track record) read the plan's git history; the PR's plan
    summary compares with its base branch."""
    depth = {
        path.name: [
            s.get("with", {}).get("fetch-depth") for s in steps(load(path)) if "actions/checkout@" in s.get("uses", "")
        ]
        for path in workflow_files()
    }
    assert depth == {"pages.yml": [0], "pr.yml": [0]}


# --- replaying the PR job -------------------------------------------------------------------------


@pytest.fixture
def pr_repo(builder: RoadmapBuilder) -> RoadmapBuilder:
    """A copy of this repository (the files git would check out) whose one commit is also `origin/main`."""
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
    env = {"GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(summary.parent)}
    context = {"github.event_name": "pull_request", "github.base_ref": "main"}
    runs = replay_job(PR_WORKFLOW, "check", repo.root, env, context)
    by_name = {r.name.split(" (")[0]: r for r in runs}
    assert list(by_name) == [
        "Install roadmap-as-code",
        "Find the base to compare with",
        "Check roadmap",
        "Summarise plan changes",
        "Warn on a shallow checkout",
        "Build site",
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
    # The preview opens from disk: pages are .html files, links name them, the summary says how to open it.
    assert (site / "2026" / "timeline.html").is_file() and 'href="2026/timeline.html"' in (
        site / "index.html"
    ).read_text(encoding="utf-8")
    assert "### Site preview\n" in summary and "open `index.html`" in summary
    assert runs["Install roadmap-as-code"].outcome == "success"
    assert (
        "- **Changed** goal `grow-recurring-revenue`: " in summary
        and "  - owner: " in summary
        and " → Acting " in summary
    )


def test_the_publish_job_checks_and_builds_the_site_as_published_with_no_plan_summary(
    pr_repo: RoadmapBuilder, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A push (or the daily run) has no base to compare with; the site keeps directory URLs, as Pages serves it."""
    summary = tmp_path_factory.mktemp("summary") / "step-summary.md"
    summary.write_text("", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(summary.parent)}
    runs = replay_job(
        PAGES_WORKFLOW, "build", pr_repo.root, env, {"github.event_name": "schedule", "github.base_ref": ""}
    )
    assert {r.name: r.outcome for r in runs} == {
        "Install roadmap-as-code": "success",
        "Find the base to compare with": "success",
        "Check roadmap": "success",
        "Summarise plan changes": "skipped",
        "Warn on a shallow checkout": "success",
        "Build site": "success",
    }, {r.name: (r.stdout + r.stderr)[-2000:] for r in runs}
    site = pr_repo.root / "_site"
    assert (site / "2026" / "timeline" / "index.html").is_file() and not (site / "2026" / "timeline.html").exists()
    assert "### Roadmap check\n\nNo problems found.\n" in summary.read_text(encoding="utf-8")
    assert "### Site preview" not in summary.read_text(encoding="utf-8")


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
