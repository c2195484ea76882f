"""The hostile fixture (tests/fixtures/hostile): every front-matter string tries to run a script, break out
of an element or attribute, smuggle a javascript:/data: link or be read as Markdown or Jinja. Built with
the real MkDocs, the site runs none of it and shows each string literally, in pages and in charts."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import HOSTILE, PINNED, Tab, front_matter, live_markup_in, site_pages

ROADMAP = HOSTILE / "roadmap"
YEAR = "2026"
SITE_NAME = front_matter(HOSTILE / "mkdocs.yml")["site_name"]
TEXT_OF = "els => els.map((el) => el.textContent)"


def shown_as(shown: str, literal: str) -> bool:
    """A label shows the literal string, whole or shortened with an ellipsis."""
    if shown.endswith("…"):
        return len(shown) > 8 and literal.startswith(shown[:-1].rstrip())
    return shown == literal


def assert_labels(shown: list[str], literals: list[str], what: str) -> None:
    missing = [literal for literal in literals if not any(shown_as(s, literal) for s in shown)]
    assert not missing, f"{what}: not shown literally: {missing}\nshown: {shown}"


SETTINGS = front_matter(ROADMAP / "roadmap.yml")
GOALS = {p.stem: front_matter(p) for p in sorted((ROADMAP / YEAR / "goals").glob("*.md"))}
MILESTONES = {p.stem: front_matter(p) for p in sorted((ROADMAP / YEAR / "milestones").glob("*/*.md"))}
# (page, its h1, its <title> before " - site name")
ITEM_PAGES = (
    [(f"{YEAR}/goals/{gid}/", g["title"], g["title"]) for gid, g in GOALS.items()]
    + [(f"{YEAR}/milestones/{mid}/", m["title"], m["title"]) for mid, m in MILESTONES.items()]
    + [(f"{YEAR}/departments/{d['id']}/", d["name"], f"{d['name']} {YEAR}") for d in SETTINGS["departments"]]
)


def test_hostile_roadmap_passes_roadmap_check() -> None:
    """The fixture is a valid roadmap: only its strings are hostile."""
    command = [
        sys.executable,
        "-c",
        "from roadmap_as_code.edges.cli import run; run()",
        "check",
        str(HOSTILE),
        *PINNED,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.site
def test_hostile_html_holds_no_live_markup(hostile_site: Path) -> None:
    """No handler attribute, javascript:/data: URL, frame or payload script in any built HTML file."""
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= len(ITEM_PAGES) + 8
    found = live_markup_in(hostile_site)
    assert not found, "\n".join(f"{page}: {items}" for page, items in found.items())


@pytest.mark.browser
def test_hostile_pages_run_no_script_and_show_titles_literally(hostile_site: Path, hostile_tab: Tab) -> None:
    """Load every page in full, render every chart, hover a chart and list search results: no dialog opens,
    nothing is logged as an error, and each item page's heading and <title> show its title as written."""
    tab, page = hostile_tab, hostile_tab.page
    pages = site_pages(hostile_site)
    expected = {path: (h1, f"{title} - {SITE_NAME}") for path, h1, title in ITEM_PAGES}
    assert set(expected) <= set(pages)
    not_literal: list[str] = []
    for path in pages:
        tab.goto(path)
        assert {c["rendered"] for c in tab.charts()} <= {"true"}, f"/{path}: a chart did not render"
        if path in expected and (tab.h1(), page.title()) != expected[path]:
            not_literal.append(f"/{path}: h1 {tab.h1()!r}, title {page.title()!r}; expected {expected[path]}")
    # The roadmap picture's cards show each milestone's full title on hover (their <title>), as text.
    tab.goto(f"{YEAR}/timeline/")
    tooltips = page.locator("g.roadmap-card > title").evaluate_all(TEXT_OF)
    if sorted(t.splitlines()[0] for t in tooltips) != sorted(m["title"] for m in MILESTONES.values()):
        not_literal.append(f"roadmap picture tooltips: {tooltips!r}")
    # Search results are built from the index's titles and text: list every item page.
    page.click("input.md-search__input")
    page.keyboard.type("paragraph")  # a word of every body
    page.locator(".md-search-result__item").nth(len(GOALS) + len(MILESTONES) - 1).wait_for()
    # Results are re-rendered after each keystroke's query; wait for the list of the full word to settle.
    deadline = time.monotonic() + 10
    while True:
        shown = page.locator(".md-search-result__item h1").evaluate_all(TEXT_OF)
        if all(m["title"] in shown for m in MILESTONES.values()) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)
    not_literal += [f"search results lack {m['title']!r}" for m in MILESTONES.values() if m["title"] not in shown]
    tab.assert_clean()  # dialogs first: a script that ran is the worse failure
    assert not not_literal, "\n".join(not_literal)


@pytest.mark.browser
def test_hostile_dashboard_and_bodies_show_text_literally(hostile_tab: Tab) -> None:
    """The organisation and milestone titles read literally on the dashboard; a body stays sanitised Markdown."""
    tab, page = hostile_tab, hostile_tab.page
    tab.goto("")
    assert tab.h1() == f"{SETTINGS['organisation']} roadmap {YEAR}"
    attention = page.locator("#needs-attention + ul a").evaluate_all(TEXT_OF)
    assert_labels(attention, [m["title"] for m in MILESTONES.values() if m["status"] != "completed"], "needs attention")
    # A body is Markdown made safe, not text: Jinja stays literal, links keep only safe schemes.
    tab.goto(f"{YEAR}/goals/script-goal/")
    body = page.locator(".roadmap-description").first
    assert (
        "Template text: {{ jinja }} {% raw %} {% endraw %} {# comment #} and an entity &amp; with stars."
        in body.inner_text()
    )
    hrefs = body.locator("a").evaluate_all("els => els.map((a) => a.getAttribute('href'))")
    assert [h for h in hrefs if h is not None and not h.startswith(("https://", "http://", "#"))] == []
    assert body.locator("script, iframe, img, svg, style, [onclick]").count() == 0
    tab.assert_clean()


@pytest.mark.browser
def test_hostile_chart_labels_show_literally(hostile_tab: Tab) -> None:
    """`</script>` in chart JSON neither ends the script element nor reaches plotly.js as markup."""
    tab, page = hostile_tab, hostile_tab.page

    def texts(selector: str) -> list[str]:
        shown: list[str] = page.locator(selector).evaluate_all(TEXT_OF)
        return shown

    tab.goto("")
    tab.charts()
    assert_labels(
        texts(".roadmap-chart[id$='goal-progress'] .ytick text"), [g["title"] for g in GOALS.values()], "goal progress"
    )
    budgeted = [m["title"] for m in MILESTONES.values() if "budget" in m]
    assert_labels(texts(".roadmap-chart[id$='budget'] .ytick text"), budgeted, "budget")
    tab.goto(f"{YEAR}/departments/")
    tab.charts()
    assert_labels(texts(".roadmap-chart .legendtext"), [d["name"] for d in SETTINGS["departments"]], "department load")
    tab.goto(f"{YEAR}/goals/script-goal/")
    tab.charts()
    metric = GOALS["script-goal"]["metric"]
    assert texts(".roadmap-chart .xtitle") == [metric["unit"]]
    assert_labels(texts(".roadmap-chart .legendtext"), [f"Current: {metric['current']} {metric['unit']}"], "metric")
    tab.assert_clean()


@pytest.mark.browser
def test_hostile_currency_shows_literally_in_the_budget_chart(hostile_tab: Tab) -> None:
    """roadmap.yml's currency is text too: plotly.js must not read it as markup in the axis title."""
    tab = hostile_tab
    tab.goto("")
    tab.charts()
    assert tab.page.locator(".roadmap-chart[id$='budget'] .xtitle").evaluate_all(TEXT_OF) == [SETTINGS["currency"]]
    tab.assert_clean()
