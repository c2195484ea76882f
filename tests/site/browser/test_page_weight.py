"""A first visit's weight in Chromium: every response body of a page opened with an empty cache, each gzipped as a
server would send it. The dashboard stays within 600 KB gzipped in all, the bench counts the files Chromium loads,
and plotly.js is loaded on the pages with a chart and on no other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Response

from bench.weight import TARGET_KB, first_visit, gzipped, page_types
from roadmap_as_code.edges.plugin.assets import PLOTLY_JS
from tests.helpers import AS_OF, Tab

pytestmark = pytest.mark.browser


def visit(fresh_tab: Callable[..., Tab], path: str) -> tuple[Tab, dict[str, bytes]]:
    """Open path in a new context (empty cache) and wait for its charts and the network to settle: the body of
    every response by the site path it came from."""
    tab = fresh_tab()
    responses: list[Response] = []
    tab.page.on("response", lambda response: responses.append(response))
    tab.goto(path)
    tab.charts()
    tab.page.wait_for_load_state("networkidle")
    base = urlsplit(tab.base).path
    return tab, {urlsplit(response.url).path.removeprefix(base): response.body() for response in responses}


def _site_path(site: Path, file: Path) -> str:
    """The URL path (under the base) a built file is served at: index.html as its folder."""
    path = file.relative_to(site).as_posix()
    return path.removesuffix("index.html")


def test_the_dashboards_first_visit_transfers_at_most_600_kb_gzipped(
    fresh_tab: Callable[..., Tab], example_site: Path
) -> None:
    """HTML, styles, scripts, plotly.js, the search index and icon: the sum of every response, gzipped one by one.
    The bench's count of the same visit (bench/weight.py) names exactly the files Chromium loaded."""
    tab, bodies = visit(fresh_tab, "")
    assert _site_path(example_site, example_site / PLOTLY_JS) in bodies, "the dashboard draws charts"
    total = sum(gzipped(body) for body in bodies.values())
    sizes = "\n".join(f"  {gzipped(body):>9,} {path}" for path, body in sorted(bodies.items()))
    assert total <= TARGET_KB * 1000, f"first visit: {total:,} bytes gzipped, over {TARGET_KB} KB:\n{sizes}"
    counted = {_site_path(example_site, file) for file in first_visit(example_site, example_site / "index.html")}
    assert counted == set(bodies), sizes
    tab.assert_clean()


@pytest.mark.parametrize("kind", ["dashboard", "goal", "milestone", "timeline", "quarter", "department", "guide"])
def test_plotly_js_is_loaded_on_pages_with_a_chart_and_no_other(
    kind: str, fresh_tab: Callable[..., Tab], example_site: Path
) -> None:
    """The first page of each type, opened with an empty cache: plotly.js is fetched exactly when a chart is on it."""
    pages = {name.split()[0]: found for name, found in page_types(example_site, AS_OF.year).items()}
    path = _site_path(example_site, pages[kind][0])
    tab, bodies = visit(fresh_tab, path)
    charts = tab.page.locator(".roadmap-chart").count()
    assert (_site_path(example_site, example_site / PLOTLY_JS) in bodies) == (charts > 0), (path, charts)
    tab.assert_clean()
