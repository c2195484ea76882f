"""Where each generated page sits: the nav holds a section per year, item pages name the page that stands for
them in the nav and show the way to it under their title, and key-action tables run by quarter."""

from __future__ import annotations

import re

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.rendering.pages import GeneratedPage, build_pages, site_nav
from tests.helpers import AS_OF, REPO, RoadmapBuilder

PLACE = re.compile(r'<small class="roadmap-path"[^>]*data-search-exclude>(.*?)</small>')


@pytest.fixture(scope="module")
def pages() -> dict[str, GeneratedPage]:
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    return {page.path: page for page in build_pages(roadmap, AS_OF)}


def _year(year: int) -> list[object]:
    return [
        {"Dashboard": "index.md" if year == 2026 else f"{year}/index.md"},
        {"Timeline": f"{year}/timeline.md"},
        {"Quarterly reviews": [{f"Q{q} {year}": f"{year}/quarters/q{q}.md"} for q in range(1, 5)]},
        {"Departments": f"{year}/departments/index.md"},
        {"Owners": f"{year}/owners.md"},
    ]


def test_each_year_is_a_nav_section_of_its_own_newest_first() -> None:
    """A 2025 page opens 2025's section: no entry of 2026 is listed beside it."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    assert site_nav(roadmap, AS_OF) == [{"2026": _year(2026)}, {"2025": _year(2025)}, {"All years": "archive.md"}]


def test_the_nav_holds_the_years_next_to_the_default_one_and_all_years_stands_for_the_others(
    builder: RoadmapBuilder,
) -> None:
    """Every page renders the whole nav: a section per year would make a long history's build quadratic."""
    builder.valid()
    for year in range(2020, 2026):
        builder.goal("grow-revenue", year=year)
        for quarter, milestone_id in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
            builder.milestone("grow-revenue", milestone_id, year=year, quarter=quarter)
    roadmap = check_roadmap(builder.content, builder.root, AS_OF)
    assert [next(iter(entry)) for entry in site_nav(roadmap, AS_OF)] == ["2026", "2025", "All years"]
    parents = {page.path: page.parent for page in build_pages(roadmap, AS_OF)}
    assert parents["2021/index.md"] == parents["2021/timeline.md"] == "archive.md"  # "All years" lights up
    assert parents["2021/goals/grow-revenue.md"] == "2021/index.md"
    assert parents["2025/index.md"] is None and parents["2025/quarters/q2.md"] is None  # in the nav themselves


def test_a_single_year_keeps_its_entries_at_the_top(builder: RoadmapBuilder) -> None:
    roadmap = check_roadmap(builder.valid().content, builder.root, AS_OF)
    assert site_nav(roadmap, AS_OF) == _year(2026)


def test_item_pages_name_the_page_that_stands_for_them_in_the_nav(pages: dict[str, GeneratedPage]) -> None:
    assert pages["2026/milestones/disaster-recovery-drill.md"].parent == "2026/goals/run-enterprise-grade-platform.md"
    assert pages["2026/goals/run-enterprise-grade-platform.md"].parent == "index.md"
    assert pages["2025/goals/expand-into-benelux.md"].parent == "2025/index.md"
    assert pages["2026/departments/sales.md"].parent == "2026/departments/index.md"
    in_nav = ["index.md", "2026/timeline.md", "2026/quarters/q3.md", "2026/departments/index.md", "archive.md"]
    assert all(pages[path].parent is None for path in in_nav)
    assert all(page.parent in pages for page in pages.values() if page.parent)


def test_item_pages_show_the_way_to_them_under_their_title(pages: dict[str, GeneratedPage]) -> None:
    """Kept out of search (data-search-exclude), whose snippets would otherwise start with it."""
    milestone = pages["2026/milestones/disaster-recovery-drill.md"].markdown
    assert milestone.startswith("# Pass a full disaster\\-recovery drill\n\n<small")
    assert PLACE.search(milestone).group(1) == (  # type: ignore[union-attr]
        '[2026](../../index.md)<span aria-hidden="true"> › </span>[Goals](../../index.md#goals)'
        '<span aria-hidden="true"> › </span>'
        "[Run an enterprise\\-grade platform](../goals/run-enterprise-grade-platform.md)"
    )
    expected = {
        "2025/goals/expand-into-benelux.md": "[2025](../index.md)",
        "2026/departments/sales.md": "[Departments](index.md)",
        "2026/quarters/q3.md": "Quarterly reviews",
        "2026/timeline.md": "[2026](../index.md)",
        "2026/owners.md": "[2026](../index.md)",
    }
    for path, part in expected.items():
        place = PLACE.search(pages[path].markdown)
        assert place and part in place.group(1), path


def test_key_action_tables_run_by_quarter_then_department(pages: dict[str, GeneratedPage]) -> None:
    text = pages["2026/goals/run-enterprise-grade-platform.md"].markdown
    table = text[text.index("| Quarter | Department | Key action |") :]
    rows = re.findall(r"^\| Q(\d) \| \[([^\]]+)\]", table, re.M)
    assert len(rows) > 5
    assert rows == sorted(rows, key=lambda row: (row[0], row[1].casefold()))


def test_milestone_tables_run_by_due_date(pages: dict[str, GeneratedPage]) -> None:
    for path in ("2026/goals/run-enterprise-grade-platform.md", "2026/timeline.md", "2026/quarters/q4.md"):
        dates = re.findall(r'<span class="roadmap-date">([\d\\-]+)</span>', pages[path].markdown)
        assert len(dates) >= 3 and dates == sorted(dates), path
