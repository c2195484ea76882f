"""What `roadmap check` imports at start: forbidden packages, and the costliest imports by `-X importtime`."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

FORBIDDEN = ("plotly", "jinja2", "mkdocs", "markdown", "nh3", "frontmatter")


@dataclass(frozen=True)
class ImportReport:
    """Modules imported by one run, self time per top-level package, and the slowest single modules."""

    modules: tuple[str, ...]
    total_us: int
    by_package: list[tuple[str, int]]
    by_module: list[tuple[str, int, int]]

    def forbidden(self) -> list[str]:
        return sorted({m for m in self.modules if m.split(".")[0] in FORBIDDEN})


def import_report(argv: Sequence[str]) -> ImportReport:
    """Run a Python command under `-X importtime` and summarise its stderr."""
    result = subprocess.run(list(argv), capture_output=True, text=True, check=False)
    rows: list[tuple[str, int, int]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:") :].split("|")
        rows.append((name.strip(), int(self_us), int(cumulative_us)))
    packages: dict[str, int] = defaultdict(int)
    for module, own_us, _ in rows:
        packages[module.split(".")[0]] += own_us
    return ImportReport(
        tuple(name for name, _, _ in rows),
        sum(s for _, s, _ in rows),
        sorted(packages.items(), key=lambda item: -item[1]),
        sorted(rows, key=lambda row: -row[1]),
    )
