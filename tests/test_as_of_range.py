"""The supported years, 2000 to 2099: year folders and as-of dates outside them get a clear message, never a crash
(MkDocs stamps sitemap.xml.gz with a 32-bit time, which ends in 2106; a negative time is no date at all)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from roadmap_as_code.asof import resolve_as_of
from roadmap_as_code.errors import UsageError
from tests.helpers import BIN, RoadmapBuilder


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "roadmap"), *args], capture_output=True, text=True, check=False, env=env)


@pytest.mark.parametrize("day", ["1969-12-31", "1999-12-31", "2100-01-01", "2106-02-08", "9999-12-31"])
@pytest.mark.parametrize("command", ["check", "build", "export-data"])
def test_an_as_of_date_outside_the_supported_years_is_refused_naming_the_option(
    builder: RoadmapBuilder, tmp_path: Path, day: str, command: str
) -> None:
    builder.valid()
    args = {"check": [str(builder.root)], "build": [], "export-data": [str(builder.root), "--out", str(tmp_path / "o")]}
    result = run(command, *args[command], "--as-of", day)
    assert result.returncode == 2
    assert f"Invalid value for '--as-of': expected a date from 2000-01-01 to 2099-12-31, got {day}" in result.stderr
    assert "SOURCE_DATE_EPOCH" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("day", ["2000-01-01", "2099-12-31"])
def test_the_first_and_last_supported_days_are_accepted(builder: RoadmapBuilder, day: str) -> None:
    builder.valid()
    result = run("check", str(builder.root), "--as-of", day)
    assert result.returncode in (0, 1), result.stderr
    assert f"as of {day}" in result.stdout or "problem" in result.stdout


@pytest.mark.parametrize("epoch", ["-86400", "4354732800", "99999999999999999999"])
def test_a_source_date_epoch_outside_the_supported_years_names_the_variable(epoch: str) -> None:
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        resolve_as_of(None, "UTC", {"SOURCE_DATE_EPOCH": epoch})


def test_an_explicit_date_out_of_range_is_refused_by_the_core_too() -> None:
    with pytest.raises(UsageError, match=r"as-of date: expected a date from 2000-01-01 to 2099-12-31, got 2106-02-08"):
        resolve_as_of(date(2106, 2, 8), "UTC", {})


def test_a_clock_past_the_supported_years_asks_for_an_explicit_date(clock: Callable[[str], None]) -> None:
    """New Year's Eve 2099 in UTC is already 2100 in Auckland: today there is refused, naming the zone."""
    clock("2099-12-31T12:00:00+00:00")
    assert resolve_as_of(None, "UTC", {}) == (date(2099, 12, 31), "today (UTC)")
    message = r"today in Pacific/Auckland: expected a date from 2000-01-01 to 2099-12-31, got 2100-01-01; pass --as-of"
    with pytest.raises(UsageError, match=message):
        resolve_as_of(None, "Pacific/Auckland", {})


@pytest.mark.parametrize("year", ["1999", "2100", "2199"])
def test_a_year_folder_outside_the_supported_years_is_a_located_problem(builder: RoadmapBuilder, year: str) -> None:
    builder.valid()
    (builder.content / year / "goals").mkdir(parents=True)
    assert [str(p) for p in builder.problems()] == [
        f"roadmap/{year}:1: path: expected a year from 2000 to 2099 here, got '{year}'; move or remove it"
    ]
