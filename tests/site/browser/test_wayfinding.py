"""A reader always knows where they are, in Chromium: an item page lights up the sidebar entry that stands
for it, and a 2025 page shows 2025's entries, not 2026's."""

from __future__ import annotations

import pytest

from tests.helpers import Tab

pytestmark = pytest.mark.browser

# The sidebar's entries a reader sees, and those drawn in the link colour (lit), as their text.
SIDEBAR = """() => {
    const links = [...document.querySelectorAll('nav.md-nav--primary .md-nav__link')].filter(
        (link) => link.checkVisibility({visibilityProperty: true}) && !link.closest('.md-nav--secondary'));
    const probe = document.createElement('span');
    probe.style.color = 'var(--md-typeset-a-color)';
    document.body.append(probe);
    const accent = getComputedStyle(probe).color;
    probe.remove();
    const text = (link) => link.textContent.trim();
    return {
        shown: links.map(text),
        lit: links.filter((link) => link.tagName === 'A' && getComputedStyle(link).color === accent).map(text),
    };
}"""


def test_a_milestone_page_lights_up_its_years_dashboard_entry(example_tab: Tab) -> None:
    example_tab.goto("2026/milestones/disaster-recovery-drill/")
    sidebar = example_tab.page.evaluate(SIDEBAR)
    assert sidebar["lit"] == ["Dashboard"]
    assert "Timeline" in sidebar["shown"]


def test_a_2025_page_shows_2025s_entries_and_2026_folded(example_tab: Tab) -> None:
    example_tab.goto("2025/goals/expand-into-benelux/")
    sidebar = example_tab.page.evaluate(SIDEBAR)
    shown = sidebar["shown"]
    assert shown[:3] == ["2026", "2025", "Dashboard"], shown
    assert shown.count("Timeline") == 1 and "Q1 2026" not in shown
    assert sidebar["lit"] == ["Dashboard"]
    example_tab.page.locator("nav.md-nav--primary a.md-nav__link:visible", has_text="Timeline").click()
    example_tab.page.wait_for_url("**/2025/timeline/")
    assert example_tab.h1() == "Timeline 2025"
