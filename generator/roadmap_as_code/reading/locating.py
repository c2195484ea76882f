"""Where the roadmap is: its folder, the repository root its paths are shown from, and the folder found from anywhere.

The repository root is found as git finds it (the nearest folder holding `.git`), in Python: no git
process, so `roadmap check` works without git and costs a few `lstat` calls. Without ROOT, the roadmap
is found like `.git`: walking up from the current folder to the repository root.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..errors import UsageError
from ..filesystem import path_kind, read_regular
from .tree import SETTINGS

MKDOCS = "mkdocs.yml"
PLUGIN = "roadmap-as-code"
MKDOCS_BYTES = 1024 * 1024
"""The largest mkdocs.yml the tool reads (a settings file; anything larger is not one)."""
_STR = "tag:yaml.org,2002:str"


def _kind(path: Path) -> str | None:
    try:
        return path_kind(path)
    except OSError:  # an unreadable folder on the way up holds nothing we can use
        return None


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above start holding `.git` (a folder, or a file in worktrees and submodules)."""
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        if _kind(candidate / ".git") in ("folder", "file"):
            return candidate
    return None


def find_content(root: Path) -> tuple[Path, Path]:
    """The roadmap folder under root (or root itself), and the base for shown paths: the repository root.

    Outside a git repository the base is the folder that holds `roadmap/` (or the roadmap folder's parent).
    """
    content, base = _content(root)
    top = repository_root(content)
    return (content, base) if top is None else (Path(os.path.abspath(content)), top)


def _content(root: Path) -> tuple[Path, Path]:
    folder = root / "roadmap"
    kind = path_kind(folder)
    if kind == "folder":
        return folder, root
    if kind is not None and kind != "file":
        raise UsageError(
            f"{folder}: expected the roadmap folder, got {kind}; the tool reads only files inside the "
            "repository: replace the link with the folder itself"
        )
    if path_kind(root / SETTINGS) == "file":
        return root, root.parent
    raise UsageError(f"no roadmap found in {root}: expected {folder}/ or {root / SETTINGS}")


def _holds_roadmap(folder: Path) -> bool:
    """Whether a folder holds a roadmap/ entry (a link there is reported by find_content) or roadmap.yml."""
    return _kind(folder / "roadmap") not in (None, "file") or _kind(folder / SETTINGS) == "file"


def roadmap_root(root: Path | None) -> Path:
    """The ROOT to read: the one given, else found by walking up from the current folder to the repository root.

    At each folder, a `roadmap/` folder or a `roadmap.yml` file is the roadmap; else an `mkdocs.yml` there that
    gives the plugin a `root:` names it. A ROOT given that holds neither may be named by its `mkdocs.yml` too.
    """
    if root is not None:
        return root if _holds_roadmap(root) else configured_root(root) or root
    here = Path(os.path.abspath("."))
    top = repository_root(here)
    if top is None:
        return Path(".")  # outside a repository: the current folder, as with ROOT `.`
    for folder in (here, *here.parents):
        found = folder if _holds_roadmap(folder) else configured_root(folder)
        if found is not None:
            return found
        if folder == top:
            break
    raise UsageError(
        f"no roadmap found in {here} or a folder above it up to the repository root {top}: expected a "
        f"roadmap/ folder, a {SETTINGS}, or an {MKDOCS} whose {PLUGIN} plugin sets root:; pass ROOT (--root)"
    )


def locate(root: Path | None) -> tuple[Path, Path]:
    """find_content of the ROOT given or found (see roadmap_root)."""
    return find_content(roadmap_root(root))


def configured_root(folder: Path) -> Path | None:
    """The folder `root:` names in the plugin's options in folder/mkdocs.yml, if it names one.

    The file is composed, not constructed, so MkDocs' `!ENV` and `!!python/name:` tags need no code and run
    none; a file that is not a regular file, not UTF-8 or not YAML names nothing.
    """
    try:
        raw, size = read_regular(folder / MKDOCS, MKDOCS_BYTES)
        node = yaml.compose(raw.decode("utf-8-sig"), Loader=yaml.SafeLoader) if size <= MKDOCS_BYTES else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    value = _option(_option(node, "plugins"), PLUGIN, "root")
    if isinstance(value, yaml.ScalarNode) and value.tag == _STR and value.value.strip():
        return folder / str(value.value)
    return None


def _option(node: yaml.Node | None, *keys: str) -> yaml.Node | None:
    """The value at keys in nested mappings; a list step (MkDocs' `plugins:` list) looks in its mappings."""
    for key in keys:
        if isinstance(node, yaml.SequenceNode):
            entries = [pair for item in node.value if isinstance(item, yaml.MappingNode) for pair in item.value]
        elif isinstance(node, yaml.MappingNode):
            entries = node.value
        else:
            return None
        node = next((v for k, v in entries if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return node


def find_config(start: Path) -> Path:
    """The nearest mkdocs.yml at or above start, up to the repository root (outside one, in start only)."""
    here = Path(os.path.abspath(start))
    top = repository_root(here)
    for folder in (here, *here.parents):
        if _kind(folder / MKDOCS) == "file":
            return folder / MKDOCS
        if top is None or folder == top:
            break
    where = f"{here} or a folder above it up to {top}" if top is not None and top != here else str(here)
    raise UsageError(f"no {MKDOCS} found in {where}: pass --config-file")
