"""Build the site with MkDocs into a scratch folder and swap it in only when the build succeeds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path


def _epoch(day: date) -> str:
    return str(int(datetime.combine(day, time(0, 0), tzinfo=UTC).timestamp()))


def build_env(as_of: date | None) -> dict[str, str]:
    """The build's environment: an explicit as-of date becomes SOURCE_DATE_EPOCH.

    Without one, the roadmap plugin pins SOURCE_DATE_EPOCH to the last commit itself, for
    every `mkdocs build`, so it is not repeated here.
    """
    env = dict(os.environ)
    if as_of is not None:
        env["SOURCE_DATE_EPOCH"] = _epoch(as_of)
    return env


def build_site(
    config_file: Path, site_dir: Path, as_of: date | None = None, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build`; replace site_dir only when it succeeded, so a failed build keeps the last good site."""
    site_dir = site_dir.resolve()
    scratch = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(scratch, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir", str(scratch)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, capture_output=True, text=True, env=build_env(as_of), check=False)
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
