"""Alternating A/B timing with medians: wall time by perf_counter, CPU time alongside."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Samples:
    """Wall and CPU seconds of each run of one case."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def _children_cpu() -> float:
    """CPU seconds of waited-for child processes (0 where the resource module is missing, e.g. Windows)."""
    try:
        import resource
    except ImportError:  # pragma: no cover
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def alternate(cases: Mapping[str, Callable[[], object]], rounds: int, warmup: int = 1) -> dict[str, Samples]:
    """Run the cases in turn, round after round (ABAB..., the order flipping each round), after warm-up runs.

    Each run starts after a full garbage collection, so one case's garbage is not charged to the other.
    CPU time counts this process and the children it waited for.
    """
    names = list(cases)
    for _ in range(warmup):
        for name in names:
            cases[name]()
    samples = {name: Samples() for name in names}
    for i in range(rounds):
        for name in names if i % 2 == 0 else reversed(names):
            gc.collect()
            cpu0, child0 = time.process_time(), _children_cpu()
            start = time.perf_counter()
            cases[name]()
            samples[name].wall.append(time.perf_counter() - start)
            samples[name].cpu.append(time.process_time() - cpu0 + _children_cpu() - child0)
    return samples


def command(
    argv: Sequence[str], env: dict[str, str] | None = None, expect: int = 0, cwd: os.PathLike[str] | None = None
) -> Callable[[], None]:
    """A case that runs a command, output discarded, and fails loudly on an unexpected exit status."""
    full_env = {**os.environ, **(env or {})}

    def run() -> None:
        result = subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=full_env, cwd=cwd, check=False
        )
        if result.returncode != expect:
            raise RuntimeError(
                f"{' '.join(argv)} exited {result.returncode}: {result.stderr.decode(errors='replace')[-500:]}"
            )

    return run


def in_process_check(root: Path, as_of: str) -> Callable[[], tuple[int, str]]:
    """`roadmap check ROOT --as-of DATE` through the click command; returns (exit status, output)."""
    from roadmap_as_code.edges.cli import main

    def run() -> tuple[int, str]:
        out = io.StringIO()
        code = 0
        with contextlib.redirect_stdout(out):
            try:
                main.main(["check", str(root), "--as-of", as_of], prog_name="roadmap", standalone_mode=False)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        return code, out.getvalue()

    return run
