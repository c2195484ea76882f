"""Scale: `roadmap export-data` and `roadmap check --format github` as whole processes, 1,250 against 5,000 files.

Each roadmap is one year with its limits raised: 100 milestones a goal, and two fifths of the key actions
crowded into one department-quarter (300, then 1,200). export-data runs on the clean roadmap (check, then
every download); check --format github on the same files with the key-action limit set just below the crowded
quarter's count, so that one limit problem involves every file of that quarter. At 4x the files, linear work
takes about 4x as long (a little less, since the interpreter's start does not grow), quadratic 16x, cubic 64x.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .synthetic import AS_OF, Shape, write_roadmap
from .table import Table
from .timing import alternate, command

SMALL = Shape(years=1, goals=5, milestones_per_goal=100, actions=745, crowded=300)  # 1,250 files
LARGE = Shape(years=1, goals=20, milestones_per_goal=100, actions=2980, crowded=1200)  # 5,000 files
TARGET_RATIO = 6.0  # linear work gives about 4x; quadratic would give 16x
# key -> (command, the exit status it should end with)
CASES = {"E": ("export-data", 0), "G": ("check --format github", 1)}
_ENV = {"GITHUB_STEP_SUMMARY": ""}  # when the bench runs in a workflow, never append to its job summary


@dataclass(frozen=True)
class Probe:
    """One untimed run of a command: how it ended and how many bytes it printed."""

    argv: list[str]
    code: int
    output: int


def _roadmap() -> str:
    path = Path(sys.executable).parent / "roadmap"
    return str(path) if path.exists() else "roadmap"


def prepare(root: Path, shape: Shape) -> dict[str, list[str]]:
    """Write the clean roadmap and its over-the-limit twin under root; the command line of each case."""
    write_roadmap(root / "clean", shape)
    write_roadmap(root / "exceeded", shape, exceed=True)
    as_of = AS_OF.isoformat()
    return {
        "E": [_roadmap(), "export-data", str(root / "clean"), "--out", str(root / "downloads"), "--as-of", as_of],
        "G": [_roadmap(), "check", str(root / "exceeded"), "--format", "github", "--as-of", as_of],
    }


def probe(argv: list[str], log: Path) -> Probe:
    """Run a command once (a warm-up) with its output written to log."""
    with log.open("wb") as handle:
        result = subprocess.run(argv, stdout=handle, stderr=subprocess.DEVNULL, env={**os.environ, **_ENV}, check=False)
    return Probe(argv, result.returncode, log.stat().st_size)


def _warn(name: str, files: int, found: Probe, expected: int) -> None:
    """The bench reports, it does not fail: say so when a case no longer ends as it should, then time it anyway."""
    if found.code != expected:
        print(f"WARNING: roadmap {name} exits {found.code} on {files:,} files, expected {expected}; timed anyway\n")


def _time_case(
    table: Table, key: str, argv: dict[str, list[str]], sizes: dict[str, Shape], rounds: int, root: Path
) -> dict[str, Probe]:
    """One case at both sizes: a probe run each, then the timed runs side by side; its rows and ratio."""
    name, expected = CASES[key]
    found = {size: probe(argv[size], root / f"{key}{size}.out") for size in sizes}
    for size, shape in sizes.items():
        _warn(name, shape.files, found[size], expected)
    samples = alternate({key + s: command(p.argv, env=_ENV, expect=p.code) for s, p in found.items()}, rounds, warmup=0)
    table.section(
        f"scale: roadmap {name}, separate processes, {rounds} rounds alternating (one year, limits raised; "
        f"{'the crowded department-quarter over its limit' if key == 'G' else 'clean'})"
    )
    for size, shape in sizes.items():
        what = (
            f"roadmap {name}: {shape.files:,} files ({shape.goals} goals x {shape.milestones_per_goal} milestones, "
            f"{shape.actions:,} key actions, {shape.crowded:,} in one department-quarter)"
        )
        table.row(key + size, what, samples[key + size])
    table.ratio(f"{key}L / {key}S", samples[key + "L"], samples[key + "S"], f"<= {TARGET_RATIO:.0f}x", TARGET_RATIO)
    return found


def scale(table: Table, root: Path, rounds: int, small: Shape = SMALL, large: Shape = LARGE) -> list[str]:
    """Time each case at both sizes as separate processes, alternating; returns a note on the check's output."""
    sizes = {"L": large, "S": small}
    commands = {size: prepare(root / f"files-{shape.files}", shape) for size, shape in sizes.items()}
    found = {
        key: _time_case(table, key, {s: c[key] for s, c in commands.items()}, sizes, rounds, root) for key in CASES
    }
    checks = found["G"]  # its output once grew with the square of the files (issue 8, item 6)
    return [
        f"roadmap check --format github prints {checks['L'].output:,} bytes at {large.files:,} files and "
        f"{checks['S'].output:,} at {small.files:,} ({checks['L'].output / max(1, checks['S'].output):.1f}x)"
    ]
