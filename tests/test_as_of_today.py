"""The as-of date defaults to today in the organisation's timezone (`timezone:` in roadmap.yml, UTC unless set);
an unknown zone is a located problem with the closest known name. "Today" is always pinned (asof.now)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from roadmap_as_code.checking import check_as_of
from roadmap_as_code.errors import InvalidRoadmap
from tests.helpers import RoadmapBuilder

SETTINGS = "organisation: Example Ltd\ntimezone: {zone}\ndepartments:\n  - id: marketing\n    name: Marketing\n"
Clock = Callable[[str], None]
EXPECTED = "expected an IANA time zone name such as 'Europe/Berlin' or 'UTC'"


def with_zone(builder: RoadmapBuilder, zone: str) -> RoadmapBuilder:
    """The valid roadmap with `timezone: <zone>` on line 2 of roadmap.yml (and only the marketing department)."""
    builder.valid()
    builder.write("roadmap.yml", SETTINGS.format(zone=zone))
    (builder.content / "2026" / "actions" / "sales" / "hire-closers.md").unlink()
    return builder


@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Asia/Kolkata"]
)
def test_an_iana_zone_name_is_accepted(builder: RoadmapBuilder, zone: str) -> None:
    assert with_zone(builder, zone).problems() == []


@pytest.mark.parametrize(
    ("zone", "got"),
    [
        ("Europe/Berlinn", "'Europe/Berlinn'; did you mean 'Europe/Berlin'?"),
        ("europe/berlin", "'europe/berlin'; did you mean 'Europe/Berlin'?"),
        ("CET+1", "'CET+1'; see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones"),
        ("Europe", "'Europe'; see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones"),
        ("localtime", "'localtime'; see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones"),
        (
            "../../../etc/passwd",
            "'../../../etc/passwd'; see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones",
        ),
    ],
)
def test_an_unknown_zone_is_located_with_the_closest_name(builder: RoadmapBuilder, zone: str, got: str) -> None:
    """A typo, the wrong case, a folder of zones, this machine's zone or a path: refused at the line of the key."""
    assert [str(p) for p in with_zone(builder, zone).problems()] == [
        f"roadmap/roadmap.yml:2: timezone: {EXPECTED}, got {got}"
    ]


def test_a_zone_that_is_not_text_says_so(builder: RoadmapBuilder) -> None:
    assert [str(p) for p in with_zone(builder, "1").problems()] == [
        'roadmap/roadmap.yml:2: timezone: expected text, got the number 1 (quote it if you mean text: "1")'
    ]


def test_check_as_of_judges_the_roadmap_on_todays_date_in_its_zone(builder: RoadmapBuilder, clock: Clock) -> None:
    """23:30 UTC on 1 December is 00:30 on 2 December in Berlin: a completion dated 2 December is not in the future."""
    with_zone(builder, "Europe/Berlin")
    builder.milestone("grow-revenue", "more-leads", status="completed", completed="2026-12-02")
    clock("2026-12-01T23:30:00+00:00")
    checked = check_as_of(builder.content, builder.root, None, env={})
    assert (checked.as_of, checked.origin, checked.problems) == (date(2026, 12, 2), "today (Europe/Berlin)", ())

    builder.write("roadmap.yml", SETTINGS.format(zone="UTC"))
    checked = check_as_of(builder.content, builder.root, None, env={})
    assert (checked.as_of, checked.origin) == (date(2026, 12, 1), "today (UTC)")
    assert [p.field for p in checked.problems] == ["completed"]


def test_unreadable_settings_leave_the_date_in_utc(builder: RoadmapBuilder, clock: Clock) -> None:
    """The date still comes out (JSON reports carry it) when roadmap.yml itself is at fault."""
    with_zone(builder, "Pacific/Kiritimati")
    builder.write("roadmap.yml", SETTINGS.format(zone="Pacific/Kiritimati") + "colour: blue\n")
    clock("2026-12-01T12:00:00+00:00")
    checked = check_as_of(builder.content, builder.root, None, env={})
    assert (checked.as_of, checked.origin, checked.roadmap) == (date(2026, 12, 1), "today (UTC)", None)
    assert [p.field for p in checked.problems] == ["colour"]


def test_an_explicit_date_or_source_date_epoch_ignores_the_clock(builder: RoadmapBuilder, clock: Clock) -> None:
    with_zone(builder, "Europe/Berlin")
    clock("2026-12-01T23:30:00+00:00")
    assert check_as_of(builder.content, builder.root, date(2026, 11, 20), env={}).as_of == date(2026, 11, 20)
    pinned = check_as_of(builder.content, builder.root, None, env={"SOURCE_DATE_EPOCH": "1795132800"})
    assert (pinned.as_of, pinned.origin) == (date(2026, 11, 20), "SOURCE_DATE_EPOCH")


def test_checked_passed_raises_the_problems(builder: RoadmapBuilder, clock: Clock) -> None:
    with_zone(builder, "Mars/Olympus_Mons")
    clock("2026-12-01T12:00:00+00:00")
    with pytest.raises(InvalidRoadmap) as caught:
        check_as_of(builder.content, builder.root, None, env={}).passed()
    assert "roadmap/roadmap.yml:2: timezone: " in str(caught.value)
