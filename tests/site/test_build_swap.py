"""`roadmap build` swaps a new site in only when MkDocs succeeds; `mkdocs serve` watches roadmap/."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from roadmap_as_code.edges.cli import main
from roadmap_as_code.edges.plugin import RoadmapPlugin
from roadmap_as_code.edges.plugin.site_build import build_site
from roadmap_as_code.errors import EXIT_INTERRUPTED
from tests.helpers import BIN, PINNED, REPO, commit

pytestmark = pytest.mark.site

FOURTH_GOAL = "roadmap/2026/goals/win-public-sector.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Callable[[str], None]) -> Path:
    """A copy of the repository's site sources, committed, on a pinned "today": 2026-11-20 in Berlin."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    clock("2026-11-20T09:00:00+01:00")
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy2(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    for folder in ("theme", "docs", "roadmap"):
        shutil.copytree(REPO / folder, repo / folder)
    commit(repo, "roadmap")
    return repo


def break_roadmap(repo: Path) -> None:
    """A fourth goal in 2026: over the limit of three, and without milestones."""
    shutil.copy2(repo / "roadmap/2026/goals/grow-recurring-revenue.md", repo / FOURTH_GOAL)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_failed_build_keeps_the_last_good_site(project: Path) -> None:
    site = project / "site"
    first = build_site(project / "mkdocs.yml", site)  # as of today in the roadmap's timezone: no --as-of given
    assert first.returncode == 0, first.log
    index = (site / "index.html").read_bytes()
    assert b"As of 2026-11-20" in index
    files_before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))

    break_roadmap(project)
    second = build_site(project / "mkdocs.yml", site)
    output = second.log
    assert second.returncode != 0
    assert f"{FOURTH_GOAL}:1: goals: expected at most 3 goals in 2026, got 4" in output
    assert (site / "index.html").read_bytes() == index
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == files_before
    assert leftovers(project) == [".git"]  # no scratch or previous site left behind


def test_roadmap_build_command_exits_1_with_the_located_problem(project: Path) -> None:
    break_roadmap(project)
    site = project / "site"
    result = CliRunner().invoke(main, ["build", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)])
    assert result.exit_code == 1
    assert f"{FOURTH_GOAL}:1: goals: expected at most 3 goals" in result.output
    assert f"build failed; {site} was left as it was" in result.output
    assert not site.exists() and leftovers(project) == [".git"]


class FakeServer:
    """Stands in for MkDocs' LiveReloadServer: records what it is asked to watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *args: Any, **kwargs: Any) -> None:
        self.watched.append(path)


def test_serve_watches_the_roadmap_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` only watches docs/ and mkdocs.yml by itself: the plugin adds roadmap/."""
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795132800")  # kept out of this process's environment after the test
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins["roadmap-as-code"]
    assert isinstance(plugin, RoadmapPlugin)
    plugin.on_config(config)
    server = FakeServer()
    assert plugin.on_serve(server, config=config, builder=None) is server
    assert [Path(p).resolve() for p in server.watched] == [(project / "roadmap").resolve()]

    plugin.config.enabled = False
    disabled = FakeServer()
    plugin.on_serve(disabled, config=config, builder=None)
    assert disabled.watched == []


def test_build_never_imports_code_from_the_repository(project: Path) -> None:
    """`python -m mkdocs` would put the current folder first on the import path; the build runs MkDocs in-process."""
    marker = project / "ran.txt"
    for name in ("mkdocs.py", "material.py", "roadmap_as_code.py", "yaml.py"):
        (project / name).write_text(f"open({str(marker)!r}, 'a').write({name!r})\n")
    result = subprocess.run(
        [str(BIN / "roadmap"), "build", *PINNED], cwd=project, capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert (project / "site" / "index.html").is_file()


def test_a_terminated_build_leaves_no_scratch_folder_and_the_last_site(project: Path) -> None:
    """SIGTERM mid-build (as CI does on cancel) ends the build like Ctrl-C: scratch removed, old site kept."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("last good site")
    process = subprocess.Popen(
        [str(BIN / "roadmap"), "build", *PINNED], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not any(project.glob(".site.building-*/assets")) and process.poll() is None:
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert "build interrupted; site was left as it was" in stderr
    assert (site / "index.html").read_text() == "last good site"
    assert leftovers(project) == [".git"]
