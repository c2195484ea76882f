"""The example's site in headless Chromium: pages load cleanly, charts render, follow the palette and
instant navigation, search finds milestones, and the dashboard fits a phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.helpers import REPO, Tab, front_matter, site_pages
from tests.site.browser.page_scripts import FIRST_BAR_FILL, FIRST_BAR_TOKEN, RESOLVED

pytestmark = pytest.mark.browser

CHART_PAGES = [
    "",  # the dashboard
    "2026/departments/",
    "2026/departments/sales/",
    "2026/goals/grow-recurring-revenue/",
]
SEARCHED_MILESTONE = (
    REPO / "roadmap" / "2026" / "milestones" / "run-enterprise-grade-platform" / "disaster-recovery-drill.md"
)
# Material's instant navigation needs the sitemap: a click before it arrived would load the page in full.
SITEMAP_LOADED = (
    "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/sitemap.xml') && e.responseEnd > 0)"
)
PALETTE_TOGGLE = 'label.md-header__button[for^="__palette"]:not([hidden])'
# Colours the charts are drawn in: the first bar of the first chart, and every axis label.
CHART_TEXT_FILLS = (
    "els => els.map((el) => [...el.querySelectorAll('.xtick text, .ytick text')].map((t) => t.style.fill).join())"
)


def page_kinds(pages: list[str]) -> dict[str, str]:
    """The first page of each kind: '2026/goals/<id>/' and '2025/goals/<id>/' are one kind, 'goals/*'."""
    kinds: dict[str, str] = {}
    for path in pages:
        kind = re.sub(
            r"\b(goals|milestones|departments|quarters|guide)/[^/]+/", r"\1/*/", re.sub(r"\b\d{4}\b", "YEAR", path)
        )
        kinds.setdefault(kind, path)
    return kinds


def settled_problems(tab: Tab) -> list[str]:
    """After a page arrived: wait for its charts, then take what went wrong on it."""
    broken = [c["id"] for c in tab.charts() if c["rendered"] != "true"]
    return tab.take_problems() + ([f"charts not rendered: {broken}"] if broken else [])


def report(failures: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}\n  " + "\n  ".join(found) for path, found in failures.items())


def test_every_kind_of_page_loads_in_full_without_console_errors(example_site: Path, example_tab: Tab) -> None:
    """A reader's first page is a full load: one page of each kind (dashboard of each year, goal, milestone,
    department, quarter, timeline, owners, archive, guide) loads with no console error and renders its charts."""
    kinds = page_kinds(site_pages(example_site))
    assert len(kinds) >= 10, f"page kinds: {sorted(kinds)}"
    failures: dict[str, list[str]] = {}
    for path in kinds.values():
        example_tab.goto(path)
        if problems := settled_problems(example_tab):
            failures[f"/{path}"] = problems
    assert not failures, report(failures)
    example_tab.assert_clean()


def test_every_generated_page_loads_by_instant_navigation_without_console_errors(
    example_site: Path, fresh_tab: Callable[..., Tab]
) -> None:
    """Every built page (about 55), reached as readers reach it after their first: by a link, which Material's
    instant navigation loads into the open document. Each renders its charts and logs no error."""
    pages = site_pages(example_site)
    assert len(pages) >= 50, f"only {len(pages)} pages built: {pages}"
    tab = fresh_tab(instant=True)
    tab.goto("")  # the dashboard: its charts take long enough for Material to have read the sitemap
    tab.charts()
    tab.page.evaluate("window.__roadmapTestMarker = 'no reload'")
    tab.page.wait_for_function(SITEMAP_LOADED)
    failures: dict[str, list[str]] = {}
    for path in [p for p in pages if p] + [""]:
        tab.navigate(path)
        if problems := settled_problems(tab):
            failures[f"/{path}"] = problems
    assert tab.page.evaluate("window.__roadmapTestMarker") == "no reload", (
        "a link reloaded the page: not instant navigation"
    )
    assert not failures, report(failures)
    tab.assert_clean()


@pytest.mark.parametrize("path", CHART_PAGES, ids=lambda p: p.strip("/") or "dashboard")
def test_every_chart_container_holds_a_rendered_plot(path: str, example_tab: Tab) -> None:
    """One container per inline figure, each holding plotly's SVG, drawn for the light palette."""
    tab = example_tab
    tab.goto(path)
    figures = tab.page.locator('script[type="application/json"][id^="chart-"]').count()
    charts = tab.charts()
    assert charts, f"/{path} has no chart container"
    assert len(charts) == figures, f"{len(charts)} containers for {figures} inline figures"
    assert [c for c in charts if c["rendered"] != "true" or not c["plot"]] == [], "containers without a plot"
    assert {c["scheme"] for c in charts} == {"default"}, "charts not drawn for the light palette"
    tab.assert_clean()


def test_palette_switch_rerenders_charts_in_the_new_colours(example_tab: Tab) -> None:
    """Material's toggle flips the palette; every chart is drawn again from the new palette's CSS variables."""
    tab, page = example_tab, example_tab.page
    tab.goto("")
    drawn = palette_round_trip(page)  # the palette Material stores is forgotten at the tab's next load
    light, dark = drawn["default"], drawn["slate"]
    assert light[0] != dark[0], "the bar keeps its colour across palettes"
    unchanged = [i for i, (a, b) in enumerate(zip(light[1], dark[1], strict=False)) if a == b]
    assert not unchanged, f"axis labels of charts {unchanged} keep their colour across palettes"
    tab.assert_clean()


def palette_round_trip(page: Page) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Light, dark, light again: wait for every chart to be redrawn each time; return the colours drawn."""
    charts = page.locator(".roadmap-chart")
    drawn: dict[str, tuple[str, tuple[str, ...]]] = {}
    for step, scheme in enumerate(("default", "slate", "default")):
        if step:
            page.click(PALETTE_TOGGLE)
        page.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=scheme)
        page.wait_for_function(
            "(s) => [...document.querySelectorAll('.roadmap-chart')].every((el) => el.dataset.renderedScheme === s)",
            arg=scheme,
        )
        assert set(charts.evaluate_all("els => els.map((el) => el.dataset.rendered)")) == {"true"}
        state = (page.evaluate(FIRST_BAR_FILL), tuple(charts.evaluate_all(CHART_TEXT_FILLS)))
        # The first bar (goal progress, in its goal's verdict colour) takes that colour from the palette.
        assert state[0] == page.evaluate(RESOLVED, page.evaluate(FIRST_BAR_TOKEN)), f"bar colour in {scheme}"
        if scheme in drawn:
            assert state == drawn[scheme], "switching back did not restore the first palette's colours"
        drawn[scheme] = state
    return drawn


def test_instant_navigation_keeps_charts_rendering_and_loads_plotly_once(fresh_tab: Callable[..., Tab]) -> None:
    """Dashboard -> Timeline by the navigation, then back: no reload, the new page's charts render, and
    plotly.js is fetched once for all of it."""
    tab = fresh_tab(instant=True)  # and its own cache, so every request for plotly.js is seen
    page = tab.page
    plotly: list[str] = []
    page.on(
        "request",
        lambda request: plotly.append(request.url) if urlsplit(request.url).path.endswith("/plotly.min.js") else None,
    )
    tab.goto("")
    dashboard = [c["id"] for c in tab.charts()]
    page.evaluate("window.__roadmapTestMarker = 'still here'")

    def arrived(expected: list[str] | None) -> list[dict[str, Any]]:
        """Wait for the new page's charts (not the old page's, still shown while it is fetched)."""
        page.wait_for_function(
            """([old, expected]) => {
                const ids = [...document.querySelectorAll('.roadmap-chart')].map((el) => el.id);
                const fresh = expected
                    ? expected.every((id) => ids.includes(id))
                    : ids.length && ids.every((id) => !old.includes(id));
                return fresh && [...document.querySelectorAll('.roadmap-chart')].every((el) => el.dataset.rendered);
            }""",
            arg=[dashboard, expected],
        )
        return tab.charts()

    page.wait_for_function(SITEMAP_LOADED)
    page.click('nav.md-nav--primary a.md-nav__link[href$="departments/"]')
    page.wait_for_url(re.compile(r"/2026/departments/$"))
    departments = arrived(None)
    assert page.evaluate("window.__roadmapTestMarker") == "still here", "the click reloaded the page"
    assert departments and {c["rendered"] for c in departments} == {"true"} and all(c["plot"] for c in departments)

    page.go_back()  # popstate: instant navigation again, to a page whose charts were purged
    back = arrived(dashboard)
    assert page.evaluate("window.__roadmapTestMarker") == "still here", "going back reloaded the page"
    assert {c["rendered"] for c in back} == {"true"} and all(c["plot"] for c in back)

    assert len(plotly) == 1, f"plotly.min.js requested {len(plotly)} times: {plotly}"
    assert page.locator('script[src*="plotly.min.js"]').count() == 1
    tab.assert_clean()


def test_search_finds_a_milestone_by_a_word_of_its_title(example_tab: Tab) -> None:
    """Typing the longest word of a milestone's title lists the milestone's page, whose link opens it."""
    title = front_matter(SEARCHED_MILESTONE)["title"]
    word = max(re.findall(r"[A-Za-z]+", title), key=len)
    tab = example_tab
    page = tab.page
    tab.goto("")
    page.click("input.md-search__input")
    page.keyboard.type(word)
    result = page.locator("a.md-search-result__link").filter(has=page.locator("h1", has_text=title))
    result.first.wait_for()
    href = result.first.get_attribute("href") or ""
    assert urlsplit(href).path.endswith(f"/2026/milestones/{SEARCHED_MILESTONE.stem}/"), href
    assert result.first.locator("h1").inner_text() == title  # the whole title, not a fragment
    result.first.click()
    page.wait_for_url(re.compile(rf"/2026/milestones/{SEARCHED_MILESTONE.stem}/"))
    page.wait_for_function("(t) => document.querySelector('.md-content h1')?.textContent.startsWith(t)", arg=title)
    tab.assert_clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_dashboard_has_no_horizontal_scroll(scheme: Literal["light", "dark"], phone_tab: Tab) -> None:
    """At 390 x 844 with touch, in the light and the dark palette, nothing makes the dashboard scroll sideways."""
    tab = phone_tab
    page = tab.page
    page.emulate_media(color_scheme=scheme)  # with no palette stored, Material picks the system's
    tab.goto("")
    assert {c["rendered"] for c in tab.charts()} == {"true"}
    assert page.evaluate("document.body.dataset.mdColorScheme") == {"light": "default", "dark": "slate"}[scheme]
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getClientRects().length)
        .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${el.className}`)""")
    assert width <= 390, f"the dashboard is {width}px wide at 390px; too wide: {wide}"
    tab.assert_clean()
