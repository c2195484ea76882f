"""The roadmap picture: goals (or departments) as lanes, quarters as columns, one card per item, as inline SVG."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from roadmap_as_code.checking import check_roadmap
from roadmap_as_code.measuring.metrics import YearMetrics, year_metrics
from roadmap_as_code.model import TERMS
from roadmap_as_code.model.calendar import quarter_bounds
from roadmap_as_code.rendering.page_paths import Paths
from roadmap_as_code.rendering.pages import build_pages
from roadmap_as_code.rendering.picture import departments_picture, goals_picture, picture_block, picture_svg
from roadmap_as_code.rendering.picture.drawing import CARD_W, COL_W, LABEL_W, TEXT_W, TEXT_X, column_x, drawing
from roadmap_as_code.rendering.picture.text_fit import ELLIPSIS, text_width, wrap
from tests.helpers import AS_OF, REPO, RoadmapBuilder

NS = {"s": "http://www.w3.org/2000/svg"}
HOSTILE = '</svg><script>alert("x")</script> & <a href="javascript:alert(1)">x</a> {{ 7*7 }} \u2028'
TIMELINE = "2026/timeline.md"


def metrics_of(content: Path, base: Path, as_of: date = AS_OF, year: int = 2026) -> YearMetrics:
    """A year's metrics at as_of, of a roadmap that passes its checks as of AS_OF."""
    roadmap = check_roadmap(content, base, AS_OF)
    found = roadmap.year(year)
    assert found is not None
    return year_metrics(roadmap, found, as_of)


@pytest.fixture(scope="module")
def example() -> YearMetrics:
    return metrics_of(REPO / "roadmap", REPO)


def svg_of(metrics: YearMetrics, departments: bool = False) -> ET.Element:
    make = departments_picture if departments else goals_picture
    return ET.fromstring(picture_svg(make(metrics, Paths(metrics.year.year), TIMELINE)))


def cards(svg: ET.Element) -> dict[str, tuple[str, ET.Element]]:
    """Each card by its key, with the key of the lane it sits in; a key twice fails."""
    found: dict[str, tuple[str, ET.Element]] = {}
    for lane in svg.iterfind("s:g[@class='roadmap-lane']", NS):
        for card in lane.iterfind("s:g", NS):
            if "roadmap-card" in card.get("class", "").split():
                key = card.get("data-key", "")
                assert key not in found, f"card {key} drawn twice"
                found[key] = (lane.get("data-key", ""), card)
    return found


def box(card: ET.Element) -> tuple[float, float]:
    rect = card.find("s:rect[@class='roadmap-card__box']", NS)
    assert rect is not None
    return float(rect.get("x", "")), float(rect.get("width", ""))


def quarter_of_x(x: float) -> int:
    return int((x - LABEL_W) // COL_W) + 1


def test_every_milestone_is_one_card_in_its_goals_lane_and_its_quarters_column(example: YearMetrics) -> None:
    found = cards(svg_of(example))
    assert set(found) == {s.milestone.id for s in example.states}
    for state in example.states:
        lane, card = found[state.milestone.id]
        x, width = box(card)
        assert lane == state.milestone.goal
        assert quarter_of_x(x) == quarter_of_x(x + width) == state.milestone.quarter, state.milestone.id


def test_every_key_action_is_one_card_in_its_departments_lane_and_quarter(example: YearMetrics) -> None:
    found = cards(svg_of(example, departments=True))
    assert set(found) == {a.id for a in example.year.actions}
    for action in example.year.actions:
        lane, card = found[action.id]
        assert lane == action.department and quarter_of_x(box(card)[0]) == action.quarter, action.id


def test_a_card_takes_its_status_colour_class_and_says_its_status_in_words(example: YearMetrics) -> None:
    found = cards(svg_of(example))
    iso = next(s for s in example.states if s.milestone.id == "iso-27001-certification")
    assert iso.overdue
    _, card = found["iso-27001-certification"]
    assert "roadmap-card--overdue" in card.get("class", "").split()
    assert any(t.text and t.text.endswith("Overdue") for t in card.iterfind("s:text", NS))
    for key, (_, card) in found.items():
        term = card.get("class", "").split()[1].removeprefix("roadmap-card--")
        assert term in TERMS, key


def test_the_due_marker_sits_at_the_due_dates_place_in_its_quarter(example: YearMetrics) -> None:
    found = cards(svg_of(example))
    for state in example.states:
        m = state.milestone
        first, last = quarter_bounds(m.year, m.quarter)
        share = ((m.due - first).days + 0.5) / ((last - first).days + 1)
        marker = found[m.id][1].find("s:path[@class='roadmap-card__due']", NS)
        assert marker is not None
        tip = float(re.match(r"M([\d.]+) ", marker.get("d", ""))[1]) + 4.5  # type: ignore[index]
        x, width = box(found[m.id][1])
        expected = min(max(column_x(m.quarter) + share * COL_W, x + 8), x + width - 6)
        assert tip == pytest.approx(expected, abs=0.1), m.id


@pytest.mark.parametrize("as_of", [date(2026, 1, 1), date(2026, 5, 17), date(2026, 9, 30), date(2026, 12, 31)])
def test_the_today_line_falls_inside_the_as_of_quarters_column(as_of: date) -> None:
    svg = svg_of(metrics_of(REPO / "roadmap", REPO, as_of))
    line = svg.find("s:g[@class='roadmap-picture__today']/s:line", NS)
    assert line is not None
    x = float(line.get("x1", ""))
    quarter = (as_of.month - 1) // 3 + 1
    assert column_x(quarter) < x < column_x(quarter) + COL_W
    label = svg.find("s:g[@class='roadmap-picture__today']/s:text", NS)
    assert label is not None and label.text == f"As of {as_of.isoformat()}"


def test_a_year_other_than_the_as_of_year_has_no_today_line() -> None:
    """2025 seen from 2026, and 2026 seen from 2025: no line, no label."""
    assert svg_of(metrics_of(REPO / "roadmap", REPO, AS_OF, 2025)).find(".//*[@class='roadmap-picture__today']") is None
    early = metrics_of(REPO / "roadmap", REPO, date(2025, 12, 1), 2026)
    assert svg_of(early).find(".//*[@class='roadmap-picture__today']") is None


def test_the_same_roadmap_draws_the_same_bytes(example: YearMetrics) -> None:
    again = metrics_of(REPO / "roadmap", REPO)
    paths = Paths(2026)
    assert picture_svg(goals_picture(example, paths, TIMELINE)) == picture_svg(goals_picture(again, paths, TIMELINE))


def test_hostile_titles_are_escaped_text_and_whole_in_the_tooltip(builder: RoadmapBuilder) -> None:
    """Markup, a script end tag and a line separator in every name stay text: the SVG parses as XML, no element
    comes from a title, the card's lines read the title and its <title> holds all of it."""
    builder.write(
        "roadmap.yml",
        "organisation: Example Ltd\ndepartments:\n"
        '  - {id: marketing, name: "Mkt </svg>"}\n  - {id: sales, name: Sales}\n',
    )
    builder.goal("grow-revenue", title=f"Goal {HOSTILE}")
    for quarter, mid in enumerate(("more-leads", "more-deals", "more-revenue"), start=1):
        builder.milestone("grow-revenue", mid, quarter=quarter, title=f"{mid} {HOSTILE}")
    builder.action("marketing", "launch-campaign", title=f"Action {HOSTILE}", owner=f"Doer {HOSTILE}")
    builder.action("sales", "hire-closers", quarter=2, title=f"Hire {HOSTILE}", supports=["more-deals"])
    metrics = metrics_of(builder.content, builder.root)
    for departments in (False, True):
        svg = svg_of(metrics, departments)
        assert {el.tag.split("}")[1] for el in svg.iter()} <= {"svg", "title", "g", "rect", "line", "path", "text"}
        for _, card in cards(svg).values():
            tooltip = card.findtext("s:title", namespaces=NS) or ""
            title = tooltip.splitlines()[0]
            assert HOSTILE.split()[0] in title and "javascript:alert(1)" in tooltip
            lines = [t.text or "" for t in card.iterfind("s:text[@class='roadmap-card__title']", NS)]
            shown = "".join(lines).removesuffix(ELLIPSIS)
            assert "".join(title.split()).startswith("".join(shown.split())), (lines, title)  # words may break
        make = departments_picture if departments else goals_picture
        block = str(picture_block(make(metrics, Paths(2026), TIMELINE), "x"))
        assert "<script" not in block and "</svg><" not in block.replace("</svg>\n<div", "")
        assert all(link.href.endswith(".md") for link in drawing(make(metrics, Paths(2026), TIMELINE)).links)


def test_long_titles_wrap_into_three_lines_that_fit_then_end_with_an_ellipsis() -> None:
    title = "Consolidate " + "very long words " * 12 + "and Supercalifragilisticexpialidociousnesses"
    lines = wrap(title, TEXT_W, 12, 3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(text_width(line, 12) <= TEXT_W for line in lines)
    assert wrap("A" * 80, TEXT_W, 12, 3)[-1].endswith(ELLIPSIS)  # one word wider than the card
    assert wrap("Short title", TEXT_W, 12, 3) == ["Short title"]
    assert TEXT_X + TEXT_W < CARD_W


def test_every_card_line_fits_its_card_by_the_estimate(example: YearMetrics) -> None:
    for departments in (False, True):
        for _, card in cards(svg_of(example, departments)).values():
            for text in card.iterfind("s:text", NS):
                assert text_width(text.text or "", float(text.get("font-size", ""))) <= TEXT_W, text.text


def test_every_card_and_lane_label_has_a_link_over_it_to_a_generated_page(example: YearMetrics) -> None:
    pages = {p.path for p in build_pages(example.roadmap, AS_OF)}
    for make in (goals_picture, departments_picture):
        picture = make(example, Paths(2026), TIMELINE)
        links = drawing(picture).links
        assert [link.key for link in links if link.kind == "card"] == [card.key for card in picture.cards]
        assert [link.key for link in links if link.kind == "lane"] == [lane.key for lane in picture.lanes]
        for link in links:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(TIMELINE), link.href))
            assert target in pages, link.href


def test_the_block_keeps_the_picture_out_of_search_and_its_buttons_hidden_until_the_script_runs(
    example: YearMetrics,
) -> None:
    block = str(picture_block(goals_picture(example, Paths(2026), TIMELINE), "roadmap-2026"))
    assert "\n\n" not in block  # one raw HTML block for Markdown
    assert block.startswith('<figure class="roadmap-picture"') and "data-search-exclude" in block.split(">")[0]
    assert '<p class="roadmap-picture__actions" hidden>' in block
    first = re.search(
        r'<a class="roadmap-picture__link roadmap-picture__link--lane" href="([^"]+)" style="([^"]+)"', block
    )
    assert first and first[1] == "goals/grow-recurring-revenue.md" and first[2].startswith("left:0%;top:")
    assert 'data-filename="roadmap-2026"' in block
