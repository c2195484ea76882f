"""The dependencies split: the core commands import no library of the `site` extra, the commands that render
refuse to run without it (exit 2, naming the extra), and pyproject.toml and the lock files declare each library
where it is used."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from roadmap_as_code.asof import midnight_epoch
from roadmap_as_code.edges.cli import SITE_EXTRA
from roadmap_as_code.edges.plugin.assets import PLOTLY_JS, VENDORED_PLOTLY
from tests.helpers import AS_OF, REPO, RoadmapBuilder, commit

PACKAGE = REPO / "generator" / "roadmap_as_code"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CORE_IMPORTS = {"yaml": "pyyaml", "pydantic": "pydantic", "click": "click"}
"""Each library the core imports, by import name: its distribution in `dependencies`."""
SITE_IMPORTS = {
    "mkdocs": "mkdocs",
    "material": "mkdocs-material",
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
    "nh3": "nh3",
    "markdown": "markdown",
    "markdown_it": "markdown-it-py",
    "mdit_py_plugins": "mdit-py-plugins",
    "linkify_it": "linkify-it-py",
}
"""Each library of the `site` extra by import name (mkdocs-material's theme is the package `material`)."""

# Runs `roadmap ARGS` in a fresh interpreter: argv[1] is the JSON of ARGS, argv[2:] the modules made unimportable
# first (as on an install without them). Prints the exit status and every top-level module loaded.
RUN_CLI = """
import json, sys
for name in sys.argv[2:]:
    sys.modules[name] = None
from roadmap_as_code.edges.cli import main
try:
    main(json.loads(sys.argv[1]), prog_name="roadmap")
except SystemExit as exc:
    print("EXIT", exc.code or 0)
print("LOADED", json.dumps(sorted({name.split(".")[0] for name, module in sys.modules.items() if module})))
"""

CORE_COMMANDS = {
    "check the example": ["check", str(REPO), "--as-of", "2026-11-20"],
    "check": ["check"],
    "diff": ["diff", "HEAD"],
    "new": ["new", "goal", "--title", "Cut costs", "--owner", "CFO", "--year", "2026", "--no-input"],
    "rename": ["rename", "milestone", "more-leads", "more-qualified-leads"],
    "init": ["init", "elsewhere", "--organisation", "Acme", "--departments", "Sales", "--year", "2026", "--no-input"],
    "schema": ["schema"],
    "schema --export": ["schema", "--export"],
}
"""One run of each command of the core install, in a folder holding a small committed (then changed) roadmap."""

SITE_COMMANDS = {
    "build": ["build"],
    "export": ["export", "--out", "pages"],
    "export-data": ["export-data", "--out", "downloads"],
}
"""The commands that render: each needs the site extra."""


def _run_cli(args: list[str], cwd: Path, blocked: frozenset[str] = frozenset()) -> tuple[int, set[str], str]:
    """`roadmap ARGS` in a fresh interpreter as of 2026-11-20: its exit status, the top-level modules it loaded,
    and what it printed on standard error."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(midnight_epoch(AS_OF))}
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, json.dumps(args), *sorted(blocked)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = result.stdout.splitlines()
    if len(lines) < 2 or not lines[-2].startswith("EXIT "):  # an uncaught exception ended the interpreter
        return result.returncode, set(), result.stderr
    return int(lines[-2].split()[1]), set(json.loads(lines[-1].removeprefix("LOADED "))), result.stderr


def _committed_roadmap(root: Path) -> None:
    """A small valid roadmap committed at root, then one milestone changed in the working tree; a mkdocs.yml."""
    RoadmapBuilder(root).valid()
    (root / "mkdocs.yml").write_text("site_name: Example\nplugins:\n  - roadmap-as-code\n", encoding="utf-8")
    commit(root, "roadmap")
    RoadmapBuilder(root).milestone("grow-revenue", "more-revenue", quarter=3, status="in-progress")


@pytest.mark.parametrize("name", CORE_COMMANDS)
def test_a_core_command_imports_no_library_of_the_site_extra(name: str, tmp_path: Path) -> None:
    """`roadmap check|diff|new|rename|init|schema` succeed without loading MkDocs, Material, Jinja2, MarkupSafe,
    nh3 or Markdown (nor plotly): a core install (the pre-commit hook's) has none of them."""
    _committed_roadmap(tmp_path)
    status, loaded, stderr = _run_cli(CORE_COMMANDS[name], tmp_path)
    assert status == 0, stderr
    site_libraries = loaded & (SITE_EXTRA | {"plotly"})
    assert not site_libraries, f"roadmap {name} imported {sorted(site_libraries)}"


@pytest.mark.parametrize("name", SITE_COMMANDS)
def test_a_command_that_renders_names_the_site_extra_when_it_is_missing(name: str, tmp_path: Path) -> None:
    """With no library of the site extra importable, `roadmap build|export|export-data` is a usage error (exit 2)
    that says how to install the extra, never a traceback; nothing is written."""
    _committed_roadmap(tmp_path)
    status, _, stderr = _run_cli(SITE_COMMANDS[name], tmp_path, blocked=SITE_EXTRA)
    assert status == 2, stderr
    assert f"Error: roadmap {name} needs the site extra: pip install 'roadmap-as-code[site]'" in stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "mkdocs.yml", "roadmap"]


def test_the_site_draws_its_charts_with_the_vendored_plotly_js_without_the_plotly_package(tmp_path: Path) -> None:
    """plotly.js is the basic bundle shipped inside the package: `roadmap build` of a Material site, with the plotly
    Python package unimportable, succeeds and adds that bundle as the chart library."""
    _committed_roadmap(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Example\ntheme:\n  name: material\nplugins:\n  - roadmap-as-code\n", encoding="utf-8"
    )
    status, loaded, stderr = _run_cli(["build"], tmp_path, blocked=frozenset({"plotly"}))
    assert status == 0, stderr
    assert "plotly" not in loaded
    assert (tmp_path / "site" / PLOTLY_JS).read_bytes() == VENDORED_PLOTLY.read_bytes()


def test_a_missing_module_outside_the_site_extra_is_not_blamed_on_it(tmp_path: Path) -> None:
    """Only the site extra's own modules are translated: another missing module still fails loudly."""
    _committed_roadmap(tmp_path)
    status, _, stderr = _run_cli(["check"], tmp_path, blocked=frozenset({"roadmap_as_code.checking.check"}))
    assert status == 1 and "needs the site extra" not in stderr
    assert "ModuleNotFoundError: import of roadmap_as_code.checking.check halted" in stderr


def _third_party_imports() -> set[str]:
    """The top-level name of every module the package imports (lazily too) from outside the standard library."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"roadmap_as_code"}


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[;\s]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_pyproject_declares_the_core_the_site_extra_and_dev_where_each_library_is_used() -> None:
    """`dependencies` holds what the core imports (and tzdata for zoneinfo), the site extra the site's libraries
    (the CLI refuses by the same list), dev the site extra and the test tools; nothing imported is undeclared."""
    project = PYPROJECT["project"]
    assert _names(project["dependencies"]) == {*CORE_IMPORTS.values(), "tzdata"}
    assert _names(project["optional-dependencies"]["site"]) == set(SITE_IMPORTS.values())
    assert "roadmap-as-code[site]" in project["optional-dependencies"]["dev"]
    assert "plotly" in _names(project["optional-dependencies"]["dev"])  # tests validate figures; `make plotly`
    assert set(SITE_IMPORTS) == SITE_EXTRA
    assert _third_party_imports() <= set(CORE_IMPORTS) | set(SITE_IMPORTS)


def _pins(path: Path) -> set[str]:
    """Each `name==version [; marker]` pinned by a requirements file written by uv."""
    pins = re.findall(r"^([a-z0-9][\w.-]*==[^\s\\#]+(?: ; [^\\#]+?)?)\s*(?:\\|#|$)", path.read_text(), re.M)
    return {" ".join(pin.split()) for pin in pins}


def test_the_site_constraints_pin_the_locked_versions_of_the_core_and_the_site_extra() -> None:
    """requirements/site.txt (the GitHub Action installs with it) pins every core and site library at the version
    requirements/lock.txt (what the tests run on) pins, and holds no test tool (plotly included: the site ships
    plotly.js itself)."""
    site, lock = _pins(REPO / "requirements" / "site.txt"), _pins(REPO / "requirements" / "lock.txt")
    assert site and site <= lock, sorted(site - lock)
    names = {pin.split("==")[0] for pin in site}
    assert {*CORE_IMPORTS.values(), "tzdata", *SITE_IMPORTS.values()} <= names
    assert not names & {"pytest", "playwright", "mypy", "ruff", "setuptools", "plotly"}
