"""A build without an as-of date is about today in the organisation's timezone, and reproducible: one commit
built twice on one day (in that timezone) gives byte-identical sites; the next day, the new date."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from roadmap_as_code.edges.plugin.site_build import build_site
from tests.helpers import RoadmapBuilder

pytestmark = pytest.mark.site

CONFIG = """\
site_name: Today
site_url: https://example.invalid/
theme: {name: material, font: false}
plugins: [roadmap-as-code]
"""


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_on_one_day_are_byte_identical_and_dated_today_in_the_zone(
    builder: RoadmapBuilder, monkeypatch: pytest.MonkeyPatch, clock: Callable[[str], None]
) -> None:
    """23:30 UTC on 1 December and 20:00 UTC on 2 December are both 2 December in Berlin: the same site, sitemap
    dates and gzip header included. SOURCE_DATE_EPOCH pinned for MkDocs is gone after the build."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    builder.valid()
    builder.settings(timezone="Europe/Berlin")
    (builder.root / "docs").mkdir()
    config = builder.root / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")

    clock("2026-12-01T23:30:00+00:00")
    assert build_site(config, builder.root / "late").returncode == 0
    clock("2026-12-02T20:00:00+00:00")
    assert build_site(config, builder.root / "evening").returncode == 0
    late = tree(builder.root / "late")
    assert late == tree(builder.root / "evening")
    assert b"As of 2026-12-02" in late["index.html"]
    assert b"<lastmod>2026-12-02</lastmod>" in late["sitemap.xml"]
    assert "SOURCE_DATE_EPOCH" not in os.environ

    clock("2026-12-02T23:30:00+00:00")  # 00:30 on 3 December in Berlin
    assert build_site(config, builder.root / "next").returncode == 0
    assert b"As of 2026-12-03" in (builder.root / "next" / "index.html").read_bytes()
    assert b"<lastmod>2026-12-03</lastmod>" in (builder.root / "next" / "sitemap.xml").read_bytes()
