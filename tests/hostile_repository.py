"""A repository that holds every hostile thing issue 8 found at once, planted into a temporary folder.

Links, a named pipe and a file name that is not UTF-8 cannot live in this repository's own tree, so the
repository is written by code: `plant(root, outside)` makes it, committed, next to a folder `outside`
whose files must never be read, changed or deleted by any command run on it.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from tests.helpers import RoadmapBuilder, commit

SECRET = "TOP-SECRET-CONTENT"
TRAP = "ran.txt"
"""The file a committed mkdocs.py (or yaml.py, ...) would write if the tool imported it."""

INJECTION = "Sales\n::error file=x::injected\n::add-mask::secret\n::stop-commands::halt\n\x1b]0;pwned\x07"


def plant_outside(folder: Path) -> Path:
    """The folder outside the repository, with a secret file and a dotfile a link would overwrite."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "keep.txt").write_text(SECRET, encoding="utf-8")
    (folder / ".bashrc").write_text("# mine\n", encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under folder (links not followed) with its mode and content or link target."""
    found: dict[str, tuple[int, bytes | str]] = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(folder)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            rel = os.fsdecode(os.path.relpath(path, os.fsencode(folder)))
            if os.path.islink(path):
                found[rel] = (info.st_mode, os.fsdecode(os.readlink(path)))
            elif os.path.isfile(path):
                with open(path, "rb") as handle:
                    found[rel] = (info.st_mode, handle.read())
            else:
                found[rel] = (info.st_mode, b"")
    return found


def _departments(builder: RoadmapBuilder) -> None:
    departments = [
        {"id": "marketing", "name": "Marketing"},
        {"id": "sales", "name": INJECTION},
        {"id": "index", "name": "Overview hijack"},
    ]
    builder.write("roadmap.yml", yaml.safe_dump({"organisation": "Hostile Ltd", "departments": departments}))


def plant_readable(root: Path, outside: Path) -> RoadmapBuilder:
    """Every file reads cleanly, so the cross-file rules run: limits, reserved ids; outputs and code as links."""
    builder = RoadmapBuilder(root).valid()
    commit(root, "a valid roadmap to compare with")
    builder.settings(departments=("marketing", "sales", "index"))
    # 1, 2: outputs committed as links to the outside folder
    (root / "site").symlink_to(outside)
    (root / ".site.building").symlink_to(outside)
    (root / "downloads").mkdir()
    (root / "downloads" / "roadmap.csv").symlink_to(outside / ".bashrc")
    # 3: code at the repository root that `python -m mkdocs` would import
    for name in ("mkdocs.py", "yaml.py", "material.py"):
        (root / name).write_text(f"open({str(root / TRAP)!r}, 'a').write({name!r})\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Hostile\ntheme:\n  name: material\nplugins:\n  - roadmap-as-code\n", encoding="utf-8"
    )
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Hostile\n", encoding="utf-8")
    # 6: many actions over the limit in one quarter (the github output must stay linear)
    for n in range(40):
        builder.action("marketing", f"flood-{n:02d}", supports=["more-leads"])
    # 11, 12: ids Material or the site reserve
    builder.goal("config-title", title="__config")
    builder.milestone("grow-revenue", "index", quarter=4)
    commit(root, "hostile, readable")
    return builder


def plant(root: Path, outside: Path) -> RoadmapBuilder:
    """The hostile repository at root: every item of issue 8 that a repository can carry, committed."""
    builder = plant_readable(root, outside)
    _departments(builder)
    goals, actions = builder.content / "2026" / "goals", builder.content / "2026" / "actions"
    # 4: bodies that stall or crash Python-Markdown
    builder.goal("deep-list", body="- " * 500 + "x")
    builder.goal("brackets", body="[" * 16_000)
    # 5: numbers beyond what JSON, charts and sums can hold
    builder.milestone("grow-revenue", "infinite-budget", quarter=4, budget={"planned": "1e400", "actual": 1})
    builder.write(
        "2026/milestones/grow-revenue/huge-number.md",
        "---\ntitle: " + "9" * 5000 + "\nquarter: Q4\ndue: 2026-12-15\nowner: o\nstatus: not-started\n"
        "success_criteria: [x]\nmetric: {name: m, unit: u, baseline: 0, target: " + "1" * 401 + "}\n---\n",
    )
    # 9: a control character ahead of a spreadsheet formula
    builder.action("sales", "formula", quarter=2, owner="\0=1+1", supports=["more-deals"])
    # 10, 13: links inside the roadmap, a loop, a pipe, a name that is not UTF-8
    (goals / "leak.md").symlink_to(outside / "keep.txt")
    (goals / "environ.md").symlink_to("/proc/self/environ")
    (goals / "loop.md").symlink_to(goals / "loop.md")
    (actions / "linked").symlink_to(outside, target_is_directory=True)
    os.mkfifo(goals / "pipe.md")
    with open(os.path.join(os.fsencode(goals), b"bad-\xff.md"), "wb") as handle:
        handle.write(b"---\ntitle: x\nowner: y\n---\n")
    # 14: a year folder outside the supported years
    builder.goal("far-future", year=2150)
    # 15: terminal escapes in a name
    builder.goal("escape", title="\x1b[2J\x1b[31mred")
    commit(root, "hostile")  # git leaves the named pipe out
    return builder
