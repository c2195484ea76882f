"""Build the site with MkDocs, in this process, into a scratch folder swapped in only when the build succeeds.

In-process rather than `python -m mkdocs`: that puts the current folder first on the import path, so a
committed `mkdocs.py` would run; and a killed parent would leave an orphan build behind. SIGTERM and
SIGHUP end the build like Ctrl-C does, so the scratch folder is removed and the last good site stays.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import FrameType

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ...asof import midnight_epoch
from ...filesystem import replacing_folder
from .offline import read_from_disk


@dataclass(frozen=True)
class BuildResult:
    """Whether the build succeeded, and what MkDocs and the plugins logged at warning level and above."""

    returncode: int
    log: str


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _environment(as_of: date | None) -> Iterator[None]:
    """An explicit as-of date as SOURCE_DATE_EPOCH for the build's duration (MkDocs stamps the sitemap with it)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    if as_of is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(midnight_epoch(as_of))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM and SIGHUP raise KeyboardInterrupt, so cleanup runs (main thread only, as signals require)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def build_site(
    config_file: Path, site_dir: Path, as_of: date | None = None, strict: bool = True, offline: bool = False
) -> BuildResult:
    """Run MkDocs' build; replace site_dir only when it succeeded, so a failed build keeps the last good site.

    offline: a site to open from disk (see offline.py), as the pull-request preview is.
    """
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        with _interruptible(), _environment(as_of), replacing_folder(site_dir.absolute()) as scratch:
            config = load_config(str(config_file), site_dir=str(scratch), strict=strict)
            if offline:
                read_from_disk(config)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except MkDocsException as exc:
        if not (isinstance(exc, Abort) and collect.lines):  # MkDocs logged the cause already; keep it alone
            collect.lines.append(f"ERROR: {exc.format_message()}")
        return BuildResult(1, "\n".join(collect.lines))
    finally:
        logger.removeHandler(collect)
    return BuildResult(0, "\n".join(collect.lines))
