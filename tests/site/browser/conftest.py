"""Browser fixtures: one headless Chromium per session, and tabs that record every console error,
uncaught page error and dialog they meet, so a test can fail on any of them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Dialog, Page, Route, sync_playwright

from roadmap_as_code.edges.sitebuild import build_site

REPO = Path(__file__).resolve().parents[3]
HOSTILE = REPO / "tests" / "fixtures" / "hostile"
AS_OF = date(2026, 11, 20)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 20_000  # plotly.js (4.6 MB) takes seconds to parse on a busy CI runner

# Runs before the page's own scripts on every load (about:blank has no storage to clear).
FORGET_PALETTE = "try { localStorage.clear(); } catch (error) {}"
# Click a link to the URL, after marking the content container that instant navigation will replace.
FOLLOW_LINK = """(url) => {
    document.querySelector('[data-md-component=container]').setAttribute('data-test-leaving', '');
    const link = Object.assign(document.createElement('a'), {href: url});
    document.body.append(link);
    link.click();
    link.remove();
}"""
ARRIVED = "() => !document.querySelector('[data-md-component=container]').hasAttribute('data-test-leaving')"
# Every chart container has settled: rendered ("true") or failed ("error").
CHARTS_SETTLED = "() => [...document.querySelectorAll('.roadmap-chart')].every((el) => el.dataset.rendered)"
CHART_STATES = """els => els.map((el) => ({
    id: el.id, rendered: el.dataset.rendered || '', scheme: el.dataset.renderedScheme || '',
    plot: el.querySelector('.main-svg') !== null,
}))"""
# The visible text of the page's title heading, without the permalink anchor the toc extension adds.
H1_TEXT = """() => {
    const h1 = document.querySelector('.md-content h1').cloneNode(true);
    h1.querySelectorAll('.headerlink').forEach((a) => a.remove());
    return h1.textContent;
}"""


class Tab:
    """A page whose console errors, page errors, roadmap warnings and dialogs are recorded from the start."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: uncaught {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        # roadmap.js warns when a colour token has no CSS custom property: a chart drawn in the wrong colours.
        if message.type == "error" or (message.type == "warning" and message.text.startswith("roadmap:")):
            source = message.location.get("url") or "?"
            self.problems.append(f"{self.page.url}: console {message.type}: {message.text} (from {source})")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{self.page.url}: {dialog.type}({dialog.message!r})")
        dialog.dismiss()

    def goto(self, path: str = "") -> None:
        """Load a page of the site by its path under the base URL and insist on HTTP 200."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"/{path}: HTTP {response.status if response else 'no response'}"

    def navigate(self, path: str) -> None:
        """Follow a link to a page of the site, as a reader's click: Material's instant navigation swaps
        the page's container in place (check a window variable to prove the document was not reloaded)."""
        self.page.evaluate(FOLLOW_LINK, self.base + path)
        self.page.wait_for_function(ARRIVED)

    def charts(self) -> list[dict[str, Any]]:
        """Wait until every chart container has settled; return each one's state."""
        self.page.wait_for_function(CHARTS_SETTLED)
        return self.page.eval_on_selector_all(".roadmap-chart", CHART_STATES)

    def h1(self) -> str:
        return self.page.evaluate(H1_TEXT)

    def take_problems(self) -> list[str]:
        taken, self.problems = self.problems, []
        return taken

    def assert_clean(self) -> None:
        """No console error, page error or dialog so far (each is reported once)."""
        problems, dialogs = self.take_problems(), self.dialogs
        self.dialogs = []
        assert not dialogs, "a dialog opened, so a script ran:\n" + "\n".join(dialogs)
        assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def new_context(browser: Browser, instant: bool = False, **options: Any) -> BrowserContext:
    """A context whose every page load starts with no palette stored, so Material follows the emulated
    system colour scheme (light unless the options say otherwise), whatever a test toggled before.

    instant: serve sitemap.xml rebased onto the local server, so instant navigation works as deployed.
    (It costs the context its HTTP cache: Playwright turns caching off while a route is set.)
    """
    context = browser.new_context(**{"viewport": DESKTOP, "color_scheme": "light", **options})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(FORGET_PALETTE)
    if instant:
        context.route("**/sitemap.xml", _rebase_sitemap)
    return context


def _rebase_sitemap(route: Route) -> None:
    """Material's instant navigation follows only links whose URL is in sitemap.xml, compared with the
    sitemap's own path and port. Deployed at site_url they match; on 127.0.0.1:<port> they cannot, and
    every click reloads the page. Name the local server's URLs instead, as `mkdocs serve` does."""
    response = route.fetch()
    text = response.text()
    site_url = min(re.findall(r"<loc>([^<]+)</loc>", text), key=len)  # the home page's URL is site_url
    local = route.request.url.removesuffix("sitemap.xml")
    route.fulfill(response=response, body=text.replace(site_url, local))


@pytest.fixture(scope="session")
def _desktop_tab(browser: Browser) -> Iterator[Tab]:
    """One desktop tab, light palette, lent to read-only tests in turn.

    Reusing one tab keeps one renderer process: plotly.js (4.6 MB) is compiled once, not once a test.
    """
    context = new_context(browser)
    yield Tab(context.new_page(), "")
    context.close()


@pytest.fixture(scope="session")
def _phone_tab(browser: Browser) -> Iterator[Tab]:
    """One phone tab (390 x 844, touch, mobile viewport) for the phone tests."""
    context = new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield Tab(context.new_page(), "")
    context.close()


def _lend(tab: Tab, base: str) -> Iterator[Tab]:
    """Hand a shared tab to one test: its records start empty and must be empty again at teardown."""
    tab.base = base
    tab.take_problems()
    tab.dialogs = []
    yield tab
    tab.assert_clean()


@pytest.fixture
def example_tab(_desktop_tab: Tab, example_url: str) -> Iterator[Tab]:
    """The shared desktop tab, on the example site."""
    yield from _lend(_desktop_tab, example_url)


@pytest.fixture
def hostile_tab(_desktop_tab: Tab, hostile_url: str) -> Iterator[Tab]:
    """The shared desktop tab, on the hostile fixture's site."""
    yield from _lend(_desktop_tab, hostile_url)


@pytest.fixture
def phone_tab(_phone_tab: Tab, example_url: str) -> Iterator[Tab]:
    """The shared phone tab, on the example site (set its colour scheme with page.emulate_media)."""
    yield from _lend(_phone_tab, example_url)


@pytest.fixture
def fresh_tab(browser: Browser, example_url: str) -> Iterator[Callable[..., Tab]]:
    """Open a tab on the example site in a new context of its own (empty cache and storage), for tests
    that need one: counting requests, instant navigation (instant=True), window variables."""
    contexts: list[BrowserContext] = []
    tabs: list[Tab] = []

    def open_(instant: bool = False, **options: Any) -> Tab:
        contexts.append(new_context(browser, instant, **options))
        tabs.append(Tab(contexts[-1].new_page(), example_url))
        return tabs[-1]

    yield open_
    for context in contexts:
        context.close()
    for tab in tabs:
        tab.assert_clean()


@pytest.fixture(scope="session")
def example_url(example_site: Path, serve: Callable[[Path], str]) -> str:
    """The example site (built once per session as of 2026-11-20) served on 127.0.0.1."""
    return serve(example_site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/hostile built strictly with the real MkDocs (its roadmap must pass `roadmap check`).

    Built with roadmap_as_code.edges.sitebuild directly: importing build() from tests/site/conftest.py would rebind
    the shared `conftest` module name for later test modules.
    """
    site = tmp_path_factory.mktemp("hostile") / "site"
    result = build_site(HOSTILE / "mkdocs.yml", site, AS_OF)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build of the hostile fixture failed:\n{result.stdout}\n{result.stderr}")
    return site


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(hostile_site)


def front_matter(path: Path) -> dict[str, Any]:
    """The YAML front-matter of a roadmap file (or all of roadmap.yml)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        return yaml.safe_load(text)
    _, head, _ = text.split("---\n", 2)
    return yaml.safe_load(head)


@pytest.fixture(scope="session")
def read_front_matter() -> Callable[[Path], dict[str, Any]]:
    return front_matter


def site_pages(site: Path) -> list[str]:
    """Paths (relative to the site root, '' for the home page) of every built page, sorted."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return ["" if p == "." else f"{p}/" for p in pages]


@pytest.fixture(scope="session")
def pages_of() -> Callable[[Path], list[str]]:
    return site_pages
