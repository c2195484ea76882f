"""Build the site with MkDocs into a scratch folder and swap it in only when the build succeeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Optional

from .asof import last_commit_timestamp


def _epoch(day: date) -> str:
    return str(int(datetime.combine(day, time(0, 0), tzinfo=timezone.utc).timestamp()))


def build_env(config_file: Path, as_of: Optional[date]) -> dict[str, str]:
    """The build's environment: SOURCE_DATE_EPOCH pinned so the output never depends on the wall clock."""
    env = dict(os.environ)
    if as_of is not None:
        env["SOURCE_DATE_EPOCH"] = _epoch(as_of)
    elif not env.get("SOURCE_DATE_EPOCH"):
        committed = last_commit_timestamp(config_file.parent)
        if committed is not None:
            env["SOURCE_DATE_EPOCH"] = str(committed)
    return env


def build_site(config_file: Path, site_dir: Path, as_of: Optional[date] = None, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build`; replace site_dir only when it succeeded, so a failed build keeps the last good site."""
    site_dir = site_dir.resolve()
    scratch = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(scratch, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(scratch)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(config_file, as_of), check=False)
    if result.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        return result
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    scratch.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    return result

