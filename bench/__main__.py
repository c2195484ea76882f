"""`python -m bench` (`make bench`): time `roadmap check` against a python-frontmatter + CSafeLoader parse.

1. A synthetic roadmap of 10,000 files is written to a temporary folder (seeded, so every run reads the same).
2. In one process, alternating A/B: the `roadmap check` command called in-process (click's main, the same
   code path as the console script) against parsing the same files with python-frontmatter + CSafeLoader.
3. The same two as separate processes (interpreter start and imports included).
4. Hostile YAML (bench/hostile.py): `roadmap check` in process of the golden alias bomb and 100,000-deep
   nesting, each laid over a small valid roadmap, against the check of that small roadmap alone.
   Then hostile descriptions (bench/bodies.py): the costliest body within each limit of
   reading/body_limits.py, rendered once by safe_text and by the page's own Markdown pass.
5. Cold start: `roadmap check` of the example roadmap as a new process against `python -c pass`.
6. What that start imports: no plotly, jinja2 or mkdocs; the costliest packages by `-X importtime`.
7. The site (bench/site.py): the plugin's build against a plain MkDocs build of the same exported pages,
   1,000 against 3,000 roadmap files, the example dashboard's size, and bytes per page type (bench/weight.py).
8. Scale (bench/scale.py): `roadmap export-data` and `roadmap check --format github` as processes, 1,250
   against 5,000 files of one year with raised limits, one department-quarter crowded (and over its limit
   for the check): linear work is about 4x as slow at 4x the files, cubic 64x.
9. History (bench/history.py): read_history of a synthetic repository of 2,000 commits over 300 roadmap files
   (bench/history_repo.py, git fast-import), cold against a yardstick (git log --name-status, one cat-file,
   python-frontmatter + CSafeLoader), and warm (cache hit).
10. Site history (bench/site_history.py): the example site in a git repository of 600 check-ins, built with the
   plan's history (warm cache; cold as an extra row) against `history: false`.
`--only SECTION` (repeatable) runs some of them: synthetic (1-3), hostile (4), cold (5-6), site (7), scale (8),
history (9), site-history (10).
The bench reports; it does not fail when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .baseline import parse_all
from .history import history_bench
from .hostile import hostile_yaml
from .imports import import_report
from .scale import scale
from .site import example_sizes, plugin_vs_plain, scaling
from .site_history import site_history
from .synthetic import AS_OF, DEPARTMENTS, Shape, write_roadmap
from .table import Table
from .timing import alternate, command, in_process_check

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_AS_OF = "2026-11-20"
TARGET_RATIO = 1.25
TARGET_COLD = 0.5
SECTIONS = ("synthetic", "hostile", "cold", "site", "scale", "history", "site-history")


def _bin(name: str) -> str:
    """A console script of the running interpreter's environment."""
    path = Path(sys.executable).parent / name
    return str(path) if path.exists() else name


def _load() -> str:
    """The 1-minute load average: other work on the machine shows up in every number below."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "n/a"


def _cold_start(table: Table, example: list[str], runs: int) -> None:
    """`roadmap check` of the example as a new process against `python -c pass`."""
    code = subprocess.run(example, capture_output=True, check=False).returncode
    if code != 0:
        print(f"WARNING: roadmap check exits {code} on the example roadmap; its cold start is timed anyway\n")
    cold = alternate({"C": command(example, expect=code), "P": command([sys.executable, "-c", "pass"])}, runs)
    table.section(f"cold start, example roadmap, {runs} runs each alternating (after 1 warm-up each)")
    table.row(
        "C",
        f"roadmap check {REPO} --as-of {EXAMPLE_AS_OF}",
        cold["C"],
        target=f"<= {TARGET_COLD} s",
        ok=cold["C"].median <= TARGET_COLD,
    )
    table.row("P", "python -c pass", cold["P"])
    table.ratio("C / P", cold["C"], cold["P"])
    table.row("C-P", "roadmap's own start + check", None, value=cold["C"].median - cold["P"].median)


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="A/B rounds in one process (default 7)")
    parser.add_argument(
        "--process-rounds", type=int, default=3, help="A/B rounds as separate processes (default 3; 0 skips)"
    )
    parser.add_argument("--cold-runs", type=int, default=10, help="runs of each cold-start case (default 10)")
    parser.add_argument(
        "--site-rounds",
        type=int,
        default=3,
        help="A/B rounds of the site builds (default 3; 0 skips the site benchmarks)",
    )
    parser.add_argument(
        "--hostile-rounds",
        type=int,
        default=20,
        help="rounds of the hostile YAML checks, alternating (default 20; 0 skips them)",
    )
    parser.add_argument(
        "--scale-rounds",
        type=int,
        default=3,
        help="rounds of the scale section's processes, alternating (default 3; 0 skips them)",
    )
    parser.add_argument(
        "--history-rounds",
        type=int,
        default=5,
        help="rounds of the history reads, alternating (default 5; 0 skips them)",
    )
    parser.add_argument(
        "--site-history-rounds",
        type=int,
        default=5,
        help="rounds of the site builds with and without the history, alternating (default 5; 0 skips them)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=SECTIONS,
        help="run only this section (repeatable; default: all): synthetic, hostile, cold (start and imports), site, "
        "scale, history, site-history",
    )
    parser.add_argument("--keep", type=Path, help="write the synthetic roadmap into this (empty) folder and keep it")
    return parser.parse_args()


def _synthetic_ab(table: Table, root: Path, shape: Shape, args: argparse.Namespace) -> None:
    """A/B on the synthetic roadmap: in one process, then as separate processes."""
    start = time.perf_counter()
    content = write_roadmap(root, shape)
    print(
        f"synthetic roadmap: {shape.files:,} files, {shape.years} years "
        f"({shape.first_year}-{shape.first_year + shape.years - 1}), "
        f"{len(DEPARTMENTS)} departments, in {root} (written in {time.perf_counter() - start:.1f} s)\n"
    )
    as_of = AS_OF.isoformat()
    check = in_process_check(root, as_of)
    code, output = check()
    if code != 0:  # a rule added since this bench was written: time it anyway, but say so
        print(
            f"WARNING: roadmap check exits {code} on the synthetic roadmap, so its timings are not those of a clean "
            "check:"
        )
        print("\n".join("  " + line for line in output.splitlines()[:5]) + "\n")
    parsed = parse_all(str(content))
    if parsed != shape.files:
        print(f"WARNING: the baseline parsed {parsed} files with metadata, expected {shape.files}\n")

    ab = alternate({"A": check, "B": lambda: parse_all(str(content))}, args.rounds)
    table.section(f"{shape.files:,} files, one process, {args.rounds} rounds A/B alternating (after 1 warm-up each)")
    table.row("A", f"roadmap check {root.name} --as-of {as_of}  (in-process, click main)", ab["A"])
    table.row("B", "python-frontmatter + yaml.CSafeLoader, sorted walk, read + parse", ab["B"])
    table.ratio("A / B", ab["A"], ab["B"], f"<= {TARGET_RATIO:.2f}x", TARGET_RATIO)

    if args.process_rounds:
        roadmap_check = [_bin("roadmap"), "check", str(root), "--as-of", as_of]
        baseline = [sys.executable, "-m", "bench.baseline", str(content)]
        procs = alternate(
            {"A": command(roadmap_check, expect=code), "B": command(baseline, cwd=REPO)}, args.process_rounds, warmup=0
        )
        table.section(
            f"{shape.files:,} files, separate processes (start and imports included), {args.process_rounds} rounds "
            "A/B alternating"
        )
        table.row("A", f"roadmap check {root.name} --as-of {as_of}", procs["A"])
        table.row("B", f"python -m bench.baseline {root.name}/roadmap", procs["B"])
        table.ratio("A / B", procs["A"], procs["B"], f"<= {TARGET_RATIO:.2f}x", TARGET_RATIO)


def _imports(example: list[str]) -> None:
    """Forbidden imports and the costliest ones, from one `-X importtime` run."""
    report = import_report([sys.executable, "-X", "importtime", *example])
    forbidden = report.forbidden()
    print(
        f"\nimports of `roadmap check` (one run, -X importtime): {len(report.modules)} modules, "
        f"{report.total_us / 1000:.0f} ms in imports; "
        f"plotly/jinja2/mkdocs/markdown/nh3/frontmatter: {', '.join(forbidden) if forbidden else 'none imported'}"
    )
    print("  by package (self time):  " + ", ".join(f"{name} {us / 1000:.1f} ms" for name, us in report.by_package[:8]))
    print(
        "  slowest modules (self):  " + ", ".join(f"{name} {us / 1000:.1f} ms" for name, us, _ in report.by_module[:6])
    )
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("  note: PYTHONDONTWRITEBYTECODE is set, so modules without a cached .pyc are compiled on every start")


def main() -> int:
    args = _args()
    print(
        f"roadmap-as-code bench: Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {_load()}; wall = time.perf_counter, cpu = process + waited-for "
        "children; medians"
    )
    print(f"command: {Path(sys.executable).name} -m bench {' '.join(sys.argv[1:])}".rstrip())
    only = set(args.only or SECTIONS)
    table = Table()
    with contextlib.ExitStack() as stack:
        root = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="roadmap-bench-")))
        if "synthetic" in only:
            _synthetic_ab(table, root, Shape(), args)
        if "hostile" in only and args.hostile_rounds:
            hostile_yaml(table, root / "hostile", args.hostile_rounds)
        size = ""
        if "site" in only and args.site_rounds:
            site_root = root / "site-bench"
            site_root.mkdir()
            plugin_vs_plain(table, site_root, args.site_rounds)
            scaling(table, site_root, args.site_rounds)
            size = example_sizes(site_root)
        notes = scale(table, root / "scale", args.scale_rounds) if "scale" in only and args.scale_rounds else []
        if "history" in only and args.history_rounds:
            notes += history_bench(table, root, args.history_rounds)
        if "site-history" in only and args.site_history_rounds:
            notes += site_history(table, root / "site-history", args.site_history_rounds)
    example = [_bin("roadmap"), "check", str(REPO), "--as-of", EXAMPLE_AS_OF]
    if "cold" in only and args.cold_runs:
        _cold_start(table, example, args.cold_runs)
    print(table.render())
    if size:
        print("\n" + size)
    if notes:
        print("\n" + "\n".join(notes))
    print(
        f"\nload average at the end: {_load()} (on a busy machine, trust the cpu and fastest-run ratios more than "
        "wall medians)"
    )
    if "cold" in only:
        _imports(example)
    return 0


if __name__ == "__main__":
    sys.exit(main())
