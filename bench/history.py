"""History: read_history cold (empty cache) against a bare yardstick, and warm, on 2,000 commits over 300 files.

The yardstick lists the changed files per commit (`git log --first-parent --name-status` of the folder), reads
each changed file once with one `git cat-file --batch` and parses it with python-frontmatter + CSafeLoader:
no validation, no derivation, no cache. Run alone: `python -m bench --only history`.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import frontmatter

from roadmap_as_code.history import read_history

from .baseline import HANDLER
from .history_repo import AS_OF, COMMITS, build_repository
from .table import Table
from .timing import alternate

TARGET_COLD = 1.5  # cold read_history against the yardstick
_FILE_STATUS = ("A", "M", "R", "C", "T")


def yardstick(top: Path, folder: str) -> int:
    """List the folder's changed files per commit, read each with one cat-file, parse it; returns how many."""
    log = subprocess.run(
        ["git", "-C", str(top), "log", "--first-parent", "--name-status", "-z", "--format=%x1e%H", "--", folder],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "surrogateescape")
    wanted: list[str] = []
    commit = ""
    tokens = iter(log.split("\0"))
    for raw in tokens:
        token = raw.lstrip("\n")
        if token.startswith("\x1e"):
            commit = token[1:]
        elif token:
            path = next(tokens)
            if token[0] in "RC":
                path = next(tokens)
            if token[0] in _FILE_STATUS and path.endswith(".md"):
                wanted.append(f"{commit}:{path}")
    batch = subprocess.run(
        ["git", "-C", str(top), "cat-file", "--batch"],
        input="".join(f"{name}\n" for name in wanted).encode(),
        capture_output=True,
        check=True,
    ).stdout
    parsed, at = 0, 0
    for _ in wanted:
        end = batch.index(b"\n", at)
        size = int(batch[at:end].split()[2])
        text = batch[end + 1 : end + 1 + size].decode("utf-8", "replace")
        at = end + 2 + size
        with contextlib.suppress(Exception):  # the yardstick only parses; a broken file counts as read
            frontmatter.loads(text, handler=HANDLER)
        parsed += 1
    return parsed


def history_bench(table: Table, root: Path, rounds: int) -> list[str]:
    """Build the synthetic repository under root, time the three cases; returns lines to print after the table."""
    content = build_repository(root / "history-repo")
    scratch = Path(tempfile.mkdtemp(prefix="history-cache-", dir=root))
    warm_cache = scratch / "warm"
    counter = iter(range(10**6))

    def cold() -> object:
        folder = scratch / f"cold-{next(counter)}"
        history = read_history(content, AS_OF, "UTC", cache=folder)
        shutil.rmtree(folder, ignore_errors=True)
        return history

    history = read_history(content, AS_OF, "UTC", cache=warm_cache)
    files = yardstick(content.parent, "roadmap")
    samples = alternate(
        {
            "H": cold,
            "Y": lambda: yardstick(content.parent, "roadmap"),
            "W": lambda: read_history(content, AS_OF, "UTC", cache=warm_cache),
        },
        rounds,
    )
    table.section(
        f"history: {COMMITS:,} commits over {len(history.items)} roadmap files, {rounds} rounds alternating "
        "(after 1 warm-up each)"
    )
    table.row("H", "read_history, cold (empty cache): git log --raw, one cat-file, strict parse, derive", samples["H"])
    yard = f"yardstick: git log --name-status, one cat-file, frontmatter+CSafeLoader ({files:,} files)"
    table.row("Y", yard, samples["Y"])
    table.ratio("H / Y", samples["H"], samples["Y"], f"<= {TARGET_COLD:.2f}x", TARGET_COLD)
    table.row("W", "read_history, warm (cache hit: one git rev-parse, JSON load)", samples["W"])
    table.ratio("W / Y", samples["W"], samples["Y"])
    shutil.rmtree(scratch, ignore_errors=True)
    changes = sum(len(i.changes) for i in history.items.values())
    return [
        f"history: {len(history.commits):,} check-ins, {changes:,} changes, {len(history.notes)} notes; "
        f"`git log -p` of the folder: {_git_log_p(content.parent):.3f} s"
    ]


def _git_log_p(top: Path) -> float:
    import time

    start = time.perf_counter()
    subprocess.run(["git", "-C", str(top), "log", "-p", "--", "roadmap"], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
