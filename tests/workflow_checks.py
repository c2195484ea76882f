"""Offline checks of GitHub workflow and action files, shared by the repository's tests and the scaffold's.

check-jsonschema (GitHub's own schemas, vendored), zizmor (its offline audits at medium severity and above)
and the pinning rule: every action another repository publishes is pinned by full commit SHA, with the
release in a `# vX.Y.Z` comment on the same line.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.helpers import BIN

SHA_PIN = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
VERSION_COMMENT = re.compile(r"# v\d+(\.\d+)*")
LOCAL = "./"
"""The action at the repository root: this repository's own code at the commit being run, so no pin."""


def tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} not found next to {sys.executable}; run the tests with `make test`"
    return str(path)


def schema_errors(schema: str, files: list[Path]) -> str:
    """check-jsonschema's complaints about files under a vendored schema (vendor.github-workflows...); '' if none."""
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return "" if result.returncode == 0 else result.stdout + result.stderr


def zizmor_findings(*paths: Path) -> list[str]:
    """zizmor's offline findings at medium severity or above, as 'ident (severity): file'."""
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=paths[0].parent,
    )
    assert result.stdout.strip().startswith("["), result.stderr
    return sorted(
        f"{f['ident']} ({f['determinations']['severity']}): "
        f"{f['locations'][0]['symbolic']['key']['Local']['verbatim_path']}"
        for f in json.loads(result.stdout)
        if f["determinations"]["severity"] in ("Medium", "High") and not f.get("ignored")
    )


def all_steps(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of a workflow's jobs, or of a composite action."""
    if "runs" in document:
        return list(document["runs"].get("steps", []))
    return [step for job in document["jobs"].values() for step in job.get("steps", [])]


def unpinned(path: Path, document: dict[str, Any]) -> list[str]:
    """Each `uses:` that is neither the local action nor a plain `uses: owner/repo@sha # vX` line."""
    used = [s["uses"] for s in all_steps(document) if "uses" in s]
    used += [j["uses"] for j in document.get("jobs", {}).values() if "uses" in j]
    matches = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    found = [(m.group(1), m.group(2).strip()) for m in matches if m]
    assert [u for u, _ in found] == used, "every uses: must be on a line of its own, `uses: owner/repo@sha # vX`"
    return [
        f"{u} {comment}".strip()
        for u, comment in found
        if u != LOCAL and not (SHA_PIN.fullmatch(u) and VERSION_COMMENT.fullmatch(comment))
    ]


def pins(path: Path) -> dict[str, str]:
    """Each pinned action of a file, by name: its `sha # vX` reference."""
    pinned: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = USES_LINE.match(line)
        if match and SHA_PIN.fullmatch(match.group(1)):
            name, sha = match.group(1).split("@")
            pinned[name] = f"{sha} {match.group(2).strip()}"
    return pinned
