"""The roadmap picture in Chromium: cards whose text fits, dependencies on hover and focus, a phone that
scrolls the picture and not the page, one landscape page in print, and SVG and PNG downloads."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from roadmap_as_code.checking import check_roadmap
from tests.helpers import AS_OF, REPO, Tab
from tests.site.browser.page_scripts import RESOLVED

pytestmark = pytest.mark.browser

PICTURES = ["2026/timeline/", "2026/departments/"]
# Every line of text of every card against its card's box: [key, text, right edge of the text, box's right edge].
TEXT_FITS = """() => [...document.querySelectorAll('g.roadmap-card')].flatMap((card) => {
    const box = card.querySelector('.roadmap-card__box').getBBox();
    return [...card.querySelectorAll('text')].map((t) =>
        [card.dataset.key, t.textContent, t.getBBox().x + t.getBBox().width, box.x + box.width]);
})"""
PAGE_COUNT = re.compile(rb"/Type\s*/Page(?!s)")
# The cards fade in and out (a CSS transition): their opacity is read once no transition runs.
SETTLED = "() => document.querySelector('.roadmap-picture__svg').getAnimations({ subtree: true }).length === 0"


def milestone_titles() -> set[str]:
    roadmap = check_roadmap(REPO / "roadmap", REPO, AS_OF)
    year = roadmap.year(2026)
    assert year is not None
    return {m.title for m in year.milestones}


@pytest.mark.parametrize("path", PICTURES)
def test_every_card_is_drawn_once_and_its_text_stays_inside_it(example_tab: Tab, path: str) -> None:
    page = example_tab.page
    example_tab.goto(path)
    keys = page.eval_on_selector_all("g.roadmap-card", "els => els.map((el) => el.dataset.key)")
    links = page.eval_on_selector_all("a.roadmap-picture__link--card", "els => els.map((el) => el.dataset.key)")
    assert keys and len(keys) == len(set(keys)) and links == keys
    # Each link lies over its card: the middle of the card is the link's.
    covered = page.evaluate("""() => [...document.querySelectorAll('g.roadmap-card')].every((card) => {
        card.scrollIntoView({ block: 'center' });
        const box = card.querySelector('.roadmap-card__box').getBoundingClientRect();
        const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return top && top.dataset.key === card.dataset.key && top.localName === 'a';
    })""")
    assert covered
    overflowing = [row for row in page.evaluate(TEXT_FITS) if row[2] > row[3] - 2]
    assert not overflowing, overflowing
    assert page.locator(".roadmap-picture__actions").is_visible(), "the script shows the download buttons"


def test_the_timeline_has_a_card_per_milestone_linking_to_its_page(example_tab: Tab) -> None:
    page = example_tab.page
    example_tab.goto("2026/timeline/")
    tooltips = page.eval_on_selector_all("g.roadmap-card > title", "els => els.map((t) => t.textContent)")
    assert {t.splitlines()[0] for t in tooltips} == milestone_titles()
    card = page.locator('a.roadmap-picture__link[data-key="iso-27001-certification"]')
    card.click()
    page.wait_for_url(re.compile(r"/2026/milestones/iso-27001-certification/$"))
    assert example_tab.h1() == "Achieve ISO 27001 certification"


def test_hover_or_focus_highlights_the_cards_a_milestone_depends_on(example_tab: Tab) -> None:
    page = example_tab.page
    example_tab.goto("2026/timeline/")
    dependent = page.locator("a.roadmap-picture__link[data-depends]").first
    needs = (dependent.get_attribute("data-depends") or "").split()
    assert needs
    state = """() => ({
        tracing: document.querySelector('.roadmap-picture__svg').dataset.tracing || null,
        dependencies: [...document.querySelectorAll('g.roadmap-card.is-dependency')].map((el) => el.dataset.key),
        dimmed: [...document.querySelectorAll('g.roadmap-card')].filter((el) => getComputedStyle(el).opacity < 1)
            .map((el) => el.dataset.key),
    })"""
    dependent.hover()
    page.wait_for_function(SETTLED)
    hovered = page.evaluate(state)
    key = dependent.get_attribute("data-key")
    assert hovered["tracing"] == key and sorted(hovered["dependencies"]) == sorted(needs)
    assert hovered["dimmed"] and key not in hovered["dimmed"] and not set(needs) & set(hovered["dimmed"])
    page.mouse.move(1, 1)
    page.wait_for_function(SETTLED)
    assert page.evaluate(state) == {"tracing": None, "dependencies": [], "dimmed": []}
    dependent.focus()
    assert page.evaluate(state)["dependencies"] == hovered["dependencies"]


@pytest.mark.parametrize("path", PICTURES)
def test_on_a_phone_the_picture_scrolls_in_its_own_box_with_a_cue(phone_tab: Tab, path: str) -> None:
    page = phone_tab.page
    phone_tab.goto(path)
    widths = page.evaluate("""() => {
        const box = document.querySelector('.roadmap-picture__scroll');
        return [document.documentElement.scrollWidth, innerWidth, box.scrollWidth, box.clientWidth];
    }""")
    assert widths[0] <= widths[1], f"the page is wider than the phone: {widths}"
    assert widths[2] > widths[3], f"the picture should scroll sideways inside its box: {widths}"
    assert page.locator(".roadmap-picture__cue").is_visible()


@pytest.mark.parametrize("path", [*PICTURES, "2025/timeline/"])
def test_a_page_with_a_picture_prints_on_one_landscape_page(example_tab: Tab, path: str) -> None:
    page = example_tab.page
    example_tab.goto(path)
    pdf = page.pdf(landscape=True)
    assert len(PAGE_COUNT.findall(pdf)) == 1
    own = page.pdf(prefer_css_page_size=True)  # the stylesheet's @page alone turns the page
    assert len(PAGE_COUNT.findall(own)) == 1
    media = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", own)
    assert media and float(media[1]) > float(media[2]), "landscape"
    page.emulate_media(media="print")
    try:
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', 'table']
            .filter((s) => document.querySelector(s) && document.querySelector(s).checkVisibility())""")
    finally:
        page.emulate_media(media="null")  # the tab is shared: None would leave it printing for the next test
    assert hidden == []


def test_downloads_a_standalone_svg_and_a_png_twice_its_size(fresh_tab: Callable[..., Tab]) -> None:
    tab = fresh_tab()
    page = tab.page
    tab.goto("2026/timeline/")
    with page.expect_download() as svg_download:
        page.click("[data-picture-download=svg]")
    assert svg_download.value.suggested_filename == "roadmap-2026.svg"
    text = svg_download.value.path().read_text(encoding="utf-8")
    svg = ET.fromstring(text.encode("utf-8"))
    ns = "{http://www.w3.org/2000/svg}"
    titles = {(t.text or "").splitlines()[0] for t in svg.iter(f"{ns}title")}
    assert milestone_titles() <= titles
    boxes = [r for r in svg.iter(f"{ns}rect") if "roadmap-card__box" in r.get("class", "")]
    assert boxes and all(re.search(r"(^|;)fill:(#[0-9a-f]{6}|rgba?\()", r.get("style", "")) for r in boxes), (
        "colours inlined"
    )
    width, height = (float(v) for v in svg.get("viewBox", "").split()[2:])

    with page.expect_download() as png_download:
        page.click("[data-picture-download=png]")
    assert png_download.value.suggested_filename == "roadmap-2026.png"
    data = png_download.value.path().read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (round(width * 2), round(height * 2))
    tab.assert_clean()


def test_cards_follow_the_palette(fresh_tab: Callable[..., Tab]) -> None:
    """The status colours come from the theme's variables: the dark palette repaints the picture."""
    fills = "() => getComputedStyle(document.querySelector('.roadmap-card--completed .roadmap-card__stripe')).fill"
    light_tab = fresh_tab()
    light_tab.goto("2026/timeline/")
    light = light_tab.page.evaluate(fills)
    assert light == light_tab.page.evaluate(RESOLVED, "--roadmap-status-completed")
    dark_tab = fresh_tab(color_scheme="dark")
    dark_tab.goto("2026/timeline/")
    dark = dark_tab.page.evaluate(fills)
    assert dark != light and dark == dark_tab.page.evaluate(RESOLVED, "--roadmap-status-completed")
