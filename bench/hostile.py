"""Hostile YAML: how much an alias bomb or 100,000 levels of nesting add to `roadmap check`; then hostile
descriptions (bench/bodies.py): how long the costliest bodies the check accepts take to render.

Each case is the golden tests' own (tests/golden/bad/<case>/roadmap, laid over the same small valid roadmap
that test_golden_check_output builds), checked in process against the check of that small roadmap alone.
The check must refuse a hostile file at once, so each case should cost about what the valid roadmap costs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.helpers import AS_OF, REPO, RoadmapBuilder

from .bodies import hostile_bodies
from .table import Table
from .timing import alternate, in_process_check

GOLDEN = REPO / "tests" / "golden" / "bad"
# key -> (golden case, what it holds)
CASES = {
    "L": ("billion-laughs", "alias bomb: 21 anchors, each aliasing the one before 9 times"),
    "N": ("deep-nesting-100000", "100,000 levels of nested flow lists (100 KB)"),
}
# A hostile file is read once, in linear time, and refused at its first anchor or 17th level: it costs about
# another check of the small roadmap (the 100 KB nesting file about two). Expanding the aliases or recursing
# into the nesting would cost thousands of times more.
TARGET_RATIO = 3.0


def prepare(root: Path) -> dict[str, Callable[[], tuple[int, str]]]:
    """In-process `roadmap check --as-of 2026-11-20` of the small valid roadmap ("V"), and of one copy of it per
    case with the case's files laid over it, written under root."""
    roots = {"V": RoadmapBuilder(root / "valid").valid().root}
    for key, (case, _) in CASES.items():
        builder = RoadmapBuilder(root / case).valid()
        shutil.copytree(GOLDEN / case / "roadmap", builder.content, dirs_exist_ok=True)
        roots[key] = builder.root
    return {key: in_process_check(path, AS_OF.isoformat()) for key, path in roots.items()}


def _expect(key: str, run: Callable[[], tuple[int, str]]) -> None:
    """Warn (the bench reports, it does not fail) when a case no longer ends as its golden test expects."""
    code, output = run()
    if key == "V":
        expected_code, expected_output = 0, None
    else:
        expected_code, expected_output = 1, (GOLDEN / CASES[key][0] / "expected.txt").read_text(encoding="utf-8")
    if code != expected_code or (expected_output is not None and output != expected_output):
        print(f"WARNING: case {key} no longer ends as its golden test expects (exit {code}), so it times another path:")
        print("\n".join("  " + line for line in output.splitlines()[:5]) + "\n")


def hostile_yaml(table: Table, root: Path, rounds: int) -> None:
    """Time `roadmap check` of each hostile case against the small valid roadmap, alternating; then render the
    hostile descriptions."""
    runs = prepare(root)
    for key, run in runs.items():
        _expect(key, run)
    samples = alternate(runs, rounds)
    table.section(
        f"hostile YAML over the golden tests' small valid roadmap, in process, {rounds} rounds alternating "
        "(after 1 warm-up each)"
    )
    table.row(
        "V",
        f"roadmap check --as-of {AS_OF.isoformat()}: the small valid roadmap (1 goal, 3 milestones, 2 key actions)",
        samples["V"],
    )
    for key, (case, what) in CASES.items():
        table.row(key, f"the same + tests/golden/bad/{case}: {what}", samples[key])
    for key in CASES:
        table.ratio(f"{key} / V", samples[key], samples["V"], f"<= {TARGET_RATIO:.2f}x", TARGET_RATIO)
    hostile_bodies(table)
