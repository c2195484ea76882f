"""The organisation's own reference class: how its milestones and key actions went, per year and per department.

Plain values in, plain values out: the rendering stage reads each item's first due date, slips and quarter moves
from the plan's history and hands them here, so measuring needs no git.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median


@dataclass(frozen=True)
class MilestoneFacts:
    """What the history says about one milestone."""

    year: int
    first_due: date  # the due date it was first planned with
    completed_on: date | None  # its `completed` date, else the day of the check-in that completed it
    slips: int  # how many times its due date moved later
    slip_days: int  # the days it moved later, in all


@dataclass(frozen=True)
class ActionFacts:
    """What the history says about one key action."""

    year: int
    department: str
    moved_later: bool  # it ended in a later quarter than it was first planned in
    completed: bool


@dataclass(frozen=True)
class MilestoneYear:
    """One year's milestones: how many, how many on time, how many slipped and by how much."""

    year: int
    so_far: bool  # the current year: still running
    count: int
    decided: int  # completed, or past their first due date: the ones on-time is measured on
    on_time: int  # completed on or before their first due date
    slipped: int  # their due date moved later at least once
    median_slip: float | None  # in days, of those that slipped
    worst_slip: int | None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.decided if self.decided else None

    @property
    def slipped_share(self) -> float | None:
        return self.slipped / self.count if self.count else None


@dataclass(frozen=True)
class DepartmentYear:
    """One department's key actions in one year."""

    year: int
    department: str
    so_far: bool
    count: int
    moved_later: int
    completed: int

    @property
    def moved_share(self) -> float | None:
        return self.moved_later / self.count if self.count else None

    @property
    def completed_share(self) -> float | None:
        return self.completed / self.count if self.count else None


@dataclass(frozen=True)
class RiskFacts:
    """One risk a milestone named: when, until when, and the milestone's due date then."""

    year: int
    named: date  # the check-in that added it (or the milestone's first, when it came with the milestone)
    removed: date | None  # the check-in that took it out: mitigated, or no longer a risk
    due: date  # the milestone's due date today


@dataclass(frozen=True)
class RiskYear:
    """One year's risks: how many were named, how far ahead of the due date, how soon they were taken out."""

    year: int
    so_far: bool
    named: int
    removed: int
    median_lead: float | None  # days between naming a risk and its milestone's due date (negative: named late)
    median_open: float | None  # days a removed risk stayed on the plan


def risk_years(facts: Iterable[RiskFacts], current: int) -> list[RiskYear]:
    """Per year (oldest first): risks named, taken out, median lead before the due date, median days open."""
    by_year: dict[int, list[RiskFacts]] = {}
    for f in facts:
        by_year.setdefault(f.year, []).append(f)
    out = []
    for year in sorted(by_year):
        items = by_year[year]
        open_days = [(f.removed - f.named).days for f in items if f.removed is not None]
        out.append(
            RiskYear(
                year=year,
                so_far=year == current,
                named=len(items),
                removed=len(open_days),
                median_lead=median((f.due - f.named).days for f in items),
                median_open=median(open_days) if open_days else None,
            )
        )
    return out


def on_time_forecast(years: Iterable[MilestoneYear], current: int, still_open: int) -> tuple[float, int] | None:
    """The earlier years' on-time rate and what it suggests for the current year's open milestones, if measured."""
    earlier = [y for y in years if y.year < current]
    decided = sum(y.decided for y in earlier)
    if not decided or not still_open:
        return None
    rate = sum(y.on_time for y in earlier) / decided
    return rate, round(rate * still_open)


def milestone_years(facts: Iterable[MilestoneFacts], current: int, as_of: date) -> list[MilestoneYear]:
    """Per year (oldest first): count, on-time, slipped at least once, median and worst total slip."""
    by_year: dict[int, list[MilestoneFacts]] = {}
    for f in facts:
        by_year.setdefault(f.year, []).append(f)
    out = []
    for year in sorted(by_year):
        items = by_year[year]
        decided = [f for f in items if f.completed_on is not None or f.first_due < as_of]
        slips = sorted(f.slip_days for f in items if f.slips)
        out.append(
            MilestoneYear(
                year=year,
                so_far=year == current,
                count=len(items),
                decided=len(decided),
                on_time=sum(1 for f in decided if f.completed_on is not None and f.completed_on <= f.first_due),
                slipped=len(slips),
                median_slip=median(slips) if slips else None,
                worst_slip=slips[-1] if slips else None,
            )
        )
    return out


def department_years(facts: Iterable[ActionFacts], current: int) -> list[DepartmentYear]:
    """Per year (oldest first) and department (by id): count, moved to a later quarter, completed."""
    groups: dict[tuple[int, str], list[ActionFacts]] = {}
    for f in facts:
        groups.setdefault((f.year, f.department), []).append(f)
    return [
        DepartmentYear(
            year=year,
            department=department,
            so_far=year == current,
            count=len(items),
            moved_later=sum(1 for f in items if f.moved_later),
            completed=sum(1 for f in items if f.completed),
        )
        for (year, department), items in sorted(groups.items())
    ]


def one_in(part: int, whole: int) -> str:
    """A share in words a stakeholder reads: '1 in 4', 'all 6', else '3 of 8'."""
    if part == whole:
        return f"all {whole}" if whole > 1 else "its one"
    if whole % part == 0:
        return f"1 in {whole // part}"
    return f"{part} of {whole}"


def department_sentence(name: str, rows: Iterable[DepartmentYear]) -> str:
    """'Marketing moved 1 in 4 key actions to a later quarter and completed 3 of 8 (2025–2026).'"""
    rows = list(rows)
    count = sum(r.count for r in rows)
    moved = sum(r.moved_later for r in rows)
    done = sum(r.completed for r in rows)
    years = sorted({r.year for r in rows})
    span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    running = " so far" if any(r.so_far for r in rows) else ""
    plural = "key actions" if count > 1 else "key action"
    first = (
        f"moved {one_in(moved, count)} {plural} to a later quarter"
        if moved
        else f"kept {'all ' + str(count) if count > 1 else 'its one'} {plural} in their planned quarter"
    )
    second = f"completed {one_in(done, count)}" if done else "completed none yet"
    return f"{name} {first} and {second} ({span}{running})."
