"""A repository holding every hostile thing at once (tests/hostile_repository.py): `roadmap check` refuses it with
located problems, every output stays inert, and no command writes outside its output or runs the repository's code."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.helpers import BIN, PINNED
from tests.hostile_repository import SECRET, TRAP, plant, plant_outside, plant_readable, snapshot

# Every problem `check` reports on the hostile repository, as (path, line, field): nothing unlocated, nothing lost.
EXPECTED = {
    ("roadmap/2026/actions/linked", 1, "path"),
    ("roadmap/2026/actions/sales/formula.md", 4, "owner"),
    ("roadmap/2026/goals/bad-\\xff.md", 1, "file name"),
    ("roadmap/2026/goals/brackets.md", 5, "body"),
    ("roadmap/2026/goals/deep-list.md", 5, "body"),
    ("roadmap/2026/goals/environ.md", 1, "path"),
    ("roadmap/2026/goals/escape.md", 2, "title"),
    ("roadmap/2026/goals/leak.md", 1, "path"),
    ("roadmap/2026/goals/loop.md", 1, "path"),
    ("roadmap/2026/goals/pipe.md", 1, "path"),
    ("roadmap/2026/milestones/grow-revenue/huge-number.md", 8, "metric.target"),
    ("roadmap/2026/milestones/grow-revenue/infinite-budget.md", 10, "budget.planned"),
    ("roadmap/2150", 1, "path"),
    ("roadmap/roadmap.yml", 5, "departments.1.name"),
}
# Once every file reads, the cross-file rules report the rest.
EXPECTED_RULES = {
    ("roadmap/2026/actions/marketing/launch-campaign.md", 3, "quarter"),
    ("roadmap/2026/goals/config-title.md", 1, "milestones"),
    ("roadmap/2026/milestones/grow-revenue/index.md", 1, "id"),
    ("roadmap/roadmap.yml", 7, "departments.2.id"),
}
ANNOTATION = re.compile(r"::(error|warning|notice)( file=[^,:]+,line=\d+)?,?( ?title=[^:]+)?::")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the hostile repository, its readable twin and the folders outside them that must stay as
    they are."""
    top = tmp_path_factory.mktemp("hostile-world")
    plant(top / "repo", plant_outside(top / "outside"))
    plant_readable(top / "readable", plant_outside(top / "outside-readable"))
    return top


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """A command as CI runs it, with raw bytes out so any invalid UTF-8 shows."""
    return subprocess.run(list(args), cwd=cwd, capture_output=True, check=False, timeout=300)


def located(stdout: bytes) -> set[tuple[str, int, str]]:
    return {(p["path"], p["line"], p["field"]) for p in json.loads(stdout.decode("utf-8"))["problems"]}


def test_check_refuses_the_hostile_repository_with_every_problem_located(world: Path) -> None:
    result = run(str(BIN / "roadmap"), "check", "--format", "json", *PINNED, cwd=world / "repo")
    assert result.returncode == 1, result.stderr
    assert located(result.stdout) == EXPECTED


def test_check_reports_the_cross_file_rules_once_every_file_reads(world: Path) -> None:
    result = run(str(BIN / "roadmap"), "check", "--format", "json", *PINNED, cwd=world / "readable")
    assert result.returncode == 1, result.stderr
    assert located(result.stdout) == EXPECTED_RULES


@pytest.mark.parametrize("repo", ["repo", "readable"])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_every_line_printed_is_valid_utf8_inert_and_free_of_the_secret(world: Path, repo: str, fmt: str) -> None:
    result = run(str(BIN / "roadmap"), "check", "--format", fmt, *PINNED, cwd=world / repo)
    assert result.returncode == 1
    text = (result.stdout + result.stderr).decode("utf-8")  # strict: an undecodable byte fails here
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)
    for line in text.splitlines():
        assert not line.startswith("::") or ANNOTATION.match(line), line
        assert "##[" not in line
    assert SECRET not in text and "PATH=" not in text


def test_no_command_writes_outside_its_output_or_runs_code_from_the_repository(world: Path) -> None:
    before = snapshot(world)
    for repo in ("repo", "readable"):
        root = world / repo
        outcomes = {
            "build": run(str(BIN / "roadmap"), "build", *PINNED, cwd=root).returncode,  # the site folder is a link
            "build elsewhere": run(
                str(BIN / "roadmap"), "build", "-d", str(world / "out"), *PINNED, cwd=root
            ).returncode,
            "mkdocs build": run(str(BIN / "mkdocs"), "build", cwd=root).returncode,
            "export-data": run(str(BIN / "roadmap"), "export-data", "--out", "downloads", *PINNED, cwd=root).returncode,
            "export": run(str(BIN / "roadmap"), "export", "--out", "site", *PINNED, cwd=root).returncode,
            "diff": run(str(BIN / "roadmap"), "diff", "HEAD~1", "HEAD", cwd=root).returncode,
        }
        expected = {"build": 2, "build elsewhere": 1, "mkdocs build": 1, "export-data": 1, "export": 1, "diff": 0}
        assert outcomes == expected, repo
    after = snapshot(world)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k) and "/.git/" not in k)
    assert changed == []
    assert not (world / "repo" / TRAP).exists() and not (world / "readable" / TRAP).exists()


def test_diff_shows_the_hostile_commit_with_its_problems(world: Path) -> None:
    result = run(str(BIN / "roadmap"), "diff", "HEAD~1", "HEAD", cwd=world / "repo")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert "- roadmap/2026/actions/linked:1: path: expected a regular file or folder, got a symbolic link" in text
    assert "- roadmap/2026/goals/bad-\\\\xff.md:1: file name: expected a UTF-8 file name" in text  # Markdown-escaped
    assert SECRET not in text and "\x1b" not in text
