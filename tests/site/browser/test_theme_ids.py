"""Titles and bodies named like the theme's own elements (`__config`, `__search`, `__drawer`) in a Material
site with the stock heading ids: the built pages hold no such id beyond the theme's own, and in Chromium
search and instant navigation work on those pages, with no console error.

Material reads its configuration as JSON from `#__config`: a heading with that id, earlier in the page, made
the theme's bundle throw, so search and navigation stopped on every page that showed the title.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers import REPO, RoadmapBuilder, Tab, build, new_context, site_pages

# A Material site with MkDocs' default Markdown extensions (so the toc's default slugify) and instant
# navigation; the repository's theme folder only adds the chart script, and no web font is fetched offline.
MKDOCS_YML = f"""site_name: Theme ids
site_url: https://example.invalid/ids/
theme:
  name: material
  custom_dir: {REPO / "theme"}
  font: false
  features:
    - navigation.instant
plugins:
  - search
  - roadmap-as-code
"""
CHART_GOAL_TITLE = "Chart 2026 goal keep-customers metric json"  # slugified: the id of the goal chart's JSON
CONFIG_GOAL = "2026/goals/grow-revenue/"
SEARCH_MILESTONE = "2026/milestones/more-leads/"
CHART_GOAL = "2026/goals/keep-customers/"


def _roadmap(builder: RoadmapBuilder, hostile: bool) -> Path:
    """The builder's valid roadmap plus a goal with a metric; hostile: titles and a heading the theme reserves."""
    builder.valid()
    titled = (lambda title: {"title": title}) if hostile else (lambda title: {})
    description = "Why.\n\n## __drawer\n\nThe zanzibar plan.\n" if hostile else "Why.\n\nThe zanzibar plan.\n"
    builder.goal("grow-revenue", body=description, **titled("__config"))
    builder.milestone("grow-revenue", "more-leads", body="The quokka milestone.", **titled("__search"))
    metric = {"name": "Retention", "unit": "%", "baseline": 80, "target": 90, "current": 85}
    builder.goal("keep-customers", metric=metric, **titled(CHART_GOAL_TITLE))
    for quarter, milestone_id in enumerate(("keep-a", "keep-b", "keep-c"), start=1):
        builder.milestone("keep-customers", milestone_id, quarter=quarter)
    (builder.root / "docs").mkdir()
    config = builder.root / "mkdocs.yml"
    config.write_text(MKDOCS_YML, encoding="utf-8")
    return build(config, builder.root / "site")


@pytest.fixture(scope="module")
def hostile_ids_site(make_builder: Callable[[str], RoadmapBuilder]) -> Path:
    return _roadmap(make_builder("theme-ids"), hostile=True)


@pytest.fixture(scope="module")
def plain_site(make_builder: Callable[[str], RoadmapBuilder]) -> Path:
    """The same roadmap with plain titles: the theme's own `__` ids of each page."""
    return _roadmap(make_builder("theme-ids-plain"), hostile=False)


class _Ids(HTMLParser):
    """Every element id of a page, in order, and every same-page link target (`href="#..."`)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        href = values.get("href") or ""
        if href.startswith("#") and len(href) > 1:
            self.fragments.append(href[1:])


def _ids(site: Path, page: str) -> _Ids:
    return _Ids((site / page / "index.html").read_text(encoding="utf-8"))


@pytest.mark.site
def test_no_page_holds_a_theme_id_beyond_the_themes_own(hostile_ids_site: Path, plain_site: Path) -> None:
    """Each page's `__` ids are those of the same page with plain titles (Material's template); every id is
    unique and every same-page link (permalinks, the table of contents) finds its target."""
    pages = site_pages(hostile_ids_site)
    assert pages == site_pages(plain_site) and {CONFIG_GOAL, SEARCH_MILESTONE, CHART_GOAL, ""} <= set(pages)
    for page in pages:
        found, theirs = _ids(hostile_ids_site, page), _ids(plain_site, page)
        assert [i for i in found.ids if i.startswith("__")] == [i for i in theirs.ids if i.startswith("__")], page
        assert len(found.ids) == len(set(found.ids)), f"/{page}: an id is repeated"
        assert set(found.fragments) <= set(found.ids), f"/{page}: a link to a missing anchor"
    goal = _ids(hostile_ids_site, CONFIG_GOAL)
    assert {"config", "__config"} <= set(goal.ids) and "config" in goal.fragments  # renamed, TOC follows


@pytest.fixture
def tab(browser: Browser, hostile_ids_site: Path, serve: Callable[[Path], str]) -> Iterator[Tab]:
    """A tab of its own (instant navigation needs the rebased sitemap); clean at teardown."""
    context = new_context(browser, instant=True)
    opened = Tab(context.new_page(), serve(hostile_ids_site))
    yield opened
    context.close()
    opened.assert_clean()


def _search(tab: Tab, word: str, expected_path: str) -> None:
    """Type a word into Material's search; a result links to the expected page."""
    page = tab.page
    page.click("input.md-search__input")
    page.keyboard.type(word)
    result = page.locator(f'a.md-search-result__link[href$="{expected_path}"]')
    result.first.wait_for()
    page.keyboard.press("Escape")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "title", "word", "found"),
    [
        (CONFIG_GOAL, "__config", "quokka", SEARCH_MILESTONE),
        (SEARCH_MILESTONE, "__search", "zanzibar", CONFIG_GOAL),
        ("", "Example Ltd roadmap 2026", "quokka", SEARCH_MILESTONE),  # `### __config`, a goal's heading
    ],
)
def test_search_and_instant_navigation_work_on_pages_titled_like_theme_ids(
    tab: Tab, path: str, title: str, word: str, found: str
) -> None:
    page = tab.page
    tab.goto(path)
    assert tab.h1() == title
    _search(tab, word, found)
    page.evaluate("window.__themeIdsMarker = 'still here'")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/sitemap.xml'))"
    )
    tab.navigate("2026/timeline/")
    assert re.search(r"/2026/timeline/$", page.url) and tab.h1() == "Timeline 2026"
    assert page.evaluate("window.__themeIdsMarker") == "still here", "the link reloaded the page"
    tab.assert_clean()


@pytest.mark.browser
def test_a_title_named_like_a_charts_json_id_leaves_the_chart_rendering(tab: Tab) -> None:
    """The goal chart's JSON is found by id: the goal's heading, first in the page, must not take it."""
    tab.goto(CHART_GOAL)
    assert tab.h1() == CHART_GOAL_TITLE
    assert [c["rendered"] for c in tab.charts()] == ["true"]
    tab.assert_clean()
