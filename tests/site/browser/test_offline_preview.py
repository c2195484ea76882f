"""The pull-request preview (`roadmap build --offline`) opened from disk, as a reviewer opens the downloaded
artifact: file:// URLs, no server. Every link names a file that exists (no folder a browser would list),
charts render, the navigation leads from page to page, and nothing is fetched from another host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser

from roadmap_as_code.edges.plugin.site_build import build_site
from tests.helpers import AS_OF, REPO, Tab, new_context

pytestmark = pytest.mark.browser

NAV_LINKS = "els => els.map((el) => el.href)"


class _Links(HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value for name, value in attrs if name in ("href", "src") and value]


def local_links(page: Path) -> list[str]:
    """The page's links into the site itself: no scheme, not a fragment of the page."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [url for url in parser.urls if not urlsplit(url).scheme and not url.startswith("#")]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built as the PR workflow builds its preview."""
    site = tmp_path_factory.mktemp("preview") / "site"
    result = build_site(REPO / "mkdocs.yml", site, AS_OF, offline=True)
    assert result.returncode == 0, result.log
    return site


@pytest.fixture
def disk_tab(browser: Browser, preview: Path) -> Iterator[Tab]:
    context = new_context(browser)
    tab = Tab(context.new_page(), preview.as_uri() + "/")
    yield tab
    context.close()
    tab.assert_clean()


def test_every_link_of_the_preview_names_a_file_that_exists(preview: Path) -> None:
    pages = sorted(preview.rglob("*.html"))
    assert preview / "2026" / "timeline.html" in pages and not (preview / "2026" / "timeline").exists()
    broken = [
        f"{page.relative_to(preview).as_posix()}: {url}"
        for page in pages
        if page.name != "404.html"  # MkDocs links it from the site root, wherever a server shows it
        for url in local_links(page)
        if not (page.parent / unquote(urlsplit(url).path)).is_file()
    ]
    assert broken == []


def test_the_preview_loads_no_script_from_another_host_and_has_no_instant_navigation(preview: Path) -> None:
    """Material's offline plugin would add a search shim from unpkg.com; instant navigation cannot work from disk."""
    index = (preview / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script[^>]+src="https?://[^"]*"', index) == []
    assert "navigation.instant" not in index
    assert (preview / "search" / "search_index.js").is_file()


def test_opened_from_disk_charts_render_and_the_navigation_leads_to_pages(disk_tab: Tab, preview: Path) -> None:
    requested: list[str] = []
    disk_tab.page.on("request", lambda request: requested.append(request.url))
    disk_tab.page.goto(disk_tab.base + "index.html")
    charts = disk_tab.charts()
    assert charts and all(c["rendered"] == "true" and c["plot"] for c in charts), charts
    nav = disk_tab.page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", NAV_LINKS)
    assert nav and all(url.startswith("file://") and Path(unquote(urlsplit(url).path)).is_file() for url in nav), nav
    disk_tab.page.locator(".md-nav--primary a.md-nav__link", has_text="Timeline").first.click()
    disk_tab.page.wait_for_url("**/2026/timeline.html")
    cards = disk_tab.page.eval_on_selector_all("a.roadmap-picture__link", NAV_LINKS)
    assert cards and all(Path(unquote(urlsplit(url).path)).is_file() for url in cards), cards
    assert [url for url in requested if not url.startswith("file://")] == []
