"""The history's pages in Chromium: the "What changed" page and a milestone's History section render without
console errors and nothing on them is wider than a 390 px phone (a site built from a real git repository)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import PHONE, Tab, build, new_context
from tests.site.browser.test_no_overflow import OVERFLOWS
from tests.site.test_history_site import plan_repository

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def history_url(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    """The small plan's site, built with its git history (cache in tmp_path), served on 127.0.0.1."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        repo = plan_repository(tmp_path_factory.mktemp("plan"))
        return serve(build(repo.root / "mkdocs.yml", tmp_path_factory.mktemp("site") / "site"))


@pytest.mark.parametrize("path", ["2026/changes/", "2026/milestones/more-deals/", "2026/quarters/q2/", ""])
def test_history_pages_render_cleanly_on_a_phone(browser: Browser, history_url: str, path: str) -> None:
    context = new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        tab = Tab(context.new_page(), history_url)
        tab.goto(path)
        assert tab.page.evaluate(OVERFLOWS) == []
        if path == "2026/changes/":
            lines = tab.page.locator("article li").all_inner_texts()
            assert any("slipped 14 days" in line for line in lines)
            assert tab.page.locator("article a.roadmap-commit").count() >= 5
        if path.startswith("2026/milestones/"):
            assert tab.page.locator("article h2#history").is_visible()
        tab.assert_clean()
    finally:
        context.close()
