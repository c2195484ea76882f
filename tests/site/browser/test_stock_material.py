"""A stock Material site (no custom_dir, only what the plugin adds) over the hostile fixture, in Chromium:
charts render, follow the palette and instant navigation, no script of the fixture's strings runs, and
nothing is logged as an error."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import HOSTILE, Tab, front_matter, new_context
from tests.site.browser.page_scripts import FIRST_BAR_FILL, FIRST_BAR_TOKEN, RESOLVED

pytestmark = pytest.mark.browser

PALETTE_TOGGLE = 'label.md-header__button[for^="__palette"]:not([hidden])'
SITEMAP_LOADED = (
    "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/sitemap.xml') && e.responseEnd > 0)"
)
ALL_DRAWN_FOR = "(s) => [...document.querySelectorAll('.roadmap-chart')].every((el) => el.dataset.renderedScheme === s)"
BREAKOUT = front_matter(HOSTILE / "roadmap" / "2026" / "milestones" / "script-goal" / "title-breakout.md")["title"]


@pytest.fixture(scope="module")
def stock_url(stock_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(stock_site)


@pytest.fixture
def stock_tab(browser: Browser, stock_url: str) -> Iterator[Tab]:
    """A tab of its own (empty cache, instant navigation working on 127.0.0.1) on the stock site."""
    context = new_context(browser, instant=True)
    tab = Tab(context.new_page(), stock_url)
    yield tab
    context.close()
    tab.assert_clean()


def drawn(tab: Tab) -> list[dict[str, object]]:
    """The page's charts once settled: each must have rendered a plotly SVG."""
    charts = tab.charts()
    assert charts and all(c["rendered"] == "true" and c["plot"] for c in charts), charts
    return charts


def test_stock_material_renders_charts_follows_palette_and_instant_navigation(stock_tab: Tab) -> None:
    """Dashboard: charts drawn in the light palette, redrawn in the dark one's colours. Then the nav's link
    to the departments and a link to a goal, by instant navigation (no reload): their charts render too."""
    tab, page = stock_tab, stock_tab.page
    plotly: list[str] = []
    page.on("request", lambda request: plotly.append(request.url) if "plotly" in request.url else None)
    tab.goto("")
    assert {c["scheme"] for c in drawn(tab)} == {"default"}
    light = page.evaluate(FIRST_BAR_FILL)
    token = page.evaluate(FIRST_BAR_TOKEN)
    assert token.startswith("--roadmap-")
    assert light == page.evaluate(RESOLVED, token)
    page.click(PALETTE_TOGGLE)
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_function(ALL_DRAWN_FOR, arg="slate")
    dark = page.evaluate(FIRST_BAR_FILL)
    assert dark != light and dark == page.evaluate(RESOLVED, token)

    page.evaluate("window.__roadmapTestMarker = 'still here'")
    page.wait_for_function(SITEMAP_LOADED)
    page.click('nav.md-nav--primary a.md-nav__link[href$="departments/"]')
    page.wait_for_url(re.compile(r"/2026/departments/$"))
    page.wait_for_function("() => document.querySelector('.roadmap-chart[id$=department-load]')")
    assert {c["scheme"] for c in drawn(tab)} == {"slate"}
    tab.navigate("2026/goals/script-goal/")
    assert [c["id"] for c in drawn(tab)] == ["chart-2026-goal-script-goal-metric"]
    assert page.evaluate("window.__roadmapTestMarker") == "still here", "a link reloaded the page"
    assert len(plotly) == 1, f"plotly.min.js requested {len(plotly)} times: {plotly}"


def test_stock_material_title_runs_no_script(stock_tab: Tab) -> None:
    """`</title><script>alert(12)</script>` as a milestone's title: the tab's title reads it, no dialog opens."""
    tab = stock_tab
    tab.goto("2026/milestones/title-breakout/")
    assert tab.page.title() == f"{BREAKOUT} - Stock material site"
    assert tab.h1() == BREAKOUT
    tab.assert_clean()
