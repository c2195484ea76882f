"""The package's shape holds: stages import only the stages below them, the core imports neither mkdocs nor
click, no import cycles, no module over 300 lines. Read from the source with ast, so lazy imports count too."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator" / "roadmap_as_code"
MAX_LINES = 300

# Each stage and the stages it may import (besides itself). The edges may import every stage.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "asof": {"errors"},
    "filesystem": {"errors"},
    "model": {"errors"},
    "reading": {"errors", "filesystem", "model"},
    "checking": {"errors", "asof", "model", "reading"},
    "measuring": {"errors", "model"},
    "history": {"errors", "asof", "filesystem", "model", "reading"},
    "rendering": {"errors", "filesystem", "model", "checking", "measuring", "history"},
    "comparing": {"errors", "filesystem", "model", "reading", "checking"},
    "authoring": {"errors", "filesystem", "model", "reading", "checking"},
    "edges": {
        "errors",
        "asof",
        "filesystem",
        "model",
        "reading",
        "checking",
        "measuring",
        "rendering",
        "comparing",
        "authoring",
        "history",
    },
}
# Third-party packages a stage must not import: the site's libraries stay out of `roadmap check`'s path.
SITE_LIBRARIES = {
    "mkdocs",
    "material",
    "click",
    "jinja2",
    "markdown",
    "markdown_it",
    "mdit_py_plugins",
    "linkify_it",
    "nh3",
    "plotly",
    "markupsafe",
}
FORBIDDEN: dict[str, set[str]] = {
    "errors": SITE_LIBRARIES,
    "asof": SITE_LIBRARIES,
    "filesystem": SITE_LIBRARIES,
    "model": SITE_LIBRARIES,
    "reading": SITE_LIBRARIES,
    "checking": SITE_LIBRARIES,
    "measuring": SITE_LIBRARIES,
    "rendering": {"mkdocs", "material", "click", "plotly"},
    "comparing": SITE_LIBRARIES,
    "authoring": SITE_LIBRARIES,
    "history": SITE_LIBRARIES,
}
# click is imported by the CLI module and its companions (edges/cli_*.py: the commands that write files).
ONLY_IN = {"mkdocs": "roadmap_as_code.edges.plugin", "click": "roadmap_as_code.edges.cli"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module a file imports, anywhere in it, with relative imports made absolute."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            # `from .. import model` imports the module model, not a name of the package above it
            submodules = {f"{base}.{a.name}" for a in node.names} & MODULES.keys()
            found.update(submodules or {base})
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


GRAPH = {name: {i for i in _imports(name, path) if i in MODULES and i != name} for name, path in MODULES.items()}


def test_the_package_is_split_into_the_documented_stages() -> None:
    stages = {_stage(name) for name in MODULES} - {""}
    assert stages == set(ALLOWED)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_module_imports_only_the_stages_below_its_own(name: str) -> None:
    stage = _stage(name)
    if not stage:
        return
    used = {_stage(target) for target in GRAPH[name]} - {stage}
    assert used <= ALLOWED[stage], f"{name} imports {sorted(used - ALLOWED[stage])}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_the_core_imports_no_site_library_and_only_the_edges_import_mkdocs_and_click(name: str) -> None:
    top = {i.split(".")[0] for i in _imports(name, MODULES[name])}
    stage = _stage(name)
    assert not top & FORBIDDEN.get(stage, set()), f"{name} imports {sorted(top & FORBIDDEN[stage])}"
    for library, owner in ONLY_IN.items():
        if library in top:
            assert name == owner or name.startswith((owner + ".", owner + "_")), f"{library} is imported by {name}"


def test_there_are_no_import_cycles() -> None:
    """Depth-first over the module graph; a back edge is a cycle."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(GRAPH[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_longer_than_300_lines(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]} has {lines} lines"


def test_importing_every_core_stage_loads_neither_mkdocs_nor_click() -> None:
    """At run time too: a fresh interpreter imports the whole core and finds no MkDocs and no click."""
    core = [n for n in MODULES if _stage(n) not in ("edges", "")]
    script = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'click'}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr
