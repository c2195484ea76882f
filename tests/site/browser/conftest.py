"""Browser fixtures: one headless Chromium per session, and tabs that record every console error,
uncaught page error and dialog they meet, so a test can fail on any of them (Tab, in tests/helpers.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.helpers import CHROMIUM_ARGS, HOSTILE, PHONE, Tab, build, new_context


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def _desktop_tab(browser: Browser) -> Iterator[Tab]:
    """One desktop tab, light palette, lent to read-only tests in turn.

    Reusing one tab keeps one renderer process: plotly.js (1.2 MB) is compiled once, not once a test.
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
    """tests/fixtures/hostile built strictly with the real MkDocs (its roadmap must pass `roadmap check`)."""
    return build(HOSTILE / "mkdocs.yml", tmp_path_factory.mktemp("hostile") / "site")


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path, serve: Callable[[Path], str]) -> str:
    """The hostile fixture's site served on 127.0.0.1."""
    return serve(hostile_site)
