"""The file-system rule, enforced here and only here.

The tool reads only regular files inside the roadmap folder (never through a symbolic link, never a
pipe or device), writes only inside the output folder it was given or a scratch folder it creates
itself next to it (never through a link, never outside), and never runs code from the repository.
A repository takes pull requests from many people, so a committed `site -> ../precious` link or a
`downloads/roadmap.csv -> ~/.bashrc` must be refused, not followed. Every reader and writer of the
package goes through the functions below.
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .errors import UsageError

_KINDS = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
    stat.S_IFREG: "a regular file",
}
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@functools.cache
def _umask() -> int:
    """The process's umask, read once (reading it means setting it, so not per file written)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class NotRegular(OSError):
    """A path that is not a regular file where one is read or replaced."""


def kind_of(mode: int) -> str:
    """What a file-system entry is, in words: 'a symbolic link', 'a named pipe', ..."""
    return _KINDS.get(stat.S_IFMT(mode), "a special file")


def entry_kind(entry: os.DirEntry[str]) -> str:
    """'file', 'folder' or the words for anything else; links are never followed."""
    if entry.is_symlink():
        return kind_of(stat.S_IFLNK)
    if entry.is_file(follow_symlinks=False):
        return "file"
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    return kind_of(entry.stat(follow_symlinks=False).st_mode)


def path_kind(path: str | os.PathLike[str]) -> str | None:
    """'file', 'folder', the words for anything else, or None when nothing is there; links are not followed."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "folder"
    return kind_of(mode)


def skip_bytes(stream: IO[bytes], size: int) -> bool:
    """Read past `size` bytes of a stream in chunks, never holding them all; False when it ends before."""
    while size > 0:
        chunk = stream.read(min(size, 1 << 20))
        if not chunk:
            return False
        size -= len(chunk)
    return True


def read_regular(path: str | os.PathLike[str], limit: int) -> tuple[bytes, int]:
    """At most limit + 1 bytes of a regular file and its size; NotRegular for a link, pipe or device.

    The file is opened without following a final link and checked on the open descriptor, so a link
    swapped in after the folder was listed is refused too.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", -1):
            raise NotRegular(exc.errno, "is a symbolic link") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(0, f"is {kind_of(info.st_mode)}")
        return handle.read(limit + 1), info.st_size


def refuse_link(path: Path, what: str, allowed: str = "folder") -> str | None:
    """The kind found at path, which is nothing or `allowed`; UsageError for a link or any other kind."""
    kind = path_kind(path)
    if kind not in (None, allowed):
        target = f" to {os.readlink(path)}" if kind == kind_of(stat.S_IFLNK) else ""
        words = {"file": "a regular file", "folder": "a folder"}.get(kind, kind)
        raise UsageError(
            f"{path}: expected {what}, got {words}{target}; the tool never writes through a link or over "
            "another kind of file: remove it (git rm it if it is committed) and run again"
        )
    return kind


def output_folder(path: Path) -> Path:
    """An output folder the tool may write into: missing or a real folder, never a link; created if missing."""
    refuse_link(path, "a folder to write into")
    path.mkdir(parents=True, exist_ok=True)
    refuse_link(path, "a folder to write into")
    return path


def _folder_for(out: Path, rel: str) -> tuple[Path, str]:
    """The folder below out that rel names a file in (created, never through a link), and the file's name."""
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise UsageError(f"refusing to write {rel!r}: expected a path inside {out}")
    folder = out
    for part in parts[:-1]:
        folder = folder / part
        if refuse_link(folder, "a folder to write into") is None:
            folder.mkdir()
    return folder, parts[-1]


def write_inside(out: Path, rel: str, data: bytes) -> Path:
    """Write data to out/rel atomically, creating folders below out; refuses links and paths leaving out."""
    folder, name = _folder_for(out, rel)
    target = folder / name
    refuse_link(target, "a regular file to replace", allowed="file")
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}.", delete=False)  # noqa: SIM115
    try:
        with handle:
            handle.write(data)
        os.chmod(handle.name, 0o666 & ~_umask())  # as open() would have made it
        os.replace(handle.name, target)  # replaces the entry itself: a link put there meanwhile is not followed
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return target


def move_inside(root: Path, old: str, new: str) -> Path:
    """Rename root/old (a regular file or a real folder) to root/new, which must not exist; never through a link."""
    source = root / old
    kind = path_kind(source)
    if kind not in ("file", "folder") or any(p in ("", ".", "..") for p in old.split("/")):
        raise UsageError(f"{source}: expected a regular file or folder to rename, got {kind or 'nothing'}")
    for parent in list(Path(old).parents)[:-1]:
        refuse_link(root / parent, "a folder to rename in")
    folder, name = _folder_for(root, new)
    target = folder / name
    if path_kind(target) is not None:
        raise UsageError(f"{target}: expected nothing there to rename {old} to, got {path_kind(target)}; nothing moved")
    os.rename(source, target)
    return target


SCRATCH = ".{name}.building-"


@contextmanager
def replacing_folder(target: Path) -> Iterator[Path]:
    """A fresh scratch folder next to target, swapped in for target when the block succeeds.

    On an error or interrupt the scratch folder is removed and target stays as it was. The scratch
    folder is made with mkdtemp, so nothing planted in the repository can stand in for it; scratch
    folders left by a killed run (same prefix, real folders) are removed first.
    """
    refuse_link(target, "a folder the build can replace")
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    prefix = SCRATCH.format(name=target.name)
    for stale in parent.glob(prefix + "*"):
        if path_kind(stale) == "folder":
            shutil.rmtree(stale, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    os.chmod(scratch, 0o777 & ~_umask())  # mkdtemp makes it private; a published site is readable like any folder
    try:
        yield scratch
        # Checked again: a build takes a while, and a link may have been put in target's place meanwhile.
        if refuse_link(target, "a folder the build can replace") == "folder":
            previous = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            os.replace(target, previous)  # onto an empty folder: allowed, and atomic
            os.replace(scratch, target)
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(scratch, target)
    finally:
        if path_kind(scratch) == "folder":
            shutil.rmtree(scratch, ignore_errors=True)
