"""The existing docs site with the roadmap under /roadmap/ (tests/fixtures/existing-site), in Chromium: the
dashboard's charts render and the navigation holds the site's own pages and one Roadmap section."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import Tab, new_context

pytestmark = pytest.mark.browser

# The primary nav's top-level entries, as a reader sees them (a section by its label, a page by its link).
TOP_LEVEL = """() => [...document.querySelectorAll('nav.md-nav--primary > ul > li.md-nav__item')].map(
    (li) => li.querySelector(':scope > .md-nav__link').textContent.trim())"""
SECTION = """(title) => {
    const li = [...document.querySelectorAll('nav.md-nav--primary > ul > li.md-nav__item--nested')].find(
        (item) => item.querySelector(':scope > .md-nav__link').textContent.trim() === title);
    return [...li.querySelectorAll(':scope > nav > ul > li')].map(
        (item) => item.querySelector(':scope > .md-nav__link').textContent.trim());
}"""


@pytest.fixture
def existing_tab(browser: Browser, existing_site: Path, serve: Callable[[Path], str]) -> Iterator[Tab]:
    """A tab of its own on the existing site, served on 127.0.0.1."""
    context = new_context(browser)
    tab = Tab(context.new_page(), serve(existing_site))
    yield tab
    context.close()
    tab.assert_clean()


def test_roadmap_dashboard_under_the_prefix_draws_its_charts_inside_the_sites_own_nav(existing_tab: Tab) -> None:
    tab = existing_tab
    tab.goto("roadmap/")
    charts = tab.charts()
    assert charts and all(c["rendered"] == "true" and c["plot"] for c in charts), charts
    assert tab.page.evaluate(TOP_LEVEL) == ["Home", "About us", "Blog", "Tags", "Roadmap"]
    roadmap = tab.page.evaluate(SECTION, "Roadmap")
    assert roadmap == [
        "Dashboard",
        "Timeline",
        "Quarterly reviews",
        "Departments",
        "Owners",
    ]
    tab.page.click('nav.md-nav--primary a.md-nav__link[href$="/about/"]')
    tab.page.wait_for_url("**/about/")
    assert tab.h1() == "About us"
