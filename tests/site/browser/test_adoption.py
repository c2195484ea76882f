"""Adoption: the wheel of this checkout, installed into fresh virtual environments as a new organisation would.

With the site extra: `roadmap init` in an empty git repository, `roadmap new` a goal and its milestones with
hostile titles, `roadmap check`, `mkdocs build --strict` with the stock Material site init wrote, and that site in
Chromium: charts drawn, no title runs a script. Without the extra: the core commands work and `roadmap build`
names the extra. pip may fetch the dependencies from the package index (pinned by requirements/site.txt); the
environments hold the wheel alone, nothing of this checkout.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from roadmap_as_code.asof import midnight_epoch
from tests.helpers import AS_OF, GIT_ENV, REPO, Tab, live_markup_in, new_context, source_copy

pytestmark = pytest.mark.site

YEAR = str(AS_OF.year)
ORGANISATION = "Acme Logistics"
GOAL_TITLE = "</title><script>window.__pwned = 1</script>"
MILESTONE_TITLES = (
    "</title><script>alert('milestone')</script>",
    '"><img src=x onerror="window.__pwned = 2">',
    "<svg onload=window.__pwned=3>",
)
CREATED = re.compile(r"^created (roadmap/\S+\.md)$", re.M)
CHECKED = "roadmap ok: 1 year, 2 goals, 6 milestones, 2 key actions (as of 2026-11-20"
"""What `roadmap check` says of the sample roadmap with the new goal and its three milestones."""
SITE_EXTRA_MISSING = "Error: roadmap build needs the site extra: pip install 'roadmap-as-code[site]'"


def _run(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run a command; fail the test with its output unless it succeeds. Returns its standard output."""
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built once from a copy of its source, offline (no build isolation)."""
    folder = tmp_path_factory.mktemp("wheel")
    source = source_copy(folder / "source")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    _run([*pip_wheel, "--wheel-dir", str(folder / "dist"), str(source)])
    (built,) = (folder / "dist").glob("roadmap_as_code-*.whl")
    return built


@dataclass(frozen=True)
class Environment:
    """A fresh virtual environment with the wheel installed, and how to run its commands."""

    folder: Path

    @property
    def env(self) -> dict[str, str]:
        """The environment's scripts first on PATH, the pinned "today", git's fixed identity; no PYTHONPATH."""
        inherited = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
        path = f"{self.folder / 'bin'}{os.pathsep}{os.environ['PATH']}"
        pinned = {"SOURCE_DATE_EPOCH": str(midnight_epoch(AS_OF)), "NO_MKDOCS_2_WARNING": "1"}
        return {**inherited, **GIT_ENV, "PATH": path, **pinned}

    def run(self, cwd: Path, script: str, *args: str) -> str:
        """One of the environment's console scripts (roadmap, mkdocs, python) in cwd; it must succeed."""
        return _run([str(self.folder / "bin" / script), *args], cwd=cwd, env=self.env)

    def result(self, cwd: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.folder / "bin" / script), *args]
        return subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, text=True, timeout=300, check=False)


def _environment(folder: Path, requirement: str) -> Environment:
    """`python -m venv`, then the requirement installed with pip under the site constraints."""
    _run([sys.executable, "-m", "venv", str(folder)])
    constraints = str(REPO / "requirements" / "site.txt")
    _run([str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "-c", constraints, requirement])
    return Environment(folder)


@pytest.fixture(scope="session")
def with_site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Environment:
    """The wheel installed with the site extra."""
    return _environment(tmp_path_factory.mktemp("venv") / "site", f"{wheel}[site]")


@pytest.fixture(scope="session")
def core_only(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Environment:
    """The wheel installed alone: the core dependencies, as the pre-commit hook installs them."""
    return _environment(tmp_path_factory.mktemp("venv") / "core", str(wheel))


def _adopt(environment: Environment, repo: Path) -> dict[str, str]:
    """In a new git repository: init, a goal and three milestones with hostile titles, check. Their titles by page."""
    repo.mkdir(parents=True)
    _run(["git", "init", "-q", "-b", "main"], cwd=repo, env=environment.env)
    init = ["init", "--no-input", "--organisation", ORGANISATION, "--departments", "Sales, Customer Success"]
    environment.run(repo, "roadmap", *init, "--year", YEAR)
    goal_id = _new(environment, repo, "goal", "--title", GOAL_TITLE)
    pages = {f"{YEAR}/goals/{goal_id}/": GOAL_TITLE}
    for title in MILESTONE_TITLES:
        options = ["--goal", goal_id, "--title", title, "--quarter", "Q4", "--success-criteria", "It is done"]
        pages[f"{YEAR}/milestones/{_new(environment, repo, 'milestone', *options)}/"] = title
    return pages


def _new(environment: Environment, repo: Path, kind: str, *options: str) -> str:
    """`roadmap new KIND` without questions; the id of the item it created."""
    output = environment.run(repo, "roadmap", "new", kind, "--no-input", "--owner", "Leadership team", *options)
    match = CREATED.search(output)
    assert match, output
    return Path(match[1]).stem


@dataclass(frozen=True)
class Adopted:
    """An adopter's repository after init, new and a strict build: the folder, its built site, the hostile pages."""

    repo: Path
    site: Path
    pages: dict[str, str]
    check: str


@pytest.fixture(scope="session")
def adopted(with_site: Environment, tmp_path_factory: pytest.TempPathFactory) -> Adopted:
    """init, new, check and `mkdocs build --strict` with the environment's own MkDocs, in a new repository."""
    repo = tmp_path_factory.mktemp("adopter") / "acme"
    pages = _adopt(with_site, repo)
    check = with_site.run(repo, "roadmap", "check")
    with_site.run(repo, "mkdocs", "build", "--strict")
    return Adopted(repo, repo / "site", pages, check)


def test_the_environments_import_the_wheel_not_this_checkout(with_site: Environment, core_only: Environment) -> None:
    """Both environments load roadmap_as_code from their own site-packages, and pip finds their requirements met."""
    for environment in (with_site, core_only):
        where = environment.run(
            environment.folder, "python", "-c", "import roadmap_as_code; print(roadmap_as_code.__file__)"
        )
        assert Path(where.strip()).is_relative_to(environment.folder), where
        assert not Path(where.strip()).is_relative_to(REPO), where
        environment.run(environment.folder, "python", "-m", "pip", "check")


def test_init_and_new_give_a_roadmap_that_passes_and_builds_strictly(adopted: Adopted) -> None:
    """The adopter's first roadmap passes `roadmap check`; the strict build has a page for each new item, and no
    page holds live markup from the hostile titles."""
    assert adopted.check.startswith(CHECKED), adopted.check
    assert (adopted.site / "index.html").is_file()
    for page in adopted.pages:
        assert (adopted.site / page / "index.html").is_file(), page
    assert {page: found for page, found in live_markup_in(adopted.site).items() if found} == {}


@pytest.fixture
def adopted_tab(browser: Browser, adopted: Adopted, serve: Callable[[Path], str]) -> Iterator[Tab]:
    """A tab of its own on the adopter's site, served on 127.0.0.1."""
    context = new_context(browser)
    tab = Tab(context.new_page(), serve(adopted.site))
    yield tab
    context.close()
    tab.assert_clean()


@pytest.mark.browser
def test_the_adopters_site_draws_its_charts_and_runs_no_title(adopted_tab: Tab, adopted: Adopted) -> None:
    """In Chromium: the dashboard's charts are drawn by plotly (an SVG each); on the dashboard and each hostile
    item's page no script of a title ran (no dialog, window.__pwned unset) and the title reads as plain text."""
    tab = adopted_tab
    tab.goto("")
    charts = tab.charts()
    assert charts and all(c["rendered"] == "true" and c["plot"] for c in charts), charts
    assert tab.page.evaluate("typeof window.__pwned") == "undefined"
    for page, title in adopted.pages.items():
        tab.goto(page)
        tab.charts()
        assert tab.page.evaluate("typeof window.__pwned") == "undefined", page
        assert tab.h1() == title
        assert tab.page.title() == f"{title} - {ORGANISATION} roadmap"
    tab.assert_clean()


def test_the_core_install_checks_and_writes_but_refuses_to_build(core_only: Environment, tmp_path: Path) -> None:
    """Without the site extra: init, new and check work; `roadmap build` is a usage error (exit 2) naming the
    extra, and there is no mkdocs to run."""
    repo = tmp_path / "acme"
    _adopt(core_only, repo)
    assert core_only.run(repo, "roadmap", "check").startswith(CHECKED)
    build = core_only.result(repo, "roadmap", "build")
    assert build.returncode == 2, build.stdout + build.stderr
    assert SITE_EXTRA_MISSING in build.stderr and "Traceback" not in build.stderr
    assert not (repo / "site").exists()
    assert not (core_only.folder / "bin" / "mkdocs").exists()
