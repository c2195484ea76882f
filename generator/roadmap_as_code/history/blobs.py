"""Read many blobs with one `git cat-file --batch` and snapshot each as it streams in."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..filesystem import skip_bytes
from ..reading.frontmatter import MAX_FILE_BYTES
from .git_log import GitFailed, git_env
from .snapshot import Snapshot, oversized, problem, snapshot


def read_blobs(top: Path, blob_ids: Iterable[str]) -> dict[str, Snapshot]:
    """The snapshot of every blob named, from one git process (ids fed from a file, so no pipe can deadlock)."""
    wanted = sorted(set(blob_ids))
    if not wanted:
        return {}
    found: dict[str, Snapshot] = {}
    with tempfile.TemporaryFile() as ids:
        ids.write("".join(f"{blob}\n" for blob in wanted).encode("ascii"))
        ids.seek(0)
        try:
            process = subprocess.Popen(
                ["git", "-C", str(top), "cat-file", "--batch"],
                stdin=ids,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=git_env(),
            )
        except OSError as exc:
            raise GitFailed(f"cannot run git ({exc})") from None
        assert process.stdout is not None
        with process:
            for blob in wanted:
                found[blob] = _next(process.stdout, blob)
    return found


def _next(stream: IO[bytes], blob: str) -> Snapshot:
    header = stream.readline().split()
    if len(header) == 2 and header[1] == b"missing":
        return problem(1, "file", "expected the file's content, got none: git does not hold this version")
    if len(header) != 3:
        raise GitFailed(f"git cat-file answered {b' '.join(header)!r} for {blob}")
    size = int(header[2])
    if size > MAX_FILE_BYTES:
        if not skip_bytes(stream, size + 1):
            raise GitFailed("git stopped in the middle of a file")
        return oversized(size)
    raw = stream.read(size)
    stream.read(1)  # the newline after each object
    return snapshot(raw)
