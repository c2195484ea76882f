"""Replay a job of the repository's workflows as the runner would, the reusable action (`uses: ./`) step by step.

Each `run:` is executed as written (bash -eo pipefail, `env:`, `if:` and step outputs honoured) in a temporary
copy of the repository, so the tests and the YAML cannot drift. Actions published elsewhere cannot run offline:
EXTERNAL_ACTIONS are skipped (the temporary repository and the tests' own environment stand in for them), and
the action's install step links the tests' environment where it would install one (tests/test_action.py runs
the install script itself).
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import BIN, GIT_ENV, REPO

ACTION = REPO / "action.yml"
EXTERNAL_ACTIONS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/upload-artifact",
    "actions/upload-pages-artifact",
}
VENV = "roadmap-as-code"
"""The action's virtual environment, under RUNNER_TEMP."""
STATUS = {"!cancelled()", "always()", "success()", "failure()", "cancelled()"}
COMPARISON = re.compile(r"([\w.-]+) (==|!=) '([^']*)'")


def load(path: Path) -> dict[str, Any]:
    """A workflow or action file; YAML 1.1 reads the key `on` as the boolean True, so it is renamed back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected a mapping"
    if True in data:
        data["on"] = data.pop(True)
    return data


@dataclass
class StepRun:
    name: str
    outcome: str  # success, failure, skipped
    stdout: str = ""
    stderr: str = ""


@dataclass
class _Scope:
    """What expressions see in one job or one run of the action: values by dotted name, step outcomes."""

    values: dict[str, str]
    failed: bool = False
    outcomes: dict[str, str] = field(default_factory=dict)


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _condition(expression: str | None, scope: _Scope) -> bool:
    """The subset of GitHub's `if:` language the workflows use; anything else fails the test."""
    text = (expression or "success()").strip()
    text = text[3:-2].strip() if text.startswith("${{") and text.endswith("}}") else text
    terms = [t.strip() for t in text.split("&&")]
    if not STATUS & set(terms):
        terms.insert(0, "success()")  # GitHub's implicit status check
    result = True
    for term in terms:
        step = re.fullmatch(r"steps\.([\w-]+)\.outcome == '(\w+)'", term)
        compared = COMPARISON.fullmatch(term)
        if term in ("!cancelled()", "always()"):
            continue
        if term == "success()":
            result &= not scope.failed
        elif term == "failure()":
            result &= scope.failed
        elif step:
            result &= scope.outcomes.get(step.group(1)) == step.group(2)
        elif compared:
            equal = scope.values.get(compared.group(1), "") == compared.group(3)
            result &= equal if compared.group(2) == "==" else not equal
        else:
            pytest.fail(f"the replay does not understand the condition {expression!r}; extend _condition")
    return result


def _expand(value: object, scope: _Scope, lenient: bool = False) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in scope.values and not lenient:
            pytest.fail(f"the replay has no value for ${{{{ {key} }}}}; add it to the context")
        return scope.values.get(key, "")

    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", replace, _text(value))


def replay_job(workflow: Path, job_id: str, repo: Path, env: dict[str, str], context: dict[str, str]) -> list[StepRun]:
    """Run one job's steps in repo as GitHub would; env holds RUNNER_TEMP and GITHUB_STEP_SUMMARY."""
    data = load(workflow)
    job = data["jobs"][job_id]
    scope = _Scope(dict(context))
    base = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    base.update(GIT_ENV, GITHUB_ACTIONS="true", CI="true", **env)
    base.update({k: _expand(v, scope) for k, v in {**data.get("env", {}), **job.get("env", {})}.items()})
    runs: list[StepRun] = []
    _steps(job["steps"], scope, base, repo, runs)
    return runs


def _steps(steps: list[dict[str, Any]], scope: _Scope, env: dict[str, str], repo: Path, runs: list[StepRun]) -> None:
    for number, step in enumerate(steps):
        name = step.get("name", step.get("run", step.get("uses", "")))
        uses = step.get("uses")
        if uses and uses != "./":
            assert uses.split("@")[0] in EXTERNAL_ACTIONS, f"the replay cannot stand in for {uses}"
            continue
        if not _condition(step.get("if"), scope):
            outcome = StepRun(name, "skipped")
            runs.append(outcome)
        elif uses == "./":
            outcome = _action(step, scope, env, repo, runs)
        else:
            outcome = _run(step, number, scope, env, repo)
            runs.append(outcome)
        if "id" in step:
            scope.outcomes[step["id"]] = outcome.outcome
        scope.failed = scope.failed or outcome.outcome == "failure"


def _action(step: dict[str, Any], outer: _Scope, env: dict[str, str], repo: Path, runs: list[StepRun]) -> StepRun:
    """The reusable action at the repository root, its steps in a scope of their own, its outputs set on outer."""
    action = load(repo / "action.yml")  # as GitHub reads `uses: ./`: from the checkout
    given = {k: _expand(v, outer) for k, v in step.get("with", {}).items()}
    assert set(given) <= set(action["inputs"]), f"unknown inputs {set(given) - set(action['inputs'])}"
    inputs = {f"inputs.{k}": given.get(k, _text(spec.get("default", ""))) for k, spec in action["inputs"].items()}
    context = {k: v for k, v in outer.values.items() if k.startswith("github.")}
    inner = _Scope({**context, **inputs, "github.action_path": str(repo)})
    _steps(action["runs"]["steps"], inner, env, repo, runs)
    for key, spec in action.get("outputs", {}).items():
        outer.values[f"steps.{step.get('id')}.outputs.{key}"] = _expand(spec["value"], inner, lenient=True)
    return StepRun(step.get("name", "./"), "failure" if inner.failed else "success")


def _run(step: dict[str, Any], number: int, scope: _Scope, env: dict[str, str], repo: Path) -> StepRun:
    name = step.get("name", step["run"])
    temp = Path(env["RUNNER_TEMP"])
    if step.get("id") == "install" and "pip install" in step["run"]:
        # The tests already run inside the environment the action would install.
        (temp / VENV).mkdir(exist_ok=True)
        if not (temp / VENV / "bin").exists():
            (temp / VENV / "bin").symlink_to(BIN, target_is_directory=True)
        return StepRun(name, "success")
    assert step.get("shell", "bash") == "bash", f"the replay runs bash steps only, got {step.get('shell')}"
    output = temp / f"output-{len(list(temp.glob('output-*')))}-{number}"
    output.write_text("", encoding="utf-8")
    step_env = {**env, **{k: _expand(v, scope) for k, v in step.get("env", {}).items()}, "GITHUB_OUTPUT": str(output)}
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=repo / step.get("working-directory", "."),
        env=step_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    for line in output.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        scope.values[f"steps.{step.get('id')}.outputs.{key}"] = value
    return StepRun(name, "success" if result.returncode == 0 else "failure", result.stdout, result.stderr)
