"""Nothing is wider than its column: every generated page of the example, at 1280 x 900 and on a 390 x 844
phone, keeps its tables, charts, figures, pictures and code inside the article, never scrolls the document
sideways, and draws its badges at 11 px or more."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.rendering.pages import build_pages
from tests.helpers import AS_OF, CHARTS_SETTLED, PHONE, REPO, Tab, new_context

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
# One script per page: what is wider than the article's column, whether the document scrolls sideways, and
# the first badge drawn under 11 px. A table is as wide as its content (Material lets a table scroll inside).
# The roadmap picture is the one thing meant to be wider than a phone: it counts as its scroll box, which
# fits the column and, when it scrolls, shows the cue that says so.
OVERFLOWS = """() => {
    const article = document.querySelector('article.md-content__inner');
    const column = article.getBoundingClientRect().width;
    const found = [];
    for (const el of article.querySelectorAll('table, .roadmap-chart, svg, figure, img, pre')) {
        if (!el.getClientRects().length) continue;
        const box = el.closest('.roadmap-picture__scroll');
        const cue = box && box.closest('.roadmap-picture').querySelector('.roadmap-picture__cue');
        if (box && box.scrollWidth > box.clientWidth + 1 && !(cue && cue.checkVisibility())) {
            found.push(`a picture scrolls with no cue: ${box.scrollWidth} px in ${box.clientWidth} px`);
        }
        const measured = box || el;
        const width = Math.max(measured.getBoundingClientRect().width, el.tagName === 'TABLE' ? el.scrollWidth : 0);
        if (width > column + 1) {
            const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className.baseVal ?? el.className
                ? '.' + String(el.className.baseVal ?? el.className).trim().split(/\\s+/).join('.') : '');
            const text = (el.querySelector('th, td') || el).textContent.trim().slice(0, 30);
            found.push(`${name} "${text}" ${Math.round(width)} px in a ${Math.round(column)} px column`);
        }
    }
    const page = document.scrollingElement;
    if (page.scrollWidth > window.innerWidth) {
        found.push(`document scrolls: ${page.scrollWidth} > ${window.innerWidth}`);
    }
    const small = [...article.querySelectorAll('.roadmap-badge')].find(
        (badge) => parseFloat(getComputedStyle(badge).fontSize) < 11);
    if (small) found.push(`badge "${small.textContent.trim()}" at ${getComputedStyle(small).fontSize}`);
    return found;
}"""


def _urls() -> list[str]:
    """Every generated page of the example, item pages included, as its path under the site's root."""
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    urls = []
    for page in build_pages(roadmap, AS_OF):
        folder, name = posixpath.split(page.path.removesuffix(".md"))
        path = folder if name == "index" else posixpath.join(folder, name)
        urls.append(f"{path}/" if path else "")
    return urls


@pytest.fixture(scope="module")
def viewports(browser: Browser, example_url: str) -> Iterator[dict[str, Tab]]:
    """A desktop and a phone tab, each reused for every page."""
    desktop = new_context(browser, viewport=DESKTOP)
    phone = new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield {"1280": Tab(desktop.new_page(), example_url), "390": Tab(phone.new_page(), example_url)}
    desktop.close()
    phone.close()


@pytest.mark.parametrize("width", ["1280", "390"])
def test_no_page_is_wider_than_its_column(viewports: dict[str, Tab], width: str) -> None:
    tab = viewports[width]
    urls = _urls()
    assert len(urls) > 50
    failures = []
    for url in urls:
        tab.goto(url)
        tab.page.wait_for_function(CHARTS_SETTLED)
        failures += [f"/{url} at {width} px: {problem}" for problem in tab.page.evaluate(OVERFLOWS)]
    tab.assert_clean()
    assert not failures, "\n".join(failures)
